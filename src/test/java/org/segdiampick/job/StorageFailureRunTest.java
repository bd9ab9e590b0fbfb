package org.segdiampick.job;

import org.segdiampick.testing.SmallBatch;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 problem 1: a storage error is the environment's problem, not the micrograph's. A folder standing
 * where one micrograph's output file must go makes the write fail: the run stops with exit 1 naming that path,
 * the project stays byte-identical (no micrograph marked {@code state = 0}), and no {@code _SUCCESS} is written.
 */
class StorageFailureRunTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    private Path project(List<Path> mics) throws Exception {
        Path p = tmp.resolve("project.jsonl");
        ProjectStore.write(p.toString(), mics.stream().map(m -> MicRecord.of(m.toString(), SmallBatch.SMPD)).toList(), CONF);
        return p;
    }

    @Test
    void aFolderWhereAThumbnailGoesFailsTheRunWithExit1AndLeavesTheProject() throws Exception {
        Path p = project(SmallBatch.write(tmp.resolve("mics"), 4));
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        Path blocked = Files.createDirectories(out.resolve("thumbs/mic002_den.jpg"));
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac");
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertTrue(r.err().contains("storage error writing " + blocked), r.err());
        assertFalse(r.err().contains("\tat "), "one line, no stack trace: " + r.err());
        assertArrayEquals(before, Files.readAllBytes(p), "a storage failure must not mark a micrograph");
        assertFalse(Files.exists(Path.of(p + ".prev")));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
    }

    @Test
    void aFolderWhereAnIntermediateGoesFailsTheRunToo() throws Exception {
        Path p = project(SmallBatch.write(tmp.resolve("mics"), 4));
        byte[] before = Files.readAllBytes(p);
        Path out = tmp.resolve("out");
        Path blocked = Files.createDirectories(out.resolve("work/mic001_den.mrc"));
        JobFixtures.Cli r = JobFixtures.cli("run", "--project", p.toString(), "--out", out.toString(), "--clustering", "hac",
                "--keep-intermediates");
        assertEquals(ExitCodes.INTERNAL, r.code(), r.toString());
        assertTrue(r.err().contains(blocked.toString()), r.err());
        assertArrayEquals(before, Files.readAllBytes(p));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
    }
}
