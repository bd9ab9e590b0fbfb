package org.segdiampick.image;

import org.segdiampick.pick.ShrinkGeometry;

/** SIMPLE's FFT-friendly ("magic") box sizes, algorithm §8.7, as needed by the background padding (§4.3). */
public final class MagicBoxes {

    private static final int[] SIZES = {32, 36, 40, 48, 52, 56, 64, 66, 70, 72, 80, 84, 88, 100, 104, 108, 112, 120,
        128, 130, 132, 140, 144, 150, 160, 162, 168, 176, 180, 182, 192, 200, 208, 216, 220, 224, 240, 256, 264, 288,
        300, 308, 320, 324, 336, 338, 352, 364, 384, 400, 420, 432, 448, 450, 462, 480, 486, 500, 504, 512, 520, 528,
        546, 560, 576, 588, 600, 640, 648, 650, 660, 672, 686, 700, 702, 704, 720, 726, 728, 750, 768, 770, 784, 800,
        810, 840, 882, 896, 910, 924, 936, 972, 980, 1008, 1014, 1020, 1024, 1296, 1536, 1728, 1944, 2048, 2304, 2592,
        3072, 3200, 3456, 3888, 4096, 4608, 5000, 5184, 6144, 6250, 6400, 6912, 7776, 8192, 9216, 10240, 12288, 12500};

    private MagicBoxes() {
    }

    /**
     * {@code find_larger_magic_box(t)}: the smallest list entry ≥ t; past the last entry (12500) SIMPLE keeps
     * 12500 up to t = 12516 and returns {@code round2even(t)} beyond (§4.3 step 1).
     */
    public static int largerOrEqual(int t) {
        for (int s : SIZES) if (s >= t) return s;
        int last = SIZES[SIZES.length - 1];
        return t - last > 16 ? ShrinkGeometry.round2even(t) : last;
    }
}
