package org.segdiampick.pick.carbon;

import static org.segdiampick.pick.carbon.HistogramKMeans.K;
import static org.segdiampick.pick.carbon.TileHistograms.HIST_MAX;
import static org.segdiampick.pick.carbon.TileHistograms.NBINS;

import java.util.Arrays;

/**
 * The carbon / no-carbon decision of §5.4: the k-means clusters are sorted by the variance of their summed
 * histogram about its mode; every split of that list into a low- and a high-variance family is scored by the
 * total variation distance (TVD) of the two families' histograms; the high-variance family of the best split is
 * carbon if the split stands out.
 */
public final class CarbonSplit {
    /** The best split's TVD must exceed this, and differ from the weakest split's by at least MIN_TVD_DIFF. */
    public static final double TVD_THRESHOLD = 0.2;
    public static final double MIN_TVD_DIFF = 0.05;

    private static final double BIN_WIDTH = HIST_MAX / NBINS;

    private CarbonSplit() {
    }

    /**
     * The carbon clusters.
     *
     * @param hist   the tile histograms ({@link TileHistograms#counts})
     * @param labels the cluster 0..K−1 of every tile ({@link HistogramKMeans#bestOfRestarts})
     * @return per cluster, whether it is carbon; {@code null} when the tiles show no carbon
     */
    public static boolean[] carbonClusters(int[] hist, int[] labels) {
        long[][] sums = new long[K][NBINS];
        for (int t = 0; t < labels.length; t++)
            for (int b = 0; b < NBINS; b++) sums[labels[t]][b] += hist[t * NBINS + b];
        boolean[] nonEmpty = new boolean[K];
        int nNonEmpty = 0;
        for (int l : labels) nonEmpty[l] = true;
        for (boolean ne : nonEmpty) if (ne) nNonEmpty++;
        if (nNonEmpty <= 1) return null; // clustering failed: no carbon (§5.4 step 1)
        double[] var = new double[K];
        Integer[] idx = new Integer[K];
        for (int c = 0; c < K; c++) {
            idx[c] = c;
            var[c] = nonEmpty[c] ? varianceAboutMode(sums[c]) : -1;
        }
        // Ascending variance; ties by cluster index (SIMPLE's heap sort is not stable, but ties only
        // occur among empty clusters, whose order does not matter).
        Arrays.sort(idx, (a, b) -> var[a] != var[b] ? Double.compare(var[a], var[b]) : Integer.compare(a, b));
        double[] tvd = new double[K]; // tvd[s], s = 1..K−1: sorted positions s..K−1 form the high family
        for (int s = 1; s < K; s++) {
            long[] lo = new long[NBINS], hi = new long[NBINS];
            boolean loAny = false, hiAny = false;
            for (int p = 0; p < K; p++) {
                int c = idx[p];
                if (!nonEmpty[c]) continue;
                long[] dst = p < s ? lo : hi;
                if (p < s) loAny = true;
                else hiAny = true;
                for (int b = 0; b < NBINS; b++) dst[b] += sums[c][b];
            }
            tvd[s] = loAny && hiAny ? tvd(lo, hi) : -0.1;
        }
        int carbon = 1, first = 0;
        double tMin = Double.POSITIVE_INFINITY;
        for (int s = 1; s < K; s++) {
            if (tvd[s] > tvd[carbon]) carbon = s;
            if (tvd[s] > 0) {
                if (first == 0) first = s;
                tMin = Math.min(tMin, tvd[s]);
            }
        }
        double t = tvd[carbon];
        // The best split must not be the first valid one and must stand out from the weakest (§5.4 step 7).
        if (first == 0 || carbon == first || Math.abs(t - tMin) < MIN_TVD_DIFF) t = 0;
        if (!(t > TVD_THRESHOLD)) return null;
        boolean[] isCarbon = new boolean[K];
        for (int p = carbon; p < K; p++) isCarbon[idx[p]] = true;
        return isCarbon;
    }

    // variance(mean = hmode) of a histogram over [0, 4] (§5.2 histogram operations).
    private static double varianceAboutMode(long[] h) {
        int mode = 0;
        long total = 0;
        for (int b = 0; b < NBINS; b++) {
            if (h[b] > h[mode]) mode = b;
            total += h[b];
        }
        double m = center(mode), v = 0;
        for (int b = 0; b < NBINS; b++) {
            double d = center(b) - m;
            v += h[b] * d * d;
        }
        return v / total;
    }

    private static double center(int b) {
        return b * BIN_WIDTH + BIN_WIDTH / 2;
    }

    // TVD(p, q) = ½ Σ |p_b/ntot_p − q_b/ntot_q|
    private static double tvd(long[] p, long[] q) {
        long np = 0, nq = 0;
        for (int b = 0; b < NBINS; b++) {
            np += p[b];
            nq += q[b];
        }
        double s = 0;
        for (int b = 0; b < NBINS; b++) s += Math.abs((double) p[b] / np - (double) q[b] / nq);
        return 0.5 * s;
    }
}
