package org.segdiampick.pick.carbon;

import static org.segdiampick.pick.carbon.TileHistograms.NBINS;
import static org.segdiampick.pick.carbon.TileHistograms.WIN_PIXELS;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The histogram k-means of §5.3 with SIMPLE's restart and convergence rules.
 *
 * <p>Distances use integer arithmetic: TVD(C_c, H_t) = Σ_b |C_cb − pop_c·H_tb| / (2·4096·pop_c), where
 * C_c is the sum of the member histograms, so the numerator is an exact int. The assignment step
 * skips work with Elkan's bounds: TVD is a metric, so a tile's distance to a centre can shrink by at
 * most that centre's movement; a centre whose lower bound exceeds the tile's exact own distance can
 * be neither nearer nor tied, and is not evaluated. The result is the same as evaluating every
 * distance; only the cost changes. Own distances (needed for the score) are reused
 * while the tile's cluster is unchanged, centres are updated incrementally from the moved tiles, and
 * bins a tile does not occupy are summed from prefix sums of the centre.
 */
public final class HistogramKMeans {
    /** Clusters, random restarts, Lloyd iterations per restart and convergence tolerance (§5.3). */
    public static final int K = 5;
    public static final int RESTARTS = 300;
    public static final int MAX_ITERATIONS = 100;
    public static final double TOLERANCE = 1e-6;

    // Safety margin for the bound test against rounding in the accumulated bounds (distances are ≤ 1).
    private static final double BOUND_EPS = 1e-9;
    private final int[] hist;
    private final int nTiles;
    private final int[] centre = new int[K * NBINS];
    private final int[] prevCentre = new int[K * NBINS];
    private final int[] pop = new int[K];
    private final int[] prevPop = new int[K];
    private final double[] scale = new double[K];
    private final double[] drift = new double[K];
    private final boolean[] changed = new boolean[K];
    private final double[] clusterScore = new double[K];
    private final double[] lower;
    private final double[] own;
    private final boolean[] ownValid;
    private final int[] tileLo;
    private final int[] tileHi;
    private final int[] cumCentre = new int[K * (NBINS + 1)];
    private int[] labels;
    private int[] next;
    private double score;

    /** @param hist {@code nTiles} tile histograms of {@link TileHistograms#NBINS} counts each, tile after tile */
    public HistogramKMeans(int[] hist, int nTiles) {
        this.hist = hist;
        this.nTiles = nTiles;
        this.labels = new int[nTiles];
        this.next = new int[nTiles];
        this.lower = new double[nTiles * K];
        this.own = new double[nTiles];
        this.ownValid = new boolean[nTiles];
        // Per tile, the occupied bin range: outside it |C_cb − p·0| = C_cb, a prefix-sum difference.
        this.tileLo = new int[nTiles];
        this.tileHi = new int[nTiles];
        for (int t = 0; t < nTiles; t++) {
            int a = NBINS, z = 0;
            for (int b = 0; b < NBINS; b++)
                if (hist[t * NBINS + b] != 0) {
                    a = Math.min(a, b);
                    z = b + 1;
                }
            tileLo[t] = Math.min(a, z);
            tileHi[t] = z;
        }
    }

    /**
     * 300 restarts from balanced random partitions; the labels of the first restart with the lowest
     * score win (one label 0..K−1 per tile), scores compared in single precision with strict &lt; (§5.3 step 3).
     */
    public int[] bestOfRestarts(SplittableRandom rng) {
        float best = Float.MAX_VALUE;
        int[] bestLabels = null;
        for (int r = 0; r < RESTARTS; r++) {
            randomBalancedPartition(rng);
            run();
            if (bestLabels == null || (float) score < best) {
                best = (float) score;
                bestLabels = labels.clone();
            }
        }
        return bestLabels;
    }

    private void randomBalancedPartition(SplittableRandom rng) {
        for (int t = 0; t < nTiles; t++) labels[t] = t % K;
        for (int t = nTiles - 1; t > 0; t--) { // Fisher–Yates: a uniform permutation
            int s = rng.nextInt(t + 1);
            int tmp = labels[t];
            labels[t] = labels[s];
            labels[s] = tmp;
        }
    }

