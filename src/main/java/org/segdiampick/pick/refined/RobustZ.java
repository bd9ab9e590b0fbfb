package org.segdiampick.pick.refined;

/**
 * Robust standardisation of a map: {@code (v − median) / (1.4826 · MAD)}, so that the bulk of a
 * micrograph (background and noise) has unit spread whatever its grey levels, and a few bright particles or a
 * dark contaminant do not move the scale. Median and MAD are taken on a regular subsample of at most
 * {@value #SAMPLE} values (deterministic), by selection ({@link Median}).
 */
public final class RobustZ {
    static final int SAMPLE = 16384;
    /** 1 / Φ⁻¹(3/4): makes the MAD of a normal distribution equal to its standard deviation. */
    static final double MAD_TO_SD = org.segdiampick.estimate.DiameterStats.MAD_GAU_FACTOR;

    private RobustZ() {
    }

    /** {median, robust sd} of {@code v}; the sd is never 0 (an eps of the value range replaces it). */
    public static double[] centreAndScale(float[] v) {
        int step = Math.max(1, v.length / SAMPLE);
        int n = (v.length + step - 1) / step;
        float[] s = new float[n];
        for (int i = 0, j = 0; j < n; i += step, j++) s[j] = v[i];
        double med = Median.of(s);
        for (int j = 0; j < n; j++) s[j] = (float) Math.abs(s[j] - med);
        double sd = MAD_TO_SD * Median.of(s);
        if (!(sd > 0)) sd = Math.max(1e-12, Math.abs(med) * 1e-7);
        return new double[]{med, sd};
    }

    /** Standardises {@code v} in place; returns {median, robust sd} used. */
    public static double[] applyInPlace(float[] v) {
        double[] cs = centreAndScale(v);
        for (int i = 0; i < v.length; i++) v[i] = (float) ((v[i] - cs[0]) / cs[1]);
        return cs;
    }
}
