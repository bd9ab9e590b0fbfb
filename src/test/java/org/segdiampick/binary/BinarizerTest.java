package org.segdiampick.binary;

import org.segdiampick.Parameters;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.segdiampick.image.Image2D;

class BinarizerTest {

    @Test
    void thresholdOfTenLevelsIsHandComputed() {
        // Ten levels 0, 100, …, 900 with ten pixels each: the sorted-sample initial means are exactly the
        // levels, so every cluster is one level. t_c = 100c, f_c = 1 − c/10; |f − 0.17| is smallest for
        // f = 0.2 → t = 800; for a target of 0.12, f = 0.1 → t = 900.
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) v[i] = 100 * (i % 10);
        Image2D img = Image2D.of(10, 10, 4.0, v);
        assertEquals(800f, Binarizer.threshold(img, 0.17));
        assertEquals(900f, Binarizer.threshold(img, 0.12));
        assertEquals(0f, Binarizer.threshold(img, 0.97));
    }

    @Test
    void thresholdGivesAboutSeventeenPercentOnSmoothRandomImages() {
        // The threshold can only be a cluster minimum; on Gaussian pixel values the boundary of the
        // 10th k-means cluster lies at 16–17 % of the pixels (measured over seeds), so 17 % ± 1 %.
        int n = 256;
        for (long seed = 1; seed <= 3; seed++) {
            Image2D img = TestImages.image(n, n, TestImages.smoothNoise(n, n, 2, seed));
            float t = Binarizer.threshold(img, Parameters.FRAC_FG);
            int fg = 0;
            for (float x : img.data) if (x >= t) fg++;
            assertEquals(0.17, fg / (double) (n * n), 0.01, "seed " + seed);
        }
    }

    @Test
    void binarizeErodesTwiceAndFillsHoles() {
        // Background 0; a bright 12 × 12 square (17 % of 32 × 32 ≈ 174 px ≥ 144 px) with a dark 2 × 2 hole.
        int n = 32;
        float[] v = new float[n * n];
        for (int y = 10; y < 22; y++) for (int x = 10; x < 22; x++) v[y * n + x] = 5;
        for (int y = 15; y < 17; y++) for (int x = 15; x < 17; x++) v[y * n + x] = 0;
        BinaryImage b = Binarizer.binarize(Image2D.of(n, n, 4.0, v));
        // Thresholding at 5 gives the square minus its hole; two erosions shrink the square to [12, 20)
        // and grow the hole to [13, 19), leaving a 1-px ring that the hole filling closes again.
        BinaryImage expected = new BinaryImage(n, n);
        for (int y = 12; y < 20; y++) for (int x = 12; x < 20; x++) expected.set(x, y, 1);
        assertEquals(TestImages.render(expected), TestImages.render(b));
    }

    @Test
    void constantImageIsAllForegroundWithoutError() {
        float[] v = new float[64 * 64];
        java.util.Arrays.fill(v, 3.5f);
        BinaryImage b = Binarizer.binarize(Image2D.of(64, 64, 4.0, v));
        assertEquals(64 * 64, b.count());
        assertEquals(1, ConnectedComponents.label(b).count());
    }

    @Test
    void nothingSurvivingGivesAnEmptyImageNotAnError() {
        // 1-pixels on every third row and column (11 % of the image): the threshold selects them, and
        // the erosions remove every isolated pixel. SIMPLE would abort here or later (B-23).
        int n = 60;
        float[] v = new float[n * n];
        for (int y = 0; y < n; y += 3) for (int x = 0; x < n; x += 3) v[y * n + x] = 1;
        Image2D img = Image2D.of(n, n, 4.0, v);
        assertEquals(1f, Binarizer.threshold(img, Parameters.FRAC_FG));
        BinaryImage b = Binarizer.binarize(img);
        assertEquals(0, b.count());
        assertEquals(0, ConnectedComponents.label(b).count());
    }

    @Test
    void nonFinitePixelsAreRejected() {
        float[] v = new float[100];
        v[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Binarizer.binarize(Image2D.of(10, 10, 4.0, v)));
        assertTrue(e.getMessage().contains("NaN"));
    }
}
