package org.segdiampick.pick.refined;

import org.junit.jupiter.api.Test;
import org.segdiampick.image.BlockAverage;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.LaplacianOfGaussian;
import org.segdiampick.image.Spectrum2D;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-checkable cases for the refined picker's kernels. */
class KernelsTest {

    @Test
    void logOfABrightDiscPeaksAtItsCentreAndAtSigmaRadiusOverRootTwo() {
        // A bright disc of radius 12 px: the scale-normalised LoG at its centre is largest for σ = R/√2 ≈ 8.5 px.
        Image2D img = Image2D.of(128, 128, 1, new float[128 * 128]);
        Micrographs.darkDisc(img, 64, 64, 12, -1);
        double bestSigma = 0, best = -1;
        for (double s = 4; s <= 14; s += 0.25) {
            double v = LaplacianOfGaussian.apply(img, s).get(64, 64);
            if (v > best) {
                best = v;
                bestSigma = s;
            }
        }
        assertEquals(12 / Math.sqrt(2), bestSigma, 0.6);
        assertEquals(LaplacianOfGaussian.sigmaForDiameter(24), 12 / Math.sqrt(2), 1e-12);
        Image2D r = LaplacianOfGaussian.apply(img, bestSigma);
        List<Peak> peaks = PeakDetector.localMaxima(r.data, r.nx, r.ny, 0.5 * best);
        assertEquals(1, peaks.size());
        assertEquals(64, peaks.get(0).x());
        assertEquals(64, peaks.get(0).y());
    }

    @Test
    void spectrumReuseEqualsAFreshFilter() {
        Image2D img = Micrographs.noise(90, 75, 1, 3);
        Spectrum2D s = Spectrum2D.of(img);
        for (double sigma : new double[]{2, 5}) {
            Image2D a = LaplacianOfGaussian.apply(img, sigma), b = LaplacianOfGaussian.apply(s, sigma);
            for (int i = 0; i < a.data.length; i++) assertEquals(a.data[i], b.data[i], 1e-3);
        }
    }

    @Test
    void bandLimitedResponseDropsOnlyNegligibleFrequencies() {
        // the weight 2u·e^(−u) (u = 2π²σ²f²) over its peak 2/e is 1e-8 at the cut frequency
        for (double sigma : new double[]{1, 4.24, 9}) {
            double f = LaplacianOfGaussian.negligibleAbove(sigma), u = 2 * Math.PI * Math.PI * sigma * sigma * f * f;
            assertEquals(LaplacianOfGaussian.NEGLIGIBLE, u * Math.exp(1 - u), 1e-12);
        }
        assertEquals(0.25, LaplacianOfGaussian.negligibleAbove(4.24), 0.01);   // σ of a 12-px diameter
        // at σ = 4.24 px the columns above 0.25 cycles/px (half of them) are skipped, and the response is unchanged
        // to float resolution: against the full-spectrum filter on a 200 × 150 noise image
        Image2D img = Micrographs.noise(200, 150, 1, 4);
        Spectrum2D s = Spectrum2D.of(img);
        for (double sigma : new double[]{4.24, 6}) {
            Image2D full = s.filtered(LaplacianOfGaussian.spectralWeight(img.nx, img.ny, sigma)), cut = LaplacianOfGaussian.apply(s, sigma);
            double max = 0, diff = 0;
            for (int i = 0; i < full.data.length; i++) {
                max = Math.max(max, Math.abs(full.data[i]));
                diff = Math.max(diff, Math.abs(full.data[i] - cut.data[i]));
            }
            assertTrue(diff <= 1e-6 * max, "sigma " + sigma + ": " + diff + " of " + max);
        }
        assertThrows(IllegalArgumentException.class, () -> s.filtered((h, k) -> 1, -1));
        // hMax 0 keeps only the x-constant part: a filter passing everything gives each row's mean along x
        Image2D dc = s.filtered((h, k) -> 1, 0);
        double rowMean = 0;
        for (int x = 0; x < img.nx; x++) rowMean += img.get(x, 7);
        assertEquals(rowMean / img.nx, dc.get(3, 7), 1e-3);
        assertEquals(dc.get(3, 7), dc.get(150, 7), 1e-3);
    }

