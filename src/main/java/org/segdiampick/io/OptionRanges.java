package org.segdiampick.io;

import java.util.Locale;

/**
 * The physically plausible range of each numeric option, checked on the driver before Spark starts (a value out
 * of range used to surface inside Spark tasks as traces, or as an "integer overflow" of every micrograph). Each
 * check throws an {@link OptionException} naming the option, its value and the range.
 */
public final class OptionRanges {
    /** Pixel size, Å/px: from sub-ångström super-resolution frames to heavily binned screening images. */
    public static final double SMPD_MIN = 0.1, SMPD_MAX = 20;
    /**
     * Largest molecule diameter, Å: the smallest particles worth picking are a few nm; the largest icosahedral
     * viruses imaged by single-particle cryo-EM are below 5000 Å.
     */
    public static final double MOLDIAM_MAX_MIN = 10, MOLDIAM_MAX_MAX = 5000;

    private OptionRanges() {
    }

    /** {@code --smpd}, when given (null = not given). */
    public static void checkSmpd(Double smpd) {
        if (smpd == null) return;
        if (!(smpd >= SMPD_MIN && smpd <= SMPD_MAX))
            throw new OptionException("--smpd", fmt(smpd) + " Å/px is not a plausible pixel size (" + fmt(SMPD_MIN) + " to "
                    + fmt(SMPD_MAX) + " Å/px)");
    }

    /** {@code --moldiam-max}, Å. */
    public static void checkMoldiamMax(double moldiamMax) {
        if (!(moldiamMax >= MOLDIAM_MAX_MIN && moldiamMax <= MOLDIAM_MAX_MAX))
            throw new OptionException("--moldiam-max", fmt(moldiamMax) + " Å is not a plausible largest molecule diameter ("
                    + fmt(MOLDIAM_MAX_MIN) + " to " + fmt(MOLDIAM_MAX_MAX) + " Å)");
    }

    /** {@code --max-failed-fraction}: a fraction, 0 to 1. */
    public static void checkMaxFailedFraction(double f) {
        if (!(f >= 0 && f <= 1))
            throw new OptionException("--max-failed-fraction", "must be a fraction from 0 to 1, got " + fmt(f));
    }

    /** {@code --mic-to}, when given: at least 1. */
    public static void checkMicTo(Integer micTo) {
        if (micTo != null && micTo < 1) throw new OptionException("--mic-to", "must be at least 1, got " + micTo);
    }

    /** The options of pass 1 ({@code run}, {@code preprocess}); {@code smpd} may be null (not an option there). */
    public static void checkPick(Double smpd, double moldiamMax, Integer micTo, double maxFailedFraction) {
        checkSmpd(smpd);
        checkMoldiamMax(moldiamMax);
        checkMicTo(micTo);
        checkMaxFailedFraction(maxFailedFraction);
    }

    /** Short and exact: 1e9 as {@code 1.0E9}, 0.1 as {@code 0.1}, 500 as {@code 500}. */
    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? String.format(Locale.ROOT, "%d", (long) v) : Double.toString(v);
    }
}
