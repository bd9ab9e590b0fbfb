package org.segdiampick.pick;

import org.segdiampick.Parameters;

import org.segdiampick.binary.Binarizer;
import org.segdiampick.binary.BinaryImage;
import org.segdiampick.binary.ConnectedComponents;
import org.segdiampick.image.BackgroundSubtraction;
import org.segdiampick.image.EdgeAverage;
import org.segdiampick.image.FourierResample;
import org.segdiampick.image.Icm;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.LowPass;
import org.segdiampick.image.MedianFilter;
import org.segdiampick.image.NegativeDamping;
import org.segdiampick.image.NonLocalMeans;
import org.segdiampick.image.TvFilter;

import java.util.List;
import java.util.function.Consumer;

/**
 * Pass 1 of the segmentation picker, SIMPLE's {@code picksegdiam%pick_1} (algorithm §7.7): a raw micrograph
 * becomes a list of particles with their diameters and centres, plus the density, topology and binary
 * images that {@code preprocess} caches and pass 2 ({@link RePicker}) re-reads.
 *
 * <p>Stages: background subtraction and contrast (§4.3–4.4), Fourier resampling to ≈ 4 Å (§4.4, B-31),
 * amorphous-carbon mask (§5), denoising cascade (§6), binarisation (§7.1), connected components and the
 * size gate {@code d ≥ 12 Å}, {@code d + 8 ≤ moldiam_max}. One picker serves many micrographs on one thread;
 * FFT plans and buffers are cached per thread by the image kernels.
 */
public final class SegmentationPicker {

    /**
     * The kernels of pass 1 in which decisions.md departs from SIMPLE: the Fourier resampling (B-15), the
     * low-pass (B-24), non-local means (B-25), the median filter (B-2, B-26) and the diameter measure (B-14).
     * Production uses {@link #STANDARD}; the agreement test substitutes imitations of SIMPLE's own versions and
     * gets SIMPLE's pass 1 exactly, which shows that every other stage agrees with SIMPLE.
     */
    public interface Kernels {
        Image2D resample(Image2D img, int nx, int ny);

        void lowPass(Image2D img, double lpAngstrom);

        void nonLocalMeans(Image2D img);

        void median(Image2D img, int halfWidth);

        /** Diameters (Å, indexed by label) of the components on the shrunken grid. */
        double[] diameters(ConnectedComponents cc, ShrinkGeometry geo);
    }

    /** This project's kernels (decisions.md). */
    public static final Kernels STANDARD = new Kernels() {
        @Override
        public Image2D resample(Image2D img, int nx, int ny) {
            return FourierResample.resample(img, nx, ny);
        }

        @Override
        public void lowPass(Image2D img, double lpAngstrom) {
            LowPass.apply(img, lpAngstrom);
        }

        @Override
        public void nonLocalMeans(Image2D img) {
            NonLocalMeans.apply(img);
        }

        @Override
        public void median(Image2D img, int halfWidth) {
            MedianFilter.apply(img, halfWidth);
        }

        @Override
        public double[] diameters(ConnectedComponents cc, ShrinkGeometry geo) {
            return cc.regions(geo.smpdX(), geo.smpdY()).diameters();
        }
    };

    private final Contrast contrast;
    private final double moldiamMax;
    private final Kernels kernels;

    public SegmentationPicker(Contrast contrast, double moldiamMax) {
        this(contrast, moldiamMax, STANDARD);
    }

    public SegmentationPicker(Contrast contrast, double moldiamMax, Kernels kernels) {
        if (!(moldiamMax > Parameters.MIN_DIAMETER + Parameters.EROSION_CORRECTION))
            throw new IllegalArgumentException("moldiam_max must exceed " + (Parameters.MIN_DIAMETER + Parameters.EROSION_CORRECTION) + " Å, got " + moldiamMax);
        this.contrast = contrast;
        this.moldiamMax = moldiamMax;
        this.kernels = kernels;
    }

    /**
     * Picks one micrograph.
     *
     * @param raw     the micrograph as read (its own pixel size is ignored in favour of {@code smpd})
     * @param smpd    the project's pixel size, Å
     * @param micName the micrograph's file name: seeds the carbon detector so reruns are identical (B-19)
     * @throws IllegalArgumentException for NaN or infinite pixels
     */
    public PickResult pick(Image2D raw, double smpd, String micName) {
        return pick(raw, smpd, micName, stage -> { });
    }

    /** As {@link #pick(Image2D, double, String)}, reporting the start of each stage (for the benchmark). */
    public PickResult pick(Image2D raw, double smpd, String micName, Consumer<String> stageListener) {
        if (raw.hasNonFinite()) throw new IllegalArgumentException("micrograph contains NaN or infinite pixels");
        ShrinkGeometry geo = ShrinkGeometry.of(raw.nx, raw.ny, smpd);
        if (raw.isConstant()) return empty(geo, PickResult.Outcome.CONSTANT, 0);

        // The kernels work in place (Image2D): the caller's raw image, the carbon detector's input and the density
        // image the cascade passes through are the three copies; the resampled image is re-labelled with the
        // geometry's per-axis pixel size (whatever the resampling kernel reports), not copied.
        stageListener.accept("background");
        Image2D img = new Image2D(raw.nx, raw.ny, smpd, smpd, raw.data.clone());
        BackgroundSubtraction.apply(img);
        if (contrast == Contrast.BLACK) negate(img.data);

        stageListener.accept("resample");
        Image2D shrunk = kernels.resample(img, geo.nx(), geo.ny());
        Image2D s = new Image2D(geo.nx(), geo.ny(), geo.smpdX(), geo.smpdY(), shrunk.data);

        stageListener.accept("carbon");
        Image2D lp = s.copy();
        kernels.lowPass(lp, Parameters.LP_UB);
        CarbonMask carbon = CarbonDetector.detect(lp, CarbonDetector.seedFor(micName));
        if (carbon.carbonFraction() > Parameters.MAX_CARBON_FRACTION) return empty(geo, PickResult.Outcome.CARBON, carbon.carbonFraction());

        stageListener.accept("cascade");
        EdgeAverage.apply(s);
        NegativeDamping.apply(s, Parameters.DAMP);
        kernels.lowPass(s, Parameters.LP_UB);
        TvFilter.apply(s, Parameters.LAM_TV);
        Image2D density = s.copy();
        stageListener.accept("nlmeans");
        kernels.nonLocalMeans(s);
        stageListener.accept("icm");
        Icm.apply(s, Parameters.LAM_ICM);
        stageListener.accept("median");
        kernels.median(s, Parameters.WINSZ_MED);

        stageListener.accept("binarise");
        BinaryImage bin = Binarizer.binarize(s);
        if (carbon.carbonFound()) bin.applyMask(carbon.usable());

        stageListener.accept("components");
        ConnectedComponents cc = ConnectedComponents.label(bin);
        SizeGate.Selection sel = SizeGate.pass1(moldiamMax).select(cc, kernels.diameters(cc, geo), geo);
        BinaryImage kept = cc.keep(label -> sel.kept()[label]);
        stageListener.accept("done");
        return new PickResult(geo, sel.picks().isEmpty() ? PickResult.Outcome.NO_PARTICLES : PickResult.Outcome.PICKED,
                sel.picks(), density, s, kept, carbon.carbonFraction());
    }

    private static PickResult empty(ShrinkGeometry geo, PickResult.Outcome outcome, double carbonFraction) {
        return new PickResult(geo, outcome, List.of(), null, null, null, carbonFraction);
    }

    private static void negate(float[] a) {
        for (int i = 0; i < a.length; i++) a[i] = -a[i];
    }
}
