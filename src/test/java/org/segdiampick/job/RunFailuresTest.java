package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.ProjectStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault isolation of {@code run}: a missing, truncated or constant micrograph becomes {@code state = 0} + an
 * {@code error} naming it while the others are processed; too many failures, {@code --fail-fast} and nothing to
 * estimate end with exit codes 4, 4 and 3 and leave the project byte-identical.
 */
class RunFailuresTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private String missing() {
        return tmp.resolve("absent.mrc").toString();
    }

    private String truncated() throws IOException {
        Path p = tmp.resolve("truncated.mrc");
        byte[] all = Files.readAllBytes(JobFixtures.APOFERRITIN.resolve("May08_05.24.39.bin_avg.mrc"));
        Files.write(p, Arrays.copyOf(all, 1024 + 1240 * 4 * 100));
        return p.toString();
    }

    private String constant() throws IOException {
        Path p = tmp.resolve("constant.mrc");
        float[] d = new float[1240 * 1200];
        Arrays.fill(d, 3.25f);
        MrcWriter.write(new Image2D(1240, 1200, 1.5, 1.5, d), p.toString(), CONF);
        return p.toString();
    }

    private Path project(String... mics) throws IOException {
        Path p = tmp.resolve("project.jsonl");
        ProjectStore.write(p.toString(), Arrays.stream(mics).map(m -> MicRecord.of(m, 1.5)).toList(), CONF);
        return p;
    }

    @Test
    void brokenMicrographsAreMarkedAndTheOthersProcessed() throws IOException {
        String good = JobFixtures.APOFERRITIN.resolve("May08_07.10.35.bin_avg.mrc").toString();
        List<String> bad = List.of(missing(), truncated(), constant());
        Path p = project(good, bad.get(0), bad.get(1), bad.get(2));
        Path out = tmp.resolve("out");
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--max-failed-fraction", "0.75");
        assertEquals(0, r.code(), r.toString());
        List<MicRecord> recs = ProjectStore.read(p.toString(), CONF);
        assertEquals(1, recs.get(0).state());
        assertNull(recs.get(0).getString("error"));
        assertTrue(recs.get(0).getInt("nptcls") > 10);
        assertTrue(Files.exists(out.resolve("boxes/May08_07.10.35.bin_avg.box")));
        for (int i = 1; i <= 3; i++) {
            MicRecord rec = recs.get(i);
            assertEquals(0, rec.state(), rec.toString());
            assertTrue(rec.getString("error").contains(bad.get(i - 1)), "error must name the file: " + rec);
            assertEquals(0, rec.getInt("nptcls"));
            assertFalse(rec.has("boxfile"));
        }
        assertTrue(recs.get(3).getString("error").contains("constant"), recs.get(3).toString());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(3, s.get("micrographs").get("failed").asInt());
        assertEquals(3, s.get("failures").size());
        for (JsonNode f : s.get("failures")) assertEquals("pick", f.get("stage").asText());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void tooManyFailuresExitWith4AndLeaveTheProjectUnchanged() throws IOException {
        Path p = project(missing(), constant());
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString());
        assertEquals(ExitCodes.TOO_MANY_FAILED, r.code(), r.toString());
        assertTrue(r.err().contains("2 of 2 micrographs failed"), r.err());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void failFastExitsWith4NamingTheMicrograph() throws IOException {
        String absent = missing();
        Path p = project(absent);
        byte[] before = Files.readAllBytes(p);
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", tmp.resolve("out").toString(),
                "--fail-fast", "--max-failed-fraction", "1");
        assertEquals(ExitCodes.TOO_MANY_FAILED, r.code(), r.toString());
        assertTrue(r.err().contains(absent) && r.err().contains("fail-fast"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one-line message, no stack trace: " + r.err());
        assertArrayEquals(before, Files.readAllBytes(p));

        Path pre = tmp.resolve("pre");
        JobFixtures.Cli q = JobFixtures.cli("preprocess", "--project", p.toString(), "--out", pre.toString(), "--fail-fast");
        assertEquals(ExitCodes.TOO_MANY_FAILED, q.code(), q.toString());
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void nothingToEstimateExitsWith3AndLeavesTheProjectUnchanged() throws IOException {
        Path p = project(constant());
        byte[] before = Files.readAllBytes(p);
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", tmp.resolve("out").toString(),
                "--max-failed-fraction", "1");
        assertEquals(ExitCodes.NOTHING_TO_ESTIMATE, r.code(), r.toString());
        assertTrue(r.err().contains("no diameters"), r.err());
        assertArrayEquals(before, Files.readAllBytes(p));

        // No selectable micrograph at all (every record has state 0).
        Path q = tmp.resolve("rejected.jsonl");
        ProjectStore.write(q.toString(), List.of(MicRecord.of(constant(), 1.5).set("state", 0)), CONF);
        byte[] qBefore = Files.readAllBytes(q);
        JobFixtures.Cli s = JobFixtures.cli("run", "--project", q.toString(), "--out", tmp.resolve("out2").toString());
        assertEquals(ExitCodes.NOTHING_TO_ESTIMATE, s.code(), s.toString());
        assertArrayEquals(qBefore, Files.readAllBytes(q));
    }

    @Test
    void badArgumentsAndMissingInputExitWith2() throws IOException {
        Path absent = tmp.resolve("no-project.jsonl");
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", absent.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(absent.toString()), r.err());
        JobFixtures.Cli f = JobFixtures.cli("run", "--project", project(missing()).toString(), "--out", tmp.resolve("o").toString(),
                "--max-failed-fraction", "1.5");
        assertEquals(ExitCodes.BAD_INPUT, f.code(), f.toString());
        assertTrue(f.err().contains("--max-failed-fraction"), f.err());
        JobFixtures.Cli d = JobFixtures.cli("run", "--project", project(missing()).toString(), "--out", tmp.resolve("o").toString(),
                "--decision", tmp.resolve("none.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, d.code(), d.toString());
        assertTrue(d.err().contains("none.json"), d.err());
    }
}
