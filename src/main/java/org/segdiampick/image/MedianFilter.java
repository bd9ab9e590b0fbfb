package org.segdiampick.image;

/**
 * Square median filter (algorithm §6.7, 7 × 7 in the cascade: {@code halfWidth = 3}) with mirrored borders
 * (decisions.md B-26) and true medians (B-2): the output is the middle one of the (2w+1)² window values.
 *
 * <p>Mirror without repeating the edge pixel (the "reflect" of numpy.pad / "mirror" of scipy.ndimage):
 * index −1 → 1, −2 → 2, n → n − 2, n + 1 → n − 3, periodic with period 2(n − 1) for windows wider than
 * the image; a 1-pixel axis maps every index to 0. Not in place: every output reads the unfiltered image.
 * Per pixel the window is copied into a reusable buffer and its median found by quick-select.
 */
public final class MedianFilter {

    /** {@code WINSZ_MED} of algorithm §6 (7 × 7 window). */
    public static final int HALF_WIDTH = 3;

    private MedianFilter() {
    }

    public static void apply(Image2D img, int halfWidth) {
        if (halfWidth < 0) throw new IllegalArgumentException("median half-width must be ≥ 0: " + halfWidth);
        final int nx = img.nx, ny = img.ny, w = 2 * halfWidth + 1, k = w * w / 2;
        final float[] src = img.data.clone(), dst = img.data;
        int[] mx = new int[nx + 2 * halfWidth], my = new int[ny + 2 * halfWidth];
        for (int i = 0; i < mx.length; i++) mx[i] = mirror(i - halfWidth, nx);
        for (int i = 0; i < my.length; i++) my[i] = mirror(i - halfWidth, ny);
        float[] buf = new float[w * w];
        for (int y = 0; y < ny; y++) {
            boolean innerY = y >= halfWidth && y + halfWidth < ny;
            for (int x = 0; x < nx; x++) {
                int c = 0;
                if (innerY && x >= halfWidth && x + halfWidth < nx) {
                    for (int v = y - halfWidth; v <= y + halfWidth; v++) {
                        System.arraycopy(src, v * nx + x - halfWidth, buf, c, w);
                        c += w;
                    }
                } else {
                    for (int v = 0; v < w; v++) {
                        int row = my[y + v] * nx;
                        for (int u = 0; u < w; u++) buf[c++] = src[row + mx[x + u]];
                    }
                }
                dst[y * nx + x] = select(buf, w * w, k);
            }
        }
    }

    /** Mirrored index of i on an axis of n pixels (edge not repeated). */
    public static int mirror(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** The k-th smallest (0-based) of a[0..n-1]; reorders a. Hoare quick-select with median-of-three pivots. */
    static float select(float[] a, int n, int k) {
        int lo = 0, hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            float pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
