package org.segdiampick.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Square median filter (algorithm §6.7, 7 × 7 in the cascade: {@code halfWidth = 3}) with mirrored borders
 * (decisions.md B-26) and true medians (B-2): the output is the middle one of the (2w+1)² window values.
 *
 * <p>Mirror without repeating the edge pixel (the "reflect" of numpy.pad / "mirror" of scipy.ndimage):
 * index −1 → 1, −2 → 2, n → n − 2, n + 1 → n − 3, periodic with period 2(n − 1) for windows wider than
 * the image; a 1-pixel axis maps every index to 0. Not in place: every output reads the unfiltered image.
 * Input must be free of NaN (the cascade's images are).
 *
 * <p><b>Method for half-widths 1 … {@value #MAX_NETWORK_HALF_WIDTH}</b> (the cascade's 7 × 7 included): a
 * fixed network of {@code Math.min}/{@code Math.max} operations, run on whole rows at once so that every
 * operation is a branch-free element-wise loop over float arrays, which the JIT vectorises.
 * <ol>
 *   <li>For each output row, the w = 2·halfWidth + 1 mirrored rows of the window are sorted column by
 *       column with a sorting network (each sorted column then serves all w windows that contain it).</li>
 *   <li>Along the row, T = {@value #TILE} neighbouring outputs form a tile. Their windows share columns, so
 *       the sorted columns common to all of them are merged once per tile (Batcher's odd–even merge), then
 *       each half of the tile merges in the columns it alone needs, and so on down to single outputs, whose
 *       median is the middle element of the merged list. Only the operations that the tile's medians
 *       depend on are kept: the merge networks are pruned when the network is built, once per window size.
 *       To keep every loop unit-stride, the columns are stored by residue modulo T: column T·t + k is
 *       element t of plane k, so the tile index t runs along the arrays.</li>
 * </ol>
 * <b>Why it is exact.</b> Math.min and Math.max return one of their operands bit for bit, and for non-NaN
 * floats they follow one total order (that of Arrays.sort, −0 before +0), so the result is one of the
 * window's values. Sorting and merging networks sort every input; by the 0–1 principle (Knuth TAOCP
 * 5.3.4) a min/max network that selects the middle value of every 0–1 input selects the middle value of
 * every input, ties included. MedianNetworkTest runs the built networks on all 0–1 inputs and compares the
 * filter with brute force. Pruning only removes operations no kept output depends on.
 *
 * <p>Larger half-widths use the previous general method: along a row the window is kept sorted; moving one
 * pixel removes the sorted leaving column and merges the sorted entering column in one pass (O(w²) per
 * pixel), each column sorted once.
 */
public final class MedianFilter {

    /** {@code WINSZ_MED} of algorithm §6 (7 × 7 window). */
    public static final int HALF_WIDTH = 3;
    /** Largest half-width filtered by the min/max network (its size grows steeply with w; only up to 7 × 7 measured). */
    static final int MAX_NETWORK_HALF_WIDTH = 3;
    /** Outputs per tile of the network (the best of 1, 2, 4 and 8 for the 7 × 7 window). */
    static final int TILE = 4;

    private static final Plan[] PLANS = new Plan[MAX_NETWORK_HALF_WIDTH + 1];

    private MedianFilter() {
    }

    public static void apply(Image2D img, int halfWidth) {
        if (halfWidth < 0) throw new IllegalArgumentException("median half-width must be ≥ 0: " + halfWidth);
        if (halfWidth == 0) return; // a 1 × 1 window is the pixel itself
        if (halfWidth <= MAX_NETWORK_HALF_WIDTH) applyNetwork(img, plan(halfWidth));
        else applyMerge(img, halfWidth);
    }

    /** Mirrored index of i on an axis of n pixels (edge not repeated). */
    public static int mirror(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    // ---------------------------------------------------------------------------------------------------
    // network method

    private static synchronized Plan plan(int halfWidth) {
        if (PLANS[halfWidth] == null) PLANS[halfWidth] = Plan.build(2 * halfWidth + 1, TILE);
        return PLANS[halfWidth];
    }

    private static void applyNetwork(Image2D img, Plan plan) {
        final int nx = img.nx, ny = img.ny, w = plan.w, hw = w / 2, tile = plan.tile;
        final float[] src = img.data.clone(), dst = img.data;
        final int nt = (nx + tile - 1) / tile; // tiles per row
        final int len = nt + plan.maxShift;     // columns per residue plane, with the right-hand halo
        // mirrored source column of window column T·t + k; columns past the image's mirrored extent only
        // feed outputs beyond nx, which are discarded, so any valid index will do for them
        final int[] mx = new int[tile * len];
        for (int e = 0; e < mx.length; e++) mx[e] = mirror(e - hw, nx);
        final int[] my = new int[ny + 2 * hw];
        for (int i = 0; i < my.length; i++) my[i] = mirror(i - hw, ny);
        // one set of planes per residue k: the column network sorts its input slots into its output slots,
        // which are the row network's inputs k·w … k·w + w − 1
        float[][][] colSlots = new float[tile][][];
        float[][] rowSlots = plan.rows.newSlots(len);
        for (int k = 0; k < tile; k++) {
            colSlots[k] = plan.columnSort.newSlots(len);
            for (int r = 0; r < w; r++) rowSlots[k * w + r] = colSlots[k][plan.columnSort.outputs[r]];
        }
        for (int y = 0; y < ny; y++) {
            for (int k = 0; k < tile; k++) {
                for (int r = 0; r < w; r++) {
                    float[] plane = colSlots[k][r];
                    int row = my[y + r] * nx;
                    for (int t = 0, e = k; t < len; t++, e += tile) plane[t] = src[row + mx[e]];
                }
                plan.columnSort.run(colSlots[k], len);
            }
            plan.rows.run(rowSlots, nt);
            for (int o = 0; o < tile; o++) {
                float[] out = rowSlots[plan.rows.outputs[o]];
                for (int t = 0, x = o; x < nx; t++, x += tile) dst[y * nx + x] = out[t];
            }
        }
    }

    /** The two networks of one window size: sorting a column of w values, and the medians of a row tile. */
    static final class Plan {
        final int w, tile, maxShift;
        final Program columnSort, rows;

        private Plan(int w, int tile, int maxShift, Program columnSort, Program rows) {
            this.w = w;
            this.tile = tile;
            this.maxShift = maxShift;
            this.columnSort = columnSort;
            this.rows = rows;
        }

        static Plan build(int w, int tile) {
            Builder cb = new Builder();
            int[][] col = new int[w][];
            for (int r = 0; r < w; r++) col[r] = new int[] {cb.leaf(r, 0)};
            Program columnSort = cb.compile(w, cb.mergeAll(col));

            // row network: leaf (k·w + r, s) is rank r of sorted column T·(t + s) + k
            Builder rb = new Builder();
            int last = tile - 1 + w - 1, mid = w * w / 2;
            int[] medians = new int[tile];
            tileMedians(rb, w, tile, 0, tile, new boolean[last + 1], null, medians, mid);
            return new Plan(w, tile, last / tile, columnSort, rb.compile(tile * w, medians));
        }

        /**
         * Medians of outputs o0 … o1−1 of the tile, given the merged list {@code merged} of the columns in
         * {@code have}: merge in the columns common to all of these outputs, then split the range in two.
         */
        private static void tileMedians(Builder b, int w, int tile, int o0, int o1, boolean[] have, int[] merged,
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

    /**
     * Builds a min/max network symbolically. A node is a leaf (input plane p read from element s on) or the
     * min or max of two nodes; equal nodes are built once.
     */
    static final class Builder {
        static final int LEAF = 0, MIN = 1, MAX = 2;
        final List<int[]> nodes = new ArrayList<>(); // {kind, a, b} (leaf: {LEAF, plane, shift})
        private final Map<List<Integer>, Integer> ids = new HashMap<>();

        int leaf(int plane, int shift) {
            return node(LEAF, plane, shift);
        }

        private int node(int kind, int a, int b) {
            return ids.computeIfAbsent(List.of(kind, a, b), key -> {
                nodes.add(new int[] {kind, a, b});
                return nodes.size() - 1;
            });
        }

        /** Batcher's odd–even merge of two sorted lists of any lengths (Knuth TAOCP 5.3.4). */
        int[] merge(int[] a, int[] b) {
            if (a.length == 0) return b;
            if (b.length == 0) return a;
            if (a.length == 1 && b.length == 1) return new int[] {node(MIN, a[0], b[0]), node(MAX, a[0], b[0])};
            int[] v = merge(take(a, 0), take(b, 0)), u = merge(take(a, 1), take(b, 1));
            int[] z = new int[a.length + b.length];
            int n = 0, i = 1, j = 0;
            z[n++] = v[0];
            for (; j < u.length && i < v.length; i++, j++) {
                z[n++] = node(MIN, u[j], v[i]);
                z[n++] = node(MAX, u[j], v[i]);
            }
            while (j < u.length) z[n++] = u[j++];
            while (i < v.length) z[n++] = v[i++];
            return z;
        }

        /** Merges sorted lists pairwise, in a balanced tree (a sort when every list has one element). */
        int[] mergeAll(int[][] lists) {
            if (lists.length == 1) return lists[0];
            int h = lists.length / 2;
            return merge(mergeAll(Arrays.copyOfRange(lists, 0, h)), mergeAll(Arrays.copyOfRange(lists, h, lists.length)));
        }

        private static int[] take(int[] a, int parity) {
            int[] r = new int[(a.length + 1 - parity) / 2];
            for (int i = 0; i < r.length; i++) r[i] = a[2 * i + parity];
            return r;
        }

        /**
         * Program computing {@code outputs} from {@code inputs} planes, with only the operations they depend on.
         * A leaf read from element s > 0 on is first copied to a plane of its own, so every operation is an
         * aligned element-wise loop; a min and a max of the same two nodes run as one compare-exchange.
         */
        Program compile(int inputs, int[] outputs) {
            int n = nodes.size();
            boolean[] live = new boolean[n];
            for (int o : outputs) live[o] = true;
            for (int i = n - 1; i >= 0; i--) {
                int[] nd = nodes.get(i);
                if (live[i] && nd[0] != LEAF) {
                    live[nd[1]] = true;
                    live[nd[2]] = true;
                }
            }
            // nodes are created after their operands, so index order is an evaluation order; the last use of
            // every node lets its plane be reused (outputs are never released)
            int[] lastUse = new int[n];
            Arrays.fill(lastUse, -1);
            for (int i = 0; i < n; i++) {
                int[] nd = nodes.get(i);
                if (live[i] && nd[0] != LEAF) {
                    lastUse[nd[1]] = i;
                    lastUse[nd[2]] = i;
                }
            }
            for (int o : outputs) lastUse[o] = Integer.MAX_VALUE;
            int[] slot = new int[n];
            Arrays.fill(slot, -1);
            int slots = inputs;
            List<int[]> shifted = new ArrayList<>(); // {source plane, shift, slot}
            for (int i = 0; i < n; i++) {
                int[] nd = nodes.get(i);
                if (!live[i] || nd[0] != LEAF) continue;
                if (nd[2] == 0) slot[i] = nd[1];
                else {
                    slot[i] = slots++;
                    shifted.add(new int[] {nd[1], nd[2], slot[i]});
                }
            }
            List<Integer> free = new ArrayList<>();
            List<int[]> code = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int[] nd = nodes.get(i);
                if (!live[i] || nd[0] == LEAF || slot[i] >= 0) continue;
                int a = nd[1], b = nd[2];
                int partner = -1; // the max of the same pair, built right after the min
                if (nd[0] == MIN && i + 1 < n && live[i + 1]) {
                    int[] next = nodes.get(i + 1);
                    if (next[0] == MAX && next[1] == a && next[2] == b) partner = i + 1;
                }
                slot[i] = free.isEmpty() ? slots++ : free.remove(free.size() - 1);
                if (partner >= 0) {
                    slot[partner] = free.isEmpty() ? slots++ : free.remove(free.size() - 1);
                    code.add(new int[] {CE, slot[i], slot[partner], slot[a], slot[b]});
                } else code.add(new int[] {nd[0], slot[i], -1, slot[a], slot[b]});
                int done = partner >= 0 ? partner : i;
                if (nodes.get(a)[0] != LEAF && lastUse[a] <= done) free.add(slot[a]);
                if (b != a && nodes.get(b)[0] != LEAF && lastUse[b] <= done) free.add(slot[b]);
            }
            int[] out = new int[outputs.length];
            for (int i = 0; i < out.length; i++) out[i] = slot[outputs[i]];
            return new Program(shifted.toArray(new int[0][]), code.toArray(new int[0][]), slots, out);
        }

        static final int CE = 3;
    }

    /**
     * A compiled network on planes ("slots") of floats: copies {source, shift, slot}, then operations
     * {kind, dst, dst2, a, b} (MIN, MAX, or CE: dst = min, dst2 = max).
     */
    static final class Program {
        final int[][] copies, code;
        final int slots;
        final int[] outputs;

        Program(int[][] copies, int[][] code, int slots, int[] outputs) {
            this.copies = copies;
            this.code = code;
            this.slots = slots;
            this.outputs = outputs;
        }

        /** Minimum and maximum operations per run (a compare-exchange counts two). */
        int operations() {
            int n = 0;
            for (int[] op : code) n += op[0] == Builder.CE ? 2 : 1;
            return n;
        }

        float[][] newSlots(int len) {
            float[][] s = new float[slots][];
            for (int i = 0; i < slots; i++) s[i] = new float[len];
            return s;
        }

        /**
         * Runs the network on elements 0 … n−1 of the planes (inputs in their slots, long enough for the
         * copies' shifts). Math.min/max order −0 before +0 and return an operand's exact bits.
         */
        void run(float[][] p, int n) {
            for (int[] c : copies) System.arraycopy(p[c[0]], c[1], p[c[2]], 0, n);
            for (int[] op : code) {
                float[] a = p[op[3]], b = p[op[4]];
                switch (op[0]) {
                    case Builder.MIN -> minLoop(p[op[1]], a, b, n);
                    case Builder.MAX -> maxLoop(p[op[1]], a, b, n);
                    default -> compareExchange(p[op[1]], p[op[2]], a, b, n);
                }
            }
        }

        private static void minLoop(float[] d, float[] a, float[] b, int n) {
            for (int t = 0; t < n; t++) d[t] = Math.min(a[t], b[t]);
        }

        private static void maxLoop(float[] d, float[] a, float[] b, int n) {
            for (int t = 0; t < n; t++) d[t] = Math.max(a[t], b[t]);
        }

        private static void compareExchange(float[] lo, float[] hi, float[] a, float[] b, int n) {
            for (int t = 0; t < n; t++) {
                float x = a[t], y = b[t];
                lo[t] = Math.min(x, y);
                hi[t] = Math.max(x, y);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // merge method (half-widths above MAX_NETWORK_HALF_WIDTH)

    static void applyMerge(Image2D img, int halfWidth) {
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
}
