package org.segdiampick.estimate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterFilterTest {

    private static boolean[] accepted(ClusterFilter.Cluster[] c) {
        boolean[] a = new boolean[c.length];
        for (int i = 0; i < c.length; i++) a[i] = c[i].accepted();
        return a;
    }

    @Test
    void populationZUsesEachClustersOwnPopulation() {
        // B-1's example populations; median of {10,40,50,80,120,150,250,300,400,500} = 135, deviations
        // 125,95,85,55,15,15,115,165,265,365 → sorted …, median (95+115)/2 = 105 → MAD 155.673
        long[] pops = {50, 120, 300, 500, 400, 250, 150, 80, 40, 10};
        double[] means = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ClusterFilter.Cluster[] c = ClusterFilter.apply(means, pops, 5.5, 100, false);
        double mad = 1.4826 * 105;
        for (int i = 0; i < 10; i++) assertEquals((135 - pops[i]) / mad, c[i].zPop(), 1e-12);
        // 10 members: z_pop = 125 / 155.67 = 0.80 < 2 → accepted (no edge exclusion for HAC)
        assertTrue(c[9].accepted());
    }

    @Test
    void sparseClusterRejectedOnPopulation() {
        // pops 100,100,100,101,99,1: median 100, deviations 0,0,0,1,1,99 → MAD 1.4826 × 0.5
        long[] pops = {100, 100, 100, 101, 99, 1};
        double[] means = {10, 11, 12, 13, 14, 15};
        ClusterFilter.Cluster[] c = ClusterFilter.apply(means, pops, 12, 100, false);
        assertEquals(99 / (1.4826 * 0.5), c[5].zPop(), 1e-9);
        assertArrayEquals(new boolean[] {true, true, true, true, true, false}, accepted(c));
        // z_pop = 1/0.7413 = 1.349 for 99 members → still accepted
        assertEquals(1 / (1.4826 * 0.5), c[4].zPop(), 1e-12);
    }

    @Test
    void equalPopulationsSuppressThePopulationCriterion() {
        ClusterFilter.Cluster[] c = ClusterFilter.apply(new double[] {1, 2, 3}, new long[] {5, 5, 5}, 2, 1, false);
        for (ClusterFilter.Cluster x : c) assertEquals(0, x.zPop(), 0);
        assertArrayEquals(new boolean[] {true, true, true}, accepted(c));
        // two equal populations out of three: median 5, deviations 0,0,3 → MAD 0 → suppressed too
        ClusterFilter.Cluster[] d = ClusterFilter.apply(new double[] {1, 2, 3}, new long[] {5, 5, 2}, 2, 1, false);
        assertEquals(0, d[2].zPop(), 0);
        assertTrue(d[2].accepted());
    }

    @Test
    void meanZScoreRejectsAtTwoStrictly() {
        // |μ − med| / scale = 2 exactly → rejected (≥ σ_crit); 1.999 → accepted
        ClusterFilter.Cluster[] c = ClusterFilter.apply(new double[] {12, 11.999, 8}, new long[] {4, 4, 4}, 10, 1, false);
        assertArrayEquals(new boolean[] {false, true, false}, accepted(c));
        assertEquals(2, c[0].zMean(), 0);
        assertEquals(2, c[2].zMean(), 0); // absolute value
    }

    @Test
    void kmeansNeverAcceptsFirstAndLast() {
        double[] means = new double[10];
        long[] pops = new long[10];
        Arrays.fill(means, 50);
        Arrays.fill(pops, 7);
        ClusterFilter.Cluster[] c = ClusterFilter.apply(means, pops, 50, 1, true);
        assertFalse(c[0].accepted());
        assertFalse(c[9].accepted());
        for (int i = 1; i < 9; i++) assertTrue(c[i].accepted());
        assertEquals(1, c[0].index());
        assertEquals(10, c[9].index());
    }

    @Test
    void emptyClusterIsNeverAcceptedButCountsInThePopulationMedian() {
        // pops 0, 10, 10, 12: median 10 (0 counts), deviations 10,0,0,2 → median 1 → MAD 1.4826
        ClusterFilter.Cluster[] c = ClusterFilter.apply(new double[] {Double.NaN, 5, 5, 5}, new long[] {0, 10, 10, 12}, 5, 1, false);
        assertTrue(Double.isNaN(c[0].mean()));
        assertTrue(Double.isNaN(c[0].zMean()));
        assertFalse(c[0].accepted());
        assertEquals(10 / 1.4826, c[0].zPop(), 1e-12);
        assertEquals(-2 / 1.4826, c[3].zPop(), 1e-12);
    }

    @Test
    void zeroMadFallsBackToMeanAbsoluteDeviation() {
        double[] x = {10, 10, 10, 10, 10, 12, 20};
        double[] s = x.clone();
        Arrays.sort(s);
        double scale = ClusterFilter.robustScale(x, s, 10);
        assertEquals(1.253314 * 12 / 7, scale, 1e-12);
        // all equal: both scales 0 → only a mean equal to the median passes
        double[] y = {10, 10, 10};
        assertEquals(0, ClusterFilter.robustScale(y, y, 10), 0);
        ClusterFilter.Cluster[] c = ClusterFilter.apply(new double[] {10, 10.5}, new long[] {3, 3}, 10, 0, false);
        assertEquals(0, c[0].zMean(), 0);
        assertTrue(c[0].accepted());
        assertEquals(Double.POSITIVE_INFINITY, c[1].zMean());
        assertFalse(c[1].accepted());
    }

    @Test
    void acceptedValuesAreInClusterThenInputOrder() {
        double[] x = {1, 2, 3, 4, 5, 6};
        int[] labels = {1, 0, 1, 2, 0, 1};
        ClusterFilter.Cluster[] c = {
            new ClusterFilter.Cluster(1, 3.5, 2, 0, 0, true),
            new ClusterFilter.Cluster(2, 3.3, 3, 0, 0, false),
            new ClusterFilter.Cluster(3, 4, 1, 0, 0, true)};
        assertArrayEquals(new double[] {2, 5, 4}, ClusterFilter.acceptedValues(x, labels, c), 0);
    }
}
