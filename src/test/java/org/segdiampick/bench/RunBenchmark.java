package org.segdiampick.bench;

import org.segdiampick.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.cli.Main;
import org.segdiampick.image.Fft;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code run} on 8 real micrographs with {@code local[1]} and then {@code local[2]} (a fresh SparkSession each,
 * one after the other in this JVM, after one discarded warm-up run), per batch: 8 apoferritin (1240 × 1200,
 * 1.5 Å: the 3 files and 5 copies under other names) and 8 ribosome (1024², 5.36 Å, up-sampled to the 4 Å grid:
 * the 5 files and 3 copies). A project holds one pixel size, so the two specimens are two batches.
 * Prints the stage times of summary.json {@code timings}, the speed-up local[1]/local[2] and the driver's heap
 * after a full GC (executors run inside this JVM in local mode, so this is an upper bound for the driver).
 * Usage: {@code bench/run RunBenchmark [apo|ribo|both]} (default apo: a ribosome micrograph costs ~10× an
 * apoferritin one, its 4 Å grid being 1372² instead of 465 × 450).
 */
public final class RunBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "apo";
        Path shared = SharedData.root();
        Path work = Files.createTempDirectory("segdiampick-runbench");
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.out.printf("cores %d, max heap %d MB, heap after GC at start %.1f MB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, heapAfterGc(mem));
        try {
            List<String[]> rows = new ArrayList<>();
            if (!which.equals("ribo")) rows.addAll(batch("apoferritin", shared.resolve("data/micrographs/empiar10146_apoferritin"), 1.5, work, mem));
            if (!which.equals("apo")) rows.addAll(batch("ribosome", shared.resolve("data/micrographs/empiar10028_80S_ribosome"), 5.36, work, mem));
            System.out.println();
            System.out.printf("%-12s %-9s %8s %8s %8s %8s %8s %10s %8s%n", "batch", "master", "pick_s", "estim_s", "repick_s",
                    "write_s", "total_s", "particles", "heap_MB");
            for (String[] r : rows) System.out.printf("%-12s %-9s %8s %8s %8s %8s %8s %10s %8s%n", (Object[]) r);
        } finally {
            Fft.shutdown();
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String[]> batch(String label, Path dir, double smpd, Path work, MemoryMXBean mem) throws Exception {
        List<Path> originals;
        try (Stream<Path> s = Files.list(dir)) {
            originals = s.filter(p -> p.toString().endsWith(".mrc")).sorted().toList();
        }
        Path mics = work.resolve(label + "-mics");
        Files.createDirectories(mics);
        List<MicRecord> recs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path src = originals.get(i % originals.size());
            String name = i < originals.size() ? src.getFileName().toString()
                    : src.getFileName().toString().replace(".mrc", "_copy" + (i / originals.size()) + ".mrc");
            Path dst = mics.resolve(name);
            Files.copy(src, dst);
            recs.add(MicRecord.of(dst.toString(), smpd));
        }
        Path project = work.resolve(label + ".jsonl");
        List<String[]> rows = new ArrayList<>();
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String master : List.of("warm-up", "local[1]", "local[2]")) {
            ProjectStore.write(project.toString(), recs, new Configuration());
            Path out = work.resolve(label + "-" + master.replaceAll("[^a-z0-9]", ""));
            String m = master.equals("warm-up") ? "local[2]" : master;
            long t0 = System.nanoTime(), c0 = cpuNanos();
            int code = Main.commandLine().execute("run", "--project", project.toString(), "--out", out.toString(), "--master", m);
            double wall = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - c0) / 1e9;
            SparkSession.active().stop();
            SparkSession.clearActiveSession();
            SparkSession.clearDefaultSession();
            if (code != 0) throw new IllegalStateException(label + " " + master + ": exit code " + code);
            JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
            JsonNode t = s.get("timings");
            double heap = heapAfterGc(mem);
            System.out.printf("%s %s: wall %.1f s (with session start), process CPU %.1f s = %.2f cores busy, "
                            + "micrographs picked at once %.2f, box %d px, %d particles%n",
                    label, master, wall, cpu, cpu / wall, t.get("pick_tasks_s").asDouble() / t.get("pick_s").asDouble(), s.get("box_in_pix").asInt(), s.get("micrographs").get("particles").asLong());
            if (master.equals("warm-up")) continue;
            totals.put(master, t.get("total_s").asDouble());
            rows.add(new String[]{label, master, f(t, "pick_s"), f(t, "estimate_s"), f(t, "repick_s"), f(t, "write_s"),
                    f(t, "total_s"), s.get("micrographs").get("particles").asText(), String.format("%.1f", heap)});
        }
        System.out.printf("%s: speed-up local[1] -> local[2] = %.2fx (job time, session start excluded)%n", label,
                totals.get("local[1]") / totals.get("local[2]"));
        return rows;
    }

    private static String f(JsonNode t, String k) {
        return String.format("%.2f", t.get(k).asDouble());
    }

    /** CPU time of this JVM: on a shared machine it shows how many cores the run really got. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double heapAfterGc(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) System.gc();
        return mem.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private RunBenchmark() {
    }
}
