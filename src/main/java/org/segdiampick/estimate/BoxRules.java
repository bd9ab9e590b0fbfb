package org.segdiampick.estimate;

/**
 * Box size (policy stage 4) and mask diameter (stage 5), with SIMPLE's FFT-friendly box sizes
 * (algorithm §8.7, {@code simple_magic_boxes.f90}).
 */
public final class BoxRules {

    /** SIMPLE's list of FFT-friendly box sizes, ascending (algorithm §8.7, 122 entries). */
    private static final int[] MAGIC_BOXES = {
        32, 36, 40, 48, 52, 56, 64, 66, 70, 72, 80, 84, 88, 100, 104, 108, 112, 120, 128, 130, 132, 140, 144,
        150, 160, 162, 168, 176, 180, 182, 192, 200, 208, 216, 220, 224, 240, 256, 264, 288, 300, 308, 320,
        324, 336, 338, 352, 364, 384, 400, 420, 432, 448, 450, 462, 480, 486, 500, 504, 512, 520, 528, 546,
        560, 576, 588, 600, 640, 648, 650, 660, 672, 686, 700, 702, 704, 720, 726, 728, 750, 768, 770, 784,
        800, 810, 840, 882, 896, 910, 924, 936, 972, 980, 1008, 1014, 1020, 1024, 1296, 1536, 1728, 1944,
        2048, 2304, 2592, 3072, 3200, 3456, 3888, 4096, 4608, 5000, 5184, 6144, 6250, 6400, 6912, 7776,
        8192, 9216, 10240, 12288, 12500};

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
        return MAGIC_BOXES.clone();
    }

    /** Fortran {@code nint}: round half away from zero (algorithm §0). */
    public static long nint(double v) {
        if (Double.isNaN(v)) throw new IllegalArgumentException("nint of NaN");
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }

    /**
     * The box for a trial size, rounded UP (policy stage 4 wording, decisions.md B-17; SIMPLE takes the
     * nearest entry): the smallest list entry ≥ {@code trial}; past 12500 the next even integer ≥ trial.
     */
    public static int magicBoxAtLeast(long trial) {
        int i = firstAtLeast(trial);
        if (i < MAGIC_BOXES.length) return MAGIC_BOXES[i];
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
        int i = firstAtLeast(t);
        if (i < MAGIC_BOXES.length) return MAGIC_BOXES[i];
        int last = MAGIC_BOXES[MAGIC_BOXES.length - 1];
        if (t - last <= 16) return last;
        long even = t - (t & 1);
        if (even > Integer.MAX_VALUE) throw new IllegalArgumentException("box size " + t + " px is out of range");
        return (int) even;
    }

    /** Stage 4: {@code box = magic box ≥ nint(1.5 × diamMax / smpd)}, diamMax post-filter and corrected (Å). */
    public static int boxSize(double diamMax, double smpd) {
        checkPositive(smpd, "pixel size");
        return magicBoxAtLeast(nint(BOX_FACTOR * diamMax / smpd));
    }

    /** Stage 5: {@code min((box − 6) × smpd, 1.2 × diamMax)}, Å. */
    public static double maskDiameter(int box, double smpd, double diamMax) {
        checkPositive(smpd, "pixel size");
        return Math.min((box - COSMSKHALFWIDTH) * smpd, MASK_FACTOR * diamMax);
    }

    private static int firstAtLeast(long t) {
        int lo = 0, hi = MAGIC_BOXES.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (MAGIC_BOXES[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static void checkPositive(double v, String what) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
    }
}
