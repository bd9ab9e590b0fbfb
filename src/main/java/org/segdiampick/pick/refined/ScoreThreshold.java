package org.segdiampick.pick.refined;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The automatic threshold of the refined picker: a two-component Gaussian mixture fitted by expectation
 * maximisation to the batch's pooled histogram of ln(score), the threshold being the score between the two means
 * where the components' weighted densities are equal (equal posterior: a peak above it is more likely a particle
 * than background). Peaks of background and noise have low scores, particles high ones, so the log-score
 * distribution of all suppressed peaks is bimodal when there are particles.
 *
 * <p>The fit is on binned counts, not on points: the driver only holds the summed {@link ScoreHistogram}, and
 * Commons Math's mixture EM ({@code MultivariateNormalMixtureExpectationMaximization}) takes individual points,
 * so the weighted E and M steps are written out here (the densities are Commons Math's). When the fit degenerates
 * (fewer than {@value #MIN_PEAKS} peaks, a component with under 2 % of the weight, or no crossing between the
 * means), the threshold falls back to the weighted median of the scores.
 */
public final class ScoreThreshold {
    static final int MIN_PEAKS = 20;
    static final int ITERATIONS = 300;
    static final double MIN_WEIGHT = 0.02;

    /** A fitted mixture (ln-score means, sds, weights) and the threshold it gives (a score, not its ln). */
    public record Fit(double mean1, double sd1, double weight1, double mean2, double sd2, double weight2,
                      double threshold, boolean fallback) {
    }

    private ScoreThreshold() {
    }

    /** The threshold score for the pooled histogram {@code h}. */
    public static double of(ScoreHistogram h) {
        return fit(h).threshold();
    }

    public static Fit fit(ScoreHistogram h) {
        int n = ScoreHistogram.BINS;
        double[] x = new double[n], c = new double[n];
        double total = 0;
        for (int b = 0; b < n; b++) {
            x[b] = ScoreHistogram.logCentre(b);
            c[b] = h.count(b);
            total += c[b];
        }
        double median = weightedMedian(x, c, total);
        if (total < MIN_PEAKS) return new Fit(median, 0, 1, median, 0, 0, Math.exp(median), true);
        // start: split at the weighted median
        double[] m = new double[2], s = new double[2], w = new double[2];
        double[][] acc = new double[2][3];
        for (int b = 0; b < n; b++) {
            int k = x[b] < median ? 0 : 1;
            acc[k][0] += c[b];
            acc[k][1] += c[b] * x[b];
            acc[k][2] += c[b] * x[b] * x[b];
        }
        if (acc[0][0] == 0 || acc[1][0] == 0) return new Fit(median, 0, 1, median, 0, 0, Math.exp(median), true);
        mStep(acc, total, m, s, w);
        double[] r = new double[n];
        for (int it = 0; it < ITERATIONS; it++) {
            NormalDistribution g0 = new NormalDistribution(null, m[0], s[0]), g1 = new NormalDistribution(null, m[1], s[1]);
            acc = new double[2][3];
            for (int b = 0; b < n; b++) {
                if (c[b] == 0) continue;
                double p0 = w[0] * g0.density(x[b]), p1 = w[1] * g1.density(x[b]);
                r[b] = p0 + p1 > 0 ? p1 / (p0 + p1) : (x[b] > m[1] ? 1 : 0);
                acc[0][0] += c[b] * (1 - r[b]);
                acc[0][1] += c[b] * (1 - r[b]) * x[b];
                acc[0][2] += c[b] * (1 - r[b]) * x[b] * x[b];
                acc[1][0] += c[b] * r[b];
                acc[1][1] += c[b] * r[b] * x[b];
                acc[1][2] += c[b] * r[b] * x[b] * x[b];
            }
            if (acc[0][0] <= 0 || acc[1][0] <= 0) break;
            mStep(acc, total, m, s, w);
        }
        int lo = m[0] <= m[1] ? 0 : 1, hi = 1 - lo;
        if (w[lo] < MIN_WEIGHT || w[hi] < MIN_WEIGHT)
            return new Fit(m[lo], s[lo], w[lo], m[hi], s[hi], w[hi], Math.exp(median), true);
        // equal weighted densities between the means: scan finely from the low mean up
        NormalDistribution gl = new NormalDistribution(null, m[lo], s[lo]), gh = new NormalDistribution(null, m[hi], s[hi]);
        int steps = 2000;
        for (int i = 0; i <= steps; i++) {
            double t = m[lo] + (m[hi] - m[lo]) * i / steps;
            if (w[hi] * gh.density(t) >= w[lo] * gl.density(t))
                return new Fit(m[lo], s[lo], w[lo], m[hi], s[hi], w[hi], Math.exp(t), false);
        }
        return new Fit(m[lo], s[lo], w[lo], m[hi], s[hi], w[hi], Math.exp(median), true);
    }

    private static void mStep(double[][] acc, double total, double[] m, double[] s, double[] w) {
        // a floor of half a bin keeps a component from collapsing onto one bin
        double minSd = 0.5 * (ScoreHistogram.logCentre(1) - ScoreHistogram.logCentre(0));
        for (int k = 0; k < 2; k++) {
            m[k] = acc[k][1] / acc[k][0];
            s[k] = Math.max(minSd, Math.sqrt(Math.max(0, acc[k][2] / acc[k][0] - m[k] * m[k])));
            w[k] = acc[k][0] / total;
        }
    }

    private static double weightedMedian(double[] x, double[] c, double total) {
        double half = total / 2, run = 0;
        for (int b = 0; b < x.length; b++) {
            run += c[b];
            if (run >= half && c[b] > 0) return x[b];
        }
        return x[x.length / 2];
    }
}
