package org.segdiampick.estimate;

import java.util.Arrays;

/**
 * SIMPLE's {@code sortmeans}: 1-D k-means (Lloyd) with initial means taken from the sorted data
 * (algorithm §8.4). Used for the diameters (policy stage 3a, k = 10) and for the binarisation
 * threshold of the picker (algorithm §7.2).
 *
 * <p>Semantics kept from the reference (decisions.md B-3, B-4, B-6): initial mean c (0-based) is
 * {@code sorted[c * floor(n / k)]}; each iteration assigns every value to the nearest mean, ties to
 * the lowest cluster index, then recomputes the means; it stops after an iteration in which no label
 * changed, or after {@code maxIterations}. A cluster that empties gets mean NaN, population 0, and
 * can never win a value again (NaN is never the nearest). Duplicate initial means therefore leave the
 * later duplicates empty.
 */
public final class SortMeans {

    /** Cluster means (NaN for an empty cluster), 0-based cluster labels per value, populations. */
    public record Result(double[] means, int[] labels, long[] populations, int iterations) {
        public int k() {
            return means.length;
        }
    }

    private SortMeans() {
    }

    /**
     * Clusters {@code values} into {@code k} groups.
     *
     * @throws IllegalArgumentException if there are fewer values than clusters (the reference's
     *                                  initialisation is undefined then, B-5)
     */
    public static Result cluster(double[] values, int k, int maxIterations) {
        int n = values.length;
        if (k < 1) throw new IllegalArgumentException("k must be positive");
        if (n < k) throw new IllegalArgumentException("k-means needs at least " + k + " values, got " + n);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int step = n / k;
        double[] means = new double[k];
        for (int c = 0; c < k; c++) means[c] = sorted[c * step];
        return iterate(values, means, maxIterations);
    }

    /** Float overload for image pixels (the binarisation threshold); values are widened, not copied twice. */
    public static Result cluster(float[] values, int k, int maxIterations) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return cluster(d, k, maxIterations);
    }

    private static Result iterate(double[] values, double[] means, int maxIterations) {
        int n = values.length, k = means.length;
        int[] labels = new int[n];
        long[] pops = new long[k];
        double[] sums = new double[k];
        int it = 0;
        while (it < maxIterations) {
            it++;
            long changes = 0;
            Arrays.fill(pops, 0);
            Arrays.fill(sums, 0);
            for (int i = 0; i < n; i++) {
                double v = values[i];
                int best = -1;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double d = Math.abs(means[c] - v); // NaN never compares smaller
                    if (d < bestDist) {
                        bestDist = d;
                        best = c;
                    }
                }
                if (best < 0) best = firstFinite(means);
                // the reference starts with every label = 1 (index 0), so a first assignment to 0 is "no change"
                if (labels[i] != best) changes++;
                labels[i] = best;
                pops[best]++;
                sums[best] += v;
            }
            for (int c = 0; c < k; c++) means[c] = pops[c] == 0 ? Double.NaN : sums[c] / pops[c];
            if (changes == 0) break;
        }
        return new Result(means, labels, pops, it);
    }

    private static int firstFinite(double[] means) {
        // Only reached when |mean − v| is NaN/∞ for every mean (v infinite): keep the reference's first-minimum spirit.
        for (int c = 0; c < means.length; c++) if (!Double.isNaN(means[c])) return c;
        return 0;
    }
}
