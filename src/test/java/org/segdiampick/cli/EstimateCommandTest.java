package org.segdiampick.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new EstimateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void estimatesFromSeveralFilesAndWritesJson() throws IOException {
        StringBuilder a = new StringBuilder(), b = new StringBuilder("# second micrograph\n");
        for (int i = 0; i < 60; i++) a.append(100 + (i % 7)).append(i % 10 == 9 ? "\n" : " ");
        for (int i = 0; i < 40; i++) b.append(95 + (i % 11)).append('\n');
        Path json = tmp.resolve("est.json");
        Run r = run("--diameters", file("a.txt", a.toString()).toString(), file("b.txt", b.toString()).toString(),
            "--smpd", "1.5", "--clustering", "hac", "--json", json.toString());
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("box_in_pix", "mskdiam", "diam_min", "diam_max", "n_diameters", "n_accepted", "clustering",
            "mad", "stats_before", "stats_after", "clusters"), keys);
        assertEquals(100, j.get("n_diameters").asInt());
        assertEquals("hac", j.get("clustering").asText());
        assertEquals(j, new ObjectMapper().readTree(Files.readString(json)));
        // corrected: the smallest input 95 becomes 103
        assertEquals(103, j.get("stats_before").get("min").asDouble(), 0);
    }

    @Test
    void defaultClusteringIsKmeans() throws IOException {
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 100; i++) a.append(80 + (i * 37) % 41).append(' ');
        Run r = run("--diameters", file("k.txt", a.toString()).toString(), "--smpd", "1");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("kmeans", j.get("clustering").asText());
        assertEquals(10, j.get("clusters").size());
    }

    @Test
    void malformedFileIsExitCode2NamingFileAndLine() throws IOException {
        Path bad = file("bad.txt", "12 13\n14 fourteen\n");
        Run r = run("--diameters", bad.toString(), "--smpd", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains(bad + ":2:"), r.err);
        assertEquals(1, r.err.strip().lines().count());
        assertEquals("", r.out);
    }

    @Test
    void missingFileAndBadArgumentsAreExitCode2() throws IOException {
        assertEquals(2, run("--diameters", tmp.resolve("nope.txt").toString(), "--smpd", "1").code);
        Path ok = file("ok.txt", "1 2 3");
        Run zero = run("--diameters", ok.toString(), "--smpd", "0");
        assertEquals(2, zero.code);
        assertEquals(1, zero.err.strip().lines().count());
        assertEquals(2, run("--diameters", ok.toString(), "--smpd", "1", "--clustering", "dbscan").code);
        assertEquals(2, run("--smpd", "1").code);
    }

    @Test
    void tooFewOrNoDiametersAreExitCode3() throws IOException {
        Run few = run("--diameters", file("few.txt", "100 101 102").toString(), "--smpd", "1");
        assertEquals(ExitCodes.NOTHING_TO_ESTIMATE, few.code);
        assertTrue(few.err.contains("--clustering hac"), few.err);
        Run none = run("--diameters", file("none.txt", "# no particles\n").toString(), "--smpd", "1", "--clustering", "hac");
        assertEquals(3, none.code);
        assertEquals(1, none.err.strip().lines().count());
    }
}
