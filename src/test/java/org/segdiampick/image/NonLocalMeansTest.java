package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NonLocalMeansTest {

    /** Direct transcription of §6.5 with the centred patch (B-25), double precision. */
    private static float[] bruteForce(Image2D img) {
        double sigma = NonLocalMeans.noiseSdev(img);
        double mean = 0;
        for (float v : img.data) mean += v;
        mean /= img.size();
        float[] out = new float[img.size()];
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++) out[y * img.nx + x] = bruteForcePixel(img, mean, 16 * sigma * sigma, x, y);
        return out;
    }

    /** The output at pixel (x, y) of an image padded with {@code mean}, h² = {@code h2}, in double precision. */
    static float bruteForcePixel(Image2D img, double mean, double h2, int x, int y) {
        double z = 0, acc = 0;
        for (int j = -10; j <= 10; j++)
            for (int i = -10; i <= 10; i++) {
                double s = 0;
                for (int v = -1; v <= 1; v++)
                    for (int u = -1; u <= 1; u++) {
                        double d = pix(img, mean, x + u, y + v) - pix(img, mean, x + i + u, y + j + v);
                        s += d * d;
                    }
                double w = Math.exp(-s / h2);
                z += w;
                acc += w * pix(img, mean, x + i, y + j);
            }
        return (float) (acc / z);
    }

    private static double pix(Image2D img, double mean, int x, int y) {
        return x < 0 || y < 0 || x >= img.nx || y >= img.ny ? mean : img.get(x, y);
    }

    @Test
    void fastMatchesBruteForceCentredPatchOnRandomImages() {
        for (int[] s : new int[][] {{24, 20}, {17, 23}, {40, 9}}) {
            Random rnd = new Random(s[0] * 100 + s[1]);
            Image2D img = new Image2D(s[0], s[1], 4.0);
            for (int i = 0; i < img.size(); i++) img.data[i] = (float) (5 + rnd.nextGaussian());
            // a bright square so that weights differ strongly between patches
            for (int y = 5; y < 9; y++) for (int x = 6; x < 11; x++) img.set(x, y, img.get(x, y) + 6);
            float[] expected = bruteForce(img);
            NonLocalMeans.apply(img);
            StringBuilder bad = new StringBuilder();
            for (int i = 0; i < expected.length; i++) if (Math.abs(expected[i] - img.data[i]) > 2e-4) bad.append(i % s[0]).append(',').append(i / s[0]).append(' ');
            assertEquals("", bad.toString());
        }
    }

    @Test
    void constantImageIsUnchanged() {
        Image2D img = new Image2D(30, 30, 4.0);
        java.util.Arrays.fill(img.data, 3.25f);
        NonLocalMeans.apply(img);
        for (float v : img.data) assertEquals(3.25f, v);
    }

    @Test
    void randomImageMeanIsApproximatelyPreservedAndNoiseReduced() {
        Random rnd = new Random(7);
        Image2D img = new Image2D(96, 80, 4.0);
        for (int i = 0; i < img.size(); i++) img.data[i] = (float) (10 + rnd.nextGaussian());
        double m0 = mean(img.data), v0 = var(img.data, m0);
        NonLocalMeans.apply(img);
        double m1 = mean(img.data);
        assertEquals(m0, m1, 0.02);
        assertTrue(var(img.data, m1) < 0.5 * v0, "variance " + var(img.data, m1) + " vs " + v0);
    }

    @Test
    void fastExponentialIsAccurate() {
        for (float t = 0; t < 24; t += 0.00137f) {
            double e = Math.exp(-t);
            assertEquals(e, NonLocalMeans.expNeg(t), 6e-7 * e, "t=" + t);
        }
        assertEquals(1f, NonLocalMeans.expNeg(0f));
        assertEquals(0f, NonLocalMeans.expNeg(24f));
        assertEquals(0f, NonLocalMeans.expNeg(1e30f));
    }

    private static double mean(float[] d) {
        double s = 0;
        for (float v : d) s += v;
        return s / d.length;
    }

    private static double var(float[] d, double m) {
        double s = 0;
        for (float v : d) s += (v - m) * (v - m);
        return s / (d.length - 1);
    }
}