    @Test
    void noiseGainMatchesTheResponseToWhiteNoise() {
        Image2D img = Micrographs.noise(256, 256, 1, 11);
        for (int i = 0; i < img.data.length; i++) img.data[i] = (img.data[i] - 100) / 10;   // unit variance
        for (double sigma : new double[]{2, 4, 8}) {
            Image2D r = LaplacianOfGaussian.apply(img, sigma);
            double ss = 0;
            for (float v : r.data) ss += v * v;
            assertEquals(LaplacianOfGaussian.noiseGain(sigma), Math.sqrt(ss / r.data.length), 0.1 * LaplacianOfGaussian.noiseGain(sigma));
        }
    }

    @Test
    void pureNoiseHasSignalRatioOneAndParticlesMore() {
        for (double d : new double[]{60, 120, 240}) {
            BlobResponse noise = BlobResponse.of(new WorkingGrid(Micrographs.noise(800, 700, 2, 9), 2, org.segdiampick.pick.Contrast.BLACK), d);
            assertEquals(1, noise.signalRatio(), 0.1, "noise at " + d + " Å");
        }
        Image2D crowded = Micrographs.particles(800, 800, 2, 60, 80, 12, 10, null);
        BlobResponse r = BlobResponse.of(new WorkingGrid(crowded, 2, org.segdiampick.pick.Contrast.BLACK), 96);
        assertTrue(r.signalRatio() > BlobResponse.MIN_SIGNAL_RATIO, "ratio " + r.signalRatio());
    }

    @Test
    void noiseLevelOfWhiteNoiseIsItsSd() {
        Image2D img = Micrographs.noise(300, 200, 1, 5);
        assertEquals(10, NoiseLevel.sd(img.data, img.nx, img.ny), 0.3);
        // a smooth ramp added to the noise does not change it
        for (int y = 0; y < img.ny; y++) for (int x = 0; x < img.nx; x++) img.data[y * img.nx + x] += 0.05f * x;
        assertEquals(10, NoiseLevel.sd(img.data, img.nx, img.ny), 0.3);
    }

    @Test
    void robustZIgnoresAFewOutliers() {
        float[] v = new float[1000];
        Random rnd = new Random(1);
        for (int i = 0; i < v.length; i++) v[i] = (float) (5 + 2 * rnd.nextGaussian());
        for (int i = 0; i < 20; i++) v[i] = 1000;
        double[] cs = RobustZ.centreAndScale(v);
        assertEquals(5, cs[0], 0.3);
        assertEquals(2, cs[1], 0.3);
    }

