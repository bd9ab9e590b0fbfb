package org.segdiampick.estimate;

import java.util.Arrays;

/**
 * SIMPLE's {@code hac_1d_fast} (algorithm §8.5; policy stage 3b): threshold-based 1-D agglomerative
 * clustering, with the reference's exact outcome in O(N log N) instead of O(N²)–O(N³) (decisions.md B-21).
 *
 * <p>The reference, step by step, and how this class reaches the same result:
 * <ol>
 * <li>Greedy pairing in index order: an unassigned i takes the unassigned j nearest in value (ties →
 * lowest index j) if {@code |x_i − x_j| ≤ thresh}; every i that was still unassigned opens a cluster
 * (1 or 2 members), numbered in creation order. Here the values are grouped in runs of equal values,
 * each run's members in index order. Every removal takes the lowest unassigned index of its run (when i
 * is visited every index below i is already assigned; a partner is the lowest index among equal
 * distances), so each run is a queue, and the nearest unassigned values are the heads of the nearest
 * non-exhausted runs, found with "next/previous live run" links (union–find with path compression).</li>
 * <li>Centroids of these clusters (never updated during step 3).</li>
 * <li>Merging: {@code for q = 1..C0−1, for r = q+1..C0: if |c_q − c_r| ≤ thresh relabel every element
 * currently labelled r to q}. At outer step q only labels &lt; q have been handed out, so "labelled r &gt; q"
 * means "original cluster r, untouched so far"; hence the final label of cluster t is the lowest q ≤ t
 * with {@code |c_q − c_t| ≤ thresh} (q = t itself if none). This is what makes the loop non-transitive
 * and able to re-create a label (centroids 0, 1, 2 at thresh 1.5 give {0, 1}, {2}). Over the centroids in
 * ascending order that set is a window whose ends only move forward, so a sliding-window minimum of the
 * cluster numbers gives every label in O(C0).</li>
 * <li>Labels renumbered in order of first appearance over the data.</li>
 * <li>Final centroids (member means, summed in index order) and populations.</li>
 * </ol>
 * Distances are evaluated as {@code |a − b|} in double exactly as the reference's comparisons (which are
 * in float there), and rounding of the subtraction is monotone, so windows and nearest neighbours found by
 * order are exactly those of the quadratic loops, including coincidences of rounded distances.
 */
public final class Hac1d {

    /** Final clusters: 0-based labels per value, centroid and population per cluster. */
    public record Result(int[] labels, double[] centroids, long[] populations) {
        public int clusterCount() {
            return centroids.length;
        }
    }

    private Hac1d() {
    }

    /** Clusters {@code x} (finite values) with linkage threshold {@code thresh}. */
    public static Result cluster(double[] x, double thresh) {
        int n = x.length;
        if (n == 0) return new Result(new int[0], new double[0], new long[0]);
        for (double v : x) if (!Double.isFinite(v)) throw new IllegalArgumentException("HAC needs finite values, got " + v);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return clusterSorted(x, sorted, thresh);
    }

    /** As {@link #cluster(double[], double)} when {@code sorted} is an ascending copy of {@code x}. */
    public static Result clusterSorted(double[] x, double[] sorted, double thresh) {
        int n = x.length;
        if (n == 0) return new Result(new int[0], new double[0], new long[0]);
        int[] pair = new int[n]; // step 1: cluster number (0-based) per element
        int c0 = greedyPairs(x, sorted, thresh, pair);
        double[] c = new double[c0];
        int[] cnt = new int[c0];
        for (int i = 0; i < n; i++) {
            c[pair[i]] += x[i];
            cnt[pair[i]]++;
        }
        for (int q = 0; q < c0; q++) c[q] /= cnt[q];
        int[] merged = mergeLabels(c, thresh);
        // step 4: renumber in order of first appearance
        int[] renum = new int[c0];
        Arrays.fill(renum, -1);
        int[] labels = new int[n];
        int nc = 0;
        for (int i = 0; i < n; i++) {
            int l = merged[pair[i]];
            if (renum[l] < 0) renum[l] = nc++;
            labels[i] = renum[l];
        }
        double[] sums = new double[nc];
        long[] pops = new long[nc];
        for (int i = 0; i < n; i++) {
            sums[labels[i]] += x[i];
            pops[labels[i]]++;
        }
        for (int q = 0; q < nc; q++) sums[q] /= pops[q];
        return new Result(labels, sums, pops);
    }

