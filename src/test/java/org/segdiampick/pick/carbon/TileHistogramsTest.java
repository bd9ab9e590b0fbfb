package org.segdiampick.pick.carbon;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TileHistogramsTest {
    @Test
    void gradientBinsAreHandComputed() {
        // I = 0.5·x: interior dx = 1 → Gm = sqrt(1/4) = 0.5 → ceil(16·0.5) − 1 = 7;
        // border columns use one-sided differences dx = 0.5 → Gm = 0.25 → bin 3. dy = 0 everywhere.
        int n1 = 5, n2 = 3;
        float[] im = new float[n1 * n2];
        for (int y = 0; y < n2; y++) for (int x = 0; x < n1; x++) im[y * n1 + x] = 0.5f * x;
        byte[] b = TileHistograms.gradientBins(im, n1, n2);
        assertArrayEquals(new byte[] {3, 7, 7, 7, 3}, Arrays.copyOfRange(b, n1, 2 * n1));
        // constant → 0 → bin 0; a step of 20 → Gm = 10 &gt; 4 → last bin; exactly Gm = 4 → bin 63 too
        assertEquals(0, TileHistograms.gradientBins(new float[9], 3, 3)[4]);
        float[] step = {0, 0, 20, 0, 0, 20, 0, 0, 20};
        assertEquals(63, TileHistograms.gradientBins(step, 3, 3)[4]);
        float[] four = {0, 0, 8, 0, 0, 8, 0, 0, 8}; // dx = 8 → Gm = 4 → ceil(64) − 1 = 63
        assertEquals(63, TileHistograms.gradientBins(four, 3, 3)[4]);
        float[] justBelow = {0, 0, 0.125f, 0, 0, 0.125f, 0, 0, 0.125f}; // Gm = 1/16 → ceil(1) − 1 = 0
        assertEquals(0, TileHistograms.gradientBins(justBelow, 3, 3)[4]);
    }

    @Test
    void normalisationUsesTheSampleVariance() {
        float[] n = TileHistograms.normalised(new float[] {1, 2, 3, 4});
        // mean 2.5, sample variance 5/3
        double sd = Math.sqrt(5.0 / 3.0);
        assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)}, n, 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0}, TileHistograms.normalised(new float[] {7, 7, 7}));
    }

    @Test
    void tileHistogramWindowsAreShiftedInward() {
        // 96 × 64 image, bins = x / 32 (0, 1, 2 for the three 32-px columns); 3 × 2 tiles.
        int n1 = 96, n2 = 64;
        byte[] bins = new byte[n1 * n2];
        for (int y = 0; y < n2; y++) for (int x = 0; x < n1; x++) bins[y * n1 + x] = (byte) (x / 32);
        int[] h = TileHistograms.tileHistograms(bins, n1, n2, 3, 2);
        // tile i = 0: window x [0, 64) → 2048 px in bins 0 and 1; i = 1: start max(1, 17) → [16, 80);
        // i = 2: start 49 → end 112 > 96 → shifted to [32, 96). j = 0 and 1 both use y [0, 64).
        int[][] expect = {{2048, 2048, 0}, {1024, 2048, 1024}, {0, 2048, 2048}};
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) {
                int t = i * 2 + j;
                for (int b = 0; b < 3; b++) assertEquals(expect[i][b], h[t * TileHistograms.NBINS + b], "tile " + i + "," + j + " bin " + b);
            }
    }
}
