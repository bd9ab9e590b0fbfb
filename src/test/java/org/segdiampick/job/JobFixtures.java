package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.segdiampick.cli.Main;
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
        return new Cli(code, out.toString(), err.toString());
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

    /** The entries of a snapshot under one sub-folder, e.g. {@code boxes/}. */
    static Map<String, byte[]> under(Map<String, byte[]> snap, String folder) {
        Map<String, byte[]> out = new TreeMap<>();
        snap.forEach((k, v) -> {
            if (k.startsWith(folder)) out.put(k, v);
        });
        return out;
    }
}
