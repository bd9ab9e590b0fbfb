package org.segdiampick.image;

import org.segdiampick.Parameters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The min/max network of {@link MedianFilter}: exact against a brute-force median (random images with ties,
 * ±0, odd and tiny sizes, windows wider than the image) and against the sorted-window merge method, and
 * exhaustively correct on 0–1 inputs (which by the 0–1 principle makes it correct on all inputs).
 */
class MedianNetworkTest {

    private static Image2D random(int nx, int ny, Random rnd, int kind) {
        Image2D img = new Image2D(nx, ny, 4.0);
        for (int i = 0; i < img.size(); i++)
            img.data[i] = switch (kind) {
                case 0 -> (float) rnd.nextGaussian();
                case 1 -> rnd.nextInt(3);                                  // heavy ties
                case 2 -> rnd.nextBoolean() ? 0f : -0f;                   // ±0 only
                case 3 -> rnd.nextInt(5) - 2 + (rnd.nextBoolean() ? 0f : -0f);
                default -> rnd.nextInt(256) * 0.37f - 40f;                 // ICM-like grey levels
            };
        return img;
    }

    @Test
    void equalsBruteForceOnRandomAndTinyImages() {
        int[][] sizes = {{1, 1}, {1, 6}, {6, 1}, {2, 2}, {3, 1}, {2, 9}, {5, 4}, {7, 7}, {8, 3}, {13, 9}, {4, 17},
                {31, 29}, {64, 5}, {97, 61}};
        Random rnd = new Random(42);
        for (int hw = 1; hw <= MedianFilter.MAX_HALF_WIDTH; hw++)
            for (int[] s : sizes)
                for (int kind = 0; kind < 5; kind++) {
                    Image2D img = random(s[0], s[1], rnd, kind);
                    float[] expected = MedianFilterTest.bruteForce(img, hw);
                    MedianFilter.apply(img, hw);
                    assertArrayEquals(expected, img.data, "hw " + hw + " size " + s[0] + "x" + s[1] + " kind " + kind);
                }
    }

    @Test
    void equalsTheMergeMethodOnAnOddMicrographSize() {
        Random rnd = new Random(959);
        for (int kind : new int[] {0, 4}) {
            Image2D img = random(959, 927, rnd, kind), merged = img.copy();
            MedianFilter.apply(img, Parameters.WINSZ_MED);
            MedianMerge.apply(merged, Parameters.WINSZ_MED);
            assertArrayEquals(merged.data, img.data);
        }
    }

    @Test
    void halfWidthZeroIsTheIdentityAndWiderWindowsAreRefused() {
        Image2D img = random(23, 11, new Random(4), 1);
        float[] expected = MedianFilterTest.bruteForce(img, 4);
        MedianMerge.apply(img, 4);
        assertArrayEquals(expected, img.data, "the reference method itself, on a 9 x 9 window");
        assertThrows(IllegalArgumentException.class, () -> MedianFilter.apply(img, MedianFilter.MAX_HALF_WIDTH + 1));
        Image2D same = random(6, 5, new Random(5), 0);
        float[] before = same.data.clone();
        MedianFilter.apply(same, 0);
        assertArrayEquals(before, same.data);
    }

    @Test
    void columnSortSortsAllZeroOneColumns() {
        for (int hw = 1; hw <= MedianFilter.MAX_HALF_WIDTH; hw++) {
            int w = 2 * hw + 1;
            MinMaxProgram sort = MedianNetwork.build(w, MedianFilter.TILE).columnSort;
            int cases = 1 << w;
            float[][] p = sort.newSlots(cases);
            for (int c = 0; c < cases; c++) for (int r = 0; r < w; r++) p[r][c] = (c >> r) & 1;
            sort.run(p, cases);
            for (int c = 0; c < cases; c++) {
                int ones = Integer.bitCount(c);
                for (int r = 0; r < w; r++) assertEquals(r >= w - ones ? 1f : 0f, p[sort.outputs[r]][c], "w " + w + " case " + c);
            }
        }
    }

    /**
     * Every output of the row network on every combination of sorted 0–1 columns: column c of a case holds
     * m ones, m the case's base-(w+1) digit number c mod w, so each output's w columns run through all
     * (w+1)^w combinations. The median of a 0–1 window is 1 exactly when at least (w² + 1)/2 values are 1.
     */
    @Test
    void rowNetworkSelectsTheMedianOfAllZeroOneWindows() {
        for (int hw = 1; hw <= MedianFilter.MAX_HALF_WIDTH; hw++) {
            int w = 2 * hw + 1, tile = MedianFilter.TILE;
            MedianNetwork plan = MedianNetwork.build(w, tile);
            int stride = plan.maxShift + 1, total = 1;
            for (int i = 0; i < w; i++) total *= w + 1;
            int batch = Math.min(total, 4096);
            float[][] p = plan.rows.newSlots(batch * stride + plan.maxShift);
            for (int first = 0; first < total; first += batch) {
                for (int i = 0; i < batch; i++) {
                    int[] digits = digits(first + i, w);
                    // lane stride·i + s of plane k·w + r holds rank r of column tile·s + k of case i
                    for (int s = 0; s < stride; s++)
                        for (int k = 0; k < tile; k++) {
                            int ones = digits[(tile * s + k) % w];
                            for (int r = 0; r < w; r++) p[k * w + r][stride * i + s] = r >= w - ones ? 1f : 0f;
                        }
                }
                plan.rows.run(p, batch * stride);
                for (int i = 0; i < batch; i++) {
                    int[] digits = digits(first + i, w);
                    int sum = 0;
                    for (int d : digits) sum += d;
                    float expected = sum >= (w * w + 1) / 2 ? 1f : 0f;
                    for (int o = 0; o < tile; o++)
                        assertEquals(expected, p[plan.rows.outputs[o]][stride * i], "w " + w + " output " + o + " case " + (first + i));
                }
            }
        }
    }

    private static int[] digits(int c, int w) {
        int[] d = new int[w];
        for (int i = 0; i < w; i++, c /= w + 1) d[i] = c % (w + 1);
        return d;
    }
}
