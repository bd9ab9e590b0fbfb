package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The row-blocked, shifted-copy evaluation of {@link NonLocalMeans} against a per-pixel transcription of §6.5
 * (centred patch, B-25) in double precision, on odd and tiny sizes, and the exponential at the boundaries of its
 * reduction steps.
 */
class NonLocalMeansFastPathTest {

    private static Image2D randomImage(int nx, int ny, long seed) {
        Random rnd = new Random(seed);
        Image2D img = new Image2D(nx, ny, 4.0);
        for (int i = 0; i < img.size(); i++) img.data[i] = (float) (5 + rnd.nextGaussian());
        // bright and dark blobs so that weights differ strongly, some beyond t = 24
        for (int k = 0; k < 1 + nx * ny / 400; k++) {
            int cx = rnd.nextInt(nx), cy = rnd.nextInt(ny);
            float add = rnd.nextBoolean() ? 8f : -30f;
            for (int y = Math.max(0, cy - 2); y < Math.min(ny, cy + 3); y++)
                for (int x = Math.max(0, cx - 3); x < Math.min(nx, cx + 2); x++) img.set(x, y, img.get(x, y) + add);
        }
        return img;
    }

    /** Compares every pixel, or for large images the borders and a random sample. */
    private static void check(int nx, int ny, long seed) {
        Image2D img = randomImage(nx, ny, seed);
        double sigma = NonLocalMeans.noiseSdev(img);
        double mean = 0;
        for (float v : img.data) mean += v;
        mean /= img.size();
        Image2D in = img.copy();
        NonLocalMeans.apply(img);
        if (!(sigma > 0)) {
            for (int i = 0; i < img.size(); i++) assertEquals(in.data[i], img.data[i]);
            return;
        }
        double h2 = 16 * sigma * sigma;
        Random rnd = new Random(seed + 1);
        boolean all = (long) nx * ny <= 4000;
        StringBuilder bad = new StringBuilder();
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                boolean border = x < 12 || y < 12 || x >= nx - 12 || y >= ny - 12;
                if (!all && !(border ? rnd.nextInt(20) == 0 : rnd.nextInt(2000) == 0)) continue;
                float expected = NonLocalMeansTest.bruteForcePixel(in, mean, h2, x, y);
                // float accumulation: the relative accuracy of NonLocalMeansTest (2e-4 at values near 5)
                if (Math.abs(expected - img.get(x, y)) > 4e-5 * Math.max(5, Math.abs(expected)))
                    bad.append(x).append(',').append(y).append(' ');
            }
        assertEquals("", bad.toString(), nx + "x" + ny);
    }

    @Test
    void matchesBruteForceOnOddAndTinySizes() {
        int[][] sizes = {{1, 1}, {2, 3}, {3, 2}, {1, 25}, {25, 1}, {5, 5}, {12, 11}, {21, 22}, {23, 8}, {61, 47},
                {50, 50}, {77, 13}};
        for (int[] s : sizes) check(s[0], s[1], 31L * s[0] + s[1]);
    }

    @Test
    void matchesBruteForceOn959x927() {
        check(959, 927, 959927);
    }

    @Test
    void sameBitsOnRepeatedRuns() {
        Image2D a = randomImage(131, 97, 5), b = a.copy();
        NonLocalMeans.apply(a);
        NonLocalMeans.apply(b);
        for (int i = 0; i < a.size(); i++) assertEquals(Float.floatToRawIntBits(a.data[i]), Float.floatToRawIntBits(b.data[i]));
    }

    @Test
    void exponentialIsAccurateAroundItsReductionSteps() {
        // the reduction subtracts constants near 16, 8, 4, 2 (and their sums) when a rounded product says so;
        // check the floats on both sides of every such boundary and of the cut-off at 24
        for (float c0 = 0.25f; c0 < 24f; c0 += 0.25f) {
            float t = c0;
            for (int k = 0; k < 64; k++) t = Math.nextDown(t);
            for (int k = 0; k < 128; k++, t = Math.nextUp(t)) {
                double e = Math.exp(-t);
                assertEquals(e, NonLocalMeans.expNeg(t), 6e-7 * e, "t=" + t);
            }
        }
        assertEquals(0f, NonLocalMeans.expNeg(24f));
        assertEquals(0f, NonLocalMeans.expNeg(Math.nextUp(24f)));
        assertEquals(0f, NonLocalMeans.expNeg(Float.POSITIVE_INFINITY));
        float below = Math.nextDown(24f);
        assertEquals(Math.exp(-below), NonLocalMeans.expNeg(below), 6e-7 * Math.exp(-below));
    }
}
