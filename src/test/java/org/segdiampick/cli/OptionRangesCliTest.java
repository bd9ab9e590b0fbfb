package org.segdiampick.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 7: out-of-range options are exit 2 with one line, on the driver, before Spark starts or any
 * file is written (the --out and project of these commands stay absent).
 */
class OptionRangesCliTest {
    @TempDir
    Path tmp;

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    private void assertOneLineExit2(Run r, String text) {
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains(text), r.err);
    }

    @Test
    void runWithAnAbsurdPixelSizeOrANegativeMoldiamMax() throws Exception {
        Path mics = Files.createDirectories(tmp.resolve("mics"));
        Path out = tmp.resolve("out");
        assertOneLineExit2(run("run", "--mics", mics.toString(), "--smpd", "1e9", "--out", out.toString()), "--smpd: 1.0E9");
        assertOneLineExit2(run("run", "--mics", mics.toString(), "--smpd", "1.5", "--moldiam-max", "-5", "--out", out.toString()),
                "--moldiam-max: -5");
        assertOneLineExit2(run("run", "--project", tmp.resolve("p.jsonl").toString(), "--mic-to", "0", "--out", out.toString()),
                "--mic-to");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void preprocessImportAndEstimateToo() throws Exception {
        Path out = tmp.resolve("out");
        Path p = tmp.resolve("p.jsonl");
        assertOneLineExit2(run("preprocess", "--project", p.toString(), "--out", out.toString(), "--moldiam-max", "-5"),
                "--moldiam-max");
        assertOneLineExit2(run("import", "--mics", tmp.toString(), "--smpd", "1e9", "--project", p.toString()), "--smpd: 1.0E9");
        Path d = Files.writeString(tmp.resolve("d.txt"), "100 110 120");
        assertOneLineExit2(run("estimate", "--diameters", d.toString(), "--smpd", "1e9"), "--smpd: 1.0E9");
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(p));
    }

    @Test
    void anUnusableOutIsRefusedBeforeSparkStarts() throws Exception {
        Path p = Files.writeString(tmp.resolve("p.jsonl"), "{\"intg\":\"/d/a.mrc\",\"smpd\":1.5,\"state\":1}\n");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertOneLineExit2(run("run", "--project", p.toString(), "--out", file.toString()), "is a file, not a folder");
        assertOneLineExit2(run("preprocess", "--project", p.toString(), "--out", "/proc/segdiampick-out"), "is not writable");
        assertOneLineExit2(run("run", "--project", p.toString(), "--out", "rel/out", "--master", "spark://h:7077"), "is relative");
        assertEquals("x", Files.readString(file));
    }
}
