package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.testing.SmallBatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code preprocess} has the campaign safety of {@code run} (issue 12): its OUT belongs to one batch
 * ({@code _BATCH.json}; another batch's OUT — SharedOutFolderTest, with the locks — or a folder of foreign files is
 * refused with exit 2 unless {@code --overwrite}), one run at a time, a full disk is the environment's
 * failure (exit 1 naming the file, project unchanged, no temporary file left), and the same command after an
 * interruption redoes only the unfinished micrographs, with outputs byte-identical to an uninterrupted preprocess
 * ({@code preprocess_summary.json} {@code spark.resumed}).
 */
@ExtendWith(InstrumentedLocalFileSystem.OnSharedSpark.class)
class PreprocessCampaignTest {
    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project(String name, List<Path> mics) throws Exception {
        return JobFixtures.project(tmp.resolve(name), mics);
    }

    private static JobFixtures.Cli preprocess(Path project, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("preprocess", "--project", project.toString(), "--out", out.toString()));
        a.addAll(Arrays.asList(more));
        return JobFixtures.cli(a.toArray(String[]::new));
    }

    @Test
    void aForeignFolderIsRefused() throws Exception {
        Path a = project("a.jsonl", SmallBatch.write(tmp.resolve("a"), 3));
        Path foreign = Files.createDirectories(tmp.resolve("someone-else"));
        Files.writeString(foreign.resolve("notes.txt"), "keep me\n");
        JobFixtures.Cli r = preprocess(a, foreign);
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("did not write") && r.err().contains("notes.txt"), r.err());
        try (Stream<Path> s = Files.list(foreign)) {
            assertEquals(List.of(foreign.resolve("notes.txt")), s.toList(), "the refused preprocess wrote nothing");
        }
    }

    @Test
    void aMicrographThatBecameBadLosesItsOldPreprocessFiles() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 3);
        Path out = tmp.resolve("out");
        assertEquals(0, preprocess(project("p.jsonl", mics), out).code());
        List<Path> old = List.of(out.resolve("mic001_den.mrc"), out.resolve("mic001_topo.mrc"), out.resolve("mic001_bin.mrc"),
                out.resolve("checkpoints/mic001.json"));
        for (Path f : old) assertTrue(Files.exists(f), f + " written by the first preprocess");
        byte[] all = Files.readAllBytes(mics.get(1));
        Files.write(mics.get(1), Arrays.copyOf(all, 600)); // same path, now truncated
        Path p = project("p.jsonl", mics); // the same batch, fresh states
        JobFixtures.Cli r = preprocess(p, out, "--max-failed-fraction", "0.5");
        assertEquals(0, r.code(), r.toString());
        for (Path f : old) assertFalse(Files.exists(f), "stale " + f);
        assertTrue(Files.exists(out.resolve("mic000_den.mrc")) && Files.exists(out.resolve("mic002_den.mrc")));
        assertEquals(0, org.segdiampick.io.ProjectStore.read(p.toString(), CONF).get(1).state());
    }

    @Test
    void aMicrographThatNowHasNoParticlesLosesItsOldDiameterFile() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 3);
        Path out = tmp.resolve("out"), diams = out.resolve("mic001_diams.txt");
        assertEquals(0, preprocess(project("p.jsonl", mics), out).code());
        assertTrue(Files.exists(diams), "mic001 has particles in the first preprocess");
        // same path, now a smooth ramp: readable and not constant (the micrograph does not fail), but no particles
        float[] ramp = new float[SmallBatch.SIZE * SmallBatch.SIZE];
        for (int k = 0; k < ramp.length; k++) ramp[k] = (float) (k % SmallBatch.SIZE) / SmallBatch.SIZE;
        org.segdiampick.io.MrcWriter.write(new org.segdiampick.image.Image2D(SmallBatch.SIZE, SmallBatch.SIZE, SmallBatch.SMPD,
                SmallBatch.SMPD, ramp), mics.get(1).toString(), CONF);
        Path p = project("p.jsonl", mics); // the same batch, fresh states
        JobFixtures.Cli again = preprocess(p, out);
        assertEquals(0, again.code(), again.toString());
        org.segdiampick.io.MicRecord rec = org.segdiampick.io.ProjectStore.read(p.toString(), CONF).get(1);
        assertEquals(1, rec.state(), rec.toString());
        assertNull(rec.getString("mic_diam"), "no particles, no diameter file in the project: " + rec);
        assertFalse(Files.exists(diams), "stale " + diams + " of the first preprocess");
        assertTrue(Files.exists(out.resolve("mic000_diams.txt")) && Files.exists(out.resolve("mic002_diams.txt")));
    }

    @Test
    void aFullDiskIsAStorageFailureNotTheMicrographs() throws Exception {
        Path p = project("p.jsonl", SmallBatch.write(tmp.resolve("mics"), 4));
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        InstrumentedLocalFileSystem.onWrite = path -> {
            if (path.endsWith("/mic001_topo.mrc")) throw InstrumentedLocalFileSystem.diskFull();
        };
        JobFixtures.Cli r = preprocess(p, out);
        InstrumentedLocalFileSystem.onWrite = null;
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("storage error writing " + out.resolve("mic001_topo.mrc")), r.err());
        assertArrayEquals(before, Files.readAllBytes(p), "no micrograph marked, the project unchanged");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(List.of(), JobFixtures.temporaryFiles(tmp));
    }

    @Test
    void anInterruptedPreprocessResumesAndMatchesAnUninterruptedOne() throws Exception {
        int n = 8;
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), n);
        Path refProject = project("ref.jsonl", mics), refOut = tmp.resolve("ref-out");
        assertEquals(0, preprocess(refProject, refOut).code());
        JsonNode refSummary = JSON.readTree(refOut.resolve("preprocess_summary.json").toFile());
        assertEquals(0, refSummary.path("spark").path("resumed").asLong(-1));

        // the disk is full when the last micrograph's checkpoint is written: the ones before it are done
        Path p = project("p.jsonl", mics), out = tmp.resolve("out");
        long checkpointed = JobFixtures.diskFullAtCheckpointOf("mic007", p, out, () -> preprocess(p, out));
        assertTrue(checkpointed >= 1 && checkpointed < n, checkpointed + " checkpoints");

        List<String> created = new CopyOnWriteArrayList<>();
        InstrumentedLocalFileSystem.onCreate = path -> {
            if (path.endsWith("_den.mrc")) created.add(path);
        };
        JobFixtures.Cli rerun = preprocess(p, out);
        InstrumentedLocalFileSystem.onCreate = null;
        assertEquals(0, rerun.code(), rerun.toString());
        JsonNode summary = JSON.readTree(out.resolve("preprocess_summary.json").toFile());
        assertEquals(checkpointed, summary.path("spark").path("resumed").asLong(), summary.toString());
        assertEquals(n - checkpointed, created.size(), "the rerun picked only the unfinished micrographs: " + created);

        Map<String, byte[]> compared = JobFixtures.assertSameOutputs(refOut, out, "preprocess_summary.json", CONF);
        assertEquals(n, compared.keySet().stream().filter(k -> k.endsWith("_den.mrc")).count());
        assertEquals(new String(Files.readAllBytes(refProject), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace(out.toString(), refOut.toString()));
    }
}
