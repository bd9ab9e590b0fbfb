package org.segdiampick.pick;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.segdiampick.image.Image2D;

/**
 * Amorphous-carbon detection of the segmentation picker (SIMPLE {@code flag_amorphous_carbon},
 * algorithm §5): tiles of the gradient-magnitude image are described by their gradient histograms,
 * clustered into 5 groups by k-means on the total-variation distance, and if the clusters split into a
 * low-spread and a clearly different high-spread family, the high-spread tiles are masked as carbon.
 *
 * <p>Deviations from the reference (decisions.md B-19): the 300 random restarts draw from a
 * {@link SplittableRandom} seeded by the caller (use {@link #seedFor}), so a rerun gives the same mask;
 * after the 100th k-means iteration the labels returned are the ones that were scored. Histogram
 * counts, cluster sums and the TVD numerators are exact integers; SIMPLE accumulates them in float.
 */
public final class CarbonDetector {
    /** Clusters, tile size (px), histogram bins, histogram range [0, 4] (algorithm §5, Appendix A). */
    public static final int K = 5;
    public static final int BOX = 32;
    public static final int NBINS = 64;
    public static final double HIST_MAX = 4.0;
    /** Low-pass cut-off the caller applies before {@link #detect} (§5.1 step 1), Å. */
    public static final double MIC_LP = 15.0;
    public static final int RESTARTS = 300;
    public static final int MAX_ITERATIONS = 100;
    public static final double TOLERANCE = 1e-6;
    public static final double TVD_THRESHOLD = 0.2;
    public static final double MIN_TVD_DIFF = 0.05;

    private static final int WIN = 2 * BOX;            // 64 × 64 histogram window (§5.2)
    private static final int WIN_PIXELS = WIN * WIN;   // ntot of every tile histogram
    private static final double BIN_WIDTH = HIST_MAX / NBINS;

    private CarbonDetector() {
    }

    /**
     * Detects carbon on {@code lowPassed}, the shrunken micrograph already low-pass filtered at
     * {@link #MIC_LP} Å (§5.1 step 1 is the caller's). The image is not modified.
     *
     * @throws IllegalArgumentException if the image is smaller than 64 px along an axis (the histogram
     *                                  windows would not fit) or has NaN/infinite pixels
     */
    public static CarbonMask detect(Image2D lowPassed, long seed) {
        int n1 = lowPassed.nx, n2 = lowPassed.ny;
        if (n1 < WIN || n2 < WIN)
            throw new IllegalArgumentException("carbon detection needs at least " + WIN + " x " + WIN + " pixels, got " + lowPassed);
        if (lowPassed.hasNonFinite())
            throw new IllegalArgumentException("carbon detection: " + lowPassed + " has NaN or infinite pixels");
        int tx = ceilDiv(n1, BOX), ty = ceilDiv(n2, BOX);
        if ((long) tx * ty * WIN_PIXELS > Integer.MAX_VALUE / 2)
            throw new IllegalArgumentException("carbon detection: " + lowPassed + " is too large");
        byte[] bins = gradientBins(normalised(lowPassed.data), n1, n2);
        int[] hist = tileHistograms(bins, n1, n2, tx, ty);
        int[] labels = new HistogramKMeans(hist, tx * ty).bestOfRestarts(new SplittableRandom(seed));
        int[] order = new int[K];
        int carbon = decide(hist, labels, order);
        if (carbon == 0) return allUsable(n1 * n2);
        boolean[] usable = maskFromTiles(labels, order, carbon, n1, n2, tx, ty);
        int masked = 0;
        for (boolean u : usable) if (!u) masked++;
        return new CarbonMask(usable, true, (double) masked / usable.length);
    }

    private static CarbonMask allUsable(int n) {
        boolean[] u = new boolean[n];
        Arrays.fill(u, true);
        return new CarbonMask(u, false, 0.0);
    }

    /**
     * A stable 64-bit seed for the carbon restarts from a micrograph's file name (decisions.md B-19):
     * the first 8 bytes (big-endian) of the SHA-256 of the UTF-8 base name (the part after the last '/'
     * or '\'; the extension is kept). Independent of JVM, platform and the directory the file is in.
     */
    public static long seedFor(String micrographName) {
        String base = micrographName.substring(Math.max(micrographName.lastIndexOf('/'), micrographName.lastIndexOf('\\')) + 1);
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        long s = 0;
        for (int i = 0; i < 8; i++) s = (s << 8) | (h[i] & 0xff);
        return s;
    }

