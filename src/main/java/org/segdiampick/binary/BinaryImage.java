package org.segdiampick.binary;

import java.util.Arrays;
import org.segdiampick.image.Image2D;

/**
 * A 0/1 image on the shrunken grid: the segmentation picker's foreground (algorithm §7).
 *
 * <p>Pixels are bytes 0 or 1 in raster order, x fastest: pixel (x, y), 0-based, is {@code px[y * nx + x]},
 * the same layout as {@link Image2D}. The array is exposed for the kernels in this package; callers that
 * write into it must keep the values 0 or 1.
 */
public final class BinaryImage {
    public final int nx;
    public final int ny;
    public final byte[] px;

    /** An all-background image. */
    public BinaryImage(int nx, int ny) {
        this(nx, ny, new byte[checkedSize(nx, ny)]);
    }

    /** Wraps {@code px} (not copied); every value must be 0 or 1. */
    public BinaryImage(int nx, int ny, byte[] px) {
        if ((long) checkedSize(nx, ny) != px.length)
            throw new IllegalArgumentException("pixel array length " + px.length + " != " + nx + " x " + ny);
        for (int i = 0; i < px.length; i++)
            if (px[i] != 0 && px[i] != 1)
                throw new IllegalArgumentException("binary pixel " + i + " has value " + px[i] + " (must be 0 or 1)");
        this.nx = nx;
        this.ny = ny;
        this.px = px;
    }

    private static int checkedSize(int nx, int ny) {
        if (nx < 1 || ny < 1) throw new IllegalArgumentException("image size must be positive: " + nx + " x " + ny);
        return Math.multiplyExact(nx, ny);
    }

    /**
     * Reads back a binary image written by {@link #toImage}: pixel &gt; 0.5 → 1 (pass 2, algorithm §7.8).
     * Thresholding at 0.5 instead of SIMPLE's {@code nint} gives the same 0/1 for a 0/1 file and never
     * converts large values to integers (B-22); NaN counts as background.
     */
    public static BinaryImage fromImage(Image2D img) {
        byte[] b = new byte[img.data.length];
        for (int i = 0; i < b.length; i++) b[i] = img.data[i] > 0.5f ? (byte) 1 : 0;
        return new BinaryImage(img.nx, img.ny, b);
    }

    public int get(int x, int y) {
        return px[y * nx + x];
    }

    public void set(int x, int y, boolean foreground) {
        px[y * nx + x] = foreground ? (byte) 1 : 0;
    }

    public void set(int x, int y, int value) {
        if (value != 0 && value != 1) throw new IllegalArgumentException("binary value must be 0 or 1, got " + value);
        px[y * nx + x] = (byte) value;
    }

    public int size() {
        return px.length;
    }

    /** Number of foreground pixels. */
    public int count() {
        int c = 0;
        for (byte b : px) c += b;
        return c;
    }

    public BinaryImage copy() {
        return new BinaryImage(nx, ny, px.clone(), true);
    }

    /** Float 0/1 image with the given pixel sizes, for writing {@code <base>_bin.mrc} (algorithm §7.7 step 8). */
    public Image2D toImage(double smpdX, double smpdY) {
        float[] d = new float[px.length];
        for (int i = 0; i < d.length; i++) d[i] = px[i];
        return new Image2D(nx, ny, smpdX, smpdY, d);
    }

    /**
     * Clears (in place) every pixel whose {@code usable} flag is false: the carbon mask applied to the
     * binarisation (algorithm §7.7 step 5). Returns this image.
     */
    public BinaryImage applyMask(boolean[] usable) {
        if (usable.length != px.length)
            throw new IllegalArgumentException("mask length " + usable.length + " != image size " + nx + " x " + ny);
        for (int i = 0; i < px.length; i++) if (!usable[i]) px[i] = 0;
        return this;
    }

    // Trusted constructor for arrays produced inside this package (already 0/1): skips the scan.
    BinaryImage(int nx, int ny, byte[] px, boolean trusted) {
        this.nx = nx;
        this.ny = ny;
        this.px = px;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryImage b && b.nx == nx && b.ny == ny && Arrays.equals(b.px, px);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * nx + ny) + Arrays.hashCode(px);
    }

    @Override
    public String toString() {
        return "BinaryImage[" + nx + " x " + ny + ", " + count() + " foreground]";
    }
}
