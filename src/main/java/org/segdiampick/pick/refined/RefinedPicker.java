package org.segdiampick.pick.refined;

import org.segdiampick.image.Image2D;
import org.segdiampick.pick.CarbonDetector;
import org.segdiampick.pick.Contrast;

import java.util.ArrayList;
import java.util.List;

/**
 * The refined, size-aware picker (docs/picking.md). Two executor-side operations around one driver-side decision:
 * <ol>
 *   <li>{@link #evidence}: per micrograph, the small summable {@link SizeEvidence} (blob scores at 15 sizes) from
 *       which the driver learns the particle diameter and the threshold ({@link RefinedDecision#learn});</li>
 *   <li>{@link #pick}: per micrograph, the particles at the decision's size: local maxima of the blob response
 *       at the detection diameter scoring at least the threshold (and standing out from pixel noise on a sparse micrograph,
 *       {@link BlobResponse#counts}), suppressed within 0.8 diameters, centred on their response's centroid
 *       ({@link CentreRefinement}), and not on
 *       carbon, on very dark contamination, or closer to the edge than half a box.</li>
 * </ol>
 * Stateless and thread-safe; deterministic (the carbon detector is seeded from the micrograph's name).
 */
public final class RefinedPicker {
    private final Contrast contrast;

    public RefinedPicker(Contrast contrast) {
        this.contrast = contrast;
    }

    /** Executor side, pass 1: the size evidence of one micrograph. */
    public SizeEvidence evidence(Image2D raw, double smpd) {
        check(raw);
        if (raw.isConstant()) return SizeEvidence.empty();
        return SizeEvidence.of(new WorkingGrid(raw, smpd, contrast));
    }

    /**
     * Executor side, pass 2 (or campaign mode): the picks of one micrograph, highest figure of merit first.
     *
     * @param micName the micrograph's file name (seeds the carbon detector)
     */
    public List<RefinedPick> pick(Image2D raw, double smpd, RefinedDecision decision, String micName) {
        check(raw);
        if (raw.isConstant()) return List.of();
        WorkingGrid grid = new WorkingGrid(raw, smpd, contrast);
        grid.binFor(decision.detectionDiameter(), CarbonScreen.GRID_DIAMETER);   // both grids in one pass over raw
        BlobResponse r = BlobResponse.of(grid, decision.detectionDiameter());
        CarbonScreen.Screen carbon = CarbonScreen.of(grid, CarbonDetector.seedFor(micName));
        int half = decision.boxPx() / 2;
        // peaks that cannot become picks (box not inside the micrograph, on carbon) go before the suppression: a
        // peak at the edge must not suppress a boxable neighbour and then be dropped itself
        List<Peak> peaks = PeakDetector.localMaxima(r.z(), r.nx(), r.ny(), decision.threshold()).stream().filter(p -> {
            int x = WorkingGrid.toRaw(p.x(), r.factor()), y = WorkingGrid.toRaw(p.y(), r.factor());
            return boxFits(x, y, half, raw) && carbon.usable(x, y);
        }).toList();
        peaks = NonMaximumSuppression.suppress(peaks, SizeEvidence.SUPPRESSION * r.diameterPx());
        peaks = peaks.stream().filter(p -> r.counts(p.score())).toList();
        peaks = ContaminationFilter.reject(peaks, grid.forDiameter(decision.detectionDiameter()), r.diameterPx());
        List<RefinedPick> out = new ArrayList<>();
        for (Peak p : peaks) {
            double[] c = CentreRefinement.centroid(r.z(), r.nx(), r.ny(), p.x(), p.y(), r.diameterPx());
            int x = WorkingGrid.toRaw(c[0], r.factor()), y = WorkingGrid.toRaw(c[1], r.factor());
            if (boxFits(x, y, half, raw)) out.add(new RefinedPick(x, y, p.score()));   // the refined centre may move out
        }
        return out;
    }

    /** A box of {@code 2 · half} px centred on raw pixel (x, y), i.e. columns x − half … x + half − 1, lies inside. */
    private static boolean boxFits(int x, int y, int half, Image2D raw) {
        return x >= half && y >= half && x + half <= raw.nx && y + half <= raw.ny;
    }

    private static void check(Image2D raw) {
        if (raw.hasNonFinite()) throw new IllegalArgumentException("micrograph contains NaN or infinite pixels");
    }
}
