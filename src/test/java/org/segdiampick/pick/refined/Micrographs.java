package org.segdiampick.pick.refined;

import org.segdiampick.image.Image2D;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test micrographs generated in the test: Gaussian noise, dark discs, dark rings, all seeded. */
final class Micrographs {
    private Micrographs() {
    }

    /** Pure Gaussian noise, mean 100, sd 10. */
    static Image2D noise(int nx, int ny, double smpd, long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[nx * ny];
        for (int i = 0; i < d.length; i++) d[i] = (float) (100 + 10 * rnd.nextGaussian());
        return Image2D.of(nx, ny, smpd, d);
    }

    /** Darkens a disc of radius r (px) centred at (cx, cy) by {@code depth}, with a soft edge of about one pixel. */
    static void darkDisc(Image2D img, double cx, double cy, double r, double depth) {
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++) {
                double d = Math.hypot(x - cx, y - cy);
                double w = Math.max(0, Math.min(1, r + 0.5 - d));
                if (w > 0) img.data[y * img.nx + x] -= (float) (depth * w);
            }
    }

    /** Darkens an annulus between radii r0 and r1 (px) centred at (cx, cy) by {@code depth}. */
    static void darkRing(Image2D img, double cx, double cy, double r0, double r1, double depth) {
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++) {
                double d = Math.hypot(x - cx, y - cy);
                if (d >= r0 && d <= r1) img.data[y * img.nx + x] -= (float) depth;
            }
    }

    /**
     * A micrograph of soft dark particles of diameter {@code diameterPx} (a disc darkened by {@code depth}, then the
     * whole image blurred by a 3×3 mean twice) at non-overlapping random positions, on Gaussian noise.
     */
    static Image2D particles(int nx, int ny, double smpd, double diameterPx, int count, double depth, long seed, List<double[]> centres) {
        Random rnd = new Random(seed);
        float[] d = new float[nx * ny];
        java.util.Arrays.fill(d, 100f);
        Image2D img = Image2D.of(nx, ny, smpd, d);
        List<double[]> placed = new ArrayList<>();
        int tries = 0;
        while (placed.size() < count && tries++ < 100000) {
            double x = diameterPx + rnd.nextDouble() * (nx - 2 * diameterPx), y = diameterPx + rnd.nextDouble() * (ny - 2 * diameterPx);
            boolean free = true;
            for (double[] p : placed) if (Math.hypot(p[0] - x, p[1] - y) < 1.3 * diameterPx) free = false;
            if (!free) continue;
            placed.add(new double[]{x, y});
            darkDisc(img, x, y, diameterPx / 2, depth);
        }
        for (int pass = 0; pass < 2; pass++) img = blur3(img);
        for (int i = 0; i < img.data.length; i++) img.data[i] += (float) (10 * rnd.nextGaussian());
        if (centres != null) centres.addAll(placed);
        return img;
    }

    private static Image2D blur3(Image2D img) {
        float[] o = new float[img.data.length];
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++) {
                double s = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= img.nx || yy >= img.ny) continue;
                        s += img.get(xx, yy);
                        n++;
                    }
                o[y * img.nx + x] = (float) (s / n);
            }
        return new Image2D(img.nx, img.ny, img.smpdX, img.smpdY, o);
    }
}
