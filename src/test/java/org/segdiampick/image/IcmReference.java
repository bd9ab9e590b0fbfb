package org.segdiampick.image;

/**
 * The straightforward forms of {@link Icm}'s sweeps that its fast path must equal: the 8-neighbour loop with
 * float sums, and the argmin either by scanning all 256 levels (SIMPLE's loop, algorithm §6.6) or by the closed
 * form of the class comment.
 */
final class IcmReference {

    private IcmReference() {
    }

    /** Three Jacobi sweeps; {@code scan}: all 256 levels, otherwise the closed-form window. */
    static int[] sweeps(int[] start, int nx, int ny, float lambda, boolean scan) {
        int[] prev = start.clone(), cur = new int[start.length];
        for (int it = 0; it < Icm.SWEEPS; it++) {
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
                    cur[y * nx + x] = scan ? argminScan(p, n, sy, syy, lambda)
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
        return d * d / Icm.SIGMA2T2 + lambda * (syy + n * x * x - 2f * sy * x);
    }

    static int argminScan(float p, int n, float sy, float syy, float lambda) {
        int best = 0;
        float e = Float.MAX_VALUE;
        for (int x = 0; x < Icm.LEVELS; x++) {
            float ex = energy(p, x, n, sy, syy, lambda);
            if (ex < e) {
                e = ex;
                best = x;
            }
        }
        return best;
    }

    static int argminClosedForm(float p, int n, float sy, float syy, float lambda) {
        double xs = (p / (double) Icm.SIGMA2T2 + (double) lambda * sy) / (1 / (double) Icm.SIGMA2T2 + (double) lambda * n);
        int lo = (int) Math.max(0, Math.min(Icm.LEVELS - 1, Math.floor(xs) - 1));
        int hi = (int) Math.max(0, Math.min(Icm.LEVELS - 1, Math.ceil(xs) + 1));
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
