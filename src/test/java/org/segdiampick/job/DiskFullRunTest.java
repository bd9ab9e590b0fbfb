package org.segdiampick.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.testing.SmallBatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 7's last point, disk full: Hadoop's local file system reports it as {@code FSError}, an Error,
 * not an IOException. Raised by the test file system ({@link InstrumentedLocalFileSystem#onWrite}) on one output
 * write — an executor's file, a checkpoint (written aside and renamed), the driver's summary.json and the project
 * (both written aside) — the run fails with exit 1 and one line naming that file, the project is byte-identical (no
 * micrograph marked), no {@code _SUCCESS}, and no hidden {@code .tmp-<uuid>} file is left anywhere. After a late
 * failure the same command resumes every micrograph from its checkpoint.
 */
@ExtendWith(InstrumentedLocalFileSystem.OnSharedSpark.class)
class DiskFullRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path project() throws Exception {
        return JobFixtures.project(tmp.resolve("project.jsonl"), SmallBatch.write(tmp.resolve("mics"), 4));
    }

    /** Runs with the disk full on the first write to a file whose path contains {@code fragment}; returns that path. */
    private String runWithDiskFullAt(Path project, Path out, String fragment) throws Exception {
        byte[] before = Files.readAllBytes(project);
        AtomicReference<String> hit = new AtomicReference<>();
        InstrumentedLocalFileSystem.onWrite = path -> {
            if (path.contains(fragment)) {
                hit.compareAndSet(null, path);
                throw InstrumentedLocalFileSystem.diskFull();
            }
        };
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString(), "--clustering", "hac");
        InstrumentedLocalFileSystem.onWrite = null;
        assertNotNull(hit.get(), "nothing was written to " + fragment);
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("storage error") && r.err().contains("No space left on device"), r.err());
        assertArrayEquals(before, Files.readAllBytes(project), "a full disk must not mark a micrograph or touch the project");
        assertFalse(Files.exists(Path.of(project + ".prev")));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(List.of(), JobFixtures.temporaryFiles(tmp), "temporary files left behind");
        return r.err();
    }

    @Test
    void aFullDiskWritingAThumbnailOnAnExecutorFailsTheRunNamingIt() throws Exception {
        Path p = project(), out = tmp.resolve("out");
        String err = runWithDiskFullAt(p, out, "/thumbs/mic002_den.jpg");
        assertTrue(err.contains("storage error writing " + out.resolve("thumbs/mic002_den.jpg")), err);
    }

    @Test
    void aFullDiskWritingACheckpointLeavesNoTemporaryFile() throws Exception {
        Path p = project(), out = tmp.resolve("out");
        String err = runWithDiskFullAt(p, out, "/checkpoints/.mic001.json.tmp-");
        assertTrue(err.contains("storage error writing " + out.resolve("checkpoints/mic001.json")), err);
        assertFalse(Files.exists(out.resolve("checkpoints/mic001.json")));
    }

    @Test
    void aFullDiskWritingTheSummaryOnTheDriverFailsTheRunAndTheRerunResumesEveryMicrograph() throws Exception {
        Path p = project(), out = tmp.resolve("out");
        String err = runWithDiskFullAt(p, out, "/.summary.json.tmp-");
        assertTrue(err.contains(out.resolve("summary.json").toString()), err);
        assertFalse(Files.exists(out.resolve("summary.json")));

        JobFixtures.Cli rerun = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(0, rerun.code(), rerun.toString());
        assertEquals(4, JSON.readTree(out.resolve("summary.json").toFile()).path("spark").path("resumed").asLong(),
                "a late storage error keeps the finished micrographs");
    }

    @Test
    void aFullDiskWritingTheProjectLeavesItAsItWas() throws Exception {
        Path p = project(), out = tmp.resolve("out");
        String err = runWithDiskFullAt(p, out, "/.project.jsonl.tmp-");
        assertTrue(err.contains(p.toString()), err);
        assertTrue(Files.exists(out.resolve("summary.json")), "the project is written after the other outputs");
    }
    /**
     * The refined picker's stage 6 renders the thumbnail of a micrograph imported from {@code preprocess} from its
     * density: a full disk writing it fails the run naming the file, it never marks the micrograph's re-pick failed.
     */
    @Test
    void aFullDiskWritingAnImportedMicrographsThumbnailInRefinedStage6FailsTheRunNamingIt() throws Exception {
        List<Path> mics = SmallBatch.write(tmp.resolve("mics"), 4);
        Path pre = JobFixtures.project(tmp.resolve("pre.jsonl"), mics.subList(0, 2));
        JobFixtures.Cli pr = JobFixtures.cli("preprocess", "--project", pre.toString(), "--out", tmp.resolve("pre").toString());
        assertEquals(0, pr.code(), pr.toString());
        Path rest = JobFixtures.project(tmp.resolve("rest.jsonl"), mics.subList(2, 4));
        // two imported micrographs (with preprocess's density) and two to pick: the refined picker learns from those
        Path p = Files.writeString(tmp.resolve("project.jsonl"), Files.readString(pre) + Files.readString(rest));
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        String thumb = out.resolve("thumbs").toString() + "/mic001";
        AtomicReference<String> hit = new AtomicReference<>();
        InstrumentedLocalFileSystem.onWrite = path -> {
            if (path.startsWith(thumb)) {
                hit.compareAndSet(null, path);
                throw InstrumentedLocalFileSystem.diskFull();
            }
        };
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac",
                "--picker", "refined");
        InstrumentedLocalFileSystem.onWrite = null;
        assertNotNull(hit.get(), "the imported micrograph's thumbnail was not written");
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("storage error writing " + hit.get()) && r.err().contains("No space left on device"), r.err());
        assertArrayEquals(before, Files.readAllBytes(p), "a full disk must not mark a micrograph or touch the project");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertEquals(List.of(), JobFixtures.temporaryFiles(tmp), "temporary files left behind");
    }
}
