package org.segdiampick.pick.carbon;

import static org.segdiampick.pick.carbon.TileHistograms.BOX;

import java.util.Arrays;

/**
 * The carbon mask of §5.5: the 32 × 32 tiles of the carbon clusters are masked, then the mask edge is smoothed
 * on a grid of 16-px blocks: one "erosion" pass (a block whose 32-px outer window is partly masked is unmasked)
 * and two "dilation" passes (an unmasked block whose outer window touches the mask is masked).
 */
public final class TileMask {
    private TileMask() {
    }

    /**
     * @param labels   cluster of every tile, tile t = i·ty + j
     * @param isCarbon per cluster, whether it is carbon ({@link CarbonSplit#carbonClusters})
     * @return per pixel of the n1 × n2 image (x fastest), true where particles may be picked
     */
    public static boolean[] usable(int[] labels, boolean[] isCarbon, int n1, int n2, int tx, int ty) {
        boolean[] mask = new boolean[n1 * n2];
        Arrays.fill(mask, true);
        for (int i = 0; i < tx; i++) {
            int a = Math.min(BOX * i, n1 - BOX);
            for (int j = 0; j < ty; j++) {
                if (!isCarbon[labels[i * ty + j]]) continue;
                int b = Math.min(BOX * j, n2 - BOX);
                for (int y = b; y < b + BOX; y++) Arrays.fill(mask, y * n1 + a, y * n1 + a + BOX, false);
            }
        }
        int[] ex = blockEnds(tx, n1), ey = blockEnds(ty, n2);
        boolean[] fin = mask.clone();
        for (int ix : ex)
            for (int iy : ey) {
                int c = countTrue(mask, n1, ix - BOX, ix, iy - BOX, iy);
                if (c > 0 && c < BOX * BOX) fill(fin, n1, ix - 24, ix - 8, iy - 24, iy - 8, true);
            }
        for (int pass = 0; pass < 2; pass++) {
            mask = fin.clone();
            for (int ix : ex)
                for (int iy : ey) {
                    int inner = countTrue(mask, n1, ix - 24, ix - 8, iy - 24, iy - 8);
                    if (inner == 16 * 16 && countTrue(mask, n1, ix - BOX, ix, iy - BOX, iy) < BOX * BOX)
                        fill(fin, n1, ix - 24, ix - 8, iy - 24, iy - 8, false);
                }
        }
        return fin;
    }

    /**
     * Exclusive 0-based ends e of the 2·t blocks along an axis of n pixels (§5.5 step 2): 1-based
     * a0 = max(1, 16(i−1) − 7), e = min(a0 + 31, n); outer window [e−32, e), inner block [e−24, e−8).
     */
    private static int[] blockEnds(int tiles, int n) {
        int[] e = new int[2 * tiles];
        for (int i = 0; i < e.length; i++) e[i] = Math.min(Math.max(1, BOX / 2 * i - BOX / 4 + 1) + BOX - 1, n);
        return e;
    }

    private static int countTrue(boolean[] m, int n1, int x0, int x1, int y0, int y1) {
        int c = 0;
        for (int y = y0; y < y1; y++)
            for (int x = y * n1 + x0, end = y * n1 + x1; x < end; x++) if (m[x]) c++;
        return c;
    }

    private static void fill(boolean[] m, int n1, int x0, int x1, int y0, int y1, boolean v) {
        for (int y = y0; y < y1; y++) Arrays.fill(m, y * n1 + x0, y * n1 + x1, v);
    }
}
