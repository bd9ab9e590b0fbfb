package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.testing.SmallBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code run --picker refined} resumes like the policy's run: a micrograph's checkpoint also holds its size evidence
 * ({@code SizeEvidence#format}), so the batch's learned size, threshold and picks after a resume are those of an
 * uninterrupted run, byte for byte (box files, coordinate STAR files with their figures of merit, tables, report,
 * summary.json apart from {@code spark} and {@code timings}, the rows of picks.parquet, the project).
 */
@ExtendWith(InstrumentedLocalFileSystem.OnSharedSpark.class)
class RefinedResumeTest {
    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 8;

    @TempDir
    Path tmp;

    private static JobFixtures.Cli refined(Path project, Path out) {
        return JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString(), "--clustering", "hac", "--picker", "refined");
    }

    @Test
    void aPartialRefinedRunResumesAndMatchesAnUninterruptedOne() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), N);
        Path refProject = JobFixtures.project(tmp.resolve("ref.jsonl"), mics), refOut = tmp.resolve("ref-out");
        JobFixtures.Cli ref = refined(refProject, refOut);
        assertEquals(0, ref.code(), ref.toString());

        // the disk is full when the last micrograph's checkpoint is written: the ones before it are done
        Path p = JobFixtures.project(tmp.resolve("p.jsonl"), mics), out = tmp.resolve("out");
        long checkpointed = JobFixtures.diskFullAtCheckpointOf("mic007", p, out, () -> refined(p, out));
        assertTrue(checkpointed >= 1 && checkpointed < N, checkpointed + " checkpoints");
        try (Stream<Path> s = Files.list(out.resolve(Checkpoints.FOLDER))) {
            for (Path f : s.filter(f -> !f.getFileName().toString().startsWith(".")).toList())
                assertTrue(Files.readString(f).contains("\"size_evidence\""), f + ": a refined run's checkpoint holds the size evidence");
        }

        JobFixtures.Cli rerun = refined(p, out);
        assertEquals(0, rerun.code(), rerun.toString());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(checkpointed, summary.path("spark").path("resumed").asLong(), summary.path("spark").toString());

        assertTrue(summary.has("particle_diameter"), "the refined picker learned a size: " + summary);
        Map<String, byte[]> compared = JobFixtures.assertSameOutputs(refOut, out, "summary.json", CONF);
        assertTrue(compared.keySet().stream().anyMatch(k -> k.startsWith("boxes/")), compared.keySet().toString());
        assertEquals(new String(Files.readAllBytes(refProject), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace(out.toString(), refOut.toString()));
    }
    /**
     * Campaign mode ({@code --picker refined --decision}) has no pass 1: each micrograph's whole refined result is its
     * checkpoint, so an interrupted campaign run resumes too, with the outputs of an uninterrupted one; a changed
     * threshold is other options and redoes every micrograph.
     */
    @Test
    void anInterruptedCampaignRunResumesAndMatchesAnUninterruptedOne() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), N);
        Path deciding = JobFixtures.project(tmp.resolve("deciding.jsonl"), mics), decidingOut = tmp.resolve("deciding-out");
        assertEquals(0, refined(deciding, decidingOut).code());
        String decision = decidingOut.resolve("summary.json").toString();

        Path refProject = JobFixtures.project(tmp.resolve("ref.jsonl"), mics), refOut = tmp.resolve("ref-out");
        JobFixtures.Cli ref = campaign(refProject, refOut, decision);
        assertEquals(0, ref.code(), ref.toString());
        assertEquals(0, JSON.readTree(refOut.resolve("summary.json").toFile()).path("spark").path("resumed").asLong(-1));

        Path p = JobFixtures.project(tmp.resolve("p.jsonl"), mics), out = tmp.resolve("out");
        long checkpointed = JobFixtures.diskFullAtCheckpointOf("mic007", p, out, () -> campaign(p, out, decision));
        assertTrue(checkpointed >= 1 && checkpointed < N, checkpointed + " checkpoints");

        List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        InstrumentedLocalFileSystem.onCreate = path -> {
            if (path.contains("/boxes/") || path.contains("/thumbs/")) read.add(path);
        };
        JobFixtures.Cli rerun = campaign(p, out, decision);
        InstrumentedLocalFileSystem.onCreate = null;
        assertEquals(0, rerun.code(), rerun.toString());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(checkpointed, summary.path("spark").path("resumed").asLong(), summary.path("spark").toString());
        assertTrue(read.stream().noneMatch(f -> f.contains("/thumbs/mic000")), "mic000 was resumed, not picked again: " + read);

        Map<String, byte[]> compared = JobFixtures.assertSameOutputs(refOut, out, "summary.json", CONF);
        assertTrue(compared.keySet().stream().anyMatch(k -> k.startsWith("boxes/")), compared.keySet().toString());
        assertTrue(compared.keySet().stream().anyMatch(k -> k.startsWith("thumbs/")), compared.keySet().toString());
        assertEquals(new String(Files.readAllBytes(refProject), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace(out.toString(), refOut.toString()));

        // another threshold: other options, nothing resumed
        double threshold = JSON.readTree(new java.io.File(decision)).path("refined").path("threshold").asDouble();
        JobFixtures.Cli other = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac",
                "--picker", "refined", "--decision", decision, "--threshold", String.valueOf(threshold + 1));
        assertEquals(0, other.code(), other.toString());
        assertEquals(0, JSON.readTree(out.resolve("summary.json").toFile()).path("spark").path("resumed").asLong(-1));
    }

    private static JobFixtures.Cli campaign(Path project, Path out, String decision) {
        return JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString(), "--clustering", "hac",
                "--picker", "refined", "--decision", decision);
    }
}
