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
 * {@link #expNeg(float)} (table interpolation, relative error &lt; 6e-7).
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

        final float[] z = new float[nx * ny];
        final float[] a = new float[nx * ny];
        java.util.Arrays.fill(z, 1f); // offset (0, 0): weight exp(0) = 1
        System.arraycopy(src, 0, a, 0, a.length);

        final int maxW = nx + SEARCH_HALF;
        float[] diff = new float[maxW + 2];
        float[][] ring = {new float[maxW], new float[maxW], new float[maxW]};
        float[] wt = new float[maxW];
        // Blocks of rows of p (the weights' rows) with all offsets inside: the accumulator rows touched by a
        // block (p's rows and those SEARCH_HALF below) stay in cache across the 220 offsets.
        for (int y0 = -SEARCH_HALF; y0 < ny; y0 += ROW_BLOCK) {
            int y1 = Math.min(ny - 1, y0 + ROW_BLOCK - 1);
            for (int dy = 0; dy <= SEARCH_HALF; dy++) {
                for (int dx = dy == 0 ? 1 : -SEARCH_HALF; dx <= SEARCH_HALF; dx++) {
                    accumulateOffset(p, w, nx, ny, dx, dy, Math.max(y0, -dy), y1, invH2, z, a, diff, ring, wt);
                }
            }
        }
        for (int i = 0; i < src.length; i++) src[i] = a[i] / z[i];
    }

    /**
     * Adds the weights of offset (dx, dy), dy ≥ 0, to every pixel p of the image and of offset (−dx, −dy) to
     * every pixel p + o: the weights are evaluated on the union of the image and the image shifted by −o,
     * for the rows ya..yb of p (ya ≥ −dy, yb ≤ ny − 1).
     */
    private static void accumulateOffset(float[] p, int w, int nx, int ny, int dx, int dy, int ya, int yb, float invH2,
                                         float[] z, float[] a, float[] diff, float[][] ring, float[] wt) {
        final int xa = Math.min(0, -dx), xb = Math.max(nx - 1, nx - 1 - dx);
        if (ya > yb) return;
        final int len = xb - xa + 1;
        final int shift = dy * w + dx;
        // ring[(qy - ya + 1) mod 3] holds the horizontal 3-sums of row qy of the squared differences
        boxRow(p, w, ya - 1, xa, len, shift, diff, ring[0]);
        boxRow(p, w, ya, xa, len, shift, diff, ring[1]);
        for (int py = ya; py <= yb; py++) {
            float[] r2 = ring[(py - ya + 2) % 3];
            boxRow(p, w, py + 1, xa, len, shift, diff, r2);
            float[] r0 = ring[(py - ya) % 3], r1 = ring[(py - ya + 1) % 3];
            for (int j = 0; j < len; j++) wt[j] = expNeg((r0[j] + r1[j] + r2[j]) * invH2);
            final int rowP = (py + PAD) * w + PAD;
            if (py >= 0) { // p in the image: offset o, compared pixel P[p + o]
                final int zi = py * nx, pj = rowP + shift, j0 = -xa;
                for (int x = 0; x < nx; x++) { // one induction variable so the JIT can vectorise
                    float wj = wt[j0 + x];
                    z[zi + x] += wj;
                    a[zi + x] += wj * p[pj + x];
                }
            }
            final int qy = py + dy;
            if (qy < ny) { // p + o in the image: offset −o, compared pixel P[p]
                final int x0 = -dx; // p runs over x0..x0+nx−1 and may lie in the padding
                final int zi = qy * nx, j0 = x0 - xa, pj = rowP + x0;
                for (int x = 0; x < nx; x++) {
                    float wj = wt[j0 + x];
                    z[zi + x] += wj;
                    a[zi + x] += wj * p[pj + x];
                }
            }
        }
    }

    /** Horizontal 3-sums over x = xa..xa+len−1 of (P[q] − P[q + o])² along row qy (image coordinates). */
    private static void boxRow(float[] p, int w, int qy, int xa, int len, int shift, float[] diff, float[] out) {
        final int base = (qy + PAD) * w + PAD + xa - 1;
        for (int j = 0; j < len + 2; j++) {
            float d = p[base + j] - p[base + j + shift];
            diff[j] = d * d;
        }
        for (int j = 0; j < len; j++) out[j] = diff[j] + diff[j + 1] + diff[j + 2];
    }

    /** Exponential table: 512 entries per unit of t over [0, 24), each entry (value, slope to the next). */
    private static final int EXP_PER_UNIT = 512;
    private static final int EXP_ENTRIES = 24 * EXP_PER_UNIT;
    private static final float[] EXP_TABLE = new float[2 * (EXP_ENTRIES + 1)];

    static {
        for (int i = 0; i < EXP_ENTRIES; i++) {
            double v0 = Math.exp(-(double) i / EXP_PER_UNIT), v1 = Math.exp(-(double) (i + 1) / EXP_PER_UNIT);
            EXP_TABLE[2 * i] = (float) v0;
            EXP_TABLE[2 * i + 1] = (float) (v1 - v0);
        }
        // the last entry stays (0, 0): weights beyond e^-24 ≈ 3.8e-11 are dropped
    }

    /**
     * exp(−t) for t ≥ 0 (not NaN) by linear interpolation in a table of step 1/512: relative error below
     * 6e-7, smaller than the effect of the float rounding of t itself (t up to 24 carries an absolute error
     * of ~1e-6). Weights below e^−24 become 0: next to the centre weight 1 they change Σw by less than
     * 441·3.8e-11, under float resolution.
     */
    static float expNeg(float t) {
        float x = Math.min(t * EXP_PER_UNIT, (float) EXP_ENTRIES);
        int i = (int) x;
        float f = x - i;
        return EXP_TABLE[2 * i] + f * EXP_TABLE[2 * i + 1];
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
