package org.segdiampick.pick.carbon;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TileMaskTest {
    @Test
    void maskConstructionIsHandComputed() {
        // 128 × 128, 4 × 4 tiles; tiles with i ≥ 2 (x ≥ 64) are in cluster 1, the carbon side of split 1.
        int n = 128;
        int[] labels = new int[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) labels[i * 4 + j] = i >= 2 ? 1 : 0;
        boolean[] u = TileMask.usable(labels, new boolean[] {false, true, true, true, true}, n, n, 4, 4);
        // Block ends e = 32, 40, 56, 72, 88, 104, 120, 128 (both axes); inner blocks [e−24, e−8), outer
        // windows [e−32, e). Rows and columns 0–7 and 120–127 are in no inner block.
        // Erosion (outer windows straddling x = 64: [40,72), [56,88)) unmasks x ∈ [64,80) for y ∈ [8,120);
        //   the strips y < 8 and y ≥ 120 stay masked there.
        // Dilation 1: x ∈ [64,80) is masked again (outer [56,88) sees x ≥ 80); x ∈ [48,64) is masked
        //   where its outer window reaches a masked strip: y ∈ [8,24) and [104,120).
        // Dilation 2: x ∈ [48,64) for inner rows [32,48) … [80,96) (outer [40,72) sees x ≥ 64; the blocks
        //   [16,32) and [96,112) are skipped because they are already partly masked); x ∈ [32,48) for
        //   y ∈ [8,32) and [96,120) (outer [24,56) sees the masked corners of dilation 1).
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) {
                boolean masked = x >= 64
                        || x >= 48 && x < 64 && (in(y, 8, 24) || in(y, 32, 96) || in(y, 104, 120))
                        || x >= 32 && x < 48 && (in(y, 8, 32) || in(y, 96, 120));
                assertEquals(!masked, u[y * n + x], "pixel " + x + "," + y);
            }
    }

    private static boolean in(int v, int lo, int hi) {
        return v >= lo && v < hi;
    }
}
