package org.segdiampick.io;

/**
 * When two pixel sizes are the same: the one tolerance that import, project selection and decision reuse all
 * apply, so that what {@code import} accepts as one pixel size {@code run} accepts too.
 *
 * <p>1e-4 relative is far below anything that matters physically (0.4 px across a 4096 px micrograph) and far
 * above the rounding of a pixel size written as a float32 MRC header or as decimal text in a STAR file
 * (1.0599999 vs 1.06 is 1e-7), while any real mix of two data sets (1.06 vs 1.07 Å is 1 %) is caught.
 */
public final class PixelSize {
    /** Relative tolerance under which two pixel sizes are one. */
    public static final double RELATIVE_TOLERANCE = 1e-4;

    private PixelSize() {
    }

    /** True when {@code a} and {@code b} (Å/px) differ by at most {@link #RELATIVE_TOLERANCE} of the larger. */
    public static boolean same(double a, double b) {
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
}
