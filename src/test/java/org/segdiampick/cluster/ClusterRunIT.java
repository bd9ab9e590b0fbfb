package org.segdiampick.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #6: the same {@code submit/segdiampick run} on a Spark standalone cluster (submit/local-cluster: a Master
 * and 2 Workers of 1 core each, separate JVMs) gives the outputs of the embedded {@code local[2]} run, and the
 * micrographs really were spread over at least 2 executors. Input: the 5 ribosome micrographs (1024², 5.36 Å,
 * EMPIAR-10028). Runs under failsafe after {@code package}, because the cluster run goes through spark-submit
 * with the shaded jar.
 */
class ClusterRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SHARED = Path.of(System.getProperty("segdiampick.shared", "../shared")).toAbsolutePath().normalize();
    private static final Path RIBOSOME = SHARED.resolve("data/micrographs/empiar10028_80S_ribosome");
    private static final Path APP_JAR = ROOT.resolve("target/segdiampick-0.1.0-SNAPSHOT-app.jar");
    private static final Path WORK = ROOT.resolve("target/cluster-it");
    private static final Path CLUSTER_DIR = WORK.resolve("local-cluster");
    /** Placeholder for the output folder in files that name it (project, coords.star, summary, report). */
    private static final String OUT_TOKEN = "<OUT>";
    /** Files whose content names the output folder; compared after replacing it by {@link #OUT_TOKEN}. */
    private static final Set<String> WITH_PATHS = Set.of("project.jsonl", "project.jsonl.prev", "coords.star", "report.html", "micrographs.tsv");

    private static volatile boolean clusterStarted;
    private static Thread stopHook;
    private static Process start;
    private static String masterUrl;
    private static Map<String, byte[]> embedded;
    private static Map<String, byte[]> cluster;
    private static Path embeddedOut;
    private static Path clusterOut;
    private static long embeddedMs;
    private static long clusterMs;

    @BeforeAll
    static void runBothWays() throws Exception {
        assertTrue(Files.isRegularFile(APP_JAR), APP_JAR + " missing: the IT runs after `mvn package`");
        assertTrue(Files.isRegularFile(ROOT.resolve("target/runtime-classpath.txt")), "target/runtime-classpath.txt missing");
        List<Path> mics = micrographs();
        assertEquals(5, mics.size(), "the 5 ribosome micrographs of " + RIBOSOME);
        Files.createDirectories(WORK);
        if (Files.exists(CLUSTER_DIR)) {   // a cluster left over by a killed earlier build
            clusterStarted = true;
            stopCluster();
        }
        deleteTree(WORK);
        Files.createDirectories(WORK);
        embeddedOut = WORK.resolve("out-embedded");
        clusterOut = WORK.resolve("out-cluster");

        // The cluster's JVMs start while the embedded run computes: most of their start-up is waiting.
        clusterStarted = true;
        stopHook = new Thread(ClusterRunIT::stopCluster);
        Runtime.getRuntime().addShutdownHook(stopHook);
        start = launch(List.of("bash", "submit/local-cluster", "start", "--workers", "2", "--cores", "1", "--memory", "2g",
                "--dir", CLUSTER_DIR.toString(), "--port", "27077", "--webui-port", "28080", "--timeout", "300"), WORK.resolve("cluster-start.log"));

        long t0 = System.nanoTime();
        String emb = run(List.of("--master", "local[2]"), embeddedOut, WORK.resolve("embedded.log"));
        embeddedMs = (System.nanoTime() - t0) / 1_000_000;
        embedded = snapshot(embeddedOut);

        if (!start.waitFor(330, TimeUnit.SECONDS)) {
            start.destroyForcibly().waitFor();
            fail("submit/local-cluster start did not finish:\n" + Files.readString(WORK.resolve("cluster-start.log")));
        }
        String startLog = Files.readString(WORK.resolve("cluster-start.log"));
        assertEquals(0, start.exitValue(), startLog);
        masterUrl = Files.readString(CLUSTER_DIR.resolve("master-url")).strip();
        assertTrue(masterUrl.matches("spark://127\\.0\\.0\\.1:\\d+"), masterUrl);

        t0 = System.nanoTime();
        // 1 GB executors (Spark's default, stated for clarity): a 1024² micrograph needs far less (docs/cluster.md).
        String clu = run(List.of("--master", masterUrl, "--conf", "spark.executor.memory=1g"), clusterOut, WORK.resolve("cluster.log"));
        clusterMs = (System.nanoTime() - t0) / 1_000_000;
        cluster = snapshot(clusterOut);
        System.out.printf("ClusterRunIT: embedded local[2] %.1f s, cluster %s %.1f s%n%s%s", embeddedMs / 1e3, masterUrl, clusterMs / 1e3, emb, clu);
    }

    @AfterAll
    static void stopClusterAfterAll() {
        stopCluster();
        if (stopHook != null) Runtime.getRuntime().removeShutdownHook(stopHook);
    }

    /** Always stops exactly the processes the script recorded (also when a run or an assertion failed). */
    private static synchronized void stopCluster() {
        if (!clusterStarted) return;
        clusterStarted = false;
        try {
            // A stop while start is still launching workers would miss the ones launched after it.
            if (start != null && !start.waitFor(330, TimeUnit.SECONDS)) start.destroyForcibly().waitFor();
            Process p = launch(List.of("bash", "submit/local-cluster", "stop", "--dir", CLUSTER_DIR.toString()), WORK.resolve("cluster-stop.log"));
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not stop the local cluster in " + CLUSTER_DIR, e);
        }
    }

    @Test
    void clusterRunUsedTheClusterAndAtLeastTwoExecutors() throws IOException {
        JsonNode spark = JSON.readTree(cluster.get("summary.json")).get("spark");
        assertEquals(masterUrl, spark.get("master").asText());
        assertTrue(spark.get("app_id").asText().startsWith("app-"), "standalone application id: " + spark);
        assertTrue(spark.get("n_executors").asInt() >= 2, "micrographs picked by fewer than 2 executors: " + spark);
        Set<String> used = new HashSet<>();
        spark.get("executors_used").forEach(e -> used.add(e.asText()));
        assertEquals(spark.get("n_executors").asInt(), used.size());
        assertFalse(used.contains("driver"), "a cluster run picks on executors, not in the driver: " + used);

        JsonNode local = JSON.readTree(embedded.get("summary.json")).get("spark");
        assertEquals("local[2]", local.get("master").asText());
        List<String> localUsed = new ArrayList<>();
        local.get("executors_used").forEach(e -> localUsed.add(e.asText()));
        assertEquals(List.of("driver"), localUsed, "local mode runs tasks in the driver");
    }

    @Test
    void bothRunsPickedAllFiveMicrographs() throws IOException {
        for (Map<String, byte[]> snap : List.of(embedded, cluster)) {
            JsonNode m = JSON.readTree(snap.get("summary.json")).get("micrographs");
            assertEquals(5, m.get("picked").asInt(), m.toString());
            assertEquals(0, m.get("failed").asInt(), m.toString());
            assertEquals(5, m.get("with_boxes").asInt(), m.toString());
            assertTrue(m.get("particles").asLong() > 500, "ribosome micrographs hold hundreds of particles: " + m);
            assertTrue(snap.containsKey("_SUCCESS"));
        }
    }

    @Test
    void clusterOutputsEqualTheEmbeddedOnes() throws IOException {
        // picks.parquet: Spark names its part files afresh on every write; the rows must be the same
        assertEquals(org.segdiampick.testing.PicksTable.rows(embeddedOut.resolve("picks.parquet").toString()),
                org.segdiampick.testing.PicksTable.rows(clusterOut.resolve("picks.parquet").toString()));
        assertEquals(embedded.keySet(), cluster.keySet(), "the same files");
        for (String kind : List.of("boxes/", "coords/", "thumbs/"))
            assertEquals(5, embedded.keySet().stream().filter(k -> k.startsWith(kind)).count(), kind);
        assertTrue(embedded.keySet().stream().noneMatch(k -> k.startsWith("work/")), "no intermediates by default");
        int compared = 0;
        for (String rel : embedded.keySet()) {
            byte[] a = embedded.get(rel), b = cluster.get(rel);
            if (rel.equals("summary.json")) {
                ObjectNode sa = (ObjectNode) JSON.readTree(withoutOut(a, embeddedOut));
                ObjectNode sb = (ObjectNode) JSON.readTree(withoutOut(b, clusterOut));
                for (ObjectNode s : List.of(sa, sb)) s.remove(List.of("spark", "timings"));
                assertEquals(sa, sb, "summary.json apart from spark, timings and the output path");
            } else if (WITH_PATHS.contains(rel)) {
                assertEquals(withoutOut(a, embeddedOut), withoutOut(b, clusterOut), rel + " apart from the output path");
            } else {
                assertArrayEquals(a, b, rel + " differs between the embedded and the cluster run");
            }
            compared++;
        }
        assertTrue(compared >= 5 * 3 + 6, "compared " + compared + " files");
    }

    private static String withoutOut(byte[] content, Path out) {
        return new String(content, StandardCharsets.UTF_8).replace(out.toString(), OUT_TOKEN);
    }

    private static List<Path> micrographs() throws IOException {
        try (Stream<Path> s = Files.list(RIBOSOME)) {
            return s.filter(p -> p.toString().endsWith(".mrc")).sorted().toList();
        }
    }

    /** {@code submit/segdiampick run} on the ribosome set with the launcher's defaults; returns its output. */
    private static String run(List<String> extra, Path out, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "submit/segdiampick", "run", "--mics", RIBOSOME.toString(),
                "--smpd", "5.36", "--out", out.toString()));
        cmd.addAll(extra);
        Process p = launch(cmd, log);
        if (!p.waitFor(900, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(cmd + " did not finish in 900 s:\n" + Files.readString(log));
        }
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), cmd + "\n" + text);
        assertTrue(text.contains("box_in_pix"), text);
        return text.lines().filter(l -> l.startsWith("box_in_pix")).findFirst().orElse("") + "\n";
    }

    private static Process launch(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SEGDIAMPICK_SKIP_BUILD", "1");   // the jar and classpath of this very build
        env.put("SEGDIAMPICK_DRIVER_MEMORY", "2g");
        env.put("SEGDIAMPICK_CONF", ROOT.resolve("conf/segdiampick.properties").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_HOME");                 // Spark from the Maven classpath, as in the README's local try-out
        env.remove("SEGDIAMPICK_MODE");
        return pb.start();
    }

    /** Every output under {@code dir}, relative path → bytes, without Hadoop's hidden .crc companions. */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path f : w.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString();
                if (f.getFileName().toString().startsWith(".")) continue;
                if (rel.startsWith("picks.parquet/")) continue; // compared by rows: Spark names its part files afresh
                // bookkeeping, not outputs: the batch record names OUT's project, checkpoints record task times
                if (rel.startsWith("_BATCH.json") || rel.startsWith("checkpoints/")) continue;
                out.put(rel, Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
