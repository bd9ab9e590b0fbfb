package org.segdiampick.pick.carbon;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramKMeansTest {
    @Test
    void boundedKMeansMatchesPlainLloyd() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 2; trial++) {
            int nTiles = 20 + rnd.nextInt(10);
            int[] hist = randomHistograms(rnd, nTiles);
            HistogramKMeans km = new HistogramKMeans(hist, nTiles);
            int[] bounded = km.bestOfRestarts(new SplittableRandom(trial));
            int[] plain = plainBestOfRestarts(hist, nTiles, new SplittableRandom(trial));
            assertArrayEquals(plain, bounded, "trial " + trial);
        }
    }

    // Tiles from three families of histograms with noise, so that the k-means has work to do.
    private static int[] randomHistograms(Random rnd, int nTiles) {
        int[] hist = new int[nTiles * TileHistograms.NBINS];
        for (int t = 0; t < nTiles; t++) {
            double centre = 5 + 12 * rnd.nextInt(3) + 3 * rnd.nextGaussian(), width = 3 + rnd.nextInt(6);
            for (int s = 0; s < 4096; s++) {
                int b = (int) Math.round(centre + width * rnd.nextGaussian());
                hist[t * TileHistograms.NBINS + Math.max(0, Math.min(63, b))]++;
            }
        }
        return hist;
    }

    // §5.3 written out directly: every distance every iteration, TVD in double from normalised histograms.
    private static int[] plainBestOfRestarts(int[] hist, int nTiles, SplittableRandom rng) {
        int K = HistogramKMeans.K, B = TileHistograms.NBINS;
        float best = Float.MAX_VALUE;
        int[] bestLabels = null;
        for (int r = 0; r < HistogramKMeans.RESTARTS; r++) {
            int[] labels = new int[nTiles];
            for (int t = 0; t < nTiles; t++) labels[t] = t % K;
            for (int t = nTiles - 1; t > 0; t--) {
                int s = rng.nextInt(t + 1), tmp = labels[t];
                labels[t] = labels[s];
                labels[s] = tmp;
            }
            double prev = Float.MAX_VALUE, score = 0;
            for (int it = 1; it <= HistogramKMeans.MAX_ITERATIONS; it++) {
                long[][] c = new long[K][B];
                int[] pop = new int[K];
                for (int t = 0; t < nTiles; t++) {
                    pop[labels[t]]++;
                    for (int b = 0; b < B; b++) c[labels[t]][b] += hist[t * B + b];
                }
                double[] sc = new double[K];
                int[] next = new int[nTiles];
                for (int t = 0; t < nTiles; t++) {
                    double bestD = Double.POSITIVE_INFINITY;
                    double[] d = new double[K];
                    for (int k = 0; k < K; k++) {
                        if (pop[k] == 0) {
                            d[k] = Float.MAX_VALUE;
                            continue;
                        }
                        long sum = 0;
                        for (int b = 0; b < B; b++) sum += Math.abs(c[k][b] - (long) pop[k] * hist[t * B + b]);
                        d[k] = sum / (2.0 * 4096 * pop[k]);
                    }
                    for (int k = 0; k < K; k++)
                        if (d[k] < bestD) {
                            bestD = d[k];
                            next[t] = k;
                        }
                    sc[labels[t]] += d[labels[t]];
                }
                double tot = 0;
                int nk = 0;
                for (int k = 0; k < K; k++)
                    if (pop[k] > 0) {
                        tot += sc[k] / pop[k];
                        nk++;
                    }
                score = tot / nk;
                if (score < prev && Math.abs(score - prev) < HistogramKMeans.TOLERANCE) break;
                prev = score;
                if (it == HistogramKMeans.MAX_ITERATIONS) break;
                labels = next;
            }
            if (bestLabels == null || (float) score < best) {
                best = (float) score;
                bestLabels = labels;
            }
        }
        return bestLabels;
    }
}
