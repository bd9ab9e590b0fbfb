package org.segdiampick.pick;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segdiampick.binary.TestImages;
import org.segdiampick.image.Image2D;

class CarbonDetectorTest {
    private static final int N = 512;

    /**
     * Left half: smooth noise whose amplitude rises from 0.5 to 1 across the half (its tiles spread over
     * several low-variance gradient-histogram clusters). Right half: white noise, whose gradient
     * histograms are far wider. §5.4 needs the low-variance family to span at least two clusters (the
     * best split may not be the first one), which the amplitude ramp provides.
     */
    static Image2D texturedRightHalf() {
        float[] smooth = TestImages.smoothNoise(N, N, 2, 8);
        float[] white = TestImages.whiteNoise(N, N, 1, 7);
        float[] d = new float[N * N];
        for (int y = 0; y < N; y++)
            for (int x = 0; x < N; x++) {
                int i = y * N + x;
                d[i] = x < N / 2 ? (float) (smooth[i] * (0.5 + x / (double) N)) : 0.3f * white[i];
            }
        return TestImages.image(N, N, d);
    }

    @Test
    void texturedHalfIsMaskedAndTheSmoothHalfIsKept() {
        CarbonMask m = CarbonDetector.detect(texturedRightHalf(), CarbonDetector.seedFor("half.mrc"));
        assertTrue(m.carbonFound());
        boolean[] u = m.usable();
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N / 2 - 48; x++) assertTrue(u[y * N + x], "smooth side usable at " + x + "," + y);
            for (int x = N / 2 + 32; x < N; x++) assertFalse(u[y * N + x], "textured side masked at " + x + "," + y);
        }
        int masked = 0;
        for (boolean b : u) if (!b) masked++;
        assertEquals(masked / (double) (N * N), m.carbonFraction(), 0.0);
        assertEquals(0.5, m.carbonFraction(), 0.1);
    }

    @Test
    void uniformNoiseHasNoCarbon() {
        Image2D img = TestImages.image(N, N, TestImages.whiteNoise(N, N, 2, 3));
        CarbonMask m = CarbonDetector.detect(img, 1234);
        assertFalse(m.carbonFound());
        assertEquals(0.0, m.carbonFraction());
        for (boolean b : m.usable()) assertTrue(b);
    }

    @Test
    void sameSeedGivesTheSameMask() {
        Image2D img = texturedRightHalf();
        float[] before = img.data.clone();
        CarbonMask a = CarbonDetector.detect(img, 99), b = CarbonDetector.detect(img, 99);
        assertArrayEquals(a.usable(), b.usable());
        assertEquals(a.carbonFraction(), b.carbonFraction());
        assertArrayEquals(before, img.data, "the input is not modified");
    }

    @Test
    void seedForIsAStableHashOfTheBaseName() {
        long s = CarbonDetector.seedFor("FoilHole_123_Data_1.mrc");
        assertEquals(s, CarbonDetector.seedFor("FoilHole_123_Data_1.mrc"));
        assertEquals(s, CarbonDetector.seedFor("/data/run1/FoilHole_123_Data_1.mrc"));
        assertEquals(s, CarbonDetector.seedFor("s3a://bucket/mics/FoilHole_123_Data_1.mrc"));
        assertNotEquals(s, CarbonDetector.seedFor("FoilHole_123_Data_2.mrc"));
        assertNotEquals(CarbonDetector.seedFor("a.mrc"), CarbonDetector.seedFor("b.mrc"));
        // first 8 bytes of SHA-256("abc") = ba7816bf8f01cfea
        assertEquals(0xba7816bf8f01cfeaL, CarbonDetector.seedFor("abc"));
    }

    @Test
    void gradientBinsAreHandComputed() {
        // I = 0.5·x: interior dx = 1 → Gm = sqrt(1/4) = 0.5 → ceil(16·0.5) − 1 = 7;
        // border columns use one-sided differences dx = 0.5 → Gm = 0.25 → bin 3. dy = 0 everywhere.
        int n1 = 5, n2 = 3;
        float[] im = new float[n1 * n2];
        for (int y = 0; y < n2; y++) for (int x = 0; x < n1; x++) im[y * n1 + x] = 0.5f * x;
        byte[] b = CarbonDetector.gradientBins(im, n1, n2);
        assertArrayEquals(new byte[] {3, 7, 7, 7, 3}, Arrays.copyOfRange(b, n1, 2 * n1));
        // constant → 0 → bin 0; a step of 20 → Gm = 10 &gt; 4 → last bin; exactly Gm = 4 → bin 63 too
        assertEquals(0, CarbonDetector.gradientBins(new float[9], 3, 3)[4]);
        float[] step = {0, 0, 20, 0, 0, 20, 0, 0, 20};
        assertEquals(63, CarbonDetector.gradientBins(step, 3, 3)[4]);
        float[] four = {0, 0, 8, 0, 0, 8, 0, 0, 8}; // dx = 8 → Gm = 4 → ceil(64) − 1 = 63
        assertEquals(63, CarbonDetector.gradientBins(four, 3, 3)[4]);
        float[] justBelow = {0, 0, 0.125f, 0, 0, 0.125f, 0, 0, 0.125f}; // Gm = 1/16 → ceil(1) − 1 = 0
        assertEquals(0, CarbonDetector.gradientBins(justBelow, 3, 3)[4]);
    }

    @Test
    void normalisationUsesTheSampleVariance() {
        float[] n = CarbonDetector.normalised(new float[] {1, 2, 3, 4});
        // mean 2.5, sample variance 5/3
        double sd = Math.sqrt(5.0 / 3.0);
        assertArrayEquals(new float[] {(float) (-1.5 / sd), (float) (-0.5 / sd), (float) (0.5 / sd), (float) (1.5 / sd)}, n, 1e-6f);
        assertArrayEquals(new float[] {0, 0, 0}, CarbonDetector.normalised(new float[] {7, 7, 7}));
    }

    @Test
    void tileHistogramWindowsAreShiftedInward() {
        // 96 × 64 image, bins = x / 32 (0, 1, 2 for the three 32-px columns); 3 × 2 tiles.
        int n1 = 96, n2 = 64;
        byte[] bins = new byte[n1 * n2];
        for (int y = 0; y < n2; y++) for (int x = 0; x < n1; x++) bins[y * n1 + x] = (byte) (x / 32);
        int[] h = CarbonDetector.tileHistograms(bins, n1, n2, 3, 2);
        // tile i = 0: window x [0, 64) → 2048 px in bins 0 and 1; i = 1: start max(1, 17) → [16, 80);
        // i = 2: start 49 → end 112 > 96 → shifted to [32, 96). j = 0 and 1 both use y [0, 64).
        int[][] expect = {{2048, 2048, 0}, {1024, 2048, 1024}, {0, 2048, 2048}};
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) {
                int t = i * 2 + j;
                for (int b = 0; b < 3; b++) assertEquals(expect[i][b], h[t * CarbonDetector.NBINS + b], "tile " + i + "," + j + " bin " + b);
            }
    }

    @Test
    void maskConstructionIsHandComputed() {
        // 128 × 128, 4 × 4 tiles; tiles with i ≥ 2 (x ≥ 64) are in cluster 1, the carbon side of split 1.
        int n = 128;
        int[] labels = new int[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) labels[i * 4 + j] = i >= 2 ? 1 : 0;
        boolean[] u = CarbonDetector.maskFromTiles(labels, new int[] {0, 1, 2, 3, 4}, 1, n, n, 4, 4);
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

    @Test
    void boundedKMeansMatchesPlainLloyd() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 2; trial++) {
            int nTiles = 20 + rnd.nextInt(10);
            int[] hist = randomHistograms(rnd, nTiles);
            CarbonDetector.HistogramKMeans km = new CarbonDetector.HistogramKMeans(hist, nTiles);
            int[] bounded = km.bestOfRestarts(new SplittableRandom(trial));
            int[] plain = plainBestOfRestarts(hist, nTiles, new SplittableRandom(trial));
            assertArrayEquals(plain, bounded, "trial " + trial);
        }
    }

    @Test
    void tooSmallImagesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CarbonDetector.detect(Image2D.of(63, 100, 4.0, new float[6300]), 1));
        assertTrue(e.getMessage().contains("64"));
    }

    // Tiles from three families of histograms with noise, so that the k-means has work to do.
    private static int[] randomHistograms(Random rnd, int nTiles) {
        int[] hist = new int[nTiles * CarbonDetector.NBINS];
        for (int t = 0; t < nTiles; t++) {
            double centre = 5 + 12 * rnd.nextInt(3) + 3 * rnd.nextGaussian(), width = 3 + rnd.nextInt(6);
            for (int s = 0; s < 4096; s++) {
                int b = (int) Math.round(centre + width * rnd.nextGaussian());
                hist[t * CarbonDetector.NBINS + Math.max(0, Math.min(63, b))]++;
            }
        }
        return hist;
    }

    // §5.3 written out directly: every distance every iteration, TVD in double from normalised histograms.
    private static int[] plainBestOfRestarts(int[] hist, int nTiles, SplittableRandom rng) {
        int K = CarbonDetector.K, B = CarbonDetector.NBINS;
        float best = Float.MAX_VALUE;
        int[] bestLabels = null;
        for (int r = 0; r < CarbonDetector.RESTARTS; r++) {
            int[] labels = new int[nTiles];
            for (int t = 0; t < nTiles; t++) labels[t] = t % K;
            for (int t = nTiles - 1; t > 0; t--) {
                int s = rng.nextInt(t + 1), tmp = labels[t];
                labels[t] = labels[s];
                labels[s] = tmp;
            }
            double prev = Float.MAX_VALUE, score = 0;
            for (int it = 1; it <= CarbonDetector.MAX_ITERATIONS; it++) {
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
                if (score < prev && Math.abs(score - prev) < CarbonDetector.TOLERANCE) break;
                prev = score;
                if (it == CarbonDetector.MAX_ITERATIONS) break;
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
