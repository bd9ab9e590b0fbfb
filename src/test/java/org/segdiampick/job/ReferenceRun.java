package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.io.Importer;
import org.segdiampick.io.ProjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local reference run of the job tests, made once per JVM: {@code import} of the 3 apoferritin micrographs,
 * then {@code run --project P --out OUT} on the local file system. Other tests (preprocess, HDFS, S3, decision)
 * compare their outputs with it byte for byte.
 */
final class ReferenceRun {
    final Path dir;
    final Path project;
    final Path out;
    final JobFixtures.Cli cli;
    /** The project as imported, before the run. */
    final byte[] importedProject;
    /** OUT right after the first run (relative path → bytes). */
    final Map<String, byte[]> snapshot;

    private static ReferenceRun instance;

    private ReferenceRun() throws IOException {
        dir = Files.createTempDirectory("segdiampick-ref");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        project = dir.resolve("project.jsonl");
        out = dir.resolve("out");
        Configuration conf = new Configuration();
        ProjectStore.write(project.toString(), Importer.importMics(JobFixtures.APOFERRITIN.toString(), null, conf), conf);
        importedProject = Files.readAllBytes(project);
        cli = JobFixtures.cli("run", "--project", project.toString(), "--out", out.toString());
        if (cli.code() != 0) throw new IllegalStateException("reference run failed: " + cli);
        snapshot = JobFixtures.snapshot(out.toString(), conf);
    }

    static synchronized ReferenceRun get() throws IOException {
        if (instance == null) instance = new ReferenceRun();
        return instance;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> w = Files.walk(root)) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
