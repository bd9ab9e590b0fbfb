package org.segdiampick;

/**
 * SIMPLE's and the policy's constants of {@code segdiampick_mics}, in one place so that no two copies can drift
 * apart: the policy's parameter table (policy §3) and the fixed parameters of the segmentation picker (algorithm
 * §4–§7, Appendix A). Kernel-internal constants (histogram bins, k-means restarts, ICM levels) stay with the one
 * kernel that uses them.
 */
public final class Parameters {

    // ---- policy §3 -------------------------------------------------------------------------------------------

    /** Pixel size of the grid the segmentation picker works on, Å ({@code SMPD_SHRINK1}). */
    public static final double SMPD_SHRINK1 = 4.0;
    /** Number of k-means clusters of stage 3, and the k-means iteration limit ({@code NQ_DIAMS}; B-6). */
    public static final int NQ_DIAMS = 10;
    /** Rejection threshold of both Z-scores of stage 3 ({@code SIGMA_CRIT}). */
    public static final double SIGMA_CRIT = 2.0;

    // ---- binarisation and the erosion correction (algorithm §7.1–7.3; policy stage 1 and "Do Not") ----------

    /** Target foreground fraction of the binarisation threshold ({@code FRAC_FG}). */
    public static final double FRAC_FG = 0.17;
    /** 3 × 3 erosions of the binary image after thresholding: each takes one shrunken pixel off every edge. */
    public static final int EROSIONS = 2;
    /**
     * Added once to every pick-time diameter before any statistics, and to every diameter at the size gates:
     * the {@link #EROSIONS} pixels of {@link #SMPD_SHRINK1} Å that the binarisation took off (the policy's
     * {@code 2 × SMPD_SHRINK1}; its "Do Not" rule ties the two, so the correction is derived, not written).
     */
    public static final double EROSION_CORRECTION = EROSIONS * SMPD_SHRINK1;

    // ---- pass-1 size gate (algorithm §7.7) -------------------------------------------------------------------

    /** Smallest diameter kept: 3 shrunken pixels, Å. */
    public static final double MIN_DIAMETER = 3 * SMPD_SHRINK1;
    /** Default largest corrected diameter kept ({@code moldiam_max}), Å. */
    public static final double DEFAULT_MOLDIAM_MAX = 500.0;
    /** A micrograph more than this fraction carbon yields no particles (§7.7 step 3). */
    public static final double MAX_CARBON_FRACTION = 0.98;

    // ---- filters of pass 1 (algorithm §4.3, §5.1, §6) --------------------------------------------------------

    /** FWHM of the Gaussian background estimate, Å ({@code HP_BACKGR_SUBTR}). */
    public static final double HP_BACKGR_SUBTR = 400;
    /** Low-pass limit of the denoising cascade and of the carbon detector's input, Å ({@code LP_UB}). */
    public static final double LP_UB = 15.0;
    /** Negative-value damping factor ({@code DAMP}). */
    public static final float DAMP = 10f;
    /** Total-variation filter weight ({@code LAM_TV}). */
    public static final double LAM_TV = 7.0;
    /** ICM smoothness weight ({@code LAM_ICM}). */
    public static final double LAM_ICM = 100.0;
    /** Half-width of the median filter's window ({@code WINSZ_MED}: 7 × 7). */
    public static final int WINSZ_MED = 3;

    private Parameters() {
    }
}
