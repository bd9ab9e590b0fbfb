package org.segdiampick.image;

import org.segdiampick.Parameters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MedianFilterTest {

    @Test
    void mirrorReflectsWithoutRepeatingTheEdge() {
        assertEquals(1, MedianFilter.mirror(-1, 5));
        assertEquals(3, MedianFilter.mirror(-3, 5));
        assertEquals(3, MedianFilter.mirror(5, 5));
        assertEquals(2, MedianFilter.mirror(6, 5));
        assertEquals(1, MedianFilter.mirror(-3, 2)); // period 2: 0 1 0 1 ...
        assertEquals(0, MedianFilter.mirror(7, 1));
    }

    /** Sorts every window, with the mirror rule written out independently of {@link MedianFilter#mirror}. */
    static float[] bruteForce(Image2D img, int hw) {
        float[] out = new float[img.size()];
        int w = 2 * hw + 1;
        for (int y = 0; y < img.ny; y++)
            for (int x = 0; x < img.nx; x++) {
                float[] v = new float[w * w];
                int c = 0;
                for (int j = -hw; j <= hw; j++)
                    for (int i = -hw; i <= hw; i++) {
                        // explicit reflection for |i| < n: -k -> k, n-1+k -> n-1-k
                        int xx = x + i, yy = y + j;
                        while (xx < 0 || xx >= img.nx) xx = img.nx == 1 ? 0 : xx < 0 ? -xx : 2 * (img.nx - 1) - xx;
                        while (yy < 0 || yy >= img.ny) yy = img.ny == 1 ? 0 : yy < 0 ? -yy : 2 * (img.ny - 1) - yy;
                        v[c++] = img.get(xx, yy);
                    }
                Arrays.sort(v);
                out[y * img.nx + x] = v[v.length / 2];
            }
        return out;
    }

    @Test
    void equalsBruteForceWithMirroredBorders() {
        for (int[] s : new int[][] {{20, 17}, {9, 31}, {7, 7}, {5, 4}, {1, 6}, {3, 1}}) {
            Random rnd = new Random(s[0] * 7 + s[1]);
            Image2D img = new Image2D(s[0], s[1], 4.0);
            for (int i = 0; i < img.size(); i++) img.data[i] = rnd.nextInt(20) + (float) rnd.nextGaussian() * 0.01f;
            float[] expected = bruteForce(img, 3);
            MedianFilter.apply(img, Parameters.WINSZ_MED);
            assertArrayEquals(expected, img.data, "size " + s[0] + "x" + s[1]);
        }
        // many ties (integer levels, as after ICM): the merge must remove exactly one copy per leaving value
        Random rnd = new Random(9);
        Image2D img = new Image2D(33, 21, 4.0);
        for (int i = 0; i < img.size(); i++) img.data[i] = rnd.nextInt(4);
        float[] expected = bruteForce(img, 3);
        MedianFilter.apply(img, 3);
        assertArrayEquals(expected, img.data);
        // SIMPLE's faulty selection (B-2) gave 3 as the lower median of [1, 2, 4, 3]; a 2 x 2 image with
        // half-width 1 has the mirrored window {4 x p00, 2 x p10, 2 x p01, p11}: a true median of 9 values
        Image2D small = Image2D.of(2, 2, 4.0, new float[] {1, 2, 4, 3});
        MedianFilter.apply(small, 1);
        assertArrayEquals(bruteForce(Image2D.of(2, 2, 4.0, new float[] {1, 2, 4, 3}), 1), small.data);
    }

    @Test
    void removesSaltNoiseAndKeepsAStep() {
        Image2D img = new Image2D(16, 16, 4.0);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) img.set(x, y, x < 8 ? 0f : 10f);
        img.set(3, 3, 1000f);
        MedianFilter.apply(img, 3);
        assertEquals(0f, img.get(3, 3));
        assertEquals(0f, img.get(7, 0));
        assertEquals(10f, img.get(8, 15));
    }
}
