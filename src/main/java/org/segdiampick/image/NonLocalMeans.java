package org.segdiampick.image;

/**
 * SIMPLE's {@code NLmean2D} with default arguments (algorithm §6.5), patch centred on the pixel
 * (decisions.md B-25): for every pixel p and every offset o in the 21 × 21 search window,
 * {@code w = exp(−Σ_{3×3 d}(P[p+d] − P[p+o+d])²/h²)}, output {@code Σ w·P[p+o] / Σ w}, computed from the
 * unmodified input. P is the image padded with its mean; h = 4σ, σ = the sample standard deviation (n − 1) of
 * the pixels outside the circle of radius nx/2 − 3 about the centre (nx/2, ny/2) (float halves, as SIMPLE's
 * {@code noisesdev}, so odd sizes are centred too).
 *
 * <p>σ = 0 (all pixels outside the circle equal, e.g. a constant image): the image is returned unchanged
 * (SIMPLE divides 0 by 0 and returns NaN everywhere, §6.5).
 *
 * <p>Speed: per offset the squared-difference image is formed once and its 3 × 3 box sums by running row and
 * column sums (O(pixels) per offset instead of 9 per pixel), and the symmetry S_o(p) = S_{−o}(p + o) of the
 * centred patch distance lets one weight serve the pixel p (offset o) and the pixel p + o (offset −o), so only
 * the 220 offsets of a half window are evaluated. Accumulation in float; the exponential is
 * {@link #expNeg(float)} (float arithmetic only, relative error &lt; 3e-7). Every inner loop runs over whole
 * rows of scratch arrays at one common index so that C2 vectorises it.
 */
public final class NonLocalMeans {

    /** Search half-width ({@code CFR_BOX}): offsets −10..10. */
    public static final int SEARCH_HALF = 10;
    private static final int PAD = SEARCH_HALF + 1;
    private static final int ROW_BLOCK = 24;

    private NonLocalMeans() {
    }

    public static void apply(Image2D img) {
        final int nx = img.nx, ny = img.ny;
        final float[] src = img.data;
        double sigma = noiseSdev(img);
        if (!(sigma > 0)) return;
        final float invH2 = (float) (1.0 / (16.0 * sigma * sigma));
        double sum = 0;
        for (float v : src) sum += v;
        final float mean = (float) (sum / src.length);

        final int w = nx + 2 * PAD, h = ny + 2 * PAD;
        final float[] p = new float[w * h];
        java.util.Arrays.fill(p, mean);
        for (int y = 0; y < ny; y++) System.arraycopy(src, y * nx, p, (y + PAD) * w + PAD, nx);

        // Accumulators as one array per image row, indexed by x alone, like every scratch row below: C2 (JDK
        // 17) vectorises a loop only if all its float accesses share one index expression, so shifted views of
        // a row are first copied (System.arraycopy) to the start of a scratch array.
        final float[][] z = new float[ny][nx];
        final float[][] a = new float[ny][];
        for (int y = 0; y < ny; y++) {
            java.util.Arrays.fill(z[y], 1f); // offset (0, 0): weight exp(0) = 1
            a[y] = java.util.Arrays.copyOfRange(src, y * nx, (y + 1) * nx);
        }
        Rows s = new Rows(nx + SEARCH_HALF + 2);
        // Blocks of rows of p (the weights' rows) with all offsets inside: the accumulator rows touched by a
        // block (p's rows and those SEARCH_HALF below) stay in cache across the 220 offsets.
        for (int y0 = -SEARCH_HALF; y0 < ny; y0 += ROW_BLOCK) {
            int y1 = Math.min(ny - 1, y0 + ROW_BLOCK - 1);
            for (int dy = 0; dy <= SEARCH_HALF; dy++) {
                for (int dx = dy == 0 ? 1 : -SEARCH_HALF; dx <= SEARCH_HALF; dx++) {
                    accumulateOffset(p, w, nx, ny, dx, dy, Math.max(y0, -dy), y1, invH2, z, a, s);
                }
            }
        }
        for (int y = 0; y < ny; y++) {
            float[] zy = z[y], ay = a[y];
            for (int x = 0; x < nx; x++) src[y * nx + x] = ay[x] / zy[x];
        }
    }

    /** Scratch rows of one {@link #apply} call, each at least one image row plus the search margin long. */
    private static final class Rows {
        final float[] u, v, d, d1, d2, t, wt, tmp, wShift, pShift;
        final float[][] ring;

        Rows(int n) {
            u = new float[n];
            v = new float[n];
            d = new float[n];
            d1 = new float[n];
            d2 = new float[n];
            t = new float[n];
            wt = new float[n];
            tmp = new float[n];
            wShift = new float[n];
            pShift = new float[n];
            ring = new float[][] {new float[n], new float[n], new float[n]};
        }
    }

