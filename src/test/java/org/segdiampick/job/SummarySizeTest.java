package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Decision;
import org.segdiampick.pick.Contrast;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * summary.json stays small enough for an Airflow XCom (≤ 64 KB) at 100,000 micrographs with 10 % failed, each
 * with a long error: counts for all, the first failures listed and the rest counted, no per-micrograph list.
 */
class SummarySizeTest {
    @Test
    void summaryOfAHundredThousandMicrographsIsSmall() throws IOException {
        int n = 100_000;
        List<MicResult> results = new ArrayList<>(n);
        String longError = "cannot open: ".repeat(200);
        for (int i = 0; i < n; i++) {
            MicTask t = new MicTask(i, "/data/mics/FoilHole_" + i + ".mrc", 1.0, "FoilHole_" + i, null, null, null, null);
            Pass1Outcome p1 = i % 10 == 3 ? Pass1Outcome.failed(t, longError, "1", 5)
                    : new Pass1Outcome(i, t.name(), Pass1Outcome.Status.PICKED, null, Particles.diametersOnly(new double[]{100, 110}),
                    4096, 4096, null, null, null, null, "/out/thumbs/" + t.name() + "_den.jpg", 0, "executor-" + (i % 500), 900);
            Pass2Outcome p2 = p1.failed() ? null : new Pass2Outcome(i, t.name(), 2, "/out/boxes/" + t.name() + ".box",
                    "/out/coords/" + t.name() + ".star", p1.thumb(), null);
            results.add(new MicResult(t, p1, p2));
        }
        RunOptions o = new RunOptions("/p.jsonl", "/out", null, Clustering.KMEANS, Contrast.BLACK, 500, false, 0.2, null, false, false);
        RunSummary.SparkInfo spark = new RunSummary.SparkInfo("local[2]", "app-1", List.of("1", "2"), 2);
        ObjectNode s = RunSummary.run(null, new Decision(200, 160, 100, 150, 1.0), o, 1.0, results, spark,
                Map.of("total_s", 1.0), "micrographs.tsv");
        byte[] bytes = RunSummary.JSON.writeValueAsBytes(s);
        assertTrue(bytes.length <= 64 * 1024, "summary.json is " + bytes.length + " bytes");
        JsonNode m = s.get("micrographs");
        assertEquals(n, m.get("selected").asInt());
        assertEquals(n / 10, m.get("failed").asInt());
        assertEquals(90_000, m.get("picked").asInt());
        assertEquals(180_000, m.get("particles").asLong());
        assertEquals(RunSummary.MAX_FAILURES_LISTED, s.get("failures").size());
        assertEquals(n / 10 - RunSummary.MAX_FAILURES_LISTED, s.get("failures_not_listed").asLong());
        assertEquals("/data/mics/FoilHole_3.mrc", s.get("failures").get(0).get("micrograph").asText());
        assertEquals("pick", s.get("failures").get(0).get("stage").asText());
        assertFalse(s.has("per_micrograph"));
        assertEquals("micrographs.tsv", s.get("details").asText());
        assertEquals(200, s.get("box_in_pix").asInt());
        assertTrue(s.get("settings").has("mic_to") && s.get("settings").get("mic_to").isNull());
        assertEquals("local[2]", s.get("spark").get("master").asText());
    }
}
