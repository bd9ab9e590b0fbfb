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

    /**
     * Statistics of {@code x} (not modified). The median comes from a selection in O(n), not a sort:
     * the order statistics are the same values {@link Arrays#sort} would put at the middle ranks
     * (including the order −0.0 &lt; 0.0); with NaN present the plain sort is used.
     */
    public static DiameterStats of(double[] x) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("statistics of an empty set");
        long[] keys = new long[n];
        double min = x[0], max = x[0];
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                double[] sorted = x.clone();
                Arrays.sort(sorted);
                return ofSorted(x, sorted);
            }
            min = Math.min(min, v); // Math.min/max order −0.0 below 0.0, as the sort does
            max = Math.max(max, v);
            keys[i] = orderKey(v);
        }
        int k = n / 2;
        double upper = fromOrderKey(select(keys, k));
        double med;
        if ((n & 1) == 1) {
            med = upper;
        } else {
            long lower = keys[0]; // after select, keys[0..k) are the k smallest
            for (int i = 1; i < k; i++) lower = Math.max(lower, keys[i]);
            med = (fromOrderKey(lower) + upper) / 2;
        }
        return withOrderStatistics(x, med, min, max);
    }

    /** Statistics when the caller already holds {@code sorted}, an ascending copy of {@code x}. */
    static DiameterStats ofSorted(double[] x, double[] sorted) {
        int n = x.length;
        if (n == 0) throw new IllegalArgumentException("statistics of an empty set");
        return withOrderStatistics(x, medianOfSorted(sorted), sorted[0], sorted[n - 1]);
    }

    /** Mean and sample standard deviation of {@code x} (index order) with the given median and extremes. */
    private static DiameterStats withOrderStatistics(double[] x, double med, double min, double max) {
        int n = x.length;
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
        return new DiameterStats(avg, med, sdev, min, max);
    }

    /** A long ordered like {@link Double#compare} for non-NaN doubles (−0.0 before 0.0); its own inverse. */
    private static long orderKey(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    private static double fromOrderKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * The k-th smallest key (0-based); afterwards {@code a[0..k)} hold the k smallest. Quickselect with a
     * three-way partition (heavy ties in quantised diameters) and median-of-three pivots; after
     * 2·log2(n) + 8 rounds without converging the remaining range is simply sorted, so the worst case
     * stays O(n log n).
     */
    static long select(long[] a, int k) {
        int lo = 0, hi = a.length - 1;
        int budget = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 8;
        while (hi > lo) {
            if (budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            long p = medianOf3(a[lo], a[mid], a[hi]);
            int lt = lo, i = lo, gt = hi;
            while (i <= gt) {
                long v = a[i];
                if (v < p) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > p) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            if (k < lt) hi = lt - 1;
            else if (k > gt) lo = gt + 1;
            else return p;
        }
        return a[k];
    }

    private static long medianOf3(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
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
