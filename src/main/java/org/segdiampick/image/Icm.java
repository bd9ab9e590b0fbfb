package org.segdiampick.image;

/**
 * SIMPLE's {@code ICM2D(λ)} (algorithm §6.6): quantise to 256 grey levels, three Jacobi sweeps of iterated
 * conditional modes with the energy {@code E(x) = (p − x)²/10 + λ(syy + n·x² − 2·sy·x)} over x = 0..255
 * (p the pixel's previous level, n, sy, syy the count, sum and sum of squares of its in-bounds
 * 8-neighbours' previous levels; first minimum wins), then map level x back to the bin mean T[x].
 *
 * <p>E is a convex quadratic in x, so instead of scanning the 256 levels the integer argmin is searched among
 * the integers around the real minimiser x* = (p/10 + λ·sy)/(1/10 + λ·n) (floor − 1 … ceil + 1, clamped to
 * 0..255), evaluated in the same float expression in ascending order with strict {@code <}, which honours
 * the first-minimum rule. (λ·(…) is an exact integer in float: all its terms are below 2^24.)
 *
 * <p>A constant image (max = min) cannot be quantised ((v − lo)/0); it is returned unchanged.
 *
 * <p>Speed, with bit-identical results:
 * <ul>
 * <li>Quantisation: {@code find} is a bisection, but on a non-decreasing table it returns (before its end-point
 * and nearest-entry rules) exactly the count of entries ≤ x. That count is reached by walking from a good
 * guess (r·255 on the grid; the pixel's own bin for the bin-mean table, which lies next to its value), so a
 * pixel costs a couple of predictable comparisons. A table that is not non-decreasing (float rounding of bin
 * means could in principle break the order) uses the bisection.</li>
 * <li>Sweeps: levels are integers 0..255 and a pixel has at most 8 neighbours, so n, Σq, Σq², and every term
 * of {@code syy + n·x² − 2·sy·x}, are integers below 2^24: the float sums and the float expression are exact
 * and equal the same sums in int arithmetic. The neighbour sums come from per-row column sums (3 loads per
 * pixel instead of 8), the rounded {@code (p − x)²/10} from a 256-entry table of the same float expression,
 * and the window of candidate levels and the comparisons are unchanged.</li>
 * </ul>
 */
public final class Icm {

    public static final int LEVELS = 256;
    static final float SIGMA2T2 = 10f;
    static final int SWEEPS = 3;
    private static final double TINY = 1e-10;

    private Icm() {
    }