    /**
     * Adds the weights of offset (dx, dy), dy ≥ 0, to every pixel p of the image and of offset (−dx, −dy) to
     * every pixel p + o: the weights are evaluated on the union of the image and the image shifted by −o,
     * for the rows ya..yb of p (ya ≥ −dy, yb ≤ ny − 1).
     */
    private static void accumulateOffset(float[] p, int w, int nx, int ny, int dx, int dy, int ya, int yb, float invH2,
                                         float[][] z, float[][] a, Rows s) {
        final int xa = Math.min(0, -dx), xb = Math.max(nx - 1, nx - 1 - dx);
        if (ya > yb) return;
        final int len = xb - xa + 1;
        final int shift = dy * w + dx;
        final float[][] ring = s.ring;
        final float[] t = s.t, wt = s.wt;
        // ring[(qy - ya + 1) mod 3] holds the horizontal 3-sums of row qy of the squared differences
        boxRow(p, w, ya - 1, xa, len, shift, s, ring[0]);
        boxRow(p, w, ya, xa, len, shift, s, ring[1]);
        for (int py = ya; py <= yb; py++) {
            float[] r2 = ring[(py - ya + 2) % 3];
            boxRow(p, w, py + 1, xa, len, shift, s, r2);
            float[] r0 = ring[(py - ya) % 3], r1 = ring[(py - ya + 1) % 3];
            for (int j = 0; j < len; j++) t[j] = (r0[j] + r1[j] + r2[j]) * invH2;
            expNegRow(t, wt, s.tmp, len);
            final int rowP = (py + PAD) * w + PAD;
            if (py >= 0) { // p in the image: offset o, compared pixel P[p + o]
                accumulateRow(wt, -xa, p, rowP + shift, z[py], a[py], nx, s);
            }
            final int qy = py + dy;
            if (qy < ny) { // p + o in the image: offset −o, compared pixel P[p], p = x0..x0+nx−1 (maybe padding)
                final int x0 = -dx;
                accumulateRow(wt, x0 - xa, p, rowP + x0, z[qy], a[qy], nx, s);
            }
        }
    }

    /** {@code zRow[x] += wt[j0 + x]; aRow[x] += wt[j0 + x]·p[pj + x]} for x &lt; nx. */
    private static void accumulateRow(float[] wt, int j0, float[] p, int pj, float[] zRow, float[] aRow, int nx, Rows s) {
        float[] wx = wt;
        if (j0 != 0) {
            wx = s.wShift;
            System.arraycopy(wt, j0, wx, 0, nx);
        }
        final float[] px = s.pShift;
        System.arraycopy(p, pj, px, 0, nx);
        for (int x = 0; x < nx; x++) {
            float wj = wx[x];
            zRow[x] += wj;
            aRow[x] += wj * px[x];
        }
    }

    /** Horizontal 3-sums over x = xa..xa+len−1 of (P[q] − P[q + o])² along row qy (image coordinates). */
    private static void boxRow(float[] p, int w, int qy, int xa, int len, int shift, Rows s, float[] out) {
        final int base = (qy + PAD) * w + PAD + xa - 1;
        final float[] u = s.u, v = s.v, d = s.d, d1 = s.d1, d2 = s.d2;
        System.arraycopy(p, base, u, 0, len + 2);
        System.arraycopy(p, base + shift, v, 0, len + 2);
        for (int j = 0; j < len + 2; j++) {
            float e = u[j] - v[j];
            d[j] = e * e;
        }
        System.arraycopy(d, 1, d1, 0, len);
        System.arraycopy(d, 2, d2, 0, len);
        for (int j = 0; j < len; j++) out[j] = d[j] + d1[j] + d2[j];
    }

