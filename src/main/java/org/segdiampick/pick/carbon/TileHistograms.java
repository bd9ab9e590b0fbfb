package org.segdiampick.pick.carbon;

import org.segdiampick.image.Image2D;

/**
 * The description of the micrograph that the carbon detector clusters (algorithm §5.1–5.2): the normalised
 * image's gradient magnitude, binned over [0, 4] into {@link #NBINS} bins, counted in a 64 × 64 window around
 * every 32-px tile.
 *
 * @param tx     tiles along x, {@code ceil(nx / 32)}
 * @param ty     tiles along y
 * @param counts {@code tx · ty} histograms of {@link #NBINS} counts, tile t = i·ty + j (j fastest); each sums to
 *               {@link #WIN_PIXELS}
 */
public record TileHistograms(int tx, int ty, int[] counts) {
    /** Tile size (px), histogram bins and histogram range [0, HIST_MAX] (algorithm §5, Appendix A). */
    public static final int BOX = 32;
    public static final int NBINS = 64;
    public static final double HIST_MAX = 4.0;
    /** The 64 × 64 histogram window (§5.2) and its pixel count, the total of every tile histogram. */
    static final int WIN = 2 * BOX;
    static final int WIN_PIXELS = WIN * WIN;

    /**
     * Tile histograms of {@code lowPassed}, the shrunken micrograph low-pass filtered by the caller (§5.1 step 1).
     * The image is not modified.
     *
     * @throws IllegalArgumentException if the image is smaller than 64 px along an axis (the histogram windows
     *                                  would not fit), has NaN/infinite pixels or is too large to count in ints
     */
    public static TileHistograms of(Image2D lowPassed) {
        int n1 = lowPassed.nx, n2 = lowPassed.ny;
        if (n1 < WIN || n2 < WIN)
            throw new IllegalArgumentException("carbon detection needs at least " + WIN + " x " + WIN + " pixels, got " + lowPassed);
        if (lowPassed.hasNonFinite())
            throw new IllegalArgumentException("carbon detection: " + lowPassed + " has NaN or infinite pixels");
        int tx = ceilDiv(n1, BOX), ty = ceilDiv(n2, BOX);
        if ((long) tx * ty * WIN_PIXELS > Integer.MAX_VALUE / 2)
            throw new IllegalArgumentException("carbon detection: " + lowPassed + " is too large");
        byte[] bins = gradientBins(normalised(lowPassed.data), n1, n2);
        return new TileHistograms(tx, ty, tileHistograms(bins, n1, n2, tx, ty));
    }

    public int count() {
        return tx * ty;
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

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
