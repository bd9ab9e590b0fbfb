package org.segdiampick.io;

/**
 * The rules a micrograph's header must pass before the picker spends time on it (policy stage 1, fault
 * isolation): a valid project pixel size, and a header pixel size that, if the header states one
 * ({@link MrcHeader#statedPixelSize()}), agrees with the project's. Readability (2-D, known mode, not
 * truncated) is the reader's own check. Each failure is an {@link IllegalArgumentException} naming the file.
 */
public final class MicrographAdmission {

    /** Relative difference between header and project pixel size above which the micrograph is rejected. */
    public static final double MAX_SMPD_MISMATCH = 0.05;

    private MicrographAdmission() {
    }

    /** The project's pixel size for {@code path} must be positive and finite. */
    public static void checkProjectPixelSize(String path, double smpd) {
        if (!(smpd > 0) || !Double.isFinite(smpd))
            throw new IllegalArgumentException(path + ": no valid pixel size (smpd = " + smpd + ")");
    }

    /** A stated header pixel size must lie within {@link #MAX_SMPD_MISMATCH} of the project's {@code smpd}. */
    public static void checkHeader(String path, double smpd, MrcHeader h) {
        Double hs = h.statedPixelSize();
        if (hs != null && Math.abs(hs - smpd) > MAX_SMPD_MISMATCH * smpd)
            throw new IllegalArgumentException(path + ": pixel size in the header (" + hs
                    + " Å) differs from the project's smpd (" + smpd + " Å)");
    }
}
