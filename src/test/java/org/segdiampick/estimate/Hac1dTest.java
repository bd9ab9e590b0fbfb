package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Hac1dTest {

    @Test
    void mergeLoopIsNotTransitiveAndRecreatesLabels() {
        // algorithm §8.5 step 3: centroids 0, 1, 2 at thresh 1.5 → {0, 1}, {2}
        int[] lab = Hac1d.mergeLabels(new double[] {0, 1, 2}, 1.5);
        assertArrayEquals(new int[] {0, 0, 1}, lab);
        // and on data: three singletons (values 0, 1, 2 … but pairing would join 0 and 1 first), so use
        // values that stay singletons in step 1: thresh 1.5 pairs nearest neighbours; with 0, 1, 2 the
        // pair (0,1) forms and 2 is alone, centroids 0.5 and 2 → merged (|0.5 − 2| = 1.5 ≤ 1.5)
        Hac1d.Result r = Hac1d.cluster(new double[] {0, 1, 2}, 1.5);
        assertArrayEquals(new int[] {0, 0, 0}, r.labels());
    }

    @Test
    void windowMinimumUsesLowestClusterNumber() {
        // clusters 0..3 with centroids 10, 0, 11, 1, thresh 1: 2 → 0, 3 → 1
        assertArrayEquals(new int[] {0, 1, 0, 1}, Hac1d.mergeLabels(new double[] {10, 0, 11, 1}, 1));
        // chain 0, 1, 2, 3 at thresh 1: each joins its lower neighbour's number, never transitively
        assertArrayEquals(new int[] {0, 0, 1, 2}, Hac1d.mergeLabels(new double[] {0, 1, 2, 3}, 1));
    }

    @Test
    void pairingTiesGoToLowestIndex() {
        // i = 0 (value 5) has 4 (index 1) and 6 (index 2) both at distance 1 → pairs with index 1;
        // then index 2 (6) is alone; thresh 1
        Hac1d.Result r = Hac1d.cluster(new double[] {5, 4, 6}, 1);
        Hac1d.Result ref = Hac1dReference.cluster(new double[] {5, 4, 6}, 1);
        assertArrayEquals(ref.labels(), r.labels());
        // the initial pairs are (5,4) and (6): centroids 4.5 and 6 → 1.5 > 1, two clusters
        assertArrayEquals(new int[] {0, 0, 1}, r.labels());
        // upper neighbour with the lower index wins a tie: 6 at index 1, 4 at index 2
        assertArrayEquals(new int[] {0, 0, 1}, Hac1d.cluster(new double[] {5, 6, 4}, 1).labels());
        // equal values: distance 0 to the lowest-index duplicate (index 0 pairs with 2, not 3); the
        // singleton 3 at index 3 then merges into cluster 1 because the centroids are equal (≤ 0)
        Hac1d.Result eq = Hac1d.cluster(new double[] {3, 7, 3, 3, 7}, 0);
        assertArrayEquals(Hac1dReference.cluster(new double[] {3, 7, 3, 3, 7}, 0).labels(), eq.labels());
        assertArrayEquals(new int[] {0, 1, 0, 0, 1}, eq.labels());
        assertArrayEquals(new long[] {3, 2}, eq.populations());
    }

    @Test
    void singleValueAndEmpty() {
        Hac1d.Result r = Hac1d.cluster(new double[] {42}, 0);
        assertArrayEquals(new int[] {0}, r.labels());
        assertArrayEquals(new double[] {42}, r.centroids());
        assertEquals(0, Hac1d.cluster(new double[0], 1).clusterCount());
    }

    @Test
    void fastEqualsQuadraticReferenceOnRandomTieHeavyInputs() {
        Random rnd = new Random(20240521);
        int cases = 0;
        for (int t = 0; t < 4000; t++) {
            int n = 1 + rnd.nextInt(t < 3000 ? 40 : 300);
            double[] x = new double[n];
            int kind = t % 4;
            for (int i = 0; i < n; i++) {
                switch (kind) {
                    case 0 -> x[i] = rnd.nextInt(1 + rnd.nextInt(12)); // small integers: many ties
                    case 1 -> x[i] = 2 * Math.sqrt(1 + rnd.nextInt(60)) * 4.0; // pixel-quantised diameters
                    case 2 -> x[i] = 2 * Math.sqrt(1 + rnd.nextInt(400)) * 4.0 + 8; // corrected, wider
                    default -> x[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(5) * 0.5 : 100 + rnd.nextGaussian() * 10;
                }
            }
            double thresh = switch (t % 5) {
                case 0 -> DiameterStats.of(x).sdev();
                case 1 -> rnd.nextInt(4); // integer thresholds hit exact-distance ties
                case 2 -> 0;
                case 3 -> 2 * Math.sqrt(2) * 4.0 - 2 * 4.0; // a quantised gap
                default -> rnd.nextDouble() * 20;
            };
            Hac1d.Result fast = Hac1d.cluster(x, thresh);
            Hac1d.Result ref = Hac1dReference.cluster(x, thresh);
            assertArrayEquals(ref.labels(), fast.labels(), () -> "labels differ for thresh " + thresh + " x=" + java.util.Arrays.toString(x));
            assertArrayEquals(ref.populations(), fast.populations());
            assertArrayEquals(ref.centroids(), fast.centroids(), 0.0);
            cases++;
        }
        assertEquals(4000, cases);
    }
}
