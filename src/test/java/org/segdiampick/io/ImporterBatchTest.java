package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.job.ProjectSelection;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 6: one bad file does not stop a folder, glob or STAR import, and a named pipe does not hang it;
 * problem 7: import and run agree on what one pixel size is.
 */
class ImporterBatchTest {
    private final Configuration conf = new Configuration();

    /** good.mrc (2.0 Å), zero.mrc (0 bytes), short.mrc (truncated header), mode5.mrc (unsupported mode, 2.0 Å),
     *  nopix.mrc (no pixel size), a folder dir.mrc, a named pipe pipe.mrc and notes.txt. */
    private static Path brokenFolder(Path root) throws Exception {
        Path d = Files.createDirectories(root.resolve("mics"));
        MrcHeader good = MrcTestFiles.header(8, 6, 1, 2, ByteOrder.LITTLE_ENDIAN, 2.0);
        Files.write(d.resolve("good.mrc"), MrcTestFiles.file(good, new double[48], 0));
        Files.write(d.resolve("zero.mrc"), new byte[0]);
        Files.write(d.resolve("short.mrc"), new byte[100]);
        Files.write(d.resolve("mode5.mrc"), MrcTestFiles.file(MrcTestFiles.header(8, 6, 1, 5, ByteOrder.LITTLE_ENDIAN, 2.0),
                new double[48], 0));
        Files.write(d.resolve("nopix.mrc"), MrcTestFiles.file(MrcTestFiles.header(8, 6, 1, 2, ByteOrder.LITTLE_ENDIAN, 0),
                new double[48], 0));
        Files.createDirectories(d.resolve("dir.mrc"));
        mkfifo(d.resolve("pipe.mrc"));
        Files.writeString(d.resolve("notes.txt"), "not a micrograph");
        return d;
    }

