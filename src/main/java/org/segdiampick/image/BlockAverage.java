package org.segdiampick.image;

import java.util.Arrays;

/**
 * Integer binning: the mean of each {@code factor × factor} block of pixels (scikit-image's
 * {@code downscale_local_mean}). A ragged last row or column of blocks averages the pixels it has.
 *
 * <p>Why not {@link FourierResample}: the refined picker only needs a grid a few times finer than the particle
 * (its Laplacian-of-Gaussian is itself a band-pass), and binning costs one pass over the pixels instead of two
 * FFTs of the full micrograph, which would dominate its cost.
 *
 * <p>Several factors are binned in one pass over the image ({@link #apply(Image2D, int...)}): each image row is
 * turned into its running sum once, and a block's row segment is then the difference of two running sums,
 * whatever the factor. A sweep over many particle sizes (13 factors) so reads the micrograph once instead of once
 * per factor, and keeps only one row of sums per factor. The sums are in double: on integer-valued micrographs
 * (8- and 16-bit detectors' values) they are exact, so the means are the same as summing each block directly.
 */
public final class BlockAverage {

    private BlockAverage() {
    }

    /** Returns the binned image (pixel size × factor); factor 1 returns a copy. */
    public static Image2D apply(Image2D img, int factor) {
        return apply(img, new int[]{factor})[0];
    }

    /**
     * The image binned by each of {@code factors} (in their order; factor 1 gives a copy), from one pass over
     * {@code img}.
     */
    public static Image2D[] apply(Image2D img, int... factors) {
        for (int f : factors)
            if (f < 1) throw new IllegalArgumentException("binning factor must be at least 1, got " + f);
        int nx = img.nx, ny = img.ny, n = factors.length;
        float[] d = img.data;
        Image2D[] out = new Image2D[n];
        float[][] res = new float[n][];
        double[][] acc = new double[n][];
        int[] onx = new int[n];
        for (int j = 0; j < n; j++) {
            int f = factors[j];
            if (f == 1) {
                out[j] = img.copy();
                continue;
            }
            onx[j] = (nx + f - 1) / f;
            int ony = (ny + f - 1) / f;
            res[j] = new float[onx[j] * ony];
            acc[j] = new double[onx[j]];
            out[j] = new Image2D(onx[j], ony, img.smpdX * f, img.smpdY * f, res[j]);
        }
        double[] run = new double[nx + 1];
        for (int y = 0; y < ny; y++) {
            int src = y * nx;
            for (int x = 0; x < nx; x++) run[x + 1] = run[x] + d[src + x];
            for (int j = 0; j < n; j++) {
                int f = factors[j];
                if (f == 1) continue;
                double[] a = acc[j];
                for (int ox = 0, x0 = 0; ox < onx[j]; ox++, x0 += f) a[ox] += run[Math.min(nx, x0 + f)] - run[x0];
                boolean lastOfBlock = (y + 1) % f == 0 || y == ny - 1;
                if (!lastOfBlock) continue;
                int oy = y / f, h = y - oy * f + 1;
                for (int ox = 0; ox < onx[j]; ox++) {
                    int w = Math.min(nx, (ox + 1) * f) - ox * f;
                    res[j][oy * onx[j] + ox] = (float) (a[ox] / ((long) w * h));
                }
                Arrays.fill(a, 0);
            }
        }
        return out;
    }
}
