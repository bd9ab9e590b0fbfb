package org.segdiampick.estimate;

import org.segdiampick.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stages 2–5 on SIMPLE's own pass-1 diameters of the two oracle batches (pick1/*_pick1_diams_raw.txt in
 * micrographs.txt order), compared with SIMPLE's printed statistics and clusters (log_kmeans.txt,
 * log_hac.txt). SIMPLE works in float with a faulty median (B-2) and a reordered population vector (B-1)
 * and rounds the box to the nearest size (B-17); each assertion says which of these it is exposed to.
 */
class OracleBatchTest {

    private static Path batch(String name) {
        return SharedData.oracle().resolve(name);
    }

    static double[] pick1Diameters(String name) throws IOException {
        Path b = batch(name);
        List<Double> all = new ArrayList<>();
        for (String line : Files.readAllLines(b.resolve("micrographs.txt"))) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String mic = line.split("\t")[0].replaceAll("\\.mrc$", "");
            for (String v : Files.readAllLines(b.resolve("pick1").resolve(mic + "_pick1_diams_raw.txt"))) {
                if (!v.isBlank()) all.add((double) Float.parseFloat(v.trim()));
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertFloatClose(double simple, double ours) {
        assertEquals(simple, ours, 3e-6 * Math.abs(simple) + 1e-6, "SIMPLE " + simple + " vs ours " + ours);
    }

    @Test
    void kmeansOnSyntheticDiametersReproducesSimple() throws IOException {
        EstimateReport r = Estimate.run(pick1Diameters("syn"), 1.25, Clustering.KMEANS);
        assertEquals(225, r.nDiameters());
        DiameterStats s = r.statsBefore();
        // log_kmeans.txt "CC diameter statistics": float rounding only (n odd: SIMPLE's median is right here)
        assertFloatClose(119.678307, s.avg());
        assertFloatClose(124.772781, s.med());
        assertFloatClose(56.3089676, s.sdev());
        assertFloatClose(21.3629265, s.min());
        assertFloatClose(383.727844, s.max());
        double[] simpleMeans = {31.0040302, 55.1058350, 81.6074295, 92.7986603, 102.540527, 116.324509, 129.036896,
            138.898804, 158.229095, 364.228088};
        double[] simplePct = {3.55555558, 6.22222233, 10.2222223, 16.4444447, 7.55555534, 4.88888884, 17.7777786,
            25.3333340, 4.44444466, 3.55555558};
        List<ClusterFilter.Cluster> cl = r.clusters();
        for (int i = 0; i < 10; i++) {
            assertFloatClose(simpleMeans[i], cl.get(i).mean());
            assertEquals(simplePct[i], 100.0 * cl.get(i).pop() / 225, 1e-5);
        }
        // B-1 fixed: with each cluster's own population, quanta 08 (57 members, z_pop < 0) is accepted like in
        // SIMPLE, and the accepted set 2..9 minus those with |z_mean| ≥ 2 (quantum 02: 2.30) is the same:
        boolean[] expected = {false, false, true, true, true, true, true, true, true, false};
        for (int i = 0; i < 10; i++) assertEquals(expected[i], cl.get(i).accepted(), "quantum " + (i + 1));
        // so the filtered set equals SIMPLE's: log "after thresholding" min 70.5997162, max 189.926590, 86.67 %
        assertEquals(195, r.nAccepted());
        assertFloatClose(70.5997162, r.decision().diamMin());
        assertFloatClose(189.926590, r.decision().diamMax());
        assertFloatClose(117.919388, r.statsAfter().avg());
        // box: nint(1.5 × 189.93 / 1.25) = 228; SIMPLE takes the nearest magic size 224 (B-17), we round up
        // to 240; mask = min((240 − 6) × 1.25, 1.2 × 189.93) = 227.91 Å, the same as SIMPLE's 227.91191
        assertEquals(240, r.decision().boxInPix());
        assertFloatClose(227.91191, r.decision().mskdiam());
    }

    @Test
    void hacOnSyntheticDiametersReproducesSimple() throws IOException {
        EstimateReport r = Estimate.run(pick1Diameters("syn"), 1.25, Clustering.HAC);
        List<ClusterFilter.Cluster> cl = r.clusters();
        // log_hac.txt: four clusters with these means and populations (82.67 %, 13.33 %, 3.56 %, 0.44 %)
        double[] simpleMeans = {54.2724380, 119.331696, 364.228088, 189.926590};
        long[] pops = {30, 186, 8, 1};
        assertEquals(4, cl.size());
        for (int i = 0; i < 4; i++) {
            assertFloatClose(simpleMeans[i], cl.get(i).mean());
            assertEquals(pops[i], cl.get(i).pop());
        }
        // population median 19, MAD 1.4826 × 14.5: z_pop of the single-member cluster 4 is 0.838 with its own
        // population (B-1 fixed; SIMPLE printed −7.77 from its reordered array). It is still rejected on
        // |z_mean| = 2.15. Accepted: cluster 2 only, as in SIMPLE.
        assertArrayEquals(new boolean[] {false, true, false, false},
            new boolean[] {cl.get(0).accepted(), cl.get(1).accepted(), cl.get(2).accepted(), cl.get(3).accepted()});
        assertFloatClose(2.15179896, cl.get(3).zMean());
        assertEquals(186, r.nAccepted());
        assertFloatClose(119.331688, r.statsAfter().avg());
        assertFloatClose(79.0687866, r.decision().diamMin());
        assertFloatClose(168.849243, r.decision().diamMax());
        // nint(1.5 × 168.85 / 1.25) = 203: SIMPLE nearest → 200 (B-17), ours up → 208;
        // mask min((208 − 6) × 1.25, 202.619) = 202.619 Å = SIMPLE's 202.61909
        assertEquals(208, r.decision().boxInPix());
        assertFloatClose(202.61909, r.decision().mskdiam());
    }

    @Test
    void kmeansOnApoferritinDiametersReproducesSimple() throws IOException {
        EstimateReport r = Estimate.run(pick1Diameters("apoferritin"), 1.5, Clustering.KMEANS);
        assertEquals(279, r.nDiameters());
        DiameterStats s = r.statsBefore();
        assertFloatClose(79.1519852, s.avg());
        assertFloatClose(61.4395905, s.sdev());
        assertFloatClose(20.0258617, s.min());
        assertFloatClose(419.242920, s.max());
        assertFloatClose(63.4915123, s.med());
        double[] simpleMeans = {21.2037411, 25.2701817, 31.1852074, 39.1640778, 51.5141029, 68.2046356, 88.3335419,
            114.715149, 172.084396, 270.023529};
        for (int i = 0; i < 10; i++) assertFloatClose(simpleMeans[i], r.clusters().get(i).mean());
        // SIMPLE accepted quanta 2..8 (82.44 %); its pop_z came from a reordered array (B-1) but no accepted
        // quantum is near the threshold, so the own-population rule gives the same set
        for (int i = 0; i < 10; i++) assertEquals(i >= 1 && i <= 7, r.clusters().get(i).accepted(), "quantum " + (i + 1));
        assertFloatClose(23.6541634, r.decision().diamMin());
        assertFloatClose(139.539825, r.decision().diamMax());
        // nint(1.5 × 139.54 / 1.5) = 140, a magic size: SIMPLE and we agree on 140 and on the mask 167.45 Å
        assertEquals(140, r.decision().boxInPix());
        assertFloatClose(167.44780, r.decision().mskdiam());
        assertFalse(r.clusters().get(0).accepted() || r.clusters().get(9).accepted());
        assertTrue(r.nAccepted() > 0);
    }

    @Test
    void hacOnApoferritinDiametersReproducesSimple() throws IOException {
        EstimateReport r = Estimate.run(pick1Diameters("apoferritin"), 1.5, Clustering.HAC);
        List<ClusterFilter.Cluster> cl = r.clusters();
        double[] simpleMeans = {91.9059982, 32.3395958, 348.468750, 225.588623, 419.242920};
        long[] pops = {147, 112, 2, 17, 1};
        assertEquals(5, cl.size());
        for (int i = 0; i < 5; i++) {
            assertFloatClose(simpleMeans[i], cl.get(i).mean());
            assertEquals(pops[i], cl.get(i).pop());
        }
        // own populations (B-1 fixed): median 17, MAD 1.4826 × 16 → z_pop of cluster 3 (2 members) = 0.632,
        // cluster 5 (1 member) = 0.675; all rejected on |z_mean| anyway; SIMPLE accepted 1 and 2 (92.83 %) too
        assertEquals(15.0 / (1.4826 * 16), cl.get(2).zPop(), 1e-12);
        assertEquals(259, r.nAccepted());
        assertFloatClose(20.0258617, r.decision().diamMin());
        assertFloatClose(178.657486, r.decision().diamMax());
        assertFloatClose(66.1475525, r.statsAfter().avg());
        // nint(178.66) = 179 → 180 both rounding up and to the nearest; mask 1.2 × 178.66 = 214.389 as SIMPLE
        assertEquals(180, r.decision().boxInPix());
        assertFloatClose(214.388992, r.decision().mskdiam());
    }
}