    public static void apply(Image2D img, double lambda) {
        float[] d = img.data;
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) return;
        int[] level = new int[d.length];
        float[] table = binMeans(d, lo, hi, level); // level[i] = bin of pixel i for now
        if (nonDecreasing(table)) {
            // the bin mean T[q] lies within bin q, next to the pixel's value: #{T ≤ v} is about q + 1
            for (int i = 0; i < d.length; i++) level[i] = findFrom(table, d[i], level[i] + 1) - 1;
        } else {
            for (int i = 0; i < d.length; i++) level[i] = find(table, d[i]) - 1;
        }
        level = sweeps(level, img.nx, img.ny, (float) lambda);
        for (int i = 0; i < d.length; i++) d[i] = table[level[i]];
    }

    /** Forward quantisation table T (0-based: T[q] is the mean of bin q), §6.6 step 1. */
    static float[] binMeans(float[] d, float lo, float hi) {
        return binMeans(d, lo, hi, new int[d.length]);
    }

    /** As {@link #binMeans(float[], float, float)}, also storing each pixel's bin q in {@code bin}. */
    static float[] binMeans(float[] d, float lo, float hi, int[] bin) {
        float[] grid = equispaced(0f, 1f, LEVELS);
        boolean walk = nonDecreasing(grid);
        float delta = hi - lo;
        float[] t = new float[LEVELS], cnt = new float[LEVELS];
        for (int i = 0; i < d.length; i++) {
            float v = d[i];
            float r = (v - lo) / delta;
            // grid[j] ≈ j/255, so #{grid ≤ r} is about floor(255·r) + 1 (the walk corrects the guess)
            int q = (walk ? findFrom(grid, r, (int) Math.min(LEVELS, Math.max(0f, r * (LEVELS - 1)) + 1)) : find(grid, r)) - 1;
            bin[i] = q;
            t[q] += v;
            cnt[q] += 1f;
        }
        for (int q = 0; q < LEVELS; q++) if (cnt[q] > TINY) t[q] /= cnt[q];
        // empty bins: SIMPLE's linear fill, recomputed for every empty bin of a run (1-based i = 2..255)
        for (int i = 1; i < LEVELS - 1; i++) {
            if (cnt[i] < TINY) {
                int j = i + 1;
                while (j < LEVELS && !(cnt[j] > TINY)) j++;
                if (j == LEVELS) break; // cannot happen: the last bin holds the maximum
                float step = (t[j] - t[i - 1]) / (float) (j - i + 1);
                for (int l = i; l < j; l++) t[l] = t[l - 1] + step;
            }
        }
        return t;
    }

    /** SIMPLE's {@code equispaced_vals(a, b, n)}: accumulated float steps (§0). */
    static float[] equispaced(float a, float b, int n) {
        float step = (b - a) / (n - 1);
        float[] v = new float[n];
        v[0] = a;
        for (int i = 1; i < n; i++) v[i] = v[i - 1] + step;
        return v;
    }

    /** Algorithm §8.6 {@code find}: 1-based index of the nearest entry of an ascending table, ties → larger. */
    static int find(float[] table, float x) {
        return nearest(table, x, locate(table, x));
    }

    private static int nearest(float[] table, float x, int located) {
        int n = table.length;
        int j = Math.max(1, located);
        if (j < n && Math.abs(table[j - 1] - x) >= Math.abs(table[j] - x)) j++;
        return j;
    }

    /**
     * {@link #find} for a non-decreasing table, starting from a guess of #{entries ≤ x} (any int). On such a
     * table the bisection of {@link #locate} ends at exactly that count (its test {@code x ≥ table[m]} is
     * true up to the count and false after it, also for NaN x: count 0). The walk below reaches the same
     * count from any guess; the end-point and nearest-entry rules are then applied unchanged.
     */
    static int findFrom(float[] table, float x, int guess) {
        int n = table.length;
        int c = Math.max(0, Math.min(n, guess));
        while (c < n && x >= table[c]) c++;
        while (c > 0 && !(x >= table[c - 1])) c--;
        return nearest(table, x, endPoints(table, x, c));
    }

    static boolean nonDecreasing(float[] table) {
        for (int i = 1; i < table.length; i++) if (!(table[i] >= table[i - 1])) return false;
        return true;
    }

    /** Algorithm §8.6 {@code locate} (bisection, 1-based; end points matched within 1e-10). */
    static int locate(float[] table, float x) {
        int n = table.length, jl = 0, ju = n + 1;
        boolean ascending = table[n - 1] >= table[0];
        while (ju - jl > 1) {
            int jm = (ju + jl) / 2;
            if (ascending == (x >= table[jm - 1])) jl = jm;
            else ju = jm;
        }
        return endPoints(table, x, jl);
    }

    private static int endPoints(float[] table, float x, int jl) {
        int n = table.length;
        if (Math.abs(x - table[0]) < TINY) return 1;
        if (Math.abs(x - table[n - 1]) < TINY) return n - 1;
        return jl;
    }

    /**
     * Three Jacobi sweeps over levels 0..255 (the straightforward loops they must equal are in the tests'
     * {@code IcmReference}): per row, column sums over the in-bounds rows y−1..y+1 of the levels and of their
     * squares (ints); a pixel's neighbour sums are the in-bounds 3 column sums minus its own level, and
     * n = rows·columns − 1. All exact (see the class comment), so each pixel gets the same (p, n, sy, syy)
     * as the straightforward loop, and {@link #argminFast} the same level as the closed-form search of the
     * class comment evaluated in float.
     */
    static int[] sweeps(int[] start, int nx, int ny, float lambda) {
        float[] quad = new float[LEVELS]; // quad[|p − x|] = (p − x)²/10 as the energy's float expression
        for (int k = 0; k < LEVELS; k++) {
            float dk = k;
            quad[k] = dk * dk / SIGMA2T2;
        }
        int[] prev = start.clone(), cur = new int[start.length];
        int[] cs = new int[nx], cq = new int[nx];
        for (int it = 0; it < SWEEPS; it++) {
            for (int y = 0; y < ny; y++) {
                int y0 = Math.max(0, y - 1), y1 = Math.min(ny - 1, y + 1), rows = y1 - y0 + 1;
                for (int x = 0; x < nx; x++) {
                    int s = 0, q = 0;
                    for (int v = y0; v <= y1; v++) {
                        int l = prev[v * nx + x];
                        s += l;
                        q += l * l;
                    }
                    cs[x] = s;
                    cq[x] = q;
                }
                int row = y * nx;
                for (int x = 0; x < nx; x++) {
                    int x0 = Math.max(0, x - 1), x1 = Math.min(nx - 1, x + 1);
                    int p = prev[row + x];
                    int sy = -p, syy = -p * p;
                    for (int u = x0; u <= x1; u++) {
                        sy += cs[u];
                        syy += cq[u];
                    }
                    int n = rows * (x1 - x0 + 1) - 1;
                    cur[row + x] = argminFast(p, n, sy, syy, lambda, quad);
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev;
    }

    /**
     * The closed-form search of the class comment with integer inputs: the same window of candidates, the same
     * comparisons as in float;
     * {@code syy + n·x² − 2·sy·x} is evaluated in int (exact, and equal to the exact float expression) and
     * {@code (p − x)²/10} read from {@code quad}.
     */
    static int argminFast(int p, int n, int sy, int syy, float lambda, float[] quad) {
        double xs = (p / (double) SIGMA2T2 + (double) lambda * sy) / (1 / (double) SIGMA2T2 + (double) lambda * n);
        int lo = (int) Math.max(0, Math.min(LEVELS - 1, Math.floor(xs) - 1));
        int hi = (int) Math.max(0, Math.min(LEVELS - 1, Math.ceil(xs) + 1));
        int best = lo;
        float e = Float.MAX_VALUE;
        for (int x = lo; x <= hi; x++) {
            float ex = quad[Math.abs(p - x)] + lambda * (float) (syy + n * x * x - 2 * sy * x);
            if (ex < e) {
                e = ex;
                best = x;
            }
        }
        return best;
    }
}
