package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 6 end to end: {@code run --mics FOLDER} on a folder with a 0-byte, a truncated-header and an
 * unsupported-mode MRC, a folder named *.mrc and a named pipe next to 2 good micrographs. The import no longer
 * stops (exit 2 naming the first bad file) nor hangs: the good micrographs are picked, each broken one is marked
 * with its error, the pipe and the folder are not micrographs; exit 0 with a tolerant --max-failed-fraction,
 * exit 4 with the default.
 */
class FolderImportRunTest {
    @TempDir
    Path tmp;

    /** A folder with two good micrographs, a_good.mrc and b_good.mrc (apoferritin). */
    private Path folderWithTwoGood(List<Path> apo) throws IOException {
        Path mics = Files.createDirectories(tmp.resolve("mics"));
        Files.copy(apo.get(0), mics.resolve("a_good.mrc"));
        Files.copy(apo.get(1), mics.resolve("b_good.mrc"));
        return mics;
    }

    @Test
    void brokenFilesInAFolderAreMarkedNotFatal() throws Exception {
        List<Path> apo = JobFixtures.apoferritin();
        Path mics = folderWithTwoGood(apo);
        byte[] mic = Files.readAllBytes(apo.get(2));
        Files.write(mics.resolve("c_zero.mrc"), new byte[0]);
        Files.write(mics.resolve("d_short.mrc"), Arrays.copyOf(mic, 500));
        byte[] mode4 = mic.clone();
        ByteBuffer.wrap(mode4).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 4);
        Files.write(mics.resolve("e_mode4.mrc"), mode4);
        Files.createDirectories(mics.resolve("f_folder.mrc"));
        Process mkfifo = new ProcessBuilder("mkfifo", mics.resolve("g_pipe.mrc").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());

        Path out = tmp.resolve("out");
        JobFixtures.Cli ok = assertTimeoutPreemptively(Duration.ofMinutes(10), () -> JobFixtures.cli("run", "--mics", mics.toString(),
                "--out", out.toString(), "--max-failed-fraction", "0.9"), "the named pipe must not hang the run");
        assertEquals(ExitCodes.OK, ok.code(), ok.err());
        Map<String, MicRecord> recs = new LinkedHashMap<>();
        for (MicRecord r : ProjectStore.read(out.resolve("project.jsonl").toString(), new Configuration()))
            recs.put(Path.of(r.intg()).getFileName().toString(), r);
        assertEquals(List.of("a_good.mrc", "b_good.mrc", "c_zero.mrc", "d_short.mrc", "e_mode4.mrc"), List.copyOf(recs.keySet()),
                "every micrograph recorded; the folder and the pipe are not micrographs");
        for (String g : List.of("a_good.mrc", "b_good.mrc")) {
            assertEquals(1, recs.get(g).state(), g);
            assertTrue(recs.get(g).getInt("nptcls") > 0, g);
        }
        Map<String, String> expected = Map.of("c_zero.mrc", "truncated", "d_short.mrc", "truncated", "e_mode4.mrc", "mode 4");
        expected.forEach((f, problem) -> {
            MicRecord r = recs.get(f);
            assertEquals(0, r.state(), f);
            assertTrue(r.getString("error").contains(problem), f + ": " + r.getString("error"));
        });

        Path out2 = tmp.resolve("out2");
        JobFixtures.Cli strict = JobFixtures.cli("run", "--mics", mics.toString(), "--out", out2.toString());
        assertEquals(ExitCodes.TOO_MANY_FAILED, strict.code(), strict.err());
        assertTrue(strict.err().contains("3 of 5 micrographs failed"), strict.err());
    }

    /**
     * "What it must show": a batch salted with every broken kind of the failure matrix that a folder can hold, run with
     * {@code --mics FOLDER}: the good micrographs are picked, every broken one is marked with its error; exit 0 with a
     * tolerant {@code --max-failed-fraction}, exit 4 with the default.
     */
    @Test
    void everyBrokenKindOfTheFailureMatrixInOneFolder() throws Exception {
        List<Path> apo = JobFixtures.apoferritin();
        Path mics = folderWithTwoGood(apo);
        Map<String, String> broken = FailureMatrixTest.writeLocalKinds(mics);

        Path out = tmp.resolve("out");
        JobFixtures.Cli ok = JobFixtures.cli("run", "--mics", mics.toString(), "--smpd", "1.5", "--out", out.toString(),
                "--max-failed-fraction", "0.9");
        assertEquals(ExitCodes.OK, ok.code(), ok.toString());
        Map<String, MicRecord> recs = new LinkedHashMap<>();
        for (MicRecord r : ProjectStore.read(out.resolve("project.jsonl").toString(), new Configuration())) recs.put(r.intg(), r);
        assertEquals(2 + broken.size(), recs.size(), "every micrograph recorded: " + recs.keySet());
        for (String g : List.of("a_good.mrc", "b_good.mrc")) {
            MicRecord r = recs.get(mics.resolve(g).toString());
            assertEquals(1, r.state(), g);
            assertTrue(r.getInt("nptcls") > 0, g);
        }
        broken.forEach((kind, file) -> {
            MicRecord r = recs.get(file);
            assertEquals(0, r.state(), kind + ": " + r);
            String error = r.getString("error");
            assertTrue(error.contains(file) && error.contains(FailureMatrixTest.PROBLEMS.get(kind)), kind + ": " + error);
        });

        JobFixtures.Cli strict = JobFixtures.cli("run", "--mics", mics.toString(), "--smpd", "1.5", "--out", tmp.resolve("out2").toString());
        assertEquals(ExitCodes.TOO_MANY_FAILED, strict.code(), strict.toString());
        assertTrue(strict.err().contains(broken.size() + " of " + (2 + broken.size()) + " micrographs failed"), strict.err());
    }
}