    @Test
    void blockAverageAveragesBlocksAndRaggedEdges() {
        Image2D img = Image2D.of(5, 3, 2, new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
        Image2D b = BlockAverage.apply(img, 2);
        assertEquals(3, b.nx);
        assertEquals(2, b.ny);
        assertEquals(4, b.smpdX);
        assertEquals((1 + 2 + 6 + 7) / 4f, b.get(0, 0), 1e-6);
        assertEquals((5 + 10) / 2f, b.get(2, 0), 1e-6);
        assertEquals((11 + 12) / 2f, b.get(0, 1), 1e-6);
        assertEquals(15, b.get(2, 1), 1e-6);
    }

    @Test
    void blockAverageOfSeveralFactorsInOnePassEqualsEachFactorAlone() {
        // 7 × 5 ramp: factor 3 blocks are 3×3, 3×2 (ragged bottom), 1×3 and 1×2 (ragged right column)
        float[] v = new float[35];
        for (int i = 0; i < v.length; i++) v[i] = i;
        Image2D img = Image2D.of(7, 5, 1, v);
        Image2D[] all = BlockAverage.apply(img, 3, 1, 2, 7);
        assertEquals(3, all[0].nx);
        assertEquals(2, all[0].ny);
        assertEquals((0 + 1 + 2 + 7 + 8 + 9 + 14 + 15 + 16) / 9f, all[0].get(0, 0), 0);
        assertEquals((27 + 34) / 2f, all[0].get(2, 1), 0);           // pixel (6, 3) and (6, 4)
        assertEquals((21 + 22 + 23 + 28 + 29 + 30) / 6f, all[0].get(0, 1), 0);
        assertArrayEquals(v, all[1].data, 0);                      // factor 1: a copy
        assertNotSame(v, all[1].data);
        assertEquals(1, all[3].nx);
        assertEquals(17, all[3].get(0, 0), 0);                     // factor 7: the mean of everything
        Random rnd = new Random(3);
        Image2D big = Image2D.of(101, 67, 1.5, new float[101 * 67]);
        for (int i = 0; i < big.data.length; i++) big.data[i] = rnd.nextInt(65536);
        int[] f = {2, 3, 5, 4, 31};
        Image2D[] many = BlockAverage.apply(big, f);
        for (int j = 0; j < f.length; j++) {
            Image2D one = BlockAverage.apply(big, f[j]);
            assertArrayEquals(one.data, many[j].data, 0, "factor " + f[j]);
            assertEquals(1.5 * f[j], many[j].smpdX);
            // and each block is the mean of its pixels, summed directly
            double s = 0;
            int n = 0;
            for (int y = 0; y < Math.min(f[j], 67); y++) for (int x = 0; x < f[j]; x++, n++) s += big.data[y * 101 + x];
            assertEquals((float) (s / n), many[j].get(0, 0), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> BlockAverage.apply(img, 2, 0));
    }

    @Test
    void constantMeansARangeBelow1e10AndNonFinitePixelsDoNotCount() {
        assertTrue(Image2D.of(3, 1, 1, new float[]{5, 5, 5}).isConstant());
        assertTrue(Image2D.of(3, 1, 1, new float[]{1, 1 + 1e-12f, 1}).isConstant());      // float rounds it to 1
        assertFalse(Image2D.of(3, 1, 1, new float[]{0, 0, 1e-9f}).isConstant());           // decided at the last pixel
        assertFalse(Image2D.of(4, 1, 1, new float[]{0, 1, Float.NaN, 0}).isConstant());    // decided at the second
        assertTrue(Image2D.of(3, 1, 1, new float[]{Float.NaN, 2, 2}).isConstant());        // NaN compares false
        assertFalse(Image2D.of(2, 1, 1, new float[]{Float.POSITIVE_INFINITY, 0}).isConstant());
        assertFalse(Image2D.of(2, 1, 1, new float[]{Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}).isConstant());
    }

    @Test
    void medianBySelectionIsTheSortedMiddle() {
        assertEquals(3, Median.of(new float[]{5, 3, 1}), 0);
        assertEquals(2.5, Median.of(new float[]{4, 1, 3, 2}), 0);
        assertEquals(7, Median.of(new float[]{7}), 0);
        assertEquals(1, Median.of(new float[]{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 0}), 0);
        assertThrows(IllegalArgumentException.class, () -> Median.of(new float[0]));
        // against a full sort: odd and even counts, many ties (8-bit data), sorted and reversed input
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(trial < 100 ? 60 : 20000);
            float[] a = new float[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++)
                a[i] = kind == 0 ? (float) rnd.nextGaussian() : kind == 1 ? rnd.nextInt(12) : kind == 2 ? i : n - i;
            float[] sorted = a.clone();
            java.util.Arrays.sort(sorted);
            double expected = (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            assertEquals(expected, Median.of(a), 0, "trial " + trial + ", n " + n);
            java.util.Arrays.sort(a);
            assertArrayEquals(sorted, a, 0, "only reordered");
            float[] b = sorted.clone();
            int k = rnd.nextInt(n);
            float kth = Median.select(b, k);
            assertEquals(sorted[k], kth, 0);
            for (int i = 0; i < n; i++) assertTrue(i < k ? b[i] <= kth : b[i] >= kth, "partitioned at " + k);
        }
    }

    @Test
    void fftFriendlyCropKeepsSmallPrimeSizes() {
        assertEquals(240, WorkingGrid.fftFriendly(240));
        assertEquals(243, WorkingGrid.fftFriendly(248));   // 3^5
        assertEquals(1024, WorkingGrid.fftFriendly(1024));
        assertEquals(1, WorkingGrid.fftFriendly(1));
    }

    @Test
    void plateauGivesOnePeakAndFloorIsRespected() {
        float[] v = new float[7 * 5];
        v[2 * 7 + 2] = 3;
        v[2 * 7 + 3] = 3;    // a two-pixel plateau
        v[2 * 7 + 5] = 1;    // a weak peak
        List<Peak> all = PeakDetector.localMaxima(v, 7, 5, 0.5);
        assertEquals(2, all.size());
        assertEquals(new Peak(2, 2, 3), all.get(0));
        assertEquals(1, PeakDetector.localMaxima(v, 7, 5, 2).size());
    }

    @Test
    void suppressionKeepsTheStrongerOfTwoClosePeaks() {
        List<Peak> peaks = new ArrayList<>(List.of(new Peak(10, 10, 5), new Peak(13, 10, 7), new Peak(40, 40, 2)));
        List<Peak> kept = NonMaximumSuppression.suppress(peaks, 5);
        assertEquals(List.of(new Peak(13, 10, 7), new Peak(40, 40, 2)), kept);
        // beyond the distance both stay
        assertEquals(2, NonMaximumSuppression.suppress(List.of(new Peak(0, 0, 1), new Peak(6, 0, 2)), 5).size());
        // the input order does not matter
        Collections.reverse(peaks);
        assertEquals(kept, NonMaximumSuppression.suppress(peaks, 5));
    }

    @Test
    void thresholdSplitsABimodalScoreSetWhereThePosteriorsAreEqual() {
        // 7000 background scores around 1 (ln sd 0.3) and 3000 particle scores around 10 (ln sd 0.2)
        Random rnd = new Random(42);
        ScoreHistogram h = new ScoreHistogram();
        for (int i = 0; i < 7000; i++) h.add(Math.exp(0.3 * rnd.nextGaussian()));
        for (int i = 0; i < 3000; i++) h.add(Math.exp(Math.log(10) + 0.2 * rnd.nextGaussian()));
        ScoreThreshold.Fit fit = ScoreThreshold.fit(h);
        assertFalse(fit.fallback());
        assertEquals(0, fit.mean1(), 0.05);
        assertEquals(Math.log(10), fit.mean2(), 0.05);
        assertEquals(0.3, fit.weight2(), 0.02);
        // equal weighted densities of the true components N(0, 0.3) w 0.7 and N(ln 10, 0.2) w 0.3, by bisection
        double lo = 0, hi = Math.log(10);
        for (int i = 0; i < 60; i++) {
            double t = (lo + hi) / 2;
            double l = 0.7 / 0.3 * Math.exp(-t * t / (2 * 0.09)), r = 0.3 / 0.2 * Math.exp(-Math.pow(t - Math.log(10), 2) / (2 * 0.04));
            if (l > r) lo = t;
            else hi = t;
        }
        assertEquals(lo, Math.log(fit.threshold()), 0.08, "threshold " + fit.threshold() + " vs " + Math.exp(lo));
    }

    @Test
    void tooFewScoresFallBackToTheMedian() {
        ScoreHistogram h = new ScoreHistogram();
        for (int i = 0; i < 5; i++) h.add(4);
        ScoreThreshold.Fit fit = ScoreThreshold.fit(h);
        assertTrue(fit.fallback());
        assertEquals(ScoreHistogram.bin(4), ScoreHistogram.bin(fit.threshold()));
    }

    @Test
    void histogramsAdd() {
        ScoreHistogram a = new ScoreHistogram(), b = new ScoreHistogram();
        a.add(1);
        a.add(100);
        b.add(1);
        b.add(1000);   // clamped into the last bin
        ScoreHistogram s = a.plus(b);
        assertEquals(4, s.total());
        assertEquals(2, s.count(ScoreHistogram.bin(1)));
        assertEquals(1, s.count(ScoreHistogram.BINS - 1));
        assertEquals(s, b.plus(a));
    }

    @Test
    void centreRefinementIsTheCentroidOfThePositiveResponseNearThePeak() {
        // 9 x 9 map: a peak of 4 at (4, 4), a weight of 2 at (5, 4), negatives and a far value that must not count
        float[] v = new float[81];
        v[4 * 9 + 4] = 4;
        v[4 * 9 + 5] = 2;
        v[4 * 9 + 3] = -3;          // negative: ignored
        v[0] = 100;                 // outside the radius (0.35 × 10 px = 3.5 px): ignored
        double[] c = CentreRefinement.centroid(v, 9, 9, 4, 4, 10);
        assertEquals((4 * 4 + 2 * 5) / 6.0, c[0], 1e-12);
        assertEquals(4, c[1], 1e-12);
        // a symmetric lobe keeps its peak; nothing positive keeps the pixel
        float[] sym = new float[81];
        for (int y = 0; y < 9; y++) for (int x = 0; x < 9; x++) sym[y * 9 + x] = (float) (9 - Math.hypot(x - 4, y - 4));
        assertArrayEquals(new double[]{4, 4}, CentreRefinement.centroid(sym, 9, 9, 4, 4, 10), 1e-9);
        assertArrayEquals(new double[]{2, 3}, CentreRefinement.centroid(new float[81], 9, 9, 2, 3, 10), 0);
        // sub-pixel working positions map to the nearest raw pixel
        assertEquals(WorkingGrid.toRaw(4, 5), WorkingGrid.toRaw(4.0, 5));
        assertEquals(22, WorkingGrid.toRaw(4, 5));        // working pixel 4 covers raw 20–24
        assertEquals(24, WorkingGrid.toRaw(4.35, 5));     // 22 + 0.35 · 5 = 23.75
    }
}