    /** Step 1; returns the number of clusters created and fills {@code pair}. */
    private static int greedyPairs(double[] x, double[] sorted, double thresh, int[] pair) {
        int n = x.length;
        // runs = groups of equal values (as binarySearch: −0.0 ≠ 0.0); runStart has a sentinel at nr
        int nr = 1;
        for (int p = 1; p < n; p++) if (Double.compare(sorted[p], sorted[p - 1]) != 0) nr++;
        double[] distinct = new double[nr];
        int[] runStart = new int[nr + 1];
        distinct[0] = sorted[0];
        for (int p = 1, r = 0; p < n; p++) {
            if (Double.compare(sorted[p], sorted[p - 1]) != 0) {
                distinct[++r] = sorted[p];
                runStart[r] = p;
            }
        }
        runStart[nr] = n;
        // members of each run in index order; the run of each index (searched among the distinct values,
        // few for pixel-quantised diameters, so the search stays in cache)
        int[] runOf = new int[n], members = new int[n];
        int[] head = Arrays.copyOf(runStart, nr);
        long[] keys = new long[nr];
        for (int r = 0; r < nr; r++) keys[r] = orderKey(distinct[r]);
        for (int i = 0; i < n; i++) {
            // the last run whose key is ≤ the value's (it exists, so it is the value's run); a fixed number
            // of steps whose data-dependent choice can compile to a conditional move, not a branch
            long key = orderKey(x[i]);
            int r = 0, len = nr;
            while (len > 1) {
                int half = len >>> 1;
                r = keys[r + half] <= key ? r + half : r;
                len -= half;
            }
            runOf[i] = r;
            members[head[r]++] = i;
        }
        System.arraycopy(runStart, 0, head, 0, nr);
        // Every removal takes the lowest unassigned index of its run (i itself is the lowest when visited,
        // since all lower indices are assigned; a partner is the lowest index among equal distances), so
        // the unassigned members of a run are always a suffix of its members: head[r] is the first one.
        // Union–find over runs skips exhausted runs: nxt[r] → smallest live run ≥ r (nr = none);
        // prv[s] → 1 + the largest live run ≤ s − 1 (0 = none).
        int[] nxt = new int[nr + 1], prv = new int[nr + 1];
        for (int r = 0; r <= nr; r++) {
            nxt[r] = r;
            prv[r] = r;
        }
        Arrays.fill(pair, -1);
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            if (pair[i] >= 0) continue; // already paired with an earlier i
            int r = runOf[i];
            if (++head[r] == runStart[r + 1]) {
                nxt[r] = r + 1;
                prv[r + 1] = r;
            }
            int cl = clusters++;
            pair[i] = cl;
            double v = x[i];
            // nearest unassigned below: the largest live run < r (equal values of lower index are assigned)
            int bestJ = -1, bestRun = -1;
            double bestD = Double.POSITIVE_INFINITY;
            int l = findPrv(prv, r) - 1;
            if (l >= 0) {
                bestD = Math.abs(v - distinct[l]);
                bestJ = members[head[l]];
                bestRun = l;
                while (true) {
                    int l2 = findPrv(prv, l) - 1;
                    if (l2 < 0 || Math.abs(v - distinct[l2]) != bestD) break;
                    l = l2;
                    if (members[head[l]] < bestJ) {
                        bestJ = members[head[l]];
                        bestRun = l;
                    }
                }
            }
            // nearest unassigned at or above: r itself if still live (distance 0), else the next live run
            int u = findNxt(nxt, r);
            if (u < nr) {
                double dU = Math.abs(v - distinct[u]);
                int jU = members[head[u]], runU = u;
                while (true) {
                    int u2 = findNxt(nxt, u + 1);
                    if (u2 >= nr || Math.abs(v - distinct[u2]) != dU) break;
                    u = u2;
                    if (members[head[u]] < jU) {
                        jU = members[head[u]];
                        runU = u;
                    }
                }
                if (dU < bestD || (dU == bestD && jU < bestJ)) {
                    bestD = dU;
                    bestJ = jU;
                    bestRun = runU;
                }
            }
            if (bestJ >= 0 && bestD <= thresh) {
                if (++head[bestRun] == runStart[bestRun + 1]) {
                    nxt[bestRun] = bestRun + 1;
                    prv[bestRun + 1] = bestRun;
                }
                pair[bestJ] = cl;
            }
        }
        return clusters;
    }

    /** A long ordered like {@link Double#compare} (−0.0 before 0.0) for non-NaN doubles. */
    private static long orderKey(double v) {
        long b = Double.doubleToRawLongBits(v);
        return b ^ ((b >> 63) & Long.MAX_VALUE);
    }

    private static int findNxt(int[] nxt, int p) {
        int root = p;
        while (nxt[root] != root) root = nxt[root];
        while (nxt[p] != root) {
            int next = nxt[p];
            nxt[p] = root;
            p = next;
        }
        return root;
    }

    /** 1 + the largest free position ≤ {@code q} − 1 (0 = none). */
    private static int findPrv(int[] prv, int q) {
        int root = q;
        while (prv[root] != root) root = prv[root];
        while (prv[q] != root) {
            int next = prv[q];
            prv[q] = root;
            q = next;
        }
        return root;
    }

    /**
     * Step 3: final (0-based, not yet renumbered) label of each cluster t = the lowest q with
     * {@code |c_q − c_t| ≤ thresh}, q ≤ t, found as a sliding-window minimum over ascending centroids.
     */
    static int[] mergeLabels(double[] c, double thresh) {
        int m = c.length;
        double[] sc = c.clone();
        Arrays.sort(sc);
        int[] order = sortedOrder(c, sc);
        // the window is scanned over sc (c[order[s]] equals sc[s] numerically; −0.0 and 0.0 are at equal
        // distances from everything) so that only the label writes jump around memory
        int[] label = new int[m];
        int[] deque = new int[m]; // positions in order[], cluster numbers ascending from head
        int head = 0, tail = 0;
        int lo = 0, hi = -1;
        for (int s = 0; s < m; s++) {
            int t = order[s];
            double ct = sc[s];
            while (hi + 1 < m && Math.abs(sc[hi + 1] - ct) <= thresh) {
                hi++;
                int q = order[hi];
                while (tail > head && order[deque[tail - 1]] >= q) tail--;
                deque[tail++] = hi;
            }
            while (lo < s && Math.abs(sc[lo] - ct) > thresh) lo++;
            while (head < tail && deque[head] < lo) head++;
            // the window always holds t itself when thresh ≥ 0; a negative thresh merges nothing
            label[t] = head < tail && hi >= s ? Math.min(order[deque[head]], t) : t;
        }
        return label;
    }

    /** Cluster numbers sorted by centroid (ties by number), without boxing; {@code sc} is c sorted. */
    private static int[] sortedOrder(double[] c, double[] sc) {
        int m = c.length;
        if (m == 0) return new int[0];
        // distinct centroid values (numerically: −0.0 and 0.0 are one group, at distance 0 from each other)
        // and the first sorted slot of each; each centroid goes to the next free slot of its group, in
        // cluster order. Pair centroids of quantised diameters take few values, so the search stays in cache.
        int nd = 1;
        for (int p = 1; p < m; p++) if (sc[p] != sc[p - 1]) nd++;
        double[] dv = new double[nd];
        int[] fill = new int[nd];
        dv[0] = sc[0];
        for (int p = 1, g = 0; p < m; p++) {
            if (sc[p] != sc[p - 1]) {
                dv[++g] = sc[p];
                fill[g] = p;
            }
        }
        int[] order = new int[m];
        for (int t = 0; t < m; t++) {
            double v = c[t];
            int g = 0, len = nd; // the last group ≤ v, which is v's own (as in greedyPairs, branch-free)
            while (len > 1) {
                int half = len >>> 1;
                g = dv[g + half] <= v ? g + half : g;
                len -= half;
            }
            order[fill[g]++] = t;
        }
        return order;
    }
}
