package org.segdiampick.image;

/**
 * Square median filter (algorithm §6.7, 7 × 7 in the cascade: {@code halfWidth = 3}) with mirrored borders
 * (decisions.md B-26) and true medians (B-2): the output is the middle one of the (2w+1)² window values.
 *
 * <p>Mirror without repeating the edge pixel (the "reflect" of numpy.pad / "mirror" of scipy.ndimage):
 * index −1 → 1, −2 → 2, n → n − 2, n + 1 → n − 3, periodic with period 2(n − 1) for windows wider than
 * the image; a 1-pixel axis maps every index to 0. Not in place: every output reads the unfiltered image.
 * Speed: along a row the window is kept sorted; moving one pixel removes the sorted leaving column and
 * merges the sorted entering column in one pass (O(w²) per pixel, no selection), each column sorted once.
 * Input must be free of NaN (the cascade's images are).
 */
public final class MedianFilter {

    /** {@code WINSZ_MED} of algorithm §6 (7 × 7 window). */
    public static final int HALF_WIDTH = 3;

    private MedianFilter() {
    }

    public static void apply(Image2D img, int halfWidth) {
        if (halfWidth < 0) throw new IllegalArgumentException("median half-width must be ≥ 0: " + halfWidth);
        final int nx = img.nx, ny = img.ny, w = 2 * halfWidth + 1, size = w * w, mid = size / 2;
        final float[] src = img.data.clone(), dst = img.data;
        final int ncols = nx + 2 * halfWidth;
        int[] mx = new int[ncols], my = new int[ny + 2 * halfWidth];
        for (int i = 0; i < mx.length; i++) mx[i] = mirror(i - halfWidth, nx);
        for (int i = 0; i < my.length; i++) my[i] = mirror(i - halfWidth, ny);
        float[] cols = new float[ncols * w]; // the sorted w-value column under every (mirrored) x of the row
        float[] win = new float[size], next = new float[size];
        for (int y = 0; y < ny; y++) {
            for (int c = 0; c < ncols; c++) {
                int o = c * w, xs = mx[c];
                for (int v = 0; v < w; v++) cols[o + v] = src[my[y + v] * nx + xs];
                insertionSort(cols, o, w);
            }
            System.arraycopy(cols, 0, win, 0, size);
            java.util.Arrays.sort(win);
            dst[y * nx] = win[mid];
            for (int x = 1; x < nx; x++) {
                slide(win, cols, (x - 1) * w, (x - 1 + w) * w, w, next);
                float[] t = win;
                win = next;
                next = t;
                dst[y * nx + x] = win[mid];
            }
        }
    }

    /**
     * next := sorted window without the sorted column at {@code out} and with the sorted column at {@code in}:
     * one merge pass (the leaving values are a sub-multiset of the window, so equal values are skipped in step).
     */
    private static void slide(float[] win, float[] cols, int out, int in, int w, float[] next) {
        final int n = win.length;
        int i = 0, o = out, k = 0, inEnd = in + w, outEnd = out + w;
        while (k < n) {
            if (i < n && o < outEnd && win[i] == cols[o]) {
                i++;
                o++;
            } else if (in < inEnd && (i >= n || cols[in] < win[i])) {
                next[k++] = cols[in++];
            } else {
                next[k++] = win[i++];
            }
        }
    }

    private static void insertionSort(float[] a, int from, int len) {
        for (int i = from + 1; i < from + len; i++) {
            float v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Mirrored index of i on an axis of n pixels (edge not repeated). */
    public static int mirror(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

}
