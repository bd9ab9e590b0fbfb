package org.segdiampick.image;

import java.util.Arrays;

/**
 * SIMPLE's FFT-friendly ("magic") box sizes, algorithm §8.7 ({@code simple_magic_boxes.f90}): the single copy of
 * the list, used for the background padding (§4.3) and, through {@code estimate.BoxRules}, for the box size
 * (policy stage 4).
 */
public final class MagicBoxes {

    private static final int[] SIZES = {32, 36, 40, 48, 52, 56, 64, 66, 70, 72, 80, 84, 88, 100, 104, 108, 112, 120,
        128, 130, 132, 140, 144, 150, 160, 162, 168, 176, 180, 182, 192, 200, 208, 216, 220, 224, 240, 256, 264, 288,
        300, 308, 320, 324, 336, 338, 352, 364, 384, 400, 420, 432, 448, 450, 462, 480, 486, 500, 504, 512, 520, 528,
        546, 560, 576, 588, 600, 640, 648, 650, 660, 672, 686, 700, 702, 704, 720, 726, 728, 750, 768, 770, 784, 800,
        810, 840, 882, 896, 910, 924, 936, 972, 980, 1008, 1014, 1020, 1024, 1296, 1536, 1728, 1944, 2048, 2304, 2592,
        3072, 3200, 3456, 3888, 4096, 4608, 5000, 5184, 6144, 6250, 6400, 6912, 7776, 8192, 9216, 10240, 12288, 12500};

    private MagicBoxes() {
    }

    /** A copy of the list, ascending (122 entries). */
    public static int[] sizes() {
        return SIZES.clone();
    }

    /** The largest entry (12500). */
    public static int last() {
        return SIZES[SIZES.length - 1];
    }

    /** Index of the smallest entry ≥ t, or {@code sizes().length} when t is past the end. */
    public static int firstAtLeast(long t) {
        if (t > last()) return SIZES.length;
        int i = Arrays.binarySearch(SIZES, (int) Math.max(t, Integer.MIN_VALUE));
        return i >= 0 ? i : -(i + 1); // the entries are distinct: a hit is the first entry ≥ t, a miss its insertion point
    }

    public static int get(int index) {
        return SIZES[index];
    }

    /**
     * SIMPLE's {@code find_larger_magic_box(t)}: the smallest entry ≥ t; for 12500 &lt; t ≤ 12516 the last entry
     * 12500 (slightly smaller than t); beyond that {@code round2even(t)}, which for an odd integer is t − 1.
     */
    public static int largerOrEqual(long t) {
        int i = firstAtLeast(t);
        if (i < SIZES.length) return SIZES[i];
        if (t - last() <= 16) return last();
        long even = t - (t & 1);
        if (even > Integer.MAX_VALUE) throw new IllegalArgumentException("box size " + t + " px is out of range");
        return (int) even;
    }
}
