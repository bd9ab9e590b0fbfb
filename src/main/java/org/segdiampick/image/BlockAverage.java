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
        float[] d = img.data, out = new float[nx * ny];
        double[] rowSum = new double[nx];
        for (int oy = 0; oy < ny; oy++) {
            java.util.Arrays.fill(rowSum, 0);
            int y0 = oy * factor, y1 = Math.min(img.ny, y0 + factor);
            for (int y = y0; y < y1; y++) {
                int src = y * img.nx;
                // block by block: no division per pixel
                for (int ox = 0, x = 0; ox < nx; ox++) {
                    int xEnd = Math.min(img.nx, x + factor);
                    double s = 0;
                    for (; x < xEnd; x++) s += d[src + x];
                    rowSum[ox] += s;
                }
            }
            int h = y1 - y0;
            for (int ox = 0; ox < nx; ox++) {
                int w = Math.min(img.nx, (ox + 1) * factor) - ox * factor;
                out[oy * nx + ox] = (float) (rowSum[ox] / ((long) w * h));
            }
        }
        return new Image2D(nx, ny, img.smpdX * factor, img.smpdY * factor, out);
    }
}
