package org.segdiampick.pick.refined;

/**
 * Per-pixel noise standard deviation of an image, estimated from differences of horizontally adjacent pixels:
 * {@code 1.4826 · MAD(v[x+1] − v[x]) / √2}. Neighbouring pixels share almost all of the (smooth) particle and
 * background signal, so their difference is dominated by the pixel noise; the median makes a few edges
 * (particles, carbon, contamination) irrelevant. Exact for white Gaussian noise. Uses a regular subsample of at
 * most 16384 differences (deterministic).
 */
public final class NoiseLevel {

    private NoiseLevel() {
    }

    /** The noise sd of the nx × ny image {@code v}; never 0 (a tiny positive value replaces it). */
    public static double sd(float[] v, int nx, int ny) {
        if (nx < 2) throw new IllegalArgumentException("noise level needs at least 2 columns, got " + nx);
        long n = (long) (nx - 1) * ny;
        int step = (int) Math.max(1, n / RobustZ.SAMPLE);
        int m = (int) ((n + step - 1) / step);
        float[] d = new float[m];
        for (int j = 0; j < m; j++) {
            long i = (long) j * step;
            int y = (int) (i / (nx - 1)), x = (int) (i % (nx - 1));
            d[j] = Math.abs(v[y * nx + x + 1] - v[y * nx + x]);
        }
        double med = Median.of(d);
        double sd = RobustZ.MAD_TO_SD * med / Math.sqrt(2);
        return sd > 0 ? sd : 1e-12;
    }
}