    /**
     * SIMPLE's {@code norm} (§5.1 step 2): subtract the mean, divide by the sample standard deviation
     * if the variance is positive (a NaN variance is skipped; sums in double here, float in SIMPLE).
     */
    static float[] normalised(float[] data) {
        int n = data.length;
        double sum = 0;
        for (float v : data) sum += v;
        float mean = (float) (sum / n);
        float[] out = new float[n];
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            float d = data[i] - mean;
            out[i] = d;
            s += d;
            s2 += (double) d * d;
        }
        double var = (s2 - s * s / n) / (n - 1);
        if (var > 0) {
            float sd = (float) Math.sqrt(var);
            for (int i = 0; i < n; i++) out[i] /= sd;
        }
        return out;
    }

    /**
     * Gradient magnitude (§5.1 step 3: central differences inside, one-sided at the border,
     * sqrt((dx² + dy²)/4)) turned directly into its 0-based histogram bin over [0, 4] (§5.2: v ≤ 0 →
     * bin 0, v &gt; 4 → bin 63, else ceil(16 v) − 1; 16 v is exact in float).
     */
    static byte[] gradientBins(float[] im, int n1, int n2) {
        byte[] bins = new byte[im.length];
        for (int y = 0; y < n2; y++) {
            int row = y * n1;
            // one-sided differences at the first and last row/column: I(2) − I(1), I(n) − I(n−1)
            int up = y == 0 ? row : row - n1, down = y == n2 - 1 ? row : row + n1;
            for (int x = 0; x < n1; x++) {
                int left = x == 0 ? 0 : x - 1, right = x == n1 - 1 ? n1 - 1 : x + 1;
                float dx = im[row + right] - im[row + left];
                float dy = im[down + x] - im[up + x];
                float arg = (dx * dx + dy * dy) / 4f;
                float g = arg > 0 ? (float) Math.sqrt(arg) : 0f;
                int b;
                if (g > (float) HIST_MAX) b = NBINS - 1;
                else b = Math.min(NBINS, Math.max(1, (int) Math.ceil(16f * g))) - 1;
                bins[row + x] = (byte) b;
            }
        }
        return bins;
    }

    /**
     * Tile histograms (§5.2), tile t = i·ty + j (j fastest), NBINS counts each: the 64 × 64 window
     * around 32-px tile (i, j) with 16-px margins, shifted inward to stay inside the image.
     */
    static int[] tileHistograms(byte[] bins, int n1, int n2, int tx, int ty) {
        int[] hist = new int[tx * ty * NBINS];
        for (int i = 0; i < tx; i++) {
            int x0 = windowStart(i, n1);
            for (int j = 0; j < ty; j++) {
                int y0 = windowStart(j, n2);
                int h = (i * ty + j) * NBINS;
                for (int y = y0; y < y0 + WIN; y++) {
                    int row = y * n1;
                    for (int x = x0; x < x0 + WIN; x++) hist[h + bins[row + x]]++;
                }
            }
        }
        return hist;
    }

    // 0-based start of the histogram window of tile index k (0-based) along an axis of n pixels.
    private static int windowStart(int k, int n) {
        int lo = Math.max(1, BOX * k - BOX / 2 + 1); // 1-based, as in §5.2
        int hi = Math.min(lo + WIN - 1, n);
        return hi - WIN;                               // (hi − 63) − 1
    }

    /**
     * §5.4: sorts the clusters by histogram variance about the mode into {@code order}, evaluates the
     * TVD of every split of the sorted list into a low- and a high-variance family, and returns the
     * carbon split s (1..K−1; sorted positions s..K−1 are carbon) or 0 when no carbon is found.
     */
    static int decide(int[] hist, int[] labels, int[] order) {
        long[][] sums = new long[K][NBINS];
        for (int t = 0; t < labels.length; t++)
            for (int b = 0; b < NBINS; b++) sums[labels[t]][b] += hist[t * NBINS + b];
        boolean[] nonEmpty = new boolean[K];
        int nNonEmpty = 0;
        for (int l : labels) nonEmpty[l] = true;
        for (boolean ne : nonEmpty) if (ne) nNonEmpty++;
        if (nNonEmpty <= 1) return 0; // clustering failed: no carbon (§5.4 step 1)
        double[] var = new double[K];
        Integer[] idx = new Integer[K];
        for (int c = 0; c < K; c++) {
            idx[c] = c;
            var[c] = nonEmpty[c] ? varianceAboutMode(sums[c]) : -1;
        }
        // Ascending variance; ties by cluster index (SIMPLE's heap sort is not stable, but ties only
        // occur among empty clusters, whose order does not matter).
        Arrays.sort(idx, (a, b) -> var[a] != var[b] ? Double.compare(var[a], var[b]) : Integer.compare(a, b));
        for (int p = 0; p < K; p++) order[p] = idx[p];
        double[] tvd = new double[K]; // tvd[s], s = 1..K−1
        for (int s = 1; s < K; s++) {
            long[] lo = new long[NBINS], hi = new long[NBINS];
            boolean loAny = false, hiAny = false;
            for (int p = 0; p < K; p++) {
                int c = order[p];
                if (!nonEmpty[c]) continue;
                long[] dst = p < s ? lo : hi;
                if (p < s) loAny = true;
                else hiAny = true;
                for (int b = 0; b < NBINS; b++) dst[b] += sums[c][b];
            }
            tvd[s] = loAny && hiAny ? tvd(lo, hi) : -0.1;
        }
        int carbon = 1, first = 0;
        double tMin = Double.POSITIVE_INFINITY;
        for (int s = 1; s < K; s++) {
            if (tvd[s] > tvd[carbon]) carbon = s;
            if (tvd[s] > 0) {
                if (first == 0) first = s;
                tMin = Math.min(tMin, tvd[s]);
            }
        }
        double t = tvd[carbon];
        // The best split must not be the first valid one and must stand out from the weakest (§5.4 step 7).
        if (first == 0 || carbon == first || Math.abs(t - tMin) < MIN_TVD_DIFF) t = 0;
        return t > TVD_THRESHOLD ? carbon : 0;
    }

    // variance(mean = hmode) of a histogram over [0, 4] (§5.2 histogram operations).
    private static double varianceAboutMode(long[] h) {
        int mode = 0;
        long total = 0;
        for (int b = 0; b < NBINS; b++) {
            if (h[b] > h[mode]) mode = b;
            total += h[b];
        }
        double m = center(mode), v = 0;
        for (int b = 0; b < NBINS; b++) {
            double d = center(b) - m;
            v += h[b] * d * d;
        }
        return v / total;
    }

    private static double center(int b) {
        return b * BIN_WIDTH + BIN_WIDTH / 2;
    }

    // TVD(p, q) = ½ Σ |p_b/ntot_p − q_b/ntot_q|
    private static double tvd(long[] p, long[] q) {
        long np = 0, nq = 0;
        for (int b = 0; b < NBINS; b++) {
            np += p[b];
            nq += q[b];
        }
        double s = 0;
        for (int b = 0; b < NBINS; b++) s += Math.abs((double) p[b] / np - (double) q[b] / nq);
        return 0.5 * s;
    }

    /**
     * §5.5: 32 × 32 tiles of the carbon clusters are masked, then the mask edge is smoothed on a grid of
     * 16-px blocks: one "erosion" pass (a block whose 32-px outer window is partly masked is unmasked)
     * and two "dilation" passes (an unmasked block whose outer window touches the mask is masked).
     */
    static boolean[] maskFromTiles(int[] labels, int[] order, int carbon, int n1, int n2, int tx, int ty) {
        boolean[] isCarbon = new boolean[K];
        for (int p = carbon; p < K; p++) isCarbon[order[p]] = true;
        boolean[] mask = new boolean[n1 * n2];
        Arrays.fill(mask, true);
        for (int i = 0; i < tx; i++) {
            int a = Math.min(BOX * i, n1 - BOX);
            for (int j = 0; j < ty; j++) {
                if (!isCarbon[labels[i * ty + j]]) continue;
                int b = Math.min(BOX * j, n2 - BOX);
                for (int y = b; y < b + BOX; y++) Arrays.fill(mask, y * n1 + a, y * n1 + a + BOX, false);
            }
        }
        int[] ex = blockEnds(tx, n1), ey = blockEnds(ty, n2);
        boolean[] fin = mask.clone();
        for (int ix : ex)
            for (int iy : ey) {
                int c = countTrue(mask, n1, ix - BOX, ix, iy - BOX, iy);
                if (c > 0 && c < BOX * BOX) fill(fin, n1, ix - 24, ix - 8, iy - 24, iy - 8, true);
            }
        for (int pass = 0; pass < 2; pass++) {
            mask = fin.clone();
            for (int ix : ex)
                for (int iy : ey) {
                    int inner = countTrue(mask, n1, ix - 24, ix - 8, iy - 24, iy - 8);
                    if (inner == 16 * 16 && countTrue(mask, n1, ix - BOX, ix, iy - BOX, iy) < BOX * BOX)
                        fill(fin, n1, ix - 24, ix - 8, iy - 24, iy - 8, false);
                }
        }
        return fin;
    }

    /**
     * Exclusive 0-based ends e of the 2·t blocks along an axis of n pixels (§5.5 step 2): 1-based
     * a0 = max(1, 16(i−1) − 7), e = min(a0 + 31, n); outer window [e−32, e), inner block [e−24, e−8).
     */
    private static int[] blockEnds(int tiles, int n) {
        int[] e = new int[2 * tiles];
        for (int i = 0; i < e.length; i++) e[i] = Math.min(Math.max(1, BOX / 2 * i - BOX / 4 + 1) + BOX - 1, n);
        return e;
    }

    private static int countTrue(boolean[] m, int n1, int x0, int x1, int y0, int y1) {
        int c = 0;
        for (int y = y0; y < y1; y++)
            for (int x = y * n1 + x0, end = y * n1 + x1; x < end; x++) if (m[x]) c++;
        return c;
    }

    private static void fill(boolean[] m, int n1, int x0, int x1, int y0, int y1, boolean v) {
        for (int y = y0; y < y1; y++) Arrays.fill(m, y * n1 + x0, y * n1 + x1, v);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

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
    static final class HistogramKMeans {
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

        HistogramKMeans(int[] hist, int nTiles) {
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
         * score win, scores compared in single precision with strict &lt; (§5.3 step 3).
         */
        int[] bestOfRestarts(SplittableRandom rng) {
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
        void run() {
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
}