    /** Lloyd iterations from {@code labels}; leaves the scored labels in {@code labels} and their score. */
    private void run() {
        double prev = Float.MAX_VALUE;
        centresFromScratch();
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            score = scoreAndReassign(it == 1);
            if (score < prev && Math.abs(score - prev) < TOLERANCE) return;
            prev = score;
            // B-19: after the last iteration keep the labels that were scored
            if (it == MAX_ITERATIONS) return;
            // A fixed point repeats this iteration exactly until the limit: same labels, same score.
            if (Arrays.equals(labels, next)) return;
            moveTiles();
        }
    }

    private void centresFromScratch() {
        Arrays.fill(centre, 0);
        Arrays.fill(pop, 0);
        for (int t = 0; t < nTiles; t++) {
            int c = labels[t];
            pop[c]++;
            int co = c * NBINS, h = t * NBINS;
            for (int b = 0; b < NBINS; b++) centre[co + b] += hist[h + b];
        }
        updateScales();
    }

    // labels := next, with the centres, their drifts and the cached own distances updated.
    private void moveTiles() {
        System.arraycopy(centre, 0, prevCentre, 0, centre.length);
        System.arraycopy(pop, 0, prevPop, 0, K);
        Arrays.fill(changed, false);
        for (int t = 0; t < nTiles; t++) {
            int from = labels[t], to = next[t];
            if (from == to) continue;
            int h = t * NBINS, fo = from * NBINS, tOff = to * NBINS;
            for (int b = 0; b < NBINS; b++) {
                centre[fo + b] -= hist[h + b];
                centre[tOff + b] += hist[h + b];
            }
            pop[from]--;
            pop[to]++;
            changed[from] = changed[to] = true;
            ownValid[t] = false;
        }
        for (int c = 0; c < K; c++) {
            drift[c] = 0;
            if (!changed[c] || pop[c] == 0) continue;
            // TVD between the old and new normalised centre: how far any distance to c can move
            double s = 0, a = 1.0 / prevPop[c], bn = 1.0 / pop[c];
            for (int b = 0, co = c * NBINS; b < NBINS; b++) s += Math.abs(prevCentre[co + b] * a - centre[co + b] * bn);
            drift[c] = 0.5 * s / WIN_PIXELS;
        }
        int[] tmp = labels;
        labels = next;
        next = tmp;
        updateScales();
    }

    private void updateScales() {
        for (int c = 0; c < K; c++) {
            scale[c] = pop[c] > 0 ? 1.0 / (2.0 * WIN_PIXELS * pop[c]) : 0;
            int cc = c * (NBINS + 1), co = c * NBINS;
            cumCentre[cc] = 0;
            for (int b = 0; b < NBINS; b++) cumCentre[cc + b + 1] = cumCentre[cc + b] + centre[co + b];
        }
    }

    private double distance(int c, int t) {
        int p = pop[c], co = c * NBINS, h = t * NBINS, lo = tileLo[t], hi = tileHi[t];
        int cc = c * (NBINS + 1);
        int sum = cumCentre[cc + lo] + (cumCentre[cc + NBINS] - cumCentre[cc + hi]);
        for (int b = lo; b < hi; b++) sum += Math.abs(centre[co + b] - p * hist[h + b]);
        return sum * scale[c];
    }

    // One iteration of §5.3 step 2: score of labels (distance to own centre), nearest centre into next.
    private double scoreAndReassign(boolean first) {
        Arrays.fill(clusterScore, 0);
        for (int t = 0; t < nTiles; t++) {
            int lt = labels[t];
            double d;
            if (first) {
                d = assignAll(t);
            } else {
                int lo = t * K;
                for (int c = 0; c < K; c++) lower[lo + c] -= drift[c];
                if (!ownValid[t] || changed[lt]) {
                    own[t] = distance(lt, t);
                    ownValid[t] = true;
                }
                d = own[t];
                lower[lo + lt] = d;
                // Only centres whose lower bound does not exceed the own distance can be nearer or tie;
                // evaluating exactly those and taking the first minimum gives the full argmin.
                int bestC = -1;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < K; c++) {
                    if (pop[c] == 0) continue; // empty cluster: distance "huge", never the nearest
                    double dc;
                    if (c == lt) dc = d;
                    else if (lower[lo + c] > d + BOUND_EPS) continue;
                    else {
                        dc = distance(c, t);
                            lower[lo + c] = dc;
                    }
                    if (dc < bestD) {
                        bestD = dc;
                        bestC = c;
                    }
                }
                next[t] = bestC;
            }
            clusterScore[lt] += d;
        }
        double total = 0;
        int nk = 0;
        for (int c = 0; c < K; c++)
            if (pop[c] > 0) {
                total += clusterScore[c] / pop[c];
                nk++;
            }
        return total / nk;
    }

    // All distances of tile t (first iteration of a run): next[t] (first minimum), exact bounds, own distance.
    private double assignAll(int t) {
        int bestC = -1, lo = t * K;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < K; c++) {
            if (pop[c] == 0) {
                lower[lo + c] = Double.POSITIVE_INFINITY;
                continue;
            }
            double d = distance(c, t);
            lower[lo + c] = d;
            if (d < bestD) {
                bestD = d;
                bestC = c;
            }
        }
        next[t] = bestC;
        int lt = labels[t];
        own[t] = lower[lo + lt];
        ownValid[t] = true;
        return own[t];
    }
}
