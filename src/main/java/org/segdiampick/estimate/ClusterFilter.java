package org.segdiampick.estimate;

import org.segdiampick.Parameters;

import java.util.Arrays;

/**
 * Policy stage 3c: the two Z-score criteria that accept or reject each cluster.
 *
 * <ul>
 * <li>Mean: {@code |z_i| = |μ_i − med| / scale} with scale = 1.4826 × MAD of the diameters; rejected if ≥ 2.
 * When that MAD is 0 (more than half the diameters equal) the scale falls back to 1.253314 × the mean
 * absolute deviation from the median; if that is 0 too, a cluster passes only if its mean equals the
 * median (decisions.md B-7).</li>
 * <li>Population: {@code z_pop,i = (med(pops) − pop_i) / (1.4826 × MAD(pops))}, each cluster with its OWN
 * population (B-1 fixed), true medians (B-2 fixed); rejected if ≥ 2; suppressed (0) when MAD(pops) = 0.
 * Empty k-means clusters count with population 0 (B-3).</li>
 * <li>k-means never accepts its first and last cluster (stage 3a); HAC has no edge exclusion (3b).</li>
 * </ul>
 */
public final class ClusterFilter {

    /** sqrt(π/2): makes the mean absolute deviation a consistent σ estimate for normal data (B-7 fallback). */
    public static final double MEAN_ABS_DEV_FACTOR = 1.253314;

    /**
     * One cluster's verdict. {@code index} is 1-based; {@code mean} is NaN for an empty cluster;
     * {@code zMean} is NaN when undefined (empty cluster) and +∞ when the scale is 0 and the mean differs
     * from the median.
     */
    public record Cluster(int index, double mean, long pop, double zMean, double zPop, boolean accepted) {
    }

    private ClusterFilter() {
    }

    /**
     * The scale of the mean Z-score: {@code mad_gau} of the diameters, or the B-7 fallback when it is 0.
     *
     * @param x      the (corrected) diameters
     * @param sorted ascending copy of {@code x}
     * @param med    median of {@code x}
     */
    public static double robustScale(double[] x, double[] sorted, double med) {
        double mad = DiameterStats.madGauSorted(sorted, med);
        if (mad > 0) return mad;
        double sum = 0;
        for (double v : x) sum += Math.abs(v - med);
        return MEAN_ABS_DEV_FACTOR * (sum / x.length);
    }

    /**
     * Applies both criteria.
     *
     * @param means        cluster means (NaN = empty cluster), in cluster order
     * @param pops         cluster populations
     * @param med          median of all diameters
     * @param scale        {@link #robustScale}
     * @param excludeEdges true for k-means (clusters 1 and k never accepted)
     */
    public static Cluster[] apply(double[] means, long[] pops, double med, double scale, boolean excludeEdges) {
        int k = means.length;
        if (pops.length != k) throw new IllegalArgumentException("means and populations differ in length");
        double[] p = new double[k];
        for (int i = 0; i < k; i++) p[i] = pops[i];
        double popMed = k == 0 ? 0 : DiameterStats.median(p);
        double popMad = k == 0 ? 0 : DiameterStats.madGau(p, popMed);
        Cluster[] out = new Cluster[k];
        for (int i = 0; i < k; i++) {
            double mean = pops[i] == 0 ? Double.NaN : means[i];
            double zMean = zMean(mean, med, scale);
            double zPop = popMad > 0 ? (popMed - pops[i]) / popMad : 0;
            boolean edge = excludeEdges && (i == 0 || i == k - 1);
            boolean accepted = !edge && pops[i] > 0 && zMean < Parameters.SIGMA_CRIT && zPop < Parameters.SIGMA_CRIT;
            out[i] = new Cluster(i + 1, mean, pops[i], zMean, zPop, accepted);
        }
        return out;
    }

    static double zMean(double mean, double med, double scale) {
        if (Double.isNaN(mean)) return Double.NaN;
        double dev = Math.abs(mean - med);
        if (scale > 0) return dev / scale;
        return dev == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /**
     * The members of the accepted clusters: accepted clusters in increasing index, each cluster's
     * members in input order (algorithm §2.4.1 step 8).
     */
    public static double[] acceptedValues(double[] x, int[] labels, Cluster[] clusters) {
        int k = clusters.length;
        long[] offset = new long[k + 1];
        Arrays.fill(offset, -1);
        long total = 0;
        for (int c = 0; c < k; c++) {
            if (clusters[c].accepted()) {
                offset[c] = total;
                total += clusters[c].pop();
            }
        }
        double[] out = new double[Math.toIntExact(total)];
        for (int i = 0; i < x.length; i++) {
            int c = labels[i];
            if (offset[c] >= 0) out[(int) offset[c]++] = x[i];
        }
        return out;
    }
}
