package org.segdiampick.binary;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Connected components of a binary image with their sizes and centroids (algorithm §7.4 {@code find_ccs},
 * §7.6 {@code masscen_cc}); their diameters on a given pixel grid (§7.5 {@code diameter_cc}) are {@link Regions}.
 *
 * <p>Labels are 1..{@link #count()} in the order in which a component's first pixel is met in raster
 * order (x fastest) — SIMPLE's numbering — and 0 is background. Labelling is a two-pass union-find:
 * a component's first raster pixel always receives its smallest provisional label, and unions keep the
 * smaller label as root, so numbering roots in increasing order reproduces the raster numbering.
 * All measurements together cost O(pixels); SIMPLE rescans the whole image once per component.
 */
public final class ConnectedComponents {
    private final int nx;
    private final int ny;
    private final int[] labels;
    private final int count;
    private final int[] sizes;
    private final double[] centroidX;
    private final double[] centroidY;

    private ConnectedComponents(int nx, int ny, int[] labels, int count, int[] sizes, long[] sumX, long[] sumY) {
        this.nx = nx;
        this.ny = ny;
        this.labels = labels;
        this.count = count;
        this.sizes = sizes;
        this.centroidX = new double[count + 1];
        this.centroidY = new double[count + 1];
        for (int l = 1; l <= count; l++) {
            centroidX[l] = (double) sumX[l] / sizes[l];
            centroidY[l] = (double) sumY[l] / sizes[l];
        }
    }

    /** Components of the foreground (1-pixels), 8-connected as in SIMPLE (algorithm §7.4). */
    public static ConnectedComponents label(BinaryImage img) {
        return label(img, Connectivity.EIGHT);
    }

    /** Components of the foreground (1-pixels) with the given adjacency. */
    public static ConnectedComponents label(BinaryImage img, Connectivity connectivity) {
        return labelValue(img, (byte) 1, connectivity);
    }

    /** Components of the pixels equal to {@code value}; the hole filling labels the background this way. */
    static ConnectedComponents labelValue(BinaryImage img, byte value, Connectivity connectivity) {
        final int nx = img.nx, ny = img.ny;
        final byte[] px = img.px;
        final boolean eight = connectivity == Connectivity.EIGHT;
        int[] lab = new int[px.length];
        int[] parent = new int[1024];
        int next = 1;
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                int i = row + x;
                if (px[i] != value) continue;
                // Already visited neighbours: W, and N (4-conn) or NW, N, NE (8-conn).
                int l = 0;
                int n = y > 0 ? lab[i - nx] : 0;
                int w = x > 0 ? lab[i - 1] : 0;
                if (n != 0) {
                    l = n; // W, NW and NE all touch N under 8-connectivity, so they are already joined to it
                    if (!eight && w != 0) union(parent, n, w);
                } else if (eight) {
                    int ne = (y > 0 && x + 1 < nx) ? lab[i - nx + 1] : 0;
                    int nw = (y > 0 && x > 0) ? lab[i - nx - 1] : 0;
                    int left = w != 0 ? w : nw; // W and NW touch each other
                    if (ne != 0) {
                        l = ne;
                        if (left != 0) union(parent, ne, left);
                    } else {
                        l = left;
                    }
                } else {
                    l = w;
                }
                if (l == 0) {
                    if (next == parent.length) parent = Arrays.copyOf(parent, parent.length * 2);
                    parent[next] = next;
                    l = next++;
                }
                lab[i] = l;
            }
        }
        int[] finalLabel = new int[next];
        int count = 0;
        for (int p = 1; p < next; p++) {
            int r = find(parent, p);
            finalLabel[p] = r == p ? ++count : finalLabel[r];
        }
        int[] sizes = new int[count + 1];
        long[] sumX = new long[count + 1];
        long[] sumY = new long[count + 1];
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                int i = row + x;
                int p = lab[i];
                if (p == 0) continue;
                int l = finalLabel[p];
                lab[i] = l;
                sizes[l]++;
                sumX[l] += x;
                sumY[l] += y;
            }
        }
        return new ConnectedComponents(nx, ny, lab, count, sizes, sumX, sumY);
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]]; // path halving
            p = parent[p];
        }
        return p;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra == rb) return;
        if (ra < rb) parent[rb] = ra;
        else parent[ra] = rb;
    }

    /** Number of components ({@code nccs}). */
    public int count() {
        return count;
    }

    /** The label image, raster order, 0 = background. The live array, not a copy. */
    public int[] labels() {
        return labels;
    }

    public int labelAt(int x, int y) {
        return labels[y * nx + x];
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** Pixels in component {@code label} (1..count). */
    public int size(int label) {
        return sizes[check(label)];
    }

    /** Mean x of the member pixels, 0-based pixel coordinates. */
    public double centroidX(int label) {
        return centroidX[check(label)];
    }

    /** Mean y of the member pixels, 0-based pixel coordinates. */
    public double centroidY(int label) {
        return centroidY[check(label)];
    }

    /** The components measured on pixels of {@code smpdX} × {@code smpdY} Å (diameters, centroids). */
    public Regions regions(double smpdX, double smpdY) {
        return new Regions(this, smpdX, smpdY);
    }

    /**
     * A new binary image holding only the components whose label passes {@code keepLabel}
     * (the diameter gate of algorithm §7.7 step 7 erases the rejected ones). The predicate is called
     * once per label, in increasing order.
     */
    public BinaryImage keep(IntPredicate keepLabel) {
        boolean[] kept = new boolean[count + 1];
        for (int l = 1; l <= count; l++) kept[l] = keepLabel.test(l);
        byte[] out = new byte[labels.length];
        for (int i = 0; i < out.length; i++) if (kept[labels[i]]) out[i] = 1;
        return new BinaryImage(nx, ny, out, true);
    }

    private int check(int label) {
        if (label < 1 || label > count)
            throw new IndexOutOfBoundsException("component label " + label + " outside 1.." + count);
        return label;
    }
}
