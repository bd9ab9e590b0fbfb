package org.segdiampick.image;

// About 300 lines on purpose: one kernel, with its branch-free exponential next to the weight loops that inline
// it with the same constants (moving it apart would split one vectorised computation across two files).

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
 * rows at one common index so that C2 vectorises it: for each block of rows the 23 horizontal shifts of P's
 * rows that the patches need are copied once, so a row of box sums reads six of them and the accumulation two,
 * with no per-offset copying; only the weights are shifted (one copy) for the pixel p + o. The sums are formed
 * in the same order as a direct evaluation row by row ((d(x−1) + d(x)) + d(x+1), then the three rows, then
 * ×1/h²), and every accumulator receives its terms in one fixed order (blocks of 24 rows, then offsets, then
 * rows; the weight of p before that of p + o), so the output is deterministic; a different block height would
 * change only the order of the float additions.
 */
public final class NonLocalMeans {

    /** Search half-width ({@code CFR_BOX}): offsets −10..10. */
    public static final int SEARCH_HALF = 10;
    /** Rows and columns of P around the image needed by the 3 × 3 patches of the whole search window. */
    private static final int PAD = SEARCH_HALF + 1;
    /** Columns before x = 0 in every row array: room for x − PAD at x = −SEARCH_HALF, and as many after. */
    private static final int GUARD = 2 * PAD;
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

