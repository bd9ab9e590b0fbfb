package org.segdiampick.image;

/**
 * SIMPLE's {@code zero_edgeavg} (algorithm §6.1): subtract the mean of the border pixels, so the zero level of
 * the cascade filter is the edge level. The four full border lines are summed, corners counted twice, and
 * divided by 2(n1 + n2); nothing happens when that mean is within 1e-10 of zero.
 */
public final class EdgeAverage {

    private EdgeAverage() {
    }

    public static void apply(Image2D img) {
        float e = edgeAverage(img);
        if (Math.abs(e) > 1e-10) {
            float[] d = img.data;
            for (int i = 0; i < d.length; i++) d[i] -= e;
        }
    }

    /** The mean of §6.1 (double sums, rounded to float). */
    public static float edgeAverage(Image2D img) {
        int nx = img.nx, ny = img.ny;
        double s = 0;
        for (int x = 0; x < nx; x++) s += img.get(x, 0) + (double) img.get(x, ny - 1);
        for (int y = 0; y < ny; y++) s += img.get(0, y) + (double) img.get(nx - 1, y);
        return (float) (s / (2.0 * (nx + ny)));
    }
}
