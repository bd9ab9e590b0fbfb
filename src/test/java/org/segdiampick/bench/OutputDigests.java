package org.segdiampick.bench;

import org.segdiampick.testing.SharedData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.cli.Main;
import org.segdiampick.image.Fft;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of every output file of {@code run} and of {@code preprocess} followed by {@code run}, on the four shared
 * batches (apoferritin 3 micrographs at 1.5 Å, ribosome 5 at 5.36 Å, β-galactosidase 2 at 7.08 Å, SIMPLE's
 * synthetic batch at 1.25 Å), one line per file: {@code <sha256>  <batch>/<mode>/<relative path>}. Refactors that
 * must not change behaviour compare this against the committed reference:
 * {@code bench/run OutputDigests bench/output-digests.txt} (prints the differing lines, exit code 1 if any;
 * without an argument it prints the digests, e.g. to renew the reference after an intended change).
 * The temporary output folder's path is replaced by {@code $OUT} before hashing (the project and the summary name
 * it), and summary.json and preprocess_summary.json are hashed without their {@code spark} and {@code timings}
 * sections, which describe the session, not the result. The run's bookkeeping ({@code _BATCH.json},
 * {@code checkpoints/}) is not hashed.
 */
public final class OutputDigests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Batch(String name, String dir, double smpd) {
    }

    public static void main(String[] args) throws Exception {
        Path shared = SharedData.root();
        Path data = shared.resolve("data");
        List<Batch> batches = List.of(
                new Batch("apoferritin", "micrographs/empiar10146_apoferritin", 1.5),
                new Batch("ribosome", "micrographs/empiar10028_80S_ribosome", 5.36),
                new Batch("betagal", "micrographs/empiar10017_betagal", 7.08),
                new Batch("synthetic", "oracle-simple-14f07d941/synthetic-inputs", 1.25));
        Path work = Files.createTempDirectory("segdiampick-digests");
        List<String> lines = new ArrayList<>();
        try {
            for (Batch b : batches) {
                String mics = data.resolve(b.dir()).toString(), smpd = Double.toString(b.smpd());
                Path run = work.resolve(b.name() + "-run");
                execute("run", "--mics", mics, "--smpd", smpd, "--out", run.toString(), "--master", "local[2]");
                lines.addAll(digests(b.name() + "/run", run, shared));

                Path pre = work.resolve(b.name() + "-pre");
                Files.createDirectories(pre);
                String project = pre.resolve("project.jsonl").toString();
                execute("import", "--mics", mics, "--smpd", smpd, "--project", project);
                execute("preprocess", "--project", project, "--out", pre.resolve("pass1").toString(), "--master", "local[2]");
                execute("run", "--project", project, "--out", pre.resolve("run").toString(), "--master", "local[2]");
                lines.addAll(digests(b.name() + "/preprocess+run", pre, shared));
            }
        } finally {
            Fft.shutdown();
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (args.length == 0) {
            lines.forEach(System.out::println);
            return;
        }
        List<String> reference = Files.readAllLines(Path.of(args[0]));
        List<String> missing = new ArrayList<>(reference), extra = new ArrayList<>(lines);
        missing.removeAll(lines);
        extra.removeAll(reference);
        missing.forEach(l -> System.out.println("- " + l));
        extra.forEach(l -> System.out.println("+ " + l));
        System.out.printf("%d files, %d identical to %s, %d differ or are missing, %d new%n", lines.size(),
                lines.size() - extra.size(), args[0], missing.size(), extra.size());
        if (!missing.isEmpty() || !extra.isEmpty()) System.exit(1);
    }

    private static void execute(String... args) {
        int code = Main.commandLine().setOut(new PrintWriter(System.err, true)).execute(args);
        if (SparkSession.getActiveSession().isDefined()) {
            SparkSession.active().stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
        }
        if (code != 0) throw new IllegalStateException(String.join(" ", args) + ": exit code " + code);
    }

    /**
     * Location-free digests: the output folder becomes {@code $OUT} and the shared data folder {@code $SHARED}, in
     * file contents and in names (coords/ mirrors the micrographs' absolute paths); Spark's part files of
     * picks.parquet carry a random job id in their names, which is dropped, and are hashed as their rows ({@link #parquetRows}).
     */
    private static List<String> digests(String label, Path root, Path shared) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] rootBytes = root.toString().getBytes(StandardCharsets.UTF_8);
        String sharedPath = shared.toAbsolutePath().normalize().toString();
        byte[] sharedBytes = sharedPath.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace(sharedPath.substring(1), "$SHARED")
                    .replaceAll("part-(\\d+)-[0-9a-f-]{36}-", "part-$1-");
            if (rel.endsWith(".crc")) continue; // Hadoop checksum side files follow their data file
            // the run's bookkeeping, not outputs: the batch record, and checkpoints (which record task times)
            if (rel.endsWith("_BATCH.json") || rel.contains("checkpoints/")) continue;
            byte[] bytes = f.getFileName().toString().endsWith(".parquet") ? parquetRows(f) : Files.readAllBytes(f);
            if (f.getFileName().toString().endsWith("summary.json")) {
                ObjectNode summary = (ObjectNode) JSON.readTree(bytes);
                summary.remove("spark");
                summary.remove("timings");
                bytes = JSON.writeValueAsBytes(summary);
            }
            bytes = replace(bytes, rootBytes, "$OUT".getBytes(StandardCharsets.UTF_8));
            bytes = replace(bytes, sharedBytes, "$SHARED".getBytes(StandardCharsets.UTF_8));
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            out.add(HexFormat.of().formatHex(d) + "  " + label + "/" + rel);
        }
        return out;
    }

    /**
     * A Parquet file's rows in file order, one text line each: parquet-mr writes the footer's encoding lists from a
     * hash set of enums, whose order changes from one JVM to the next, so the bytes of equal tables differ.
     */
    private static byte[] parquetRows(Path f) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        try (org.apache.parquet.hadoop.ParquetReader<org.apache.parquet.example.data.Group> r = org.apache.parquet.hadoop.ParquetReader
                .builder(new org.apache.parquet.hadoop.example.GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri())).build()) {
            for (org.apache.parquet.example.data.Group g = r.read(); g != null; g = r.read()) sb.append(g.toString().replace('\n', ' ')).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; ) {
            if (i + what.length <= in.length && java.util.Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                o.write(with, 0, with.length);
                i += what.length;
            } else {
                o.write(in[i++]);
            }
        }
        return o.toByteArray();
    }

    private OutputDigests() {
    }
}
