package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DiameterStatsTest {

    @Test
    void statisticsOfFourValuesMatchTheHandComputedOnes() {
        DiameterStats s = DiameterStats.of(new double[] {4, 1, 3, 2});
        assertEquals(2.5, s.avg(), 0);
        assertEquals(2.5, s.med(), 0); // even n: mean of the two middle values (true median, B-2)
        assertEquals(Math.sqrt(5.0 / 3.0), s.sdev(), 1e-15); // n − 1
        assertEquals(1, s.min(), 0);
        assertEquals(4, s.max(), 0);
        // the example on which SIMPLE's selection returns 3.0 (algorithm §8.2)
        assertEquals(2.5, DiameterStats.median(new double[] {1, 2, 4, 3}), 0);
        assertEquals(3, DiameterStats.median(new double[] {5, 1, 3}), 0);
    }

    @Test
    void oneValueHasZeroSdev() {
        DiameterStats s = DiameterStats.of(new double[] {7});
        assertEquals(new DiameterStats(7, 7, 0, 7, 7), s);
    }

    @Test
    void madGauIsTheMedianAbsoluteDeviationTimes1_4826() {
        // deviations from 3: 2, 1, 0, 1, 97 → median 1
        assertEquals(1.4826, DiameterStats.madGau(new double[] {1, 2, 3, 4, 100}, 3), 1e-15);
        // even count: deviations from 2.5 of {1,2,3,4}: 1.5, .5, .5, 1.5 → median 1.0
        assertEquals(1.4826, DiameterStats.madGau(new double[] {1, 2, 3, 4}, 2.5), 1e-15);
    }

    @Test
    void mergedMadEqualsSortedMad() {
        Random rnd = new Random(3);
        for (int t = 0; t < 2000; t++) {
            int n = 1 + rnd.nextInt(50);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rnd.nextInt(10) * (t % 2 == 0 ? 1 : 0.37);
            double[] s = x.clone();
            Arrays.sort(s);
            double med = t % 3 == 0 ? rnd.nextInt(12) : DiameterStats.medianOfSorted(s); // also off-centre points
            assertEquals(DiameterStats.madGau(x, med), DiameterStats.madGauSorted(s, med), 0);
        }
    }

    @Test
    void selectionMedianEqualsSortedMedianOnTieHeavyInputs() {
        // of() selects the middle order statistics instead of sorting; it must give the same record
        // (record equality compares doubles like Double.compare, so −0.0 vs 0.0 would show)
        Random rnd = new Random(5);
        for (int t = 0; t < 4000; t++) {
            int n = 1 + rnd.nextInt(t < 3500 ? 40 : 5000);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (t % 4) {
                    case 0 -> rnd.nextInt(1 + rnd.nextInt(6));
                    case 1 -> rnd.nextBoolean() ? 0.0 : (rnd.nextBoolean() ? -0.0 : rnd.nextInt(3) - 1);
                    case 2 -> 2 * Math.sqrt(1 + rnd.nextInt(80)) * 4.0 + 8;
                    default -> rnd.nextGaussian();
                };
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double[] before = x.clone();
            assertEquals(DiameterStats.ofSorted(x, sorted), DiameterStats.of(x), "case " + t);
            assertArrayEquals(before, x); // input untouched
        }
        // sorted, reversed and constant inputs of size 10^5 (pivot worst cases for naive quickselect)
        double[] up = new double[100_000];
        for (int i = 0; i < up.length; i++) up[i] = i;
        assertEquals(49_999.5, DiameterStats.of(up).med(), 0);
        double[] down = new double[100_001];
        for (int i = 0; i < down.length; i++) down[i] = down.length - i;
        assertEquals(50_001, DiameterStats.of(down).med(), 0);
        assertEquals(7, DiameterStats.of(new double[] {7, 7, 7, 7}).med(), 0);
    }
}
