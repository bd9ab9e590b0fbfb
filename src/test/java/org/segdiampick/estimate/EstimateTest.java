package org.segdiampick.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.InputFormatException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateTest {

    @Test
    void noDiametersIsExitCode3() {
        EstimationException e = assertThrows(EstimationException.class, () -> Estimate.run(new double[0], 1, Clustering.HAC));
        assertEquals(ExitCodes.NOTHING_TO_ESTIMATE, ExitCodes.of(e));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void fewerThanTenForKmeansSuggestsHac() {
        EstimationException e = assertThrows(EstimationException.class,
            () -> Estimate.run(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, Clustering.KMEANS));
        assertEquals(3, ExitCodes.of(e));
        assertTrue(e.getMessage().contains("--clustering hac"));
    }

    @Test
    void oneDiameterWithHac() {
        // 50 + 8 = 58; sdev 0 (B-9); MAD 0 and mean abs dev 0 → the single cluster's mean equals the median
        EstimateReport r = Estimate.run(new double[] {50}, 1, Clustering.HAC);
        assertEquals(1, r.nAccepted());
        assertEquals(0, r.mad(), 0);
        assertEquals(58, r.decision().diamMax(), 0);
        assertEquals(88, r.decision().boxInPix()); // nint(87) → 88
        assertEquals(1.2 * 58, r.decision().mskdiam(), 1e-12); // < (88 − 6)
    }

    @Test
    void correctionAppliedExactlyOnce() {
        double[] d = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110};
        EstimateReport r = Estimate.run(d, 1, Clustering.KMEANS);
        for (int i = 0; i < d.length; i++) assertEquals(d[i] + 8, r.correctedDiameters()[i], 0);
        assertEquals(18, r.statsBefore().min(), 0);
        assertEquals(118, r.statsBefore().max(), 0);
        assertEquals(68, r.statsBefore().med(), 0);
        assertEquals(10, d[0], 0); // the input is not modified
        for (double a : r.acceptedDiameters()) assertTrue(a >= 18 && a <= 118);
    }

    @Test
    void singleHugeOutlierNeverSetsTheBox() {
        Random rnd = new Random(1);
        double[] d = new double[200];
        for (int i = 0; i < d.length; i++) d[i] = 2 * Math.sqrt(100 + rnd.nextInt(60)) * 4.0;
        d[77] = 1e5;
        for (Clustering c : Clustering.values()) {
            EstimateReport r = Estimate.run(d, 1.0, c);
            assertTrue(r.decision().diamMax() < 200, c + " " + r.decision());
            for (double a : r.acceptedDiameters()) assertTrue(a < 1000);
            assertEquals(1e5 + 8, r.statsBefore().max(), 0);
        }
    }

    @Test
    void emptyKmeansClustersAreNullInJson() throws Exception {
        // 20 diameters with two values → duplicate initial means → 8 empty clusters
        double[] d = new double[20];
        for (int i = 0; i < 20; i++) d[i] = i % 5 < 3 ? 92 : 142;
        // clusters 1 (92 Å + 8, 12 members) and 7 (8 members): cluster 1 is an edge → rejected; cluster 7:
        // median 100, MAD 0 → fallback scale 1.253314 × mean |x − 100| = 1.253314 × 20 → z = 50 / 25.07 < 2
        EstimateReport r = Estimate.run(d, 2, Clustering.KMEANS);
        assertEquals(1.253314 * 20, r.mad(), 1e-12);
        assertEquals(8, r.nAccepted());
        assertEquals(150, r.decision().diamMin(), 0);
        JsonNode j = r.toJson();
        assertTrue(j.get("clusters").get(1).get("mean").isNull());
        assertTrue(j.get("clusters").get(1).get("z_mean").isNull());
        assertEquals(0, j.get("clusters").get(1).get("pop").asInt());
        assertFalse(j.get("clusters").get(1).get("accepted").asBoolean());
        // population median over 10 clusters = 0, MAD 0 → z_pop suppressed
        assertEquals(0, j.get("clusters").get(6).get("z_pop").asDouble(), 0);
    }

    @Test
    void noAcceptedClusterIsExitCode3() {
        // 9 × 10 Å and 1 × 1000 Å: initial means sorted[0..9] → only clusters 1 (nine copies; the duplicates
        // 2..9 stay empty) and 10 get members, and both edges are never accepted
        double[] d = {10, 10, 10, 1000, 10, 10, 10, 10, 10, 10};
        EstimationException e = assertThrows(EstimationException.class, () -> Estimate.run(d, 1, Clustering.KMEANS));
        assertEquals(3, ExitCodes.of(e));
    }

    @Test
    void invariantsOnRandomBatches() {
        Random rnd = new Random(5);
        for (int t = 0; t < 300; t++) {
            int n = 10 + rnd.nextInt(500);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = rnd.nextInt(10) == 0 ? 2 * Math.sqrt(1 + rnd.nextInt(5000)) * 4 : 2 * Math.sqrt(200 + rnd.nextInt(100)) * 4;
            }
            Clustering c = t % 2 == 0 ? Clustering.KMEANS : Clustering.HAC;
            EstimateReport r;
            try {
                r = Estimate.run(d, 0.5 + rnd.nextDouble() * 2, c);
            } catch (EstimationException e) {
                continue;
            }
            List<ClusterFilter.Cluster> cl = r.clusters();
            if (c == Clustering.KMEANS) {
                assertEquals(10, cl.size());
                assertFalse(cl.get(0).accepted());
                assertFalse(cl.get(9).accepted());
            }
            long acceptedPop = 0;
            for (ClusterFilter.Cluster x : cl) if (x.accepted()) acceptedPop += x.pop();
            assertEquals(acceptedPop, r.nAccepted());
            Decision dec = r.decision();
            // stage 4/5 use the post-filter statistics
            assertEquals(r.statsAfter().max(), dec.diamMax(), 0);
            assertEquals(r.statsAfter().min(), dec.diamMin(), 0);
            assertEquals(BoxRules.boxSize(r.statsAfter().max(), dec.smpd()), dec.boxInPix());
            assertEquals(BoxRules.maskDiameter(dec.boxInPix(), dec.smpd(), dec.diamMax()), dec.mskdiam(), 0);
            assertTrue(dec.boxInPix() >= 1.5 * dec.diamMax() / dec.smpd() - 0.5); // rounded up, never down
        }
    }

    @Test
    void jsonHasExactlyTheIssueKeysAndRoundTripsToADecision() throws Exception {
        double[] d = OracleBatchTest.pick1Diameters("syn");
        EstimateReport r = Estimate.run(d, 1.25, Clustering.KMEANS);
        JsonNode j = new ObjectMapper().readTree(r.toJsonString());
        assertEquals(List.of("box_in_pix", "mskdiam", "diam_min", "diam_max", "n_diameters", "n_accepted", "clustering",
            "mad", "stats_before", "stats_after", "clusters"), names(j));
        assertEquals(List.of("avg", "med", "sdev", "min", "max"), names(j.get("stats_before")));
        assertEquals(List.of("avg", "med", "sdev", "min", "max"), names(j.get("stats_after")));
        assertEquals(List.of("index", "mean", "pop", "z_mean", "z_pop", "accepted"), names(j.get("clusters").get(0)));
        assertEquals("kmeans", j.get("clustering").asText());
        Decision back = Decision.read(new ByteArrayInputStream(r.toJsonString().getBytes(StandardCharsets.UTF_8)), 1.25, "x.json");
        assertEquals(r.decision(), back);
        assertThrows(InputFormatException.class, () -> Decision.read(
            new ByteArrayInputStream("{\"box_in_pix\": 10, \"mskdiam\": 1}".getBytes(StandardCharsets.UTF_8)), 1, "y.json"));
        assertThrows(InputFormatException.class, () -> Decision.read(
            new ByteArrayInputStream("{\"box_in_pix\": ".getBytes(StandardCharsets.UTF_8)), 1, "z.json"));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    @Test
    void clusteringNamesParseCaseInsensitivelyAndUnknownOnesAreRefused() {
        assertEquals(Clustering.HAC, Clustering.parse("HAC"));
        assertEquals(Clustering.KMEANS, Clustering.parse("kmeans"));
        assertThrows(IllegalArgumentException.class, () -> Clustering.parse("dbscan"));
        assertArrayEquals(new Clustering[] {Clustering.KMEANS, Clustering.HAC}, Clustering.values());
    }
}
