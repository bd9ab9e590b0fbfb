package org.segdiampick.pick.carbon;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CarbonSplitTest {
    private static final int B = TileHistograms.NBINS, N = TileHistograms.WIN_PIXELS;

    // A tile histogram of N counts spread evenly over bins lo..hi.
    private static void fill(int[] hist, int tile, int lo, int hi) {
        int w = hi - lo + 1;
        for (int b = lo; b <= hi; b++) hist[tile * B + b] = N / w;
        hist[tile * B + lo] += N - (N / w) * w;
    }

    @Test
    void oneNonEmptyClusterMeansNoCarbon() {
        int[] hist = new int[3 * B];
        for (int t = 0; t < 3; t++) fill(hist, t, 0, 3 + 20 * t);
        assertNull(CarbonSplit.carbonClusters(hist, new int[] {2, 2, 2}));
    }

    @Test
    void aWideFamilyThatStandsOutFromTwoNarrowOnesIsCarbon() {
        // clusters 0 and 1: narrow histograms near bin 0 (low variance about the mode); cluster 2: flat over all
        // bins. Sorted by variance 0, 1, 2: split 1 separates the two narrow ones (small TVD), split 2 the flat
        // one (large TVD), so split 2 is the best, is not the first valid one and stands out: cluster 2 is carbon.
        int[] hist = new int[6 * B];
        fill(hist, 0, 0, 1);
        fill(hist, 1, 0, 1);
        fill(hist, 2, 0, 3);
        fill(hist, 3, 0, 3);
        fill(hist, 4, 0, B - 1);
        fill(hist, 5, 0, B - 1);
        boolean[] carbon = CarbonSplit.carbonClusters(hist, new int[] {0, 0, 1, 1, 2, 2});
        assertNotNull(carbon);
        assertArrayEquals(new boolean[] {false, false, true, false, false}, carbon);
    }
}
