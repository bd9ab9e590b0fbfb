package org.segdiampick.image;

import java.util.Arrays;

/**
 * The general sliding-window median (any half-width), kept in test scope as a second, independent method that the
 * network of {@link MedianFilter} is compared against on large images (production only filters 7 × 7): along a
 * row the window is kept sorted; moving one pixel removes the sorted leaving column and merges the sorted entering
 * column in one pass (O(w²) per pixel), each column sorted once. Borders mirrored as {@link MedianFilter#mirror}.
 */
final class MedianMerge {
    private MedianMerge() {
    }

    static void apply(Image2D img, int halfWidth) {
        final int nx = img.nx, ny = img.ny, w = 2 * halfWidth + 1, size = w * w, mid = size / 2;
        final float[] src = img.data.clone(), dst = img.data;
        final int ncols = nx + 2 * halfWidth;
        int[] mx = new int[ncols], my = new int[ny + 2 * halfWidth];
        for (int i = 0; i < mx.length; i++) mx[i] = MedianFilter.mirror(i - halfWidth, nx);
        for (int i = 0; i < my.length; i++) my[i] = MedianFilter.mirror(i - halfWidth, ny);
        float[] cols = new float[ncols * w]; // the sorted w-value column under every (mirrored) x of the row
        float[] win = new float[size], next = new float[size];
        for (int y = 0; y < ny; y++) {
            for (int c = 0; c < ncols; c++) {
                int o = c * w, xs = mx[c];
                for (int v = 0; v < w; v++) cols[o + v] = src[my[y + v] * nx + xs];
                insertionSort(cols, o, w);
            }
            System.arraycopy(cols, 0, win, 0, size);
            Arrays.sort(win);
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
}
