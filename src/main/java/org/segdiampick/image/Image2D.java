package org.segdiampick.image;

import java.util.Arrays;

/**
 * A 2-D single-precision image with a physical pixel size per axis.
 *
 * <p>Pixels are stored in raster order, x fastest: pixel (x, y), both 0-based, is {@code data[y * nx + x]}.
 * This is the file order of an MRC image and SIMPLE's column-major order (its (i, j) is our (x+1, y+1)).
 * The pixel size may differ between the axes: a micrograph of N pixels Fourier-cropped to n pixels has
 * pixel size smpd·N/n along each axis, and we keep both (decisions.md B-14).
 *
 * <p><b>The in-place rule of the image kernels.</b> A kernel that keeps the grid works in place:
 * {@code void apply(Image2D img, …)} overwrites {@code img.data} (background subtraction, low-pass, edge
 * average, negative damping, TV, non-local means, ICM, median), so the cascade allocates nothing per stage and a
 * caller that still needs the input copies it first ({@link #copy()}). A kernel that changes the grid returns a
 * new image and leaves its input alone ({@link FourierResample#resample}, {@link Thumbnail#render}).
 */
public final class Image2D {
    public final int nx;
    public final int ny;
    /** Pixel size along x, Å/pixel. */
    public final double smpdX;
    /** Pixel size along y, Å/pixel. */
    public final double smpdY;
    public final float[] data;

    public Image2D(int nx, int ny, double smpdX, double smpdY, float[] data) {
        if (nx < 1 || ny < 1) throw new IllegalArgumentException("image size must be positive: " + nx + " x " + ny);
        if ((long) nx * ny != data.length)
            throw new IllegalArgumentException("data length " + data.length + " != " + nx + " x " + ny);
        this.nx = nx;
        this.ny = ny;
        this.smpdX = smpdX;
        this.smpdY = smpdY;
        this.data = data;
    }

    public Image2D(int nx, int ny, double smpd) {
        this(nx, ny, smpd, smpd, new float[Math.multiplyExact(nx, ny)]);
    }

    public static Image2D of(int nx, int ny, double smpd, float[] data) {
        return new Image2D(nx, ny, smpd, smpd, data);
    }

    public float get(int x, int y) {
        return data[y * nx + x];
    }

    public void set(int x, int y, float v) {
        data[y * nx + x] = v;
    }

    public int size() {
        return data.length;
    }

    public Image2D copy() {
        return new Image2D(nx, ny, smpdX, smpdY, data.clone());
    }

    /**
     * True when max − min &lt; 1e-10 over all pixels: SIMPLE's "empty" micrograph (algorithm §4.2). The range only
     * grows as pixels are read, so the answer is known to be false at the first pixel that makes it reach 1e-10:
     * on a real micrograph that is within the first few pixels instead of after all of them.
     */
    public boolean isConstant() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            if ((double) hi - lo >= 1e-10) return false;
        }
        return (double) hi - lo < 1e-10;
    }

    /** True if any pixel is NaN or infinite. */
    public boolean hasNonFinite() {
        for (float v : data) if (!Float.isFinite(v)) return true;
        return false;
    }

    @Override
    public String toString() {
        return "Image2D[" + nx + " x " + ny + ", " + smpdX + (smpdX == smpdY ? "" : " x " + smpdY) + " Å/px]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image2D i && i.nx == nx && i.ny == ny && i.smpdX == smpdX && i.smpdY == smpdY
                && Arrays.equals(i.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * nx + ny) + Arrays.hashCode(data);
    }
}
