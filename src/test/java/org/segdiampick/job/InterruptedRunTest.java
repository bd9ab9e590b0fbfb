package org.segdiampick.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.ExitCodes;
import org.segdiampick.testing.PicksTable;
import org.segdiampick.testing.SharedSpark;

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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A run killed midway leaves the project as it was and no {@code _SUCCESS}; rerunning without the fault gives
 * exactly the outputs of an uninterrupted run ({@link ReferenceRun}). Spark task retries rewrite, never append.
 * Faults are injected by the test file system {@link InstrumentedLocalFileSystem} (no hook in production code):
 * stage 6 creates a micrograph's coordinate file right after its box file, and the driver writes the project
 * after every other output.
 */
@ExtendWith(InstrumentedLocalFileSystem.OnSharedSpark.class)
class InterruptedRunTest {
    private static final Configuration CONF = new Configuration();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A RELION coordinate file under OUT/coords/ (not coords.star, which the driver writes). */
    static boolean isCoordinateFile(String path) {
        return path.contains("/coords/") && path.endsWith(".star");
    }

    @Test
    void runsKilledMidwayLeaveTheProjectUnchangedAndARerunMatchesAnUninterruptedRun() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        Path project = tmp.resolve("project.jsonl"), out = tmp.resolve("out");
        Files.write(project, ref.importedProject);

        // 1. Killed in the middle of stage 6: the whole Spark job is cancelled right after the first box file is written.
        AtomicBoolean fired = new AtomicBoolean();
        InstrumentedLocalFileSystem.onCreate = path -> {
            if (isCoordinateFile(path) && fired.compareAndSet(false, true)) {
                SharedSpark.spark().sparkContext().cancelAllJobs();
                try {
                    Thread.sleep(500); // let the scheduler see the cancellation before this task completes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        JobFixtures.Cli killed = run(project, out);
        InstrumentedLocalFileSystem.onCreate = null;
        assertTrue(fired.get(), "stage 6 never wrote a box file");
        assertEquals(ExitCodes.INTERNAL, killed.code(), killed.toString());
        assertTrue(killed.err().contains("cancel"), killed.err());
        assertArrayEquals(ref.importedProject, Files.readAllBytes(project), "killed run changed the project");
        assertFalse(Files.exists(Path.of(project + ".prev")));
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("summary.json")), "a killed stage 6 must not reach the summary");
        assertFalse(JobFixtures.under(JobFixtures.snapshot(out.toString(), CONF), "boxes/").isEmpty(), "killed before any box file");

        // 2. Killed at the last moment: every output written, the project and _SUCCESS not yet.
        String projectName = project.getFileName().toString();
        InstrumentedLocalFileSystem.onCreate = path -> {
            if (path.contains(projectName)) throw new IllegalStateException("injected kill after the outputs");
        };
        JobFixtures.Cli late = run(project, out);
        InstrumentedLocalFileSystem.onCreate = null;
        assertTrue(Files.exists(out.resolve("summary.json")) && Files.exists(out.resolve("report.html")), "outputs before the project");
        assertEquals(ExitCodes.INTERNAL, late.code(), late.toString());
        assertTrue(late.err().contains("injected kill"), late.err());
        assertArrayEquals(ref.importedProject, Files.readAllBytes(project), "killed run changed the project");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));

        // 3. The rerun without a fault: the outputs and the project of an uninterrupted run, byte for byte.
        JobFixtures.Cli rerun = run(project, out);
        assertEquals(0, rerun.code(), rerun.toString());
        assertSameAsReference(ref, out, Files.readAllBytes(project));
        assertArrayEquals(ref.importedProject, Files.readAllBytes(Path.of(project + ".prev")));
    }

    /**
     * Every stage-6 task fails once right after writing its box file (first attempt only) and Spark retries it
     * ({@code local[2,2]} = 2 attempts per task; the shared test session allows none, so this run has a JVM of its
     * own, {@link RetryOnceRun}). The retried box files have no duplicated lines: they equal the reference's.
     */
    @Test
    void taskRetriesRewriteOutputsAndNeverDuplicateLines() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        Path project = tmp.resolve("project.jsonl"), out = tmp.resolve("out");
        Files.write(project, ref.importedProject);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) cmd.add(a);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RetryOnceRun.class.getName(),
                "run", "--project", project.toString(), "--out", out.toString(),
                "--master", "local[2,2]", "--conf", "spark.task.maxFailures=2"));
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("child run did not finish in 600 s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        // Each of the 3 stage-6 tasks failed once, then succeeded on its retry.
        assertEquals(3, output.lines().filter(l -> l.contains("Lost task") && l.contains(RetryOnceRun.InjectedTaskFailure.class.getSimpleName())).count(), output);
        assertSameAsReference(ref, out, Files.readAllBytes(project));
    }

    private static JobFixtures.Cli run(Path project, Path out) {
        return JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString());
    }

    /**
     * OUT and the project equal the reference run's, once the OUT folder's own path (written into coords.star,
     * the project and the report) is replaced by the reference's; summary.json without {@code spark} and
     * {@code timings}, which describe the execution, not the result.
     */
    private static void assertSameAsReference(ReferenceRun ref, Path out, byte[] project) throws IOException {
        Map<String, byte[]> actual = relocate(JobFixtures.snapshot(out.toString(), CONF), out, ref.out);
        // picks.parquet's part files get new names on every write (Spark's writer): compare its rows instead
        assertEquals(PicksTable.rows(ref.out.resolve("picks.parquet").toString()), PicksTable.rows(out.resolve("picks.parquet").toString()));
        actual.keySet().removeIf(k -> k.startsWith("picks.parquet/"));
        // Writing summary.json and report.html over the interrupted run's keeps that version as *.prev (Storage.writeAtomically).
        actual.keySet().removeIf(k -> k.endsWith(".prev"));
        Map<String, byte[]> expected = new TreeMap<>(ref.snapshot);
        expected.keySet().removeIf(k -> k.startsWith("picks.parquet/"));
        ObjectNode s1 = (ObjectNode) JSON.readTree(expected.remove("summary.json"));
        ObjectNode s2 = (ObjectNode) JSON.readTree(actual.remove("summary.json"));
        for (ObjectNode s : List.of(s1, s2)) s.remove(List.of("spark", "timings"));
        assertEquals(s1, s2);
        RunJobTest.assertSameFiles(expected, actual);
        assertEquals(new String(Files.readAllBytes(ref.project), StandardCharsets.UTF_8),
                new String(project, StandardCharsets.UTF_8).replace(out.toString(), ref.out.toString()));
    }

    private static Map<String, byte[]> relocate(Map<String, byte[]> snap, Path from, Path to) {
        Map<String, byte[]> out = new TreeMap<>();
        snap.forEach((k, v) -> out.put(k, k.endsWith(".star") || k.endsWith(".tsv") || k.endsWith(".json") || k.endsWith(".html") || k.endsWith(".jsonl")
                ? new String(v, StandardCharsets.UTF_8).replace(from.toString(), to.toString()).getBytes(StandardCharsets.UTF_8) : v));
        return out;
    }
}
