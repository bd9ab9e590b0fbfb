package org.segdiampick.estimate;

import java.util.Arrays;

/**
 * SIMPLE's {@code calc_stats} (algorithm §8.1; policy stage 2): mean, median, sample standard deviation
 * (n − 1), minimum and maximum of a set of diameters.
 *
 * <p>Medians are true medians (decisions.md B-2: the reference's faulty quick-select is not copied);
 * for even n the mean of the two middle values. One value gives sdev 0 (B-9).
 */
public record DiameterStats(double avg, double med, double sdev, double min, double max) {

    /** Gaussian consistency factor of the median absolute deviation ({@code mad_gau}, §8.3). */
    public static final double MAD_GAU_FACTOR = 1.4826;

    /** Statistics of {@code x} (not modified). */
    public static DiameterStats of(double[] x) {
        if (x.length == 0) throw new IllegalArgumentException("statistics of an empty set");
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return ofSorted(x, sorted);
    }

    /** Statistics when the caller already holds {@code sorted}, an ascending copy of {@code x}. */
    static DiameterStats ofSorted(double[] x, double[] sorted) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("statistics of an empty set");
        double sum = 0;
        for (double v : x) sum += v;
        double avg = sum / n;
        double sdev = 0;
        if (n >= 2) {
            // two-pass with the reference's correction term ep (§8.1) to cancel the error of avg
            double ep = 0, s2 = 0;
            for (double v : x) {
                double d = v - avg;
                ep += d;
                s2 += d * d;
            }
            double var = (s2 - ep * ep / n) / (n - 1);
            sdev = var > 0 ? Math.sqrt(var) : 0;
        }
        return new DiameterStats(avg, medianOfSorted(sorted), sdev, sorted[0], sorted[n - 1]);
    }

    /** True median of an ascending array (even n: mean of the two middle values). */
    public static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) throw new IllegalArgumentException("median of an empty set");
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** True median of {@code x} (not modified). */
    public static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return medianOfSorted(s);
    }

    /** {@code mad_gau(x, med)} = 1.4826 × median(|x − med|) (algorithm §8.3, true median). */
    public static double madGau(double[] x, double med) {
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) dev[i] = Math.abs(x[i] - med);
        return MAD_GAU_FACTOR * median(dev);
    }

    /**
     * {@code mad_gau} when {@code sorted} is ascending: the deviations |x − med| of the values below and
     * above {@code med} form two ascending runs, merged in O(n) instead of sorting again.
     */
    static double madGauSorted(double[] sorted, double med) {
        int n = sorted.length;
        if (n == 0) throw new IllegalArgumentException("MAD of an empty set");
        int split = 0; // first index with sorted[split] >= med
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < med) lo = mid + 1;
            else hi = mid;
        }
        split = lo;
        // walk the merged ascending sequence of deviations up to the middle rank(s)
        int below = split - 1, above = split;
        int kLow = (n - 1) / 2, kHigh = n / 2;
        double a = 0, b = 0;
        for (int r = 0; r <= kHigh; r++) {
            double d;
            if (below < 0) d = sorted[above++] - med;
            else if (above >= n) d = med - sorted[below--];
            else {
                double dl = med - sorted[below], du = sorted[above] - med;
                if (dl <= du) {
                    d = dl;
                    below--;
                } else {
                    d = du;
                    above++;
                }
            }
            if (r == kLow) a = d;
            if (r == kHigh) b = d;
        }
        return MAD_GAU_FACTOR * (kLow == kHigh ? a : (a + b) / 2);
    }
}
