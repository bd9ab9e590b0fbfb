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
