package org.segdiampick.estimate;

import org.segdiampick.image.MagicBoxes;
import org.segdiampick.image.Rounding;

/**
 * Box size (policy stage 4) and mask diameter (stage 5), with SIMPLE's FFT-friendly box sizes
 * (algorithm §8.7, {@code simple_magic_boxes.f90}).
 */
public final class BoxRules {

    /** Clearance factor of the box over the largest accepted diameter (stage 4). */
    public static final double BOX_FACTOR = 1.5;
    /** Cap of the mask diameter relative to the largest accepted diameter (stage 5). */
    public static final double MASK_FACTOR = 1.2;
    /** Cosine-edge half-width reserved at the box boundary, px (stage 5 {@code COSMSKHALFWIDTH}). */
    public static final double COSMSKHALFWIDTH = 6.0;

    private BoxRules() {
    }

    /** A copy of the magic box list. */
    public static int[] magicBoxes() {
        return MagicBoxes.sizes();
    }

    /**
     * The box for a trial size, rounded UP (policy stage 4 wording, decisions.md B-17; SIMPLE takes the
     * nearest entry): the smallest list entry ≥ {@code trial}; past 12500 the next even integer ≥ trial.
     */
    public static int magicBoxAtLeast(long trial) {
        int i = MagicBoxes.firstAtLeast(trial);
        if (trial <= MagicBoxes.last()) return MagicBoxes.get(i);
        long even = trial + (trial & 1);
        if (even > Integer.MAX_VALUE) throw new IllegalArgumentException("box size " + trial + " px is out of range");
        return (int) even;
    }

    /**
     * SIMPLE's {@code find_larger_magic_box(t)} (algorithm §8.7, used for the background padding §4.3):
     * the smallest list entry ≥ t; for 12500 &lt; t ≤ 12516 the last entry 12500 (slightly smaller than t);
     * beyond that {@code round2even(t)}, which for an odd integer is t − 1 (ties go down).
     */
    public static int findLargerMagicBox(long t) {
        return MagicBoxes.largerOrEqual(t);
    }

    /** Stage 4: {@code box = magic box ≥ nint(1.5 × diamMax / smpd)}, diamMax post-filter and corrected (Å). */
    public static int boxSize(double diamMax, double smpd) {
        checkPositive(smpd, "pixel size");
        return magicBoxAtLeast(Rounding.nint(BOX_FACTOR * diamMax / smpd));
    }

    /** Stage 5: {@code min((box − 6) × smpd, 1.2 × diamMax)}, Å. */
    public static double maskDiameter(int box, double smpd, double diamMax) {
        checkPositive(smpd, "pixel size");
        return Math.min((box - COSMSKHALFWIDTH) * smpd, MASK_FACTOR * diamMax);
    }

    private static void checkPositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
    }
}
