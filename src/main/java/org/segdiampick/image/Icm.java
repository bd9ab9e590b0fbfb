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
 */
public final class Icm {

    /** {@code LAM_ICM} of algorithm §6. */
    public static final double LAMBDA = 100;
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
        float[] table = binMeans(d, lo, hi);
        int[] level = new int[d.length];
        for (int i = 0; i < d.length; i++) level[i] = find(table, d[i]) - 1;
        level = sweeps(level, img.nx, img.ny, (float) lambda, false);
        for (int i = 0; i < d.length; i++) d[i] = table[level[i]];
    }

    /** Forward quantisation table T (0-based: T[q] is the mean of bin q), §6.6 step 1. */
    static float[] binMeans(float[] d, float lo, float hi) {
        float[] grid = equispaced(0f, 1f, LEVELS);
        float delta = hi - lo;
        float[] t = new float[LEVELS], cnt = new float[LEVELS];
        for (float v : d) {
            int q = find(grid, (v - lo) / delta) - 1;
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
        int n = table.length;
        int j = Math.max(1, locate(table, x));
        if (j < n && Math.abs(table[j - 1] - x) >= Math.abs(table[j] - x)) j++;
        return j;
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
        if (Math.abs(x - table[0]) < TINY) return 1;
        if (Math.abs(x - table[n - 1]) < TINY) return n - 1;
        return jl;
    }

    /** Three Jacobi sweeps; {@code bruteForce} scans all 256 levels (kept for tests). */
    static int[] sweeps(int[] start, int nx, int ny, float lambda, boolean bruteForce) {
        int[] prev = start.clone(), cur = new int[start.length];
        for (int it = 0; it < SWEEPS; it++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int n = 0;
                    float sy = 0f, syy = 0f;
                    for (int v = Math.max(0, y - 1); v <= Math.min(ny - 1, y + 1); v++)
                        for (int u = Math.max(0, x - 1); u <= Math.min(nx - 1, x + 1); u++) {
                            if (u == x && v == y) continue;
                            float q = prev[v * nx + u];
                            n++;
                            sy += q;
                            syy += q * q;
                        }
                    float p = prev[y * nx + x];
                    cur[y * nx + x] = bruteForce ? argminScan(p, n, sy, syy, lambda)
                            : argminClosedForm(p, n, sy, syy, lambda);
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev;
    }

    static float energy(float p, float x, int n, float sy, float syy, float lambda) {
        float d = p - x;
        return d * d / SIGMA2T2 + lambda * (syy + n * x * x - 2f * sy * x);
    }

    static int argminScan(float p, int n, float sy, float syy, float lambda) {
        int best = 0;
        float e = Float.MAX_VALUE;
        for (int x = 0; x < LEVELS; x++) {
            float ex = energy(p, x, n, sy, syy, lambda);
            if (ex < e) {
                e = ex;
                best = x;
            }
        }
        return best;
    }

    static int argminClosedForm(float p, int n, float sy, float syy, float lambda) {
        double xs = (p / (double) SIGMA2T2 + (double) lambda * sy) / (1 / (double) SIGMA2T2 + (double) lambda * n);
        int lo = (int) Math.max(0, Math.min(LEVELS - 1, Math.floor(xs) - 1));
        int hi = (int) Math.max(0, Math.min(LEVELS - 1, Math.ceil(xs) + 1));
        int best = lo;
        float e = Float.MAX_VALUE;
        for (int x = lo; x <= hi; x++) {
            float ex = energy(p, x, n, sy, syy, lambda);
            if (ex < e) {
                e = ex;
                best = x;
            }
        }
        return best;
    }
}
