package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assertions;
import org.segdiampick.cli.Main;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.testing.PicksTable;
import org.segdiampick.testing.SmallBatch;
import org.segdiampick.testing.SharedSpark;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Shared pieces of the job tests: the real micrographs, the CLI run with captured output, and a snapshot of a
 * whole output folder (relative path → bytes) on any Hadoop file system, to compare runs byte by byte.
 */
final class JobFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final java.nio.file.Path SHARED = java.nio.file.Path.of(System.getProperty("segdiampick.shared", "../shared")).toAbsolutePath().normalize();
    static final java.nio.file.Path APOFERRITIN = SHARED.resolve("data/micrographs/empiar10146_apoferritin");
    static final java.nio.file.Path RIBOSOME = SHARED.resolve("data/micrographs/empiar10028_80S_ribosome");

    private JobFixtures() {
    }

    /** What one CLI call gave back. */
    record Cli(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs {@code segdiampick args...} in this JVM on the shared local SparkSession. */
    static Cli cli(String... args) {
        SharedSpark.spark(); // the CLI's getOrCreate() then re-uses the test session
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        awaitIdleExecutors();
        return new Cli(code, out.toString(), err.toString());
    }

    /**
     * Waits (up to a minute) until no local executor thread runs the job's code. A failed Spark job cancels its other
     * tasks, but a task stops only between micrographs, and Spark's status store, which the job consults before it
     * reports the failure, can miss a task started within its update period (0.1 s): such a straggler would still write
     * into the test's temporary folder while JUnit deletes it.
     */
    static void awaitIdleExecutors() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (jobCodeRunsOnAnExecutor() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean jobCodeRunsOnAnExecutor() {
        for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet())
            if (t.getKey().getName().startsWith("Executor task launch worker"))
                for (StackTraceElement f : t.getValue()) if (f.getClassName().startsWith("org.segdiampick.")) return true;
        return false;
    }

    /**
     * {@code segdiampick args...} in a child JVM (its own Spark, the test's class path and --add-opens flags), output
     * to {@code log}; started through {@code launcher} (a command that execs its arguments), if not empty.
     */
    static Process childCli(List<String> launcher, java.nio.file.Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) cmd.add(a);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** The 3 apoferritin micrographs (1240 × 1200, 1.5 Å), sorted by name. */
    static List<java.nio.file.Path> apoferritin() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(APOFERRITIN)) {
            return s.filter(p -> p.toString().endsWith(".mrc")).sorted().toList();
        }
    }

    /** The 5 ribosome micrographs (1024², 5.36 Å), sorted by name. */
    static List<java.nio.file.Path> ribosome() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(RIBOSOME)) {
            return s.filter(p -> p.toString().endsWith(".mrc")).sorted().toList();
        }
    }

    /** Copies local files into {@code dir} (local path or URI), returning their new locations. */
    static List<String> upload(List<java.nio.file.Path> files, String dir, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        Path d = new Path(dir);
        FileSystem fs = d.getFileSystem(conf);
        for (java.nio.file.Path f : files) {
            Path dst = new Path(d, f.getFileName().toString());
            try (var os = fs.create(dst, true)) {
                os.write(Files.readAllBytes(f));
            }
            out.add(dst.toString());
        }
        return out;
    }

    /**
     * Every file under {@code dir} (recursive), relative path → content; without the run's bookkeeping (the batch
     * record {@code _BATCH.json}, the lock, the pass-1 checkpoints), which is not an output.
     */
    static Map<String, byte[]> snapshot(String dir, Configuration conf) throws IOException {
        Path root = new Path(dir.contains(":") ? dir : new java.io.File(dir).toURI().toString());
        FileSystem fs = root.getFileSystem(conf);
        String prefix = fs.makeQualified(root).toUri().getPath();
        Map<String, byte[]> out = new TreeMap<>();
        RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            FileStatus s = it.next();
            String rel = URI.create(s.getPath().toUri().getPath()).getPath().substring(prefix.length());
            if (rel.startsWith("/")) rel = rel.substring(1);
            if (rel.endsWith(".crc") || rel.contains("/.") || rel.startsWith(".")) continue;
            if (rel.startsWith("_BATCH.json") || rel.equals("_LOCK") || rel.startsWith("checkpoints/")) continue;
            try (var in = fs.open(s.getPath())) {
                out.put(rel, in.readAllBytes());
            }
        }
        return out;
    }

    /**
     * {@link #snapshot} of {@code out} with the folder's own path, which coords.star, the tables, the summary and the
     * report name, replaced by {@code to}: two runs into different folders compare byte for byte.
     */
    static Map<String, byte[]> relocated(java.nio.file.Path out, java.nio.file.Path to, Configuration conf) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        snapshot(out.toString(), conf).forEach((k, v) -> m.put(k,
                k.endsWith(".star") || k.endsWith(".tsv") || k.endsWith(".json") || k.endsWith(".html") || k.endsWith(".jsonl")
                        ? new String(v, java.nio.charset.StandardCharsets.UTF_8).replace(out.toString(), to.toString())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8) : v));
        return m;
    }

    /** A project {@code file} of {@code mics} at the small batch's pixel size (SmallBatch), one record each, in order. */
    static java.nio.file.Path project(java.nio.file.Path file, List<java.nio.file.Path> mics) throws IOException {
        ProjectStore.write(file.toString(), mics.stream().map(m -> MicRecord.of(m.toString(), SmallBatch.SMPD)).toList(), new Configuration());
        return file;
    }

    /**
     * {@code out} holds the outputs of the uninterrupted run in {@code ref}, byte for byte, once the folders' own paths
     * are the same ({@link #relocated}): every file, picks.parquet by its rows (its part files get new names on every
     * write), {@code summary} (summary.json or preprocess_summary.json) apart from its {@code spark} and {@code timings}
     * sections, which describe the execution, not the result. {@code *.prev} backups are left out. Returns the
     * reference's files compared.
     */
    static Map<String, byte[]> assertSameOutputs(java.nio.file.Path ref, java.nio.file.Path out, String summary, Configuration conf)
            throws IOException {
        Map<String, byte[]> expected = relocated(ref, ref, conf), actual = relocated(out, ref, conf);
        if (expected.keySet().stream().anyMatch(k -> k.startsWith("picks.parquet/")))
            Assertions.assertEquals(PicksTable.rows(ref.resolve("picks.parquet").toString()), PicksTable.rows(out.resolve("picks.parquet").toString()));
        for (Map<String, byte[]> m : List.of(expected, actual)) m.keySet().removeIf(k -> k.startsWith("picks.parquet/") || k.endsWith(".prev"));
        ObjectNode s1 = (ObjectNode) JSON.readTree(expected.remove(summary));
        ObjectNode s2 = (ObjectNode) JSON.readTree(actual.remove(summary));
        for (ObjectNode s : List.of(s1, s2)) s.remove(List.of("spark", "timings"));
        Assertions.assertEquals(s1, s2);
        RunJobTest.assertSameFiles(expected, actual);
        return expected;
    }

    /**
     * Runs {@code run} with the disk full when the checkpoint of micrograph {@code name} is written (the test file
     * system must be on the shared session, {@link InstrumentedLocalFileSystem.OnSharedSpark}); asserts exit 1 and the
     * project unchanged, and returns how many micrographs are checkpointed in {@code out} after it.
     */
    static long diskFullAtCheckpointOf(String name, java.nio.file.Path project, java.nio.file.Path out,
                                       java.util.function.Supplier<Cli> run) throws IOException {
        byte[] before = Files.readAllBytes(project);
        InstrumentedLocalFileSystem.onWrite = path -> {
            if (path.contains("/" + Checkpoints.FOLDER + "/." + name + ".json.tmp-")) throw InstrumentedLocalFileSystem.diskFull();
        };
        Cli failed;
        try {
            failed = run.get();
        } finally {
            InstrumentedLocalFileSystem.onWrite = null;
        }
        Assertions.assertEquals(org.segdiampick.cli.ExitCodes.INTERNAL, failed.code(), failed.toString());
        Assertions.assertArrayEquals(before, Files.readAllBytes(project));
        try (Stream<java.nio.file.Path> s = Files.list(out.resolve(Checkpoints.FOLDER))) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    /** The hidden temporary files of atomic writes ({@code .name.tmp-<uuid>}) anywhere under {@code dir}. */
    static List<java.nio.file.Path> temporaryFiles(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().contains(".tmp-")).toList();
        }
    }

    /** The entries of a snapshot under one sub-folder, e.g. {@code boxes/}. */
    static Map<String, byte[]> under(Map<String, byte[]> snap, String folder) {
        Map<String, byte[]> out = new TreeMap<>();
        snap.forEach((k, v) -> {
            if (k.startsWith(folder)) out.put(k, v);
        });
        return out;
    }
}
