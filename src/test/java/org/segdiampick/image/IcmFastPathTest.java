package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast paths of {@link Icm} against the straightforward computation (find by bisection, 8-neighbour loop). */
class IcmFastPathTest {

    /** Icm.apply written plainly: bisection find for bins and levels, straightforward closed-form sweeps. */
    static float[] straightforward(float[] src, int nx, int ny, float lambda) {
        float[] d = src.clone();
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) return d;
        float[] grid = Icm.equispaced(0f, 1f, Icm.LEVELS);
        float[] t = new float[Icm.LEVELS], cnt = new float[Icm.LEVELS];
        for (float v : d) {
            int q = Icm.find(grid, (v - lo) / (hi - lo)) - 1;
            t[q] += v;
            cnt[q] += 1f;
        }
        for (int q = 0; q < Icm.LEVELS; q++) if (cnt[q] > 1e-10) t[q] /= cnt[q];
        for (int i = 1; i < Icm.LEVELS - 1; i++) { // empty bins: the linear fill of Icm.binMeans
            if (cnt[i] < 1e-10) {
                int j = i + 1;
                while (j < Icm.LEVELS && !(cnt[j] > 1e-10)) j++;
                if (j == Icm.LEVELS) break;
                float step = (t[j] - t[i - 1]) / (float) (j - i + 1);
                for (int l = i; l < j; l++) t[l] = t[l - 1] + step;
            }
        }
        float[] table = t;
        int[] level = new int[d.length];
        for (int i = 0; i < d.length; i++) level[i] = Icm.find(table, d[i]) - 1;
        level = IcmReference.sweeps(level, nx, ny, lambda, false);
        for (int i = 0; i < d.length; i++) d[i] = table[level[i]];
        return d;
    }

    @Test
    void findFromEqualsBisectionFindForAnyGuess() {
        Random rnd = new Random(5);
        for (int t = 0; t < 400; t++) {
            int n = 1 + rnd.nextInt(t % 3 == 0 ? 5 : 300);
            float[] table = new float[n];
            float acc = rnd.nextInt(3) - 1;
            for (int i = 0; i < n; i++) {
                acc += rnd.nextInt(4) == 0 ? 0f : rnd.nextFloat() * (t % 2 == 0 ? 1f : 1e-9f); // ties, tiny steps
                table[i] = acc;
            }
            for (int s = 0; s < 200; s++) {
                float x = switch (s % 5) {
                    case 0 -> table[rnd.nextInt(n)];
                    case 1 -> table[0] + (table[n - 1] - table[0]) * rnd.nextFloat();
                    case 2 -> (table[0] + table[n - 1]) / 2 + (rnd.nextFloat() - 0.5f) * 4 * (table[n - 1] - table[0] + 1);
                    case 3 -> Math.nextUp(table[rnd.nextInt(n)]) + (rnd.nextBoolean() ? 1e-11f : -1e-11f);
                    default -> (table[rnd.nextInt(n)] + table[rnd.nextInt(n)]) / 2; // midpoints: nearest-entry ties
                };
                int guess = rnd.nextInt(n + 20) - 10;
                assertEquals(Icm.find(table, x), Icm.findFrom(table, x, guess), "x " + x + " guess " + guess);
            }
            assertEquals(Icm.find(table, Float.NaN), Icm.findFrom(table, Float.NaN, rnd.nextInt(n + 1)));
        }
    }

    @Test
    void binMeansRecordsTheBisectionBins() {
        Random rnd = new Random(8);
        float[] d = new float[5000];
        for (int i = 0; i < d.length; i++) d[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(7) * 0.25f : (float) rnd.nextGaussian();
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int[] bins = new int[d.length];
        float[] t = Icm.binMeans(d, lo, hi, bins);
        float[] grid = Icm.equispaced(0f, 1f, Icm.LEVELS);
        for (int i = 0; i < d.length; i++) assertEquals(Icm.find(grid, (d[i] - lo) / (hi - lo)) - 1, bins[i]);
        assertArrayEquals(t, Icm.binMeans(d, lo, hi));
    }

    @Test
    void fastSweepsEqualStraightforwardClosedFormAndScan() {
        Random rnd = new Random(21);
        int[][] sizes = {{1, 1}, {2, 1}, {1, 3}, {2, 2}, {3, 7}, {13, 1}, {17, 19}, {64, 33}, {95, 93}};
        for (float lambda : new float[] {0f, 0.001f, 1f, 7f, 100f, 1e4f}) {
            for (int[] s : sizes) {
                for (int kind = 0; kind < 4; kind++) {
                    int[] start = new int[s[0] * s[1]];
                    for (int i = 0; i < start.length; i++)
                        start[i] = switch (kind) {
                            case 0 -> rnd.nextInt(256);
                            case 1 -> rnd.nextBoolean() ? 0 : 255; // extremes: window clamped at both ends
                            case 2 -> 128 + rnd.nextInt(2); // constant-ish
                            default -> (i % s[0]) * 255 / Math.max(1, s[0] - 1); // ramp
                        };
                    int[] fast = Icm.sweeps(start, s[0], s[1], lambda);
                    assertArrayEquals(IcmReference.sweeps(start, s[0], s[1], lambda, false), fast, "lambda " + lambda);
                    if (start.length <= 400) assertArrayEquals(IcmReference.sweeps(start, s[0], s[1], lambda, true), fast);
                }
            }
        }
    }

    @Test
    void applyEqualsStraightforwardOnRandomImages() {
        Random rnd = new Random(34);
        int[][] sizes = {{1, 2}, {3, 1}, {5, 4}, {31, 17}, {128, 96}, {959, 927}};
        for (int[] s : sizes) {
            for (int kind = 0; kind < 4; kind++) {
                if (s[0] == 959 && kind > 1) continue;
                float[] d = new float[s[0] * s[1]];
                for (int i = 0; i < d.length; i++)
                    d[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian() * 3e5f + 1e6f;
                        case 1 -> rnd.nextInt(40) * 0.1f - 2f; // many ties
                        case 2 -> 1f + (rnd.nextInt(50) == 0 ? 1e-6f : 0f); // constant-ish
                        default -> (float) Math.exp(rnd.nextGaussian() * 3); // skewed: many empty bins
                    };
                for (float lambda : new float[] {100f, 0.5f}) {
                    Image2D img = Image2D.of(s[0], s[1], 4.0, d.clone());
                    Icm.apply(img, lambda);
                    assertArrayEquals(straightforward(d, s[0], s[1], lambda), img.data, 0f, s[0] + "x" + s[1] + " kind " + kind);
                }
            }
        }
    }
}
