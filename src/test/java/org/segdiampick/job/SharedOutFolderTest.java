package org.segdiampick.job;

import org.segdiampick.testing.SmallBatch;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.OptionException;
import org.segdiampick.io.OutLock;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.pick.Contrast;
import org.segdiampick.testing.SharedSpark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problems 2 and 5: an output folder belongs to one batch and one run at a time (the batch record and the
 * locks also for {@code preprocess}; its other campaign safety: PreprocessCampaignTest). Another batch with the
 * same file names, a second run while one holds the lock, and an unrelated non-empty folder are refused with exit
 * 2 saying why, and leave everything as it was; a micrograph that became bad loses its old box, star and
 * thumbnail; a failing {@code run --mics} leaves the earlier run's {@code project.jsonl}; {@code --out ""} is
 * refused by the job itself before anything is read or written.
 */
class SharedOutFolderTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private Path project(String name, List<Path> mics) throws Exception {
        Path p = tmp.resolve(name);
        ProjectStore.write(p.toString(), mics.stream().map(m -> MicRecord.of(m.toString(), SmallBatch.SMPD)).toList(), CONF);
        return p;
    }

    private static JobFixtures.Cli run(Path project, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "--project", project.toString(), "--out", out.toString(),
                "--clustering", "hac"));
        a.addAll(Arrays.asList(more));
        return JobFixtures.cli(a.toArray(String[]::new));
    }

    /** {@code run} and {@code preprocess} alike: OUT records its batch and refuses another one. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "preprocess"})
    void anotherBatchWithTheSameFileNamesIsRefusedUnlessOverwrite(String command) throws Exception {
        Path a = project("a.jsonl", SmallBatch.write(tmp.resolve("a"), 3));
        Path out = tmp.resolve("out");
        assertEquals(0, command(command, a, out).code());
        assertTrue(Files.readString(out.resolve("_BATCH.json")).contains(a.toString()), "the batch is recorded");
        Map<String, byte[]> aOutputs = JobFixtures.snapshot(out.toString(), CONF);
        byte[] aProject = Files.readAllBytes(a);

        // batch B: other micrographs under the same file names (mic000.mrc ...), so the same output names
        List<Path> bMics = SmallBatch.write(tmp.resolve("b"), 4).subList(1, 4);
        Path b = project("b.jsonl", bMics);
        byte[] bProject = Files.readAllBytes(b);
        JobFixtures.Cli refused = command(command, b, out);
        assertEquals(ExitCodes.BAD_INPUT, refused.code(), refused.toString());
        assertTrue(refused.err().contains("another batch") && refused.err().contains(a.toString())
                && refused.err().contains("--overwrite"), refused.err());
        assertFalse(refused.err().contains("\tat "), refused.err());
        RunJobTest.assertSameFiles(aOutputs, JobFixtures.snapshot(out.toString(), CONF));
        assertArrayEquals(aProject, Files.readAllBytes(a));
        assertArrayEquals(bProject, Files.readAllBytes(b));

        JobFixtures.Cli forced = command(command, b, out, "--overwrite");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(Files.readString(out.resolve("_BATCH.json")).contains(b.toString()));
    }

    /** {@code run} and {@code preprocess} alike: the locks of OUT and the project. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "preprocess"})
    void aSecondRunWhileOneHoldsTheLockIsRefused(String command) throws Exception {
        Path p = project("p.jsonl", SmallBatch.write(tmp.resolve("mics"), 3));
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        try (OutLock held = OutLock.acquire(OutLock.ofOut(out.toString()), "run --clustering kmeans (the first run)", CONF)) {
            JobFixtures.Cli second = command(command, p, out);
            assertEquals(ExitCodes.BAD_INPUT, second.code(), second.toString());
            assertTrue(second.err().contains("another run holds this output folder") && second.err().contains("the first run")
                    && second.err().contains("delete " + held.location()), second.err());
            try (var written = Files.list(out)) {
                assertEquals(List.of(out.resolve("_LOCK")), written.toList(), "the refused " + command + " wrote nothing");
            }
        }
        try (OutLock held = OutLock.acquire(OutLock.ofProject(p.toString()), "the first run", CONF)) {
            JobFixtures.Cli second = command(command, p, tmp.resolve("out2"));
            assertEquals(ExitCodes.BAD_INPUT, second.code(), second.toString());
            assertTrue(second.err().contains("another run holds this project"), second.err());
        }
        assertArrayEquals(before, Files.readAllBytes(p));
        JobFixtures.Cli after = command(command, p, out);
        assertEquals(0, after.code(), after.toString());
        assertFalse(Files.exists(out.resolve("_LOCK")), "released on exit");
        assertFalse(Files.exists(Path.of(p + ".lock")), "released on exit");
    }

    private static JobFixtures.Cli command(String command, Path project, Path out, String... more) {
        if (command.equals("run")) return run(project, out, more);
        List<String> a = new java.util.ArrayList<>(List.of("preprocess", "--project", project.toString(), "--out", out.toString()));
        a.addAll(Arrays.asList(more));
        return JobFixtures.cli(a.toArray(String[]::new));
    }

    @Test
    void anUnrelatedNonEmptyFolderIsRefusedAndKeptIntact() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 3);
        Path out = Files.createDirectories(tmp.resolve("someone-else"));
        Files.writeString(out.resolve("project.jsonl"), "{\"intg\":\"/elsewhere/x.mrc\",\"smpd\":1.0}\n");
        Files.writeString(out.resolve("project.jsonl.prev"), "older\n");
        Files.writeString(out.resolve("notes.txt"), "keep me\n");
        Map<String, byte[]> before = JobFixtures.snapshot(out.toString(), CONF);
        JobFixtures.Cli r = JobFixtures.cli("run", "--mics", tmp.resolve("mics").toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("did not write") && r.err().contains("notes.txt") && r.err().contains("project.jsonl"), r.err());
        RunJobTest.assertSameFiles(before, JobFixtures.snapshot(out.toString(), CONF));
        assertEquals(3, mics.size());
    }

    @Test
    void aMicrographThatBecameBadLosesItsOldOutputs() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 3);
        Path p = project("p.jsonl", mics);
        Path out = tmp.resolve("out");
        assertEquals(0, run(p, out).code());
        Path box = out.resolve("boxes/mic001.box"), thumb = out.resolve("thumbs/mic001_den.jpg");
        Path star = out.resolve(new OutputLayout("").coords(mics.get(1).toString()).substring(1));
        assertTrue(Files.exists(box) && Files.exists(thumb) && Files.exists(star), "first run wrote mic001's outputs");
        // the micrograph is replaced by a truncated copy: same path, now unreadable
        byte[] all = Files.readAllBytes(mics.get(1));
        Files.write(mics.get(1), Arrays.copyOf(all, 600));
        Path p2 = project("p.jsonl", mics); // the same batch, fresh states
        JobFixtures.Cli r = run(p2, out, "--max-failed-fraction", "0.5");
        assertEquals(0, r.code(), r.toString());
        assertFalse(Files.exists(box), "stale box file");
        assertFalse(Files.exists(thumb), "stale thumbnail");
        assertFalse(Files.exists(star), "stale coordinate file");
        assertTrue(Files.exists(out.resolve("boxes/mic000.box")) && Files.exists(out.resolve("thumbs/mic002_den.jpg")));
        assertEquals(0, ProjectStore.read(p2.toString(), CONF).get(1).state());
    }

    @Test
    void aFailingRunWithMicsLeavesThePreviousProjectInOut() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 3);
        Path out = tmp.resolve("out");
        JobFixtures.Cli first = JobFixtures.cli("run", "--mics", tmp.resolve("mics").toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(0, first.code(), first.toString());
        byte[] project = Files.readAllBytes(out.resolve("project.jsonl"));
        byte[] prev = Files.exists(out.resolve("project.jsonl.prev")) ? Files.readAllBytes(out.resolve("project.jsonl.prev")) : null;
        byte[] all = Files.readAllBytes(mics.get(2));
        Files.write(mics.get(2), Arrays.copyOf(all, 600));
        JobFixtures.Cli failing = JobFixtures.cli("run", "--mics", tmp.resolve("mics").toString(), "--out", out.toString(),
                "--clustering", "hac", "--max-failed-fraction", "0");
        assertEquals(ExitCodes.TOO_MANY_FAILED, failing.code(), failing.toString());
        assertArrayEquals(project, Files.readAllBytes(out.resolve("project.jsonl")), "the earlier run's project is kept");
        if (prev == null) assertFalse(Files.exists(out.resolve("project.jsonl.prev")));
        else assertArrayEquals(prev, Files.readAllBytes(out.resolve("project.jsonl.prev")));
    }

    @Test
    void anEmptyOutIsRefusedByTheJobBeforeAnythingIsReadOrWritten() {
        // the project does not exist: had the job read it (or locked it) first, the error would be another one
        String project = tmp.resolve("absent.jsonl").toString();
        for (String out : List.of("", "  ", "/")) {
            RunOptions o = new RunOptions(project, out, null, Clustering.HAC, Contrast.BLACK, 500, false, 0.1, null, false, false);
            OptionException e = assertThrows(OptionException.class, () -> SegDiamPickJob.run(SharedSpark.spark(), o));
            assertTrue(e.getMessage().contains("--out"), e.getMessage());
            assertFalse(Files.exists(Path.of(project + ".lock")));
        }
    }
}
