package org.segdiampick.pick;

import org.segdiampick.Parameters;
import org.segdiampick.binary.ConnectedComponents;

import java.util.ArrayList;
import java.util.List;

/**
 * The size gate of both passes, on a component's pick-time diameter d (Å) and its corrected diameter
 * d + {@link Parameters#EROSION_CORRECTION}: a component passes iff {@code d ≥ minDiameter} and
 * {@code minCorrected ≤ d + correction ≤ maxCorrected}.
 *
 * @param minDiameter  smallest pick-time diameter, Å
 * @param minCorrected smallest corrected diameter, Å
 * @param maxCorrected largest corrected diameter, Å
 */
public record SizeGate(double minDiameter, double minCorrected, double maxCorrected) {

    /**
     * Half-width of pass 2's tolerance, Å. Bounds imported from a decision file or computed from diameters
     * read back from a text file carry a rounding error of the last printed digit; without the tolerance the
     * particle that defines a bound could fall just outside it (the problem B-14 describes for SIMPLE).
     */
    public static final double TOLERANCE = 1e-3;

    /** Pass 1 (algorithm §7.7): {@code d ≥ 12 Å} and {@code d + 8 ≤ moldiam_max}. */
    public static SizeGate pass1(double moldiamMax) {
        return new SizeGate(Parameters.MIN_DIAMETER, Double.NEGATIVE_INFINITY, moldiamMax);
    }

    /** Pass 2 (§7.8, policy stage 6): {@code d + 8} in the accepted bounds, within {@link #TOLERANCE}. */
    public static SizeGate pass2(double diamMin, double diamMax) {
        return new SizeGate(Double.NEGATIVE_INFINITY, diamMin - TOLERANCE, diamMax + TOLERANCE);
    }

    public boolean passes(double d) {
        double corrected = d + Parameters.EROSION_CORRECTION;
        return d >= minDiameter && corrected >= minCorrected && corrected <= maxCorrected;
    }

    /**
     * The components that pass, in label order.
     *
     * @param diameters pick-time diameters indexed by label (as {@link org.segdiampick.binary.Regions#diameters})
     */
    public Selection select(ConnectedComponents cc, double[] diameters, ShrinkGeometry geo) {
        List<Pick> picks = new ArrayList<>();
        boolean[] kept = new boolean[cc.count() + 1];
        for (int label = 1; label <= cc.count(); label++) {
            double d = diameters[label];
            if (!passes(d)) continue;
            kept[label] = true;
            picks.add(new Pick(d, geo.rawX(cc.centroidX(label)), geo.rawY(cc.centroidY(label))));
        }
        return new Selection(List.copyOf(picks), kept);
    }

    /**
     * @param picks one per passing component, centre in raw-micrograph pixels
     * @param kept  per label (element 0 unused), whether it passed
     */
    public record Selection(List<Pick> picks, boolean[] kept) {
    }
}
