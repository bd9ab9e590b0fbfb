package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortMeansTest {

    /** Straight transcription of §8.4 (linear scan over all means, first minimum), the yardstick. */
    static SortMeans.Result reference(double[] dat, int k, int maxits) {
        double[] s = dat.clone();
        Arrays.sort(s);
        int step = dat.length / k;
        double[] means = new double[k];
        for (int c = 0; c < k; c++) means[c] = s[c * step];
        int[] labels = new int[dat.length];
        long[] pops = new long[k];
        int it = 0;
        while (it < maxits) {
            it++;
            int changes = 0;
            for (int i = 0; i < dat.length; i++) {
                int best = 0;
                double bd = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    double d = Math.abs(means[c] - dat[i]);
                    if (d < bd) {
                        bd = d;
                        best = c;
                    }
                }
                if (labels[i] != best) changes++;
                labels[i] = best;
            }
            double[] sums = new double[k];
            Arrays.fill(pops, 0);
            for (int i = 0; i < dat.length; i++) {
                sums[labels[i]] += dat[i];
                pops[labels[i]]++;
            }
            for (int c = 0; c < k; c++) means[c] = sums[c] / pops[c]; // 0/0 = NaN, as the reference
            if (changes == 0) break;
        }
        return new SortMeans.Result(means, labels, pops, it);
    }

    @Test
    void initialMeansAreSortedSamplesAtMultiplesOfFloorNOverK() {
        // n = 25, k = 10 → step 2: means start at sorted[0], sorted[2], … sorted[18]; with data 0..24
        // one iteration of assignment already fixes the labels of 0..24 around those means
        double[] x = new double[25];
        for (int i = 0; i < 25; i++) x[i] = 24 - i;
        SortMeans.Result r = SortMeans.cluster(x, 10, 1);
        assertEquals(1, r.iterations());
        // value 24 goes to mean 18 (the last), value 19 to 18, value 0 to 0, value 1 is a tie 0|2 → 0
        assertEquals(9, r.labels()[0]);
        assertEquals(0, r.labels()[23]); // value 1
        assertEquals(0, r.labels()[24]); // value 0
        assertEquals(1, r.labels()[21]); // value 3: tie 2|4 → lower index (cluster of 2)
        assertEquals(7, r.populations()[9]); // 18..24
        assertEquals((18 + 19 + 20 + 21 + 22 + 23 + 24) / 7.0, r.means()[9], 0);
    }

    @Test
    void duplicateInitialMeansLeaveLaterClustersEmptyWithNaN() {
        // 20 values: 12 × 5.0 and 8 × 9.0 → step 2, initial means 5,5,5,5,5,5,9,9,9,9
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) x[i] = i % 5 < 3 ? 5 : 9;
        SortMeans.Result r = SortMeans.cluster(x, 10, 10);
        assertEquals(12, r.populations()[0]);
        assertEquals(8, r.populations()[6]);
        for (int c : new int[] {1, 2, 3, 4, 5, 7, 8, 9}) {
            assertEquals(0, r.populations()[c]);
            assertTrue(Double.isNaN(r.means()[c]));
        }
        assertEquals(2, r.iterations()); // second iteration: no change
        assertArrayEquals(reference(x, 10, 10).labels(), r.labels());
    }

    @Test
    void stopsAfterIterationLimit() {
        Random rnd = new Random(7);
        double[] x = new double[2000];
        for (int i = 0; i < x.length; i++) x[i] = Math.exp(rnd.nextGaussian() * 2);
        SortMeans.Result r = SortMeans.cluster(x, 10, 3);
        assertEquals(3, r.iterations());
        assertArrayEquals(reference(x, 10, 3).labels(), r.labels());
    }

    @Test
    void fewerValuesThanClustersIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SortMeans.cluster(new double[9], 10, 10));
    }

    @Test
    void bisectionEqualsLinearScanOnRandomTieHeavyInputs() {
        Random rnd = new Random(99);
        for (int t = 0; t < 3000; t++) {
            int n = 10 + rnd.nextInt(t < 2500 ? 60 : 2000);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (t % 4) {
                    case 0 -> rnd.nextInt(1 + rnd.nextInt(15));
                    case 1 -> 2 * Math.sqrt(1 + rnd.nextInt(80)) * 4.0 + 8;
                    case 2 -> rnd.nextInt(256) / 255.0 * 3 - 1; // ICM-like grey levels, negatives too
                    default -> rnd.nextInt(4) == 0 ? 400 + rnd.nextInt(3) : 100 + rnd.nextInt(7) * 0.5;
                };
            }
            int k = t % 7 == 0 ? 1 + rnd.nextInt(10) : 10;
            SortMeans.Result fast = SortMeans.cluster(x, k, 10);
            SortMeans.Result ref = reference(x, k, 10);
            assertArrayEquals(ref.labels(), fast.labels());
            assertArrayEquals(ref.populations(), fast.populations());
            assertArrayEquals(ref.means(), fast.means(), 0.0);
            assertEquals(ref.iterations(), fast.iterations());
        }
    }

    @Test
    void thresholdShortcutOnlyWhenRoundedDistancesCannotTieWrongly() {
        // data up to 1e16: distances are rounded to multiples of 2, so means 1 and 2 could tie above 2
        double[] data = {1, 1e16};
        assertEquals(false, SortMeans.monotoneAssignment(new double[] {1, 2}, 2, data));
        assertEquals(false, SortMeans.monotoneAssignment(new double[] {1, Math.nextUp(1.0)}, 2, data));
        assertEquals(true, SortMeans.monotoneAssignment(new double[] {1, 100}, 2, data));
        assertEquals(true, SortMeans.monotoneAssignment(new double[] {1, 1, 100}, 3, data)); // equal means are harmless
        assertEquals(true, SortMeans.monotoneAssignment(new double[] {1, 1.001}, 2, new double[] {0.5, 2}));
    }

    @Test
    void nearlyCoincidentMeansWithHugeValuesStillMatchTheTranscription() {
        // the regime where the threshold shortcut is refused: labels must still be the reference's
        Random rnd = new Random(3);
        double[] pool = {1, Math.nextUp(1.0), Math.nextUp(Math.nextUp(1.0)), 3, 1e16, 1e16 + 2, 1e16 + 4, 3e16};
        for (int t = 0; t < 500; t++) {
            int n = 10 + rnd.nextInt(60);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = pool[rnd.nextInt(pool.length)];
            SortMeans.Result fast = SortMeans.cluster(x, 10, 10);
            SortMeans.Result ref = reference(x, 10, 10);
            assertArrayEquals(ref.labels(), fast.labels());
            assertArrayEquals(ref.means(), fast.means(), 0.0);
            assertEquals(ref.iterations(), fast.iterations());
        }
    }

    @Test
    void walkingAssignmentMatchesTheTranscriptionOnLargeImageLikeData() {
        // ≤ 256 grey levels of a float image (the binarisation input), spatially coherent runs, up to 10
        // iterations: labels move up and down across the thresholds between iterations
        Random rnd = new Random(17);
        for (int t = 0; t < 40; t++) {
            int n = 10 + rnd.nextInt(t < 20 ? 300 : 30000);
            float[] levels = new float[1 + rnd.nextInt(t % 5 == 0 ? 3 : 256)];
            for (int l = 0; l < levels.length; l++) levels[l] = (float) (rnd.nextGaussian() * 1e6 + (t % 2) * 3e6);
            float[] f = new float[n];
            int cur = rnd.nextInt(levels.length);
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(8) == 0) cur = rnd.nextInt(levels.length);
                f[i] = levels[cur];
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = f[i];
            SortMeans.Result ref = reference(x, 10, 10);
            SortMeans.Result fast = SortMeans.cluster(x, 10, 10);
            assertArrayEquals(ref.labels(), fast.labels());
            assertArrayEquals(ref.populations(), fast.populations());
            assertArrayEquals(ref.means(), fast.means(), 0.0);
            assertEquals(ref.iterations(), fast.iterations());
        }
    }
}
