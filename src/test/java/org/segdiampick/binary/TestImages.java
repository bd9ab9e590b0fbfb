package org.segdiampick.binary;

import java.util.Random;
import org.segdiampick.image.Image2D;

/** Synthetic images for the binary and carbon tests and the benchmark (seeded, reproducible). */
public final class TestImages {
    private TestImages() {
    }

    /** Gaussian white noise of standard deviation {@code sd}. */
    public static float[] whiteNoise(int nx, int ny, double sd, long seed) {
        Random r = new Random(seed);
        float[] d = new float[nx * ny];
        for (int i = 0; i < d.length; i++) d[i] = (float) (sd * r.nextGaussian());
        return d;
    }

    /**
     * An n × n image with carbon on its right half, as the carbon detector sees it: left half smooth noise whose
     * amplitude rises from 0.5 to 1 across the half (its tiles spread over several low-variance
     * gradient-histogram clusters); right half white noise, whose gradient histograms are far wider. §5.4 needs
     * the low-variance family to span at least two clusters (the best split may not be the first one), which
     * the amplitude ramp provides.
     */
    public static Image2D carbonOnRightHalf(int n) {
        float[] smooth = smoothNoise(n, n, 2, 8), white = whiteNoise(n, n, 1, 7);
        float[] d = new float[n * n];
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                d[i] = x < n / 2 ? (float) (smooth[i] * (0.5 + x / (double) n)) : 0.3f * white[i];
            }
        return image(n, n, d);
    }

    /** White noise smoothed by three passes of a (2·radius+1) box filter per axis (≈ Gaussian blur). */
    public static float[] smoothNoise(int nx, int ny, int radius, long seed) {
        float[] d = whiteNoise(nx, ny, 1, seed);
        for (int pass = 0; pass < 3; pass++) {
            d = boxX(d, nx, ny, radius);
            d = boxY(d, nx, ny, radius);
        }
        return d;
    }

    private static float[] boxX(float[] d, int nx, int ny, int r) {
        float[] o = new float[d.length];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) s += d[y * nx + Math.min(nx - 1, Math.max(0, x + k))];
                o[y * nx + x] = (float) (s / (2 * r + 1));
            }
        return o;
    }

    private static float[] boxY(float[] d, int nx, int ny, int r) {
        float[] o = new float[d.length];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int k = -r; k <= r; k++) s += d[Math.min(ny - 1, Math.max(0, y + k)) * nx + x];
                o[y * nx + x] = (float) (s / (2 * r + 1));
            }
        return o;
    }

    /** Draws a digital disc: every pixel with (x − cx)² + (y − cy)² ≤ r² becomes foreground. */
    public static void disc(BinaryImage img, double cx, double cy, double r) {
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) img.set(x, y, 1);
    }

    /** Parses rows of '#' (foreground) and '.' (background), top row first = y 0. */
    public static BinaryImage parse(String... rows) {
        BinaryImage b = new BinaryImage(rows[0].length(), rows.length);
        for (int y = 0; y < rows.length; y++)
            for (int x = 0; x < rows[y].length(); x++) b.set(x, y, rows[y].charAt(x) == '#' ? 1 : 0);
        return b;
    }

    public static String render(BinaryImage b) {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < b.ny; y++) {
            for (int x = 0; x < b.nx; x++) sb.append(b.get(x, y) == 1 ? '#' : '.');
            sb.append('\n');
        }
        return sb.toString();
    }

    public static Image2D image(int nx, int ny, float[] d) {
        return Image2D.of(nx, ny, 4.0, d);
    }
}
