package org.segdiampick.image;

/**
 * Square median filter (algorithm §6.7, 7 × 7 in the cascade: {@code halfWidth = 3}) with mirrored borders
 * (decisions.md B-26) and true medians (B-2): the output is the middle one of the (2w+1)² window values.
 * In place, like every kernel of the cascade (see {@link Image2D}).
 *
 * <p>Mirror without repeating the edge pixel (the "reflect" of numpy.pad / "mirror" of scipy.ndimage):
 * index −1 → 1, −2 → 2, n → n − 2, n + 1 → n − 3, periodic with period 2(n − 1) for windows wider than
 * the image; a 1-pixel axis maps every index to 0. Every output reads the unfiltered image.
 * Input must be free of NaN (the cascade's images are).
 *
 * <p><b>Method</b> (half-widths 1 … {@value #MAX_HALF_WIDTH}, the cascade's 7 × 7 included): a fixed network of {@code Math.min}/{@code Math.max} operations, run on whole rows at once so that every
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
 * filter with brute force and with a general sliding-window median (test scope). Pruning only removes operations
 * no kept output depends on.
 *
 * <p>This class is the front: the mirrored row and column gathering and the plan cache. The networks are built by
 * {@link MedianNetwork} from {@link MinMaxNetwork} and run as {@link MinMaxProgram}s.
 */
public final class MedianFilter {

    /** Largest half-width supported: the network's size grows steeply with w, and only up to 7 × 7 is measured. */
    public static final int MAX_HALF_WIDTH = 3;
    /** Outputs per tile of the network (the best of 1, 2, 4 and 8 for the 7 × 7 window). */
    static final int TILE = 4;

    private static final MedianNetwork[] PLANS = new MedianNetwork[MAX_HALF_WIDTH + 1];

    private MedianFilter() {
    }

    /** Filters {@code img} in place with a (2·halfWidth + 1)² window, halfWidth 0 … {@value #MAX_HALF_WIDTH}. */
    public static void apply(Image2D img, int halfWidth) {
        if (halfWidth < 0 || halfWidth > MAX_HALF_WIDTH)
            throw new IllegalArgumentException("median half-width must be 0 … " + MAX_HALF_WIDTH + ": " + halfWidth);
        if (halfWidth == 0) return; // a 1 × 1 window is the pixel itself
        applyNetwork(img, plan(halfWidth));
    }

    /** Mirrored index of i on an axis of n pixels (edge not repeated). */
    public static int mirror(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static synchronized MedianNetwork plan(int halfWidth) {
        if (PLANS[halfWidth] == null) PLANS[halfWidth] = MedianNetwork.build(2 * halfWidth + 1, TILE);
        return PLANS[halfWidth];
    }

    private static void applyNetwork(Image2D img, MedianNetwork plan) {
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
}
