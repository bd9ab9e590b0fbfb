package org.segdiampick.job;

import org.segdiampick.testing.SmallBatch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12 problem 3, resume: a run of 40 small micrographs in a child JVM is stopped at about half of stage 1,
 * by {@code kill -9} and by SIGTERM; the same command again redoes at most 55 % of the micrographs
 * ({@code summary.json} {@code spark.resumed}) and gives every output of an uninterrupted run byte for byte
 * (summary.json apart from its {@code spark} and {@code timings} sections). SIGTERM and SIGINT also print exactly one
 * line, with no stack trace, and exit with 143 and 130.
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
        return child(project, out, log, List.of());
    }

    /** As {@link #child(Path, Path, Path)}, the JVM started through {@code launcher} (a command that execs its arguments). */
    private static Process child(Path project, Path out, Path log, List<String> launcher) throws IOException {
        return JobFixtures.childCli(launcher, log, args(project, out));
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
        // SIGTERM, as Airflow sends on a timeout
        stopBySignalThenResume(List.of(), Process::destroy, 143);
    }

    /**
     * SIGINT (Ctrl-C) as SIGTERM, with exit code 130. A process started in the background of a non-interactive shell
     * (a build, CI) inherits SIGINT ignored, and a JVM then installs no handler for it; the child is started through
     * perl (Debian's essential perl-base), which restores the default disposition before it execs the JVM.
     */
    @Test
    void sigintStopsWithOneLineAndExit130ThenTheSameCommandResumes() throws Exception {
        stopBySignalThenResume(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\";"), child -> {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -INT failed");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("cannot send SIGINT", e);
            }
        }, 130);
    }

    /** Starts the run, sends the signal at about half of stage 1, checks how it stopped, reruns and checks the resume. */
    private void stopBySignalThenResume(List<String> launcher, java.util.function.Consumer<Process> signal, int exitCode) throws Exception {
        Path p = project(tmp.resolve("p.jsonl")), out = tmp.resolve("out"), log = tmp.resolve("child.log");
        byte[] before = Files.readAllBytes(p);
        Process child = child(p, out, log, launcher);
        long atSignal = startAndWaitForHalf(child, out, log);
        long signalled = System.nanoTime();
        signal.accept(child);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the signal did not stop the run");
        double seconds = (System.nanoTime() - signalled) / 1e9;
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(exitCode, child.exitValue(), output);
        assertTrue(seconds < 20, "stopping took " + seconds + " s");
        assertStoppedWithOneLine(output, atSignal, before, p, out);

        JobFixtures.Cli rerun = JobFixtures.cli(args(p, out));
        assertEquals(0, rerun.code(), rerun.toString());
        assertResumedAndSameAsReference(out, p, atSignal);
    }

    /**
     * A run stopped by a signal printed exactly one line (interrupted, how many of the N are checkpointed, rerun the
     * same command) with nothing after it and no trace, left the project as it was, no _SUCCESS and no lock.
     */
    private static void assertStoppedWithOneLine(String output, long atSignal, byte[] projectBefore, Path project, Path out)
            throws IOException {
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
        assertArrayEquals(projectBefore, Files.readAllBytes(project), "the signal changed the project");
        assertFalse(Files.exists(out.resolve("_SUCCESS")));
        assertFalse(Files.exists(out.resolve("_LOCK")), "the signal releases the lock");
    }

    private static void assertResumedAndSameAsReference(Path out, Path project, long checkpointed) throws IOException {
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        long resumed = summary.path("spark").path("resumed").asLong(-1);
        assertTrue(resumed >= checkpointed, "resumed " + resumed + ", checkpointed before: " + checkpointed);
        assertTrue(N - resumed <= 0.55 * N, "the rerun picked " + (N - resumed) + " of " + N);
        assertEquals(0, JSON.readTree(refOut.resolve("summary.json").toFile()).path("spark").path("resumed").asLong(-1));

        Map<String, byte[]> compared = JobFixtures.assertSameOutputs(refOut, out, "summary.json", CONF);
        assertEquals(N, compared.keySet().stream().filter(k -> k.startsWith("thumbs/")).count());
        assertEquals(new String(refProject, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(project), StandardCharsets.UTF_8).replace(out.toString(), refOut.toString()));
    }
}