    /*
     * Branch-free exp(−t) from float arithmetic only (min, max, +, ×), so the weight loop vectorises (a table
     * lookup with data-dependent indices does not). t is reduced by the four constants C_k ≈ 16, 8, 4, 2: each
     * step subtracts C_k when the remainder is ≥ C_k (exact: Sterbenz, the remainder is below 2·C_k) and
     * multiplies by E_k = e^−C_k. The C_k are the floats near 16, 8, 4, 2 whose e^−C_k round to a float with a
     * relative error below 6e-11, so the only rounding is the polynomial's and the four products. The rest
     * r ∈ [0, C_4) goes into a degree-8 least-squares fit of e^−r in u = r − MID, MID ≈ C_4/2 (coefficients
     * rounded to float; exp(−0) comes out exactly 1).
     */
    private static final float C1 = 15.981289863586426f, C2 = 7.990694046020508f, C3 = 3.9956672191619873f,
            C4 = 1.998016119003296f;
    private static final float E1 = 1.146605441704196e-07f, E2 = 0.0003385989984963089f,
            E3 = 0.01839516870677471f, E4 = 0.13560403883457184f;
    private static final float MID = 0.999008059501648f;
    private static final float P0 = 0.3682445287704468f, P1 = -0.3682445287704468f, P2 = 0.18412235379219055f,
            P3 = -0.06137439236044884f, P4 = 0.015343070030212402f, P5 = -0.0030673742294311523f,
            P6 = 0.0005121781723573804f, P7 = -7.511625881306827e-05f, P8 = 8.86779889697209e-06f;
    /** Weights at t ≥ 24 are dropped (see {@link #expNeg}). */
    private static final float T_MAX = 24f;
    private static final float STEP = 1073741824f;

    /**
     * exp(−t) for t ≥ 0 (not NaN): relative error below 3e-7 (measured over 3·10⁶ random t in [0, 24)),
     * smaller than the effect of the float rounding of t itself (t up to 24 carries an absolute error of
     * ~1e-6). Weights at t ≥ 24 (below e^−24 ≈ 3.8e-11) become 0: next to the centre weight 1 they change Σw
     * by less than 441·3.8e-11, under float resolution. exp(−0) = 1 exactly.
     */
    static float expNeg(float t) {
        float r = Math.min(t, T_MAX), f = 1f;
        float b = step(r, C1); // 1 for r ≥ C1, else 0
        r -= b * C1;
        f *= b * E1 + (1f - b);
        b = step(r, C2);
        r -= b * C2;
        f *= b * E2 + (1f - b);
        b = step(r, C3);
        r -= b * C3;
        f *= b * E3 + (1f - b);
        b = step(r, C4);
        r -= b * C4;
        f *= b * E4 + (1f - b);
        return poly(r - MID) * f * keep(t);
    }

    /**
     * {@code w[j] = expNeg(t[j])} for j &lt; len, bit-identical, as one short loop per reduction step over
     * contiguous arrays: C2 vectorises loops this small (the whole of expNeg in one loop body is too large to
     * be unrolled, and runs scalar along a long dependency chain). {@code r} is scratch.
     */
    static void expNegRow(float[] t, float[] w, float[] r, int len) {
        for (int j = 0; j < len; j++) {
            float x = Math.min(t[j], T_MAX);
            float b = step(x, C1);
            r[j] = x - b * C1;
            w[j] = b * E1 + (1f - b);
        }
        for (int j = 0; j < len; j++) {
            float x = r[j], b = step(x, C2);
            r[j] = x - b * C2;
            w[j] *= b * E2 + (1f - b);
        }
        for (int j = 0; j < len; j++) {
            float x = r[j], b = step(x, C3);
            r[j] = x - b * C3;
            w[j] *= b * E3 + (1f - b);
        }
        for (int j = 0; j < len; j++) {
            float x = r[j], b = step(x, C4);
            r[j] = x - b * C4;
            w[j] *= b * E4 + (1f - b);
        }
        for (int j = 0; j < len; j++) w[j] = poly(r[j] - MID) * w[j] * keep(t[j]);
    }

    /** 1 if x ≥ c, else 0, for x, c in [0, 24] (a non-zero difference of such floats times 2^30 is ≥ 64). */
    private static float step(float x, float c) {
        return Math.min(Math.max((x - c) * STEP + 1f, 0f), 1f);
    }

    /** 1 if t &lt; 24, else 0 (also for t = +∞). */
    private static float keep(float t) {
        return Math.min(Math.max((T_MAX - t) * STEP, 0f), 1f);
    }

    private static float poly(float u) {
        return (((((((P8 * u + P7) * u + P6) * u + P5) * u + P4) * u + P3) * u + P2) * u + P1) * u + P0;
    }

    /** σ of §6.5: sample standard deviation of the pixels outside the circle of radius nx/2 − 3; 0 if none. */
    public static double noiseSdev(Image2D img) {
        final int nx = img.nx, ny = img.ny;
        final double rho = nx / 2.0 - 3, rho2 = rho * rho, cx = nx / 2.0, cy = ny / 2.0;
        long n = 0;
        double s = 0;
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > rho2) {
                    n++;
                    s += img.get(x, y);
                }
        if (n < 2) return 0;
        double m = s / n, ss = 0;
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > rho2) {
                    double d = img.get(x, y) - m;
                    ss += d * d;
                }
        float var = (float) (ss / (n - 1));
        return var > 0 ? Math.sqrt(var) : 0;
    }
}
