package org.segdiampick.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The two min/max networks of one window size w × w (see {@link MedianFilter}): sorting a column of w values, and
 * the medians of a tile of T neighbouring outputs of a row from the sorted columns under them.
 */
final class MedianNetwork {
    final int w, tile, maxShift;
    final MinMaxProgram columnSort, rows;

    private MedianNetwork(int w, int tile, int maxShift, MinMaxProgram columnSort, MinMaxProgram rows) {
        this.w = w;
        this.tile = tile;
        this.maxShift = maxShift;
        this.columnSort = columnSort;
        this.rows = rows;
    }

    static MedianNetwork build(int w, int tile) {
        MinMaxNetwork cb = new MinMaxNetwork();
        int[][] col = new int[w][];
        for (int r = 0; r < w; r++) col[r] = new int[] {cb.leaf(r, 0)};
        MinMaxProgram columnSort = cb.compile(w, cb.mergeAll(col));

        // row network: leaf (k·w + r, s) is rank r of sorted column T·(t + s) + k
        MinMaxNetwork rb = new MinMaxNetwork();
        int last = tile - 1 + w - 1, mid = w * w / 2;
        int[] medians = new int[tile];
        tileMedians(rb, w, tile, 0, tile, new boolean[last + 1], null, medians, mid);
        return new MedianNetwork(w, tile, last / tile, columnSort, rb.compile(tile * w, medians));
    }

    /**
     * Medians of outputs o0 … o1−1 of the tile, given the merged list {@code merged} of the columns in
     * {@code have}: merge in the columns common to all of these outputs, then split the range in two.
     */
    private static void tileMedians(MinMaxNetwork b, int w, int tile, int o0, int o1, boolean[] have, int[] merged,
                                    int[] medians, int mid) {
        boolean[] common = have.clone();
        List<int[]> columns = new ArrayList<>();
        for (int c = o1 - 1; c < o0 + w; c++) {
            if (common[c]) continue;
            common[c] = true;
            int[] column = new int[w];
            for (int r = 0; r < w; r++) column[r] = b.leaf((c % tile) * w + r, c / tile);
            columns.add(column);
        }
        int[] list = columns.isEmpty() ? merged : b.mergeAll(columns.toArray(new int[0][]));
        if (merged != null && !columns.isEmpty()) list = b.merge(merged, list);
        if (o1 - o0 == 1) {
            medians[o0] = list[mid];
            return;
        }
        int m = (o0 + o1) / 2;
        tileMedians(b, w, tile, o0, m, common, list, medians, mid);
        tileMedians(b, w, tile, m, o1, common, list, medians, mid);
    }
}
