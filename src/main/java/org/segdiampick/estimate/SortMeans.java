package org.segdiampick.estimate;

import java.util.Arrays;

/**
 * SIMPLE's {@code sortmeans}: 1-D k-means (Lloyd) with initial means taken from the sorted data
 * (algorithm §8.4). Used for the diameters (policy stage 3a, k = 10) and for the binarisation
 * threshold of the picker (algorithm §7.2, about 10^6 pixels).
 *
 * <p>Semantics kept from the reference (decisions.md B-3, B-4, B-6): initial mean c (0-based) is
 * {@code sorted[c * floor(n / k)]}; each iteration assigns every value to the nearest mean, ties to
 * the lowest cluster index, then recomputes the means; it stops after an iteration in which no label
 * changed, or after {@code maxIterations}. A cluster that empties gets mean NaN, population 0, and
 * can never win a value again (NaN is never the nearest). Duplicate initial means therefore leave the
 * later duplicates empty. Arithmetic is double (the reference uses float: agreement to float rounding).
 *
 * <p>Speed: the non-empty means stay in ascending order in 1-D Lloyd iterations, and the distance
 * {@code |m − v|} computed in floating point is unimodal over ascending means (subtraction rounds
 * monotonically), so bisection plus a walk over equal distances gives exactly the reference's
 * first-minimum choice for one value. When, in addition, the means are far enough apart that no two
 * rounded distances can coincide wrongly ({@code monotoneAssignment}), the choice is non-decreasing in
 * the value: the cluster boundaries are located on the sorted data by bisection (O(k log n)) and each
 * value is then labelled by walking from its previous label over the thresholds (usually zero steps
 * once the means settle; no per-value search). Sums
 * are still accumulated in index order, so means are bit-identical to the plain loop. If rounding ever
 * left the means out of order, that iteration falls back to the plain linear scan.
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
        checkSize(values.length, k);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return clusterSorted(values, sorted, k, maxIterations);
    }

    /**
     * As {@link #cluster(double[], int, int)} when the caller already holds {@code values} sorted
     * ascending (saves a sort of 10^7 values in {@link Estimate}; the binarisation threshold reuses its sorted
     * pixels to count them).
     */
    public static Result clusterSorted(double[] values, double[] sorted, int k, int maxIterations) {
        checkSize(values.length, k);
        if (sorted.length != values.length) throw new IllegalArgumentException("sorted copy has a different length");
        int step = values.length / k;
        double[] means = new double[k];
        for (int c = 0; c < k; c++) means[c] = sorted[c * step];
        return iterate(values, sorted, means, maxIterations);
    }

    private static void checkSize(int n, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be positive");
        if (n < k) throw new IllegalArgumentException("k-means needs at least " + k + " values, got " + n);
    }

    private static Result iterate(double[] values, double[] sorted, double[] means, int maxIterations) {
        int n = values.length, k = means.length;
        int[] labels = new int[n]; // the reference starts with every label = 1 (index 0)
        long[] pops = new long[k];
        double[] sums = new double[k];
        double[] activeMeans = new double[k];
        int[] activeIndex = new int[k];
        double[] thresholds = new double[k];
        boolean finiteData = Double.isFinite(sorted[0]) && Double.isFinite(sorted[n - 1]);
        int it = 0;
        while (it < maxIterations) {
            it++;
            long changes;
            Arrays.fill(pops, 0);
            Arrays.fill(sums, 0);
            int na = 0;
            boolean ascending = true;
            for (int c = 0; c < k; c++) {
                if (Double.isNaN(means[c])) continue;
                if (na > 0 && means[c] < activeMeans[na - 1]) ascending = false;
                activeMeans[na] = means[c];
                activeIndex[na++] = c;
            }
            if (ascending && finiteData && monotoneAssignment(activeMeans, na, sorted)) {
                changes = assignByThresholds(values, sorted, activeMeans, activeIndex, na, thresholds, labels, pops, sums);
            } else {
                changes = 0;
                for (int i = 0; i < n; i++) {
                    double v = values[i];
                    int best = ascending ? activeIndex[nearestAscending(activeMeans, na, v)] : nearestLinear(means, v);
                    if (labels[i] != best) changes++;
                    labels[i] = best;
                    pops[best]++;
                    sums[best] += v;
                }
            }
            for (int c = 0; c < k; c++) means[c] = pops[c] == 0 ? Double.NaN : sums[c] / pops[c];
            if (changes == 0) break;
        }
        return new Result(means, labels, pops, it);
    }

    /**
     * True when the first-minimum choice {@code f(v)} is provably non-decreasing in v, so that over the
     * sorted data the labels change only at na − 1 cut points. For ascending means m_b &lt; m_a the set of
     * v where a beats b ({@code fl|m_a − v| < fl|m_b − v|}) is an up-set unless, above m_a, the two
     * rounded distances coincide (then the lower index wins although a is nearer); that needs
     * m_a − m_b ≤ ulp of the distances, so a gap above 2 ulp of a bound on every distance rules it out.
     * Equal means are harmless (the later one never wins).
     */
    static boolean monotoneAssignment(double[] m, int na, double[] sorted) {
        if (na == 0) return false;
        double bound = Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]));
        for (int a = 0; a < na; a++) bound = Math.max(bound, Math.abs(m[a]));
        double minGap = 4 * Math.ulp(2 * bound);
        if (!Double.isFinite(minGap)) return false;
        for (int a = 1; a < na; a++) {
            double g = m[a] - m[a - 1];
            if (g != 0 && !(g > minGap)) return false;
        }
        return true;
    }

    /**
     * One assignment when {@link #monotoneAssignment} holds: the first sorted position of each active
     * cluster is found by bisection with the exact per-value choice, which turns into value thresholds
     * (a data value v goes to active position a = #{thresholds ≤ v}, i.e. the a with t[a−1] ≤ v &lt; t[a]);
     * populations are the distances between the cut points. Each value's position is found by walking
     * from its previous label's position: down while v &lt; t[a−1], up while v ≥ t[a]. The walk stops at
     * exactly that a from any start (t is non-decreasing), and once the means settle almost every value
     * stays put, so this costs two predictable comparisons per value instead of k − 1. Every previous
     * label is an active cluster (it had a member, so its mean is not NaN; initially all labels are 0 and
     * mean 0 is a finite data value). Members are summed in index order exactly as the per-value loop
     * does. Returns the number of changed labels.
     */
    private static long assignByThresholds(double[] values, double[] sorted, double[] m, int[] idx, int na,
                                           double[] t, int[] labels, long[] pops, double[] sums) {
        int n = values.length;
        int from = 0;
        int nt = na - 1;
        for (int j = 1; j < na; j++) {
            int lo = from, hi = n; // first position whose choice is ≥ j
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (nearestAscending(m, na, sorted[mid]) < j) lo = mid + 1;
                else hi = mid;
            }
            t[j - 1] = lo < n ? sorted[lo] : Double.POSITIVE_INFINITY;
            pops[idx[j - 1]] = lo - from;
            from = lo;
        }
        pops[idx[na - 1]] = n - from;
        int[] posOf = new int[sums.length]; // cluster index → active position
        for (int a = 0; a < na; a++) posOf[idx[a]] = a;
        long changes = 0;
        // the running sum of the current run's cluster lives in a register: the same additions in the same
        // order as sums[best] += v, without a store-to-load round trip per value
        int cur = idx[0];
        double acc = sums[cur];
        for (int i = 0; i < n; i++) {
            double v = values[i];
            int old = labels[i];
            int a = posOf[old];
            while (a > 0 && v < t[a - 1]) a--;
            while (a < nt && v >= t[a]) a++;
            int best = idx[a];
            if (old != best) {
                changes++;
                labels[i] = best;
            }
            if (best != cur) {
                sums[cur] = acc;
                cur = best;
                acc = sums[cur];
            }
            acc += v;
        }
        sums[cur] = acc;
        return changes;
    }

    /** Active position (first in cluster order) of the minimal {@code |m − v|} among ascending non-NaN means. */
    static int nearestAscending(double[] m, int na, double v) {
        // p = first active position with m[p] >= v
        int lo = 0, hi = na;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (m[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        int p = lo;
        if (p == na) return firstOfEqualDistance(m, p - 1, v);
        double dAbove = Math.abs(m[p] - v);
        if (p == 0) return p;
        double dBelow = Math.abs(m[p - 1] - v);
        if (dBelow <= dAbove) return firstOfEqualDistance(m, p - 1, v);
        return p;
    }

    private static int firstOfEqualDistance(double[] m, int q, double v) {
        if (q < 0) return 0; // v is NaN-free and some mean is active; unreachable for finite data
        double d = Math.abs(m[q] - v);
        while (q > 0 && Math.abs(m[q - 1] - v) == d) q--;
        return q;
    }

    private static int nearestLinear(double[] means, double v) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < means.length; c++) {
            double d = Math.abs(means[c] - v); // NaN never compares smaller
            if (d < bestDist) {
                bestDist = d;
                best = c;
            }
        }
        if (best >= 0) return best;
        // only when every |mean − v| is NaN or infinite (v infinite): first non-empty cluster
        for (int c = 0; c < means.length; c++) if (!Double.isNaN(means[c])) return c;
        return 0;
    }
}
