package org.segdiampick.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.cli.ImportCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImportCommandTest {
    private final Configuration conf = new Configuration();
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new ImportCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        return cl.execute(args);
    }

    private static String mics(String sub) {
        return MrcTestFiles.micrographs() + "/" + sub;
    }

    @Test
    void apoferritinFolderTakesPixelSizeFromHeaders(@TempDir Path dir) throws Exception {
        String p = dir.resolve("project.jsonl").toString();
        assertEquals(ExitCodes.OK, run("--mics", mics("empiar10146_apoferritin"), "--project", p), err.toString());
        List<MicRecord> recs = ProjectStore.read(p, conf);
        assertEquals(3, recs.size());
        String folder = Path.of(mics("empiar10146_apoferritin")).toAbsolutePath().normalize().toString();
        assertEquals(List.of(folder + "/May08_03.13.02.bin_avg.mrc", folder + "/May08_05.24.39.bin_avg.mrc",
                folder + "/May08_07.10.35.bin_avg.mrc"), recs.stream().map(MicRecord::intg).toList());
        for (MicRecord r : recs) {
            assertEquals(1.5, r.smpd(), 1e-6);
            assertEquals(1, r.state());
            assertEquals(List.of("intg", "smpd", "state"), List.copyOf(r.keys()));
        }
        assertTrue(out.toString().contains("imported 3 micrographs"), out.toString());
    }

    @Test
    void ribosomeGlobIsSortedAndSmpdOverridesHeaders(@TempDir Path dir) throws Exception {
        String p = dir.resolve("p.jsonl").toString();
        assertEquals(ExitCodes.OK, run("--mics", mics("empiar10028_80S_ribosome/31[1-3]_10028.*"), "--project", p), err.toString());
        List<MicRecord> recs = ProjectStore.read(p, conf);
        assertEquals(3, recs.size(), "the .png files matching the glob are not micrographs");
        assertTrue(recs.get(0).intg().endsWith("/311_10028.mrc"));
        assertTrue(recs.get(2).intg().endsWith("/313_10028.mrc"));
        assertEquals(5.36, recs.get(1).smpd(), 1e-5);
        assertEquals(ExitCodes.OK, run("--mics", mics("empiar10028_80S_ribosome/*.mrc"), "--smpd", "1.34", "--project", p));
        recs = ProjectStore.read(p, conf);
        assertEquals(5, recs.size());
        assertEquals(1.34, recs.get(4).smpd());
        assertTrue(Files.exists(Path.of(p + ".prev")), "the first project was kept as .prev");
    }

    @Test
    void starFileWithRelativePathsToRealMicrographs(@TempDir Path dir) throws Exception {
        Path micDir = dir.resolve("Micrographs");
        Files.createDirectories(micDir);
        Files.copy(Path.of(mics("empiar10028_80S_ribosome/311_10028.mrc")), micDir.resolve("311_10028.mrc"));
        String abs = Path.of(mics("empiar10028_80S_ribosome/312_10028.mrc")).toAbsolutePath().normalize().toString();
        Path star = dir.resolve("micrographs.star");
        Files.writeString(star, "\n# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n"
                + "_rlnMicrographPixelSize #3\nopticsGroup1 1 5.36\n\n\n# version 30001\n\ndata_micrographs\n\nloop_\n"
                + "_rlnMicrographName #1\n_rlnOpticsGroup #2\nMicrographs/311_10028.mrc 1\n" + abs + " 1\n\n");
        String p = dir.resolve("p.jsonl").toString();
        assertEquals(ExitCodes.OK, run("--mics", star.toString(), "--project", p), err.toString());
        List<MicRecord> recs = ProjectStore.read(p, conf);
        assertEquals(List.of(MicRecord.of(micDir.resolve("311_10028.mrc").toString(), 5.36), MicRecord.of(abs, 5.36)), recs);

        // agreeing --smpd is fine, a contradicting one is refused
        assertEquals(ExitCodes.OK, run("--mics", star.toString(), "--smpd", "5.36", "--project", p));
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", star.toString(), "--smpd", "1.34", "--project", p));
        assertTrue(err.toString().contains("contradicts"), err.toString());
    }

    @Test
    void starWithoutPixelSizeNeedsSmpd(@TempDir Path dir) throws Exception {
        Path star = dir.resolve("mics.star");
        Files.writeString(star, "data_\nloop_\n_rlnMicrographName #1\n"
                + Path.of(mics("empiar10028_80S_ribosome/311_10028.mrc")).toAbsolutePath() + "\n");
        String p = dir.resolve("p.jsonl").toString();
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", star.toString(), "--project", p));
        assertTrue(err.toString().contains("give --smpd"), err.toString());
        assertFalse(Files.exists(Path.of(p)), "no project written on error");
        assertEquals(ExitCodes.OK, run("--mics", star.toString(), "--smpd", "5.36", "--project", p));
        assertEquals(5.36, ProjectStore.read(p, conf).get(0).smpd());
    }

    @Test
    void mixedPixelSizesAreAClearError(@TempDir Path dir) throws Exception {
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed);
        Files.copy(Path.of(mics("empiar10146_apoferritin/May08_03.13.02.bin_avg.mrc")), mixed.resolve("a.mrc"));
        Files.copy(Path.of(mics("empiar10028_80S_ribosome/311_10028.mrc")), mixed.resolve("b.mrc"));
        String p = dir.resolve("p.jsonl").toString();
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", mixed.toString(), "--project", p));
        String e = err.toString();
        assertEquals(1, e.strip().lines().count(), "one line: " + e);
        assertTrue(e.contains("mixed pixel sizes") && e.contains("1.5") && e.contains("5.36") && e.contains("b.mrc"), e);
        assertFalse(Files.exists(Path.of(p)));
    }

    @Test
    void nothingFoundAndBadMicrographsAreErrors(@TempDir Path dir) throws Exception {
        String p = dir.resolve("p.jsonl").toString();
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", dir.resolve("none/*.mrc").toString(), "--project", p));
        assertTrue(err.toString().contains("no micrographs found"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", dir.resolve("missing").toString(), "--project", p));
        assertTrue(err.toString().contains("no such file or folder"));
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.write(bad.resolve("x.mrc"), new byte[100]);
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", bad.toString(), "--project", p));
        assertTrue(err.toString().contains("x.mrc") && err.toString().contains("truncated"), err.toString());
        assertEquals(ExitCodes.BAD_INPUT, run("--mics", bad.toString(), "--smpd", "-1", "--project", p));
        // with a pixel size the bad file is recorded (stage 1 marks it), never a reason to stop the import
        assertEquals(ExitCodes.OK, run("--mics", bad.toString(), "--smpd", "1.5", "--project", p), err.toString());
        assertEquals(1, ProjectStore.read(p, conf).size());
        assertEquals(2, run("--project", p), "missing --mics is a usage error");
    }

    @Test
    void importMicsIsReusableDirectly() throws Exception {
        List<MicRecord> recs = Importer.importMics(mics("empiar10028_80S_ribosome/311_10028.mrc"), null, conf);
        assertEquals(1, recs.size());
        assertEquals(5.36, recs.get(0).smpd(), 1e-5);
    }
}
