package org.segdiampick.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.segdiampick.estimate.SortMeans;
import org.segdiampick.image.Image2D;

/** {@link Binarizer#threshold}'s sorted-copy counting against the straightforward k × N scan. */
class BinarizerThresholdExactTest {

    static float straightforward(float[] v, double fg) {
        double[] wide = new double[v.length];
        for (int i = 0; i < v.length; i++) wide[i] = v[i];
        SortMeans.Result km = SortMeans.cluster(wide, 10, 10);
        int k = km.k();
        float[] minOf = new float[k];
        java.util.Arrays.fill(minOf, Float.POSITIVE_INFINITY);
        for (int i = 0; i < v.length; i++) if (v[i] < minOf[km.labels()[i]]) minOf[km.labels()[i]] = v[i];
        long[] atOrAbove = new long[k];
        for (float x : v)
            for (int c = 0; c < k; c++) if (km.populations()[c] > 0 && x >= minOf[c]) atOrAbove[c]++;
        int best = -1;
        double bestDiff = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (km.populations()[c] == 0) continue;
            double diff = Math.abs((double) atOrAbove[c] / v.length - fg);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = c;
            }
        }
        return minOf[best];
    }

    @Test
    void equalsTheScanOnRandomTieHeavyAndOddSizedImages() {
        Random rnd = new Random(12);
        int[][] sizes = {{10, 1}, {3, 4}, {7, 9}, {37, 29}, {128, 127}, {959, 927}};
        for (int[] s : sizes) {
            for (int kind = 0; kind < 5; kind++) {
                if (s[0] == 959 && kind > 1) continue;
                float[] v = new float[s[0] * s[1]];
                for (int i = 0; i < v.length; i++)
                    v[i] = switch (kind) {
                        case 0 -> (float) rnd.nextGaussian();
                        case 1 -> rnd.nextInt(256) * 1234.5f - 1e5f; // ICM-like grey levels
                        case 2 -> 7f; // constant
                        case 3 -> rnd.nextInt(20) == 0 ? 1f : 0f; // two levels, few foreground
                        default -> rnd.nextBoolean() ? -0.0f : 0.0f; // signed zeros
                    };
                Image2D img = Image2D.of(s[0], s[1], 4.0, v);
                for (double fg : new double[] {0.17, 0.5, 0.01}) {
                    assertEquals(Float.floatToIntBits(straightforward(v, fg)), Float.floatToIntBits(Binarizer.threshold(img, fg)),
                            s[0] + "x" + s[1] + " kind " + kind);
                }
            }
        }
    }
}
