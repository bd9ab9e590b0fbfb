package org.segdiampick.job;

import org.segdiampick.testing.SmallBatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.Main;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.testing.PicksTable;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 3, resume: a run of 40 small micrographs in a child JVM is stopped at about half of stage 1,
 * by {@code kill -9} and by SIGTERM; the same command again redoes at most 55 % of the micrographs
 * ({@code summary.json} {@code spark.resumed}) and gives every output of an uninterrupted run byte for byte
 * (summary.json apart from its {@code spark} and {@code timings} sections). SIGTERM also prints exactly one line,
 * with no stack trace, and exits with 143.
 */
class ResumeAfterInterruptionTest {
    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 40;

    @TempDir
    static Path shared;
    private static List<Path> mics;
    private static Path refOut;
    private static byte[] refProject;

    @TempDir
    Path tmp;

    @BeforeAll
    static void uninterruptedReference() throws Exception {
        mics = SmallBatch.write(shared.resolve("mics"), N);
        Path p = project(shared.resolve("ref.jsonl"));
        refOut = shared.resolve("ref-out");
        JobFixtures.Cli r = JobFixtures.cli(args(p, refOut));
        assertEquals(0, r.code(), r.toString());
        refProject = Files.readAllBytes(p);
    }

    @AfterAll
    static void release() {
        mics = null;
    }

    private static Path project(Path p) throws IOException {
        ProjectStore.write(p.toString(), mics.stream().map(m -> MicRecord.of(m.toString(), SmallBatch.SMPD)).toList(), CONF);
        return p;
    }

    private static String[] args(Path project, Path out) {
        return new String[]{"run", "--project", project.toString(), "--out", out.toString(), "--clustering", "hac", "--master", "local[2]"};
    }

    /** The CLI in a child JVM (its own Spark), output to {@code log}. */
    private static Process child(Path project, Path out, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) cmd.add(a);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args(project, out)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static long checkpoints(Path out) throws IOException {
        Path dir = out.resolve(Checkpoints.FOLDER);
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    /** Starts the run in a child JVM and waits until about half of the micrographs are checkpointed. */
    private static long startAndWaitForHalf(Process p, Path out, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            long n = checkpoints(out);
            if (n >= N / 2) return n;
            if (!p.isAlive()) fail("the child run ended before half of stage 1:\n" + Files.readString(log));
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        fail("no half of stage 1 in 300 s:\n" + Files.readString(log));
        return -1;
    }

    @Test
    void killMinus9ThenTheSameCommandResumesAndMatchesAnUninterruptedRun() throws Exception {
        Path p = project(tmp.resolve("p.jsonl")), out = tmp.resolve("out"), log = tmp.resolve("child.log");
        byte[] before = Files.readAllBytes(p);
        Process child = child(p, out, log);
        long atKill = startAndWaitForHalf(child, out, log);
        child.destroyForcibly(); // SIGKILL: no hook, no cleanup
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(atKill < N, "killed after stage 1 (" + atKill + " checkpoints): the test did not interrupt anything");
        assertArrayEquals(before, Files.readAllBytes(p), "kill -9 changed the project");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertTrue(Files.exists(out.resolve("_LOCK")), "kill -9 leaves its lock, which the rerun takes over");

        JobFixtures.Cli rerun = JobFixtures.cli(args(p, out));
        assertEquals(0, rerun.code(), rerun.toString());
        assertResumedAndSameAsReference(out, p, atKill);
    }

    @Test
    void sigtermStopsWithOneLineAndExit143ThenTheSameCommandResumes() throws Exception {
        Path p = project(tmp.resolve("p.jsonl")), out = tmp.resolve("out"), log = tmp.resolve("child.log");
        byte[] before = Files.readAllBytes(p);
        Process child = child(p, out, log);
        long atSignal = startAndWaitForHalf(child, out, log);
        long signalled = System.nanoTime();
        child.destroy(); // SIGTERM, as Airflow sends on a timeout
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not stop the run");
        double seconds = (System.nanoTime() - signalled) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(143, child.exitValue(), output);
        assertTrue(seconds < 20, "stopping took " + seconds + " s");
        List<String> lines = output.lines().filter(l -> l.contains("interrupted")).toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("segdiampick: interrupted; ") && lines.get(0).contains(" of " + N + " micrographs are checkpointed in ")
                && lines.get(0).endsWith("rerun the same command to resume"), lines.get(0));
        long reported = Long.parseLong(lines.get(0).replaceAll(".*interrupted; (\\d+) of.*", "$1"));
        assertTrue(reported >= atSignal - 2 && reported <= N, lines.get(0) + " vs " + atSignal + " seen");
        String after = output.substring(output.indexOf("segdiampick: interrupted"));
        assertEquals(1, after.lines().count(), "nothing after the one line: " + after);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertFalse(output.contains("Exception"), "no exception printed: " + output);
        assertArrayEquals(before, Files.readAllBytes(p), "SIGTERM changed the project");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_LOCK")), "SIGTERM releases the lock");

        JobFixtures.Cli rerun = JobFixtures.cli(args(p, out));
        assertEquals(0, rerun.code(), rerun.toString());
        assertResumedAndSameAsReference(out, p, atSignal);
    }

    private static void assertResumedAndSameAsReference(Path out, Path project, long checkpointed) throws IOException {
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        long resumed = summary.path("spark").path("resumed").asLong(-1);
        assertTrue(resumed >= checkpointed, "resumed " + resumed + ", checkpointed before: " + checkpointed);
        assertTrue(N - resumed <= 0.55 * N, "the rerun picked " + (N - resumed) + " of " + N);
        assertEquals(0, JSON.readTree(refOut.resolve("summary.json").toFile()).path("spark").path("resumed").asLong(-1));

        Map<String, byte[]> expected = relocated(refOut, refOut), actual = relocated(out, refOut);
        assertEquals(PicksTable.rows(refOut.resolve("picks.parquet").toString()), PicksTable.rows(out.resolve("picks.parquet").toString()));
        for (Map<String, byte[]> m : List.of(expected, actual)) m.keySet().removeIf(k -> k.startsWith("picks.parquet/") || k.endsWith(".prev"));
        ObjectNode s1 = (ObjectNode) JSON.readTree(expected.remove("summary.json"));
        ObjectNode s2 = (ObjectNode) JSON.readTree(actual.remove("summary.json"));
        for (ObjectNode s : List.of(s1, s2)) s.remove(List.of("spark", "timings"));
        assertEquals(s1, s2);
        assertEquals(N, expected.keySet().stream().filter(k -> k.startsWith("thumbs/")).count());
        RunJobTest.assertSameFiles(expected, actual);
        assertEquals(new String(refProject, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(project), StandardCharsets.UTF_8).replace(out.toString(), refOut.toString()));
    }

    private static Map<String, byte[]> relocated(Path out, Path to) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        JobFixtures.snapshot(out.toString(), CONF).forEach((k, v) -> m.put(k,
                k.endsWith(".star") || k.endsWith(".tsv") || k.endsWith(".json") || k.endsWith(".html")
                        ? new String(v, StandardCharsets.UTF_8).replace(out.toString(), to.toString()).getBytes(StandardCharsets.UTF_8) : v));
        return m;
    }
}
