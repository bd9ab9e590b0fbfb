package org.segdiampick.pick;

import java.util.ArrayList;
import java.util.List;

/**
 * The particle centres of a label mask made of filled discs, one per labelled particle (CryoPPP's masks): a
 * connected component is one disc, or several that touch and fused. A fused component of area A holds
 * {@code round(A / a1)} discs (a1 the area of one disc, at least 2) and is split into that many by k-means on its
 * pixel positions (farthest-point start, so deterministic). Two touching discs split along the line where they meet,
 * so each half's centroid is its disc's centre to a fraction of a pixel; the centroid of the fused component lies
 * between the particles, on none of them.
 */
public final class LabelDiscs {

    private LabelDiscs() {
    }

    /** The 8-connected components of an nx × ny mask (x fastest), each as its pixel indices, in raster order of first pixel. */
    public static List<int[]> components(boolean[] mask, int nx, int ny) {
        int[] label = new int[mask.length];
        List<int[]> out = new ArrayList<>();
        int[] stack = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] != 0) continue;
            int id = out.size() + 1, top = 0, n = 0;
            int[] pix = new int[16];
            stack[top++] = start;
            label[start] = id;
            while (top > 0) {
                int i = stack[--top];
                if (n == pix.length) pix = java.util.Arrays.copyOf(pix, 2 * n);
                pix[n++] = i;
                int x = i % nx, y = i / nx;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
                        int j = yy * nx + xx;
                        if (mask[j] && label[j] == 0) {
                            label[j] = id;
                            stack[top++] = j;
                        }
                    }
            }
            int[] p = java.util.Arrays.copyOf(pix, n);
            java.util.Arrays.sort(p);
            out.add(p);
        }
        return out;
    }

    /** {x, y}: the centroid of a component. */
    public static double[] centroid(int[] pixels, int nx) {
        double sx = 0, sy = 0;
        for (int i : pixels) {
            sx += i % nx;
            sy += i / nx;
        }
        return new double[]{sx / pixels.length, sy / pixels.length};
    }

    /** The centres of the {@code k} discs of a component (k-means on its pixels), ordered by y, then x. */
    public static List<double[]> split(int[] pixels, int nx, int k) {
        if (k < 1 || k > pixels.length) throw new IllegalArgumentException("cannot split " + pixels.length + " pixels into " + k);
        int n = pixels.length;
        double[] px = new double[n], py = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = pixels[i] % nx;
            py[i] = pixels[i] / nx;
        }
        double[][] c = new double[k][];
        double[] g = centroid(pixels, nx);
        // first centre: the pixel farthest from the centroid; each next one: the pixel farthest from all chosen so far
        double[] minD = new double[n];
        for (int i = 0; i < n; i++) minD[i] = (px[i] - g[0]) * (px[i] - g[0]) + (py[i] - g[1]) * (py[i] - g[1]);
        for (int j = 0; j < k; j++) {
            int far = 0;
            for (int i = 1; i < n; i++) if (minD[i] > minD[far]) far = i;
            c[j] = new double[]{px[far], py[far]};
            for (int i = 0; i < n; i++) {
                double d = (px[i] - c[j][0]) * (px[i] - c[j][0]) + (py[i] - c[j][1]) * (py[i] - c[j][1]);
                minD[i] = j == 0 ? d : Math.min(minD[i], d);
            }
        }
        int[] assign = new int[n];
        java.util.Arrays.fill(assign, -1);
        for (int iter = 0; iter < 200; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = (px[i] - c[j][0]) * (px[i] - c[j][0]) + (py[i] - c[j][1]) * (py[i] - c[j][1]);
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
                if (assign[i] != best) {
                    assign[i] = best;
                    changed = true;
                }
            }
            double[][] s = new double[k][3];
            for (int i = 0; i < n; i++) {
                s[assign[i]][0] += px[i];
                s[assign[i]][1] += py[i];
                s[assign[i]][2]++;
            }
            for (int j = 0; j < k; j++) if (s[j][2] > 0) c[j] = new double[]{s[j][0] / s[j][2], s[j][1] / s[j][2]};
            if (!changed) break;
        }
        List<double[]> out = new ArrayList<>(List.of(c));
        out.sort((a, b) -> a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[0], b[0]));
        return out;
    }
}
