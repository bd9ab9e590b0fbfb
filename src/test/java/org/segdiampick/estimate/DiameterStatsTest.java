package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DiameterStatsTest {

    @Test
    void handComputed() {
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
    void madGau() {
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
}