    private static void mkfifo(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, proc.waitFor(), "mkfifo " + p);
        assertFalse(Files.isRegularFile(p));
    }

    private static List<String> names(List<MicRecord> recs) {
        return recs.stream().map(r -> Path.of(r.intg()).getFileName().toString()).toList();
    }

    private Importer.Result importIn30s(String mics, Double smpd) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Importer.importBatch(mics, smpd, conf),
                "the import must not block on the named pipe");
    }

    @Test
    void folderWithBrokenFilesRecordsEveryMicrographAndSkipsNonRegularEntries(@TempDir Path tmp) throws Exception {
        Path d = brokenFolder(tmp);
        Importer.Result r = importIn30s(d.toString(), null);
        assertEquals(List.of("good.mrc", "mode5.mrc", "nopix.mrc", "short.mrc", "zero.mrc"), names(r.records()));
        for (MicRecord m : r.records()) {
            assertEquals(2.0, m.smpd(), 1e-9, m.intg());
            assertEquals(1, m.state(), "marked later, in stage 1, not at import");
        }
        String w = String.join("\n", r.warnings());
        assertTrue(w.contains(d.resolve("dir.mrc") + ": a folder, not a micrograph; skipped"), w);
        assertTrue(w.contains(d.resolve("pipe.mrc") + ": a named pipe, not a micrograph; skipped"), w);
        assertTrue(w.contains(d.resolve("zero.mrc") + ": truncated MRC file: 0 of the 1024 header bytes; recorded with the batch's pixel size 2.0"), w);
        assertTrue(w.contains(d.resolve("short.mrc") + ": truncated"), w);
        assertTrue(w.contains(d.resolve("nopix.mrc") + ": no pixel size in the MRC header"), w);
        assertTrue(w.contains(d.resolve("mode5.mrc") + ": unsupported MRC mode 5"), w);
        assertEquals(6, r.warnings().size(), w);
        for (String line : r.warnings()) assertEquals(1, line.lines().count());
    }

    @Test
    void withSmpdNoFileIsOpenedAtAll(@TempDir Path tmp) throws Exception {
        Path d = brokenFolder(tmp);
        Importer.Result r = importIn30s(d.toString(), 1.25);
        assertEquals(List.of("good.mrc", "mode5.mrc", "nopix.mrc", "short.mrc", "zero.mrc"), names(r.records()));
        assertTrue(r.records().stream().allMatch(m -> m.smpd() == 1.25));
        assertEquals(2, r.warnings().size(), "only the folder and the pipe: " + r.warnings());
    }

    @Test
    void globSkipsThePipeToo(@TempDir Path tmp) throws Exception {
        Path d = brokenFolder(tmp);
        Importer.Result r = importIn30s(d + "/*.mrc", null);
        assertEquals(5, r.records().size());
        assertTrue(String.join("\n", r.warnings()).contains("pipe.mrc: a named pipe"), r.warnings().toString());
    }

    @Test
    void starListingBrokenMissingDuplicateAndPipeEntries(@TempDir Path tmp) throws Exception {
        Path d = brokenFolder(tmp);
        Path star = tmp.resolve("micrographs.star");
        Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\n"
                + "mics/good.mrc 2.0\nmics/zero.mrc 2.0\nmics/pipe.mrc 2.0\nmics/missing.mrc 2.0\nmics/mode5.mrc 2.0\n"
                + "mics/good.mrc 2.0\nmics/dir.mrc 2.0\n");
        Importer.Result r = importIn30s(star.toString(), null);
        assertEquals(List.of("good.mrc", "zero.mrc", "missing.mrc", "mode5.mrc"), names(r.records()),
                "a missing micrograph is recorded: stage 1 reports it");
        String w = String.join("\n", r.warnings());
        assertTrue(w.contains(d.resolve("good.mrc") + " is listed more than once; recorded once"), w);
        assertTrue(w.contains(d.resolve("pipe.mrc") + ": a named pipe"), w);
        assertTrue(w.contains(d.resolve("dir.mrc") + ": a folder"), w);
        assertEquals(3, r.warnings().size(), w);
    }

    @Test
    void aStarListingOneMicrographUnderTwoSpellingsRecordsItOnceAsTheProjectReaderCounts(@TempDir Path tmp) throws Exception {
        Path d = brokenFolder(tmp);
        Path star = tmp.resolve("micrographs.star");
        Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\n"
                + d.resolve("good.mrc") + " 2.0\n" + d.resolve("good.mrc").toUri() + " 2.0\n");
        Importer.Result r = importIn30s(star.toString(), null);
        assertEquals(List.of("good.mrc"), names(r.records()));
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("is listed more than once; recorded once"), r.warnings().toString());
        Path project = tmp.resolve("project.jsonl");
        ProjectStore.write(project.toString(), r.records(), new org.apache.hadoop.conf.Configuration());
        assertEquals(1, ProjectStore.read(project.toString(), new org.apache.hadoop.conf.Configuration()).size(),
                "the written project is one the reader accepts");
    }

    @Test
    void aSingleNamedPipeIsRefusedWithoutOpeningIt(@TempDir Path tmp) throws Exception {
        Path p = tmp.resolve("only.mrc");
        mkfifo(p);
        InputFormatException e = assertThrows(InputFormatException.class, () -> importIn30s(p.toString(), 1.0));
        assertEquals(p + ": a named pipe, not a micrograph", e.getMessage());
    }

    @Test
    void aFolderWhereNoHeaderGivesAPixelSizeNeedsSmpd(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("bad"));
        Files.write(d.resolve("x.mrc"), new byte[100]);
        InputFormatException e = assertThrows(InputFormatException.class, () -> importIn30s(d.toString(), null));
        assertTrue(e.getMessage().contains("x.mrc: truncated") && e.getMessage().endsWith("give --smpd"), e.getMessage());
        assertEquals(1, importIn30s(d.toString(), 1.5).records().size());
    }

    @Test
    void importAndRunAgreeOnOnePixelSize(@TempDir Path tmp) throws Exception {
        // 1.5 and 1.5001 Å: import used to accept them (1e-3) and run to reject them as mixed (1e-6).
        for (String[] c : new String[][] {{"1.5", "1.5001", "same"}, {"1.5", "1.501", "mixed"}}) {
            Path star = tmp.resolve("m" + c[1] + ".star");
            Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\n/d/a.mrc " + c[0]
                    + "\n/d/b.mrc " + c[1] + "\n");
            boolean importAccepts, runAccepts;
            try {
                List<MicRecord> recs = Importer.importBatch(star.toString(), null, conf).records();
                importAccepts = true;
                try {
                    ProjectSelection.select(recs, null, "p.jsonl");
                    runAccepts = true;
                } catch (InputFormatException e) {
                    runAccepts = false;
                }
            } catch (InputFormatException e) {
                assertTrue(e.getMessage().contains("mixed pixel sizes"), e.getMessage());
                importAccepts = false;
                runAccepts = false;
            }
            assertEquals(c[2].equals("same"), importAccepts, c[0] + " vs " + c[1]);
            assertEquals(importAccepts, runAccepts, c[0] + " vs " + c[1]);
        }
        assertThrows(InputFormatException.class, () -> ProjectSelection.select(
                List.of(MicRecord.of("/d/a.mrc", 1.5), MicRecord.of("/d/b.mrc", 1.501)), null, "p.jsonl"));
    }

    @Test
    void anImplausiblePixelSizeFromTheStarFileIsRefused(@TempDir Path tmp) throws Exception {
        Path star = tmp.resolve("m.star");
        Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n_rlnPixelSize #2\n/d/a.mrc 1e9\n/d/b.mrc 1e9\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> Importer.importBatch(star.toString(), null, conf));
        assertEquals(star + ": pixel size 1.0E9 Å/px (/d/a.mrc) is not plausible (0.1 to 20.0 Å/px); give --smpd", e.getMessage());
    }

    @Test
    void oneMicrographWithAnotherHeaderPixelSizeDoesNotStopTheImport(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("mics"));
        for (String n : List.of("a", "b", "c"))
            Files.write(d.resolve(n + ".mrc"), MrcTestFiles.file(MrcTestFiles.header(8, 6, 1, 2, ByteOrder.LITTLE_ENDIAN, 2.0),
                    new double[48], 0));
        Files.write(d.resolve("odd.mrc"), MrcTestFiles.file(MrcTestFiles.header(8, 6, 1, 2, ByteOrder.LITTLE_ENDIAN, 5.36),
                new double[48], 0));
        // a PNG named .mrc: its bytes must not vote for a pixel size
        Files.copy(Path.of(MrcTestFiles.micrographs(), "empiar10028_80S_ribosome", "311_10028.png"), d.resolve("png.mrc"));
        Importer.Result r = Importer.importBatch(d.toString(), null, conf);
        assertEquals(List.of("a.mrc", "b.mrc", "c.mrc", "odd.mrc", "png.mrc"), names(r.records()));
        assertTrue(r.records().stream().allMatch(m -> m.smpd() == 2.0), "one pixel size per project");
        assertTrue(r.warnings().contains(d.resolve("odd.mrc") + ": header pixel size 5.36 Å differs from the batch's 2.0 Å;"
                + " recorded with 2.0 Å (stage 1 of the run checks it against the header)"), r.warnings().toString());
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith(d.resolve("png.mrc") + ": ") && w.contains("recorded with the batch's")),
                r.warnings().toString());
    }
}
