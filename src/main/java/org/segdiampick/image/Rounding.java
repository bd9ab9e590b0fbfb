package org.segdiampick.image;

/** Fortran's rounding as SIMPLE uses it (algorithm §0): the one copy for the picker, the thumbnail and the box size. */
public final class Rounding {
    private Rounding() {
    }

    /**
     * Fortran {@code nint}: round half away from zero. {@link Math#round} is exact at the edge
     * (0.49999999999999994 → 0), where {@code floor(|x| + 0.5)} would give 1.
     */
    public static long nint(double v) {
        if (Double.isNaN(v)) throw new IllegalArgumentException("nint of NaN");
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }

    /** SIMPLE's {@code round2even}: the nearest even integer, ties going down. */
    public static int round2even(double v) {
        int r = Math.toIntExact(nint(v));
        if (r % 2 == 0) return r;
        return Math.abs(r - 1 - v) <= Math.abs(r + 1 - v) ? r - 1 : r + 1;
    }
}