        // Every row array is indexed by i = x + GUARD; prow[y + PAD] is row y of P for y in [−PAD, ny + PAD).
        final int len = nx + 2 * GUARD;
        final float[][] prow = new float[ny + 2 * PAD][len];
        for (int y = -PAD; y < ny + PAD; y++) {
            float[] r = prow[y + PAD];
            java.util.Arrays.fill(r, mean);
            if (y >= 0 && y < ny) System.arraycopy(src, y * nx, r, GUARD, nx);
        }
        // Accumulators for the rows y in [−SEARCH_HALF, ny + SEARCH_HALF), z[y + SEARCH_HALF]: the rows and
        // columns outside the image receive the weights of pixels p or p + o outside it and are never read, so
        // the inner loops need no bounds tests.
        final float[][] z = new float[ny + 2 * SEARCH_HALF][len];
        final float[][] a = new float[ny + 2 * SEARCH_HALF][len];
        for (int y = 0; y < ny; y++) {
            java.util.Arrays.fill(z[y + SEARCH_HALF], GUARD, GUARD + nx, 1f); // offset (0, 0): weight exp(0) = 1
            System.arraycopy(src, y * nx, a[y + SEARCH_HALF], GUARD, nx);
        }
        final Scratch s = new Scratch(len);
        // Blocks of rows of p (the weights' rows) with all offsets inside: the accumulator rows touched by a
        // block (p's rows and those SEARCH_HALF below) and its shifted copies of P stay in cache across the
        // 220 offsets.
        for (int y0 = -SEARCH_HALF; y0 < ny; y0 += ROW_BLOCK) {
            final int y1 = Math.min(ny - 1, y0 + ROW_BLOCK - 1);
            s.fillShifted(prow, y0 - 1, y1 + SEARCH_HALF + 1);
            for (int dy = 0; dy <= SEARCH_HALF; dy++) {
                for (int dx = dy == 0 ? 1 : -SEARCH_HALF; dx <= SEARCH_HALF; dx++) {
                    accumulateOffset(s, nx, dx, dy, Math.max(y0, -dy), y1, invH2, z, a);
                }
            }
        }
        for (int y = 0; y < ny; y++) {
            float[] zy = z[y + SEARCH_HALF], ay = a[y + SEARCH_HALF];
            for (int x = 0; x < nx; x++) src[y * nx + x] = ay[x + GUARD] / zy[x + GUARD];
        }
    }

    /** Scratch rows of one {@link #apply} call, all of the padded row length. */
    private static final class Scratch {
        /**
         * {@code shifted[c + PAD][y − yFirst][i] = P(i − GUARD + c, y)}: row y of P shifted left by c, for
         * c in [−PAD, PAD] and the rows y of the current block; filled where the source lies in P's rows.
         */
        final float[][][] shifted;
        int yFirst;
        final float[] w, r, wShift;
        final float[][] ring;

        Scratch(int len) {
            shifted = new float[2 * PAD + 1][ROW_BLOCK + SEARCH_HALF + 3][len];
            w = new float[len];
            r = new float[len];
            wShift = new float[len];
            ring = new float[][] {new float[len], new float[len], new float[len]};
        }

        void fillShifted(float[][] prow, int ya, int yb) {
            yFirst = ya;
            final int len = w.length;
            for (int c = -PAD; c <= PAD; c++) {
                float[][] sc = shifted[c + PAD];
                for (int y = ya; y <= yb; y++) {
                    int i0 = Math.max(0, -c), i1 = Math.min(len, len - c);
                    System.arraycopy(prow[y + PAD], i0 + c, sc[y - ya], i0, i1 - i0);
                }
            }
        }

        /** Row y of P shifted left by c, indexed like every row. */
        float[] row(int c, int y) {
            return shifted[c + PAD][y - yFirst];
        }
    }

    /**
     * Adds the weights of offset (dx, dy), dy ≥ 0, to every pixel p of the image and of offset (−dx, −dy) to
     * every pixel p + o: the weights are evaluated on the union of the image and the image shifted by −o,
     * for the rows ya..yb of p (ya ≥ −dy, yb ≤ ny − 1).
     */
    private static void accumulateOffset(Scratch s, int nx, int dx, int dy, int ya, int yb, float invH2,
                                         float[][] z, float[][] a) {
        if (ya > yb) return;
        // p's columns x in [xa, xb] as row indices [ia, ib)
        final int ia = Math.min(0, -dx) + GUARD, ib = Math.max(nx, nx - dx) + GUARD;
        final float[][] ring = s.ring;
        final float[] w = s.w, r = s.r, ws = s.wShift;
        // ring[(qy − ya + 1) mod 3] holds the horizontal 3-sums of row qy of the squared differences
        boxRow(s, dx, dy, ya - 1, ia, ib, ring[0]);
        boxRow(s, dx, dy, ya, ia, ib, ring[1]);
        for (int py = ya; py <= yb; py++) {
            final float[] r0 = ring[(py - ya) % 3], r1 = ring[(py - ya + 1) % 3], r2 = ring[(py - ya + 2) % 3];
            boxRow(s, dx, dy, py + 1, ia, ib, r2);
            firstStep(r0, r1, r2, invH2, r, w, ia, ib);
            middleSteps(r, w, ia, ib);
            lastStep(r, w, ia, ib);
            // p in the image (else into a row that is never read): offset o, compared pixel P[p + o]
            accumulate(w, ia, ib, z[py + SEARCH_HALF], a[py + SEARCH_HALF], s.row(dx, py + dy));
            // p + o, shifted by dx to p's columns: offset −o, compared pixel P[p]
            System.arraycopy(w, ia, ws, ia + dx, ib - ia);
            accumulate(ws, ia + dx, ib + dx, z[py + dy + SEARCH_HALF], a[py + dy + SEARCH_HALF], s.row(-dx, py));
        }
    }

    /*
     * The loops below are kept small, each over rows at one common index: C2 (JDK 17) vectorises a loop only
     * if it unrolls it, and it does not unroll a body of more than about 60 nodes (an array access counts
     * about four), nor vectorise accesses at different offsets of one index.
     */

    /**
     * {@code out[i]} = Σ over the columns x − 1, x, x + 1 of (P[q] − P[q + o])² along row qy, as
     * (d(x − 1) + d(x)) + d(x + 1), i = x + GUARD.
     */
    private static void boxRow(Scratch s, int dx, int dy, int qy, int ia, int ib, float[] out) {
        boxRow(s.row(-1, qy), s.row(0, qy), s.row(1, qy), s.row(dx - 1, qy + dy), s.row(dx, qy + dy),
                s.row(dx + 1, qy + dy), ia, ib, out);
    }

    private static void boxRow(float[] u0, float[] u1, float[] u2, float[] v0, float[] v1, float[] v2, int ia, int ib,
                               float[] out) {
        for (int i = ia; i < ib; i++) {
            float e0 = u0[i] - v0[i], e1 = u1[i] - v1[i], e2 = u2[i] - v2[i];
            out[i] = e0 * e0 + e1 * e1 + e2 * e2;
        }
    }

    /**
     * t = (r0 + r1 + r2)·invH2 (a 3 × 3 box sum over h²) and the first reduction step of {@link #expNeg}:
     * {@code r} = the rest, {@code w} = the factor so far.
     */
    private static void firstStep(float[] r0, float[] r1, float[] r2, float invH2, float[] r, float[] w, int ia,
                                  int ib) {
        for (int i = ia; i < ib; i++) {
            float x = Math.min((r0[i] + r1[i] + r2[i]) * invH2, T_MAX);
            float keep = 1f - round(x * K_MAX), b = round(x * K1);
            r[i] = x - b * C1;
            w[i] = keep * (b * E1 + (1f - b));
        }
    }

    /** Reduction steps 2 and 3 of {@link #expNeg} on the rest {@code r} and the factor {@code w}. */
    private static void middleSteps(float[] r, float[] w, int ia, int ib) {
        for (int i = ia; i < ib; i++) {
            float x = r[i], b = round(x * K2);
            x -= b * C2;
            float f = w[i] * (b * E2 + (1f - b));
            b = round(x * K3);
            r[i] = x - b * C3;
            w[i] = f * (b * E3 + (1f - b));
        }
    }

    /** Step 4 and the polynomial of {@link #expNeg}: {@code w} = the weights. */
    private static void lastStep(float[] r, float[] w, int ia, int ib) {
        for (int i = ia; i < ib; i++) {
            float x = r[i], b = round(x * K4);
            x -= b * C4;
            w[i] = poly(x - MID) * (w[i] * (b * E4 + (1f - b)));
        }
    }

    /** {@code z[i] += w[i]; a[i] += w[i]·pv[i]} for i in [ia, ib). */
    private static void accumulate(float[] w, int ia, int ib, float[] z, float[] a, float[] pv) {
        for (int i = ia; i < ib; i++) {
            float wi = w[i];
            z[i] += wi;
            a[i] += wi * pv[i];
        }
    }

    /*
     * Branch-free exp(−t) from float arithmetic only (min, +, ×), so the weight loops vectorise (a table
     * lookup with data-dependent indices does not). t is reduced by the four constants C_k ≈ 16, 8, 4, 2: each
     * step subtracts C_k when the remainder is ≥ C_k (exact: Sterbenz, the remainder is below 2·C_k) and
     * multiplies by E_k = e^−C_k. The C_k are the floats near 16, 8, 4, 2 whose e^−C_k round to a float with a
     * relative error below 6e-11, so the only rounding is the polynomial's and the four products. The rest
     * r ∈ [0, C_4) goes into a degree-8 least-squares fit of e^−r in u = r − MID, MID ≈ C_4/2 (coefficients
     * rounded to float; exp(−0) comes out exactly 1).
     *
     * The test "remainder ≥ C_k" is round(x·K_k) with K_k ≈ 1/(2·C_k): x·K_k is below 1.5 and rounded to an
     * integer by adding and subtracting ROUND = 1.5·2^23 (float addition rounds to nearest), 3 cheap operations
     * instead of a compare-and-select, which C2 does not vectorise for floats, or a clamp by min and max, which it
     * expands to long NaN-safe sequences. The rounding may decide differently from the exact test only within a
     * few ulps of C_k; the step then leaves a rest just below 0 or just above C_k, still exact and inside the
     * polynomial's range.
     */
    private static final float C1 = 15.981289863586426f, C2 = 7.990694046020508f, C3 = 3.9956672191619873f,
            C4 = 1.998016119003296f;
    private static final float E1 = 1.146605441704196e-07f, E2 = 0.0003385989984963089f,
            E3 = 0.01839516870677471f, E4 = 0.13560403883457184f;
    private static final float K1 = 1f / (2 * C1), K2 = 1f / (2 * C2), K3 = 1f / (2 * C3), K4 = 1f / (2 * C4);
    private static final float MID = 0.999008059501648f;
    private static final float P0 = 0.3682445287704468f, P1 = -0.3682445287704468f, P2 = 0.18412235379219055f,
            P3 = -0.06137439236044884f, P4 = 0.015343070030212402f, P5 = -0.0030673742294311523f,
            P6 = 0.0005121781723573804f, P7 = -7.511625881306827e-05f, P8 = 8.86779889697209e-06f;
    /** Weights at t ≥ 24 are dropped (see {@link #expNeg}). */
    private static final float T_MAX = 24f;
    /**
     * round(x·K_MAX) = 1 exactly for x = 24 and 0 for every float x in [0, 24) (the float above 1/48: 24·K_MAX
     * rounds to a float above ½, and (24 − 2^−19)·K_MAX to one not above ½).
     */
    private static final float K_MAX = Math.nextUp(1f / 48f);
    private static final float ROUND = 12582912f;

    /**
     * exp(−t) for t ≥ 0 (not NaN): relative error below 3e-7 (measured over 3·10⁶ random t in [0, 24)),
     * smaller than the effect of the float rounding of t itself (t up to 24 carries an absolute error of
     * ~1e-6). Weights at t ≥ 24 (below e^−24 ≈ 3.8e-11) become 0: next to the centre weight 1 they change Σw
     * by less than 441·3.8e-11, under float resolution. exp(−0) = 1 exactly. The weight loops of {@link #apply}
     * compute exactly this, split into three loops.
     */
    static float expNeg(float t) {
        float x = Math.min(t, T_MAX);
        float keep = 1f - round(x * K_MAX), b = round(x * K1);
        x -= b * C1;
        float f = keep * (b * E1 + (1f - b));
        b = round(x * K2);
        x -= b * C2;
        f *= b * E2 + (1f - b);
        b = round(x * K3);
        x -= b * C3;
        f *= b * E3 + (1f - b);
        b = round(x * K4);
        x -= b * C4;
        f *= b * E4 + (1f - b);
        return poly(x - MID) * f;
    }

    /** The nearest integer to v, for |v| &lt; 2^22 (ties to even). */
    private static float round(float v) {
        return (v + ROUND) - ROUND;
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
