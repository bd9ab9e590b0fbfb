package org.segdiampick.image;

/**
 * Integer binning: the mean of each {@code factor × factor} block of pixels (scikit-image's
 * {@code downscale_local_mean}). A ragged last row or column of blocks averages the pixels it has.
 *
 * <p>Why not {@link FourierResample}: the refined picker only needs a grid a few times finer than the particle
 * (its Laplacian-of-Gaussian is itself a band-pass), and binning costs one pass over the pixels instead of two
 * FFTs of the full micrograph, which would dominate its cost.
 */
public final class BlockAverage {

    private BlockAverage() {
    }

    /** Returns the binned image (pixel size × factor); factor 1 returns a copy. */
    public static Image2D apply(Image2D img, int factor) {
        if (factor < 1) throw new IllegalArgumentException("binning factor must be at least 1, got " + factor);
        if (factor == 1) return img.copy();
        int nx = (img.nx + factor - 1) / factor, ny = (img.ny + factor - 1) / factor;
        double[] sum = new double[nx * ny];
        int[] count = new int[nx * ny];
        float[] d = img.data;
        for (int y = 0; y < img.ny; y++) {
            int row = (y / factor) * nx, src = y * img.nx;
            for (int x = 0; x < img.nx; x++) {
                int o = row + x / factor;
                sum[o] += d[src + x];
                count[o]++;
            }
        }
        float[] out = new float[nx * ny];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / count[i]);
        return new Image2D(nx, ny, img.smpdX * factor, img.smpdY * factor, out);
    }
}
