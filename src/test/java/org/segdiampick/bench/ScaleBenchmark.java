package org.segdiampick.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.Parameters;
import org.segdiampick.testing.SmallBatch;
import org.segdiampick.cli.Main;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.SegmentationPicker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The job at campaign scale on generated micrographs (256², 2 Å, a few dark discs of 60–110 Å on noise):
 * {@code run} on N/10 and then N micrographs with {@code local[2]} (after a discarded warm-up run), and N again with
 * {@code --keep-intermediates}. Prints, side by side in one JVM: the in-job cost per micrograph (wall time of
 * stages 1–6 × cores / N, and the summed task time / N) against a warm pick of the same micrographs alone on one
 * thread; the heap after a full GC after each run (executors share this JVM in local mode, so it bounds the
 * driver); the sizes of report.html and summary.json; files and bytes per micrograph, default and with
 * intermediates; and the JVM's CPU time during each run per micrograph against a warm pick's CPU time (all threads:
 * tasks, driver, JIT compiler, GC; a figure that other processes' load inflates far less than wall times). Usage: {@code bench/run ScaleBenchmark [N=10000] [master=local[2]] [keep|nokeep]} ({@code nokeep}
 * skips the third run, which writes about 170 KB per micrograph).
 */
public final class ScaleBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int SIZE = SmallBatch.SIZE;
    static final double SMPD = SmallBatch.SMPD;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String master = args.length > 1 ? args[1] : "local[2]";
        int cores = master.matches("local\\[\\d+\\]") ? Integer.parseInt(master.replaceAll("\\D", "")) : Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("segdiampick-scale");
        try {
            Path mics = work.resolve("mics");
            Files.createDirectories(mics);
            List<MicRecord> all = new ArrayList<>();
            Configuration conf = new Configuration();
            for (int i = 0; i < n; i++) {
                Path p = mics.resolve(String.format("gen_%06d.mrc", i));
                MrcWriter.write(SmallBatch.generate(i), p.toString(), conf);
                all.add(MicRecord.of(p.toString(), SMPD));
            }
            System.out.printf("generated %d micrographs %d² at %.1f Å; master %s; max heap %d MB%n", n, SIZE, SMPD, master,
                    Runtime.getRuntime().maxMemory() >> 20);
            double[] warmCpu = new double[1];
            double warm = warmPickSeconds(Math.min(200, n), warmCpu);
            System.out.printf("warm pick alone, one thread: %.1f ms per micrograph (median of %d), %.1f ms CPU (mean)%n", warm * 1e3,
                    Math.min(200, n), warmCpu[0] * 1e3);

            run(work, "warm-up", all.subList(0, Math.min(n, 200)), master, false, cores, warm, warmCpu[0]);
            run(work, "N/10", all.subList(0, Math.max(1, n / 10)), master, false, cores, warm, warmCpu[0]);
            run(work, "N", all, master, false, cores, warm, warmCpu[0]);
            if (args.length < 3 || !args[2].equals("nokeep")) run(work, "N keep", all, master, true, cores, warm, warmCpu[0]);
        } finally {
            Fft.shutdown();
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The median wall time of a warm pick; {@code cpu[0]} gets its mean CPU time (this thread's). */
    private static double warmPickSeconds(int m, double[] cpu) {
        SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, Parameters.DEFAULT_MOLDIAM_MAX);
        for (int i = 0; i < 50; i++) picker.pick(SmallBatch.generate(i), SMPD, "warm" + i);
        double[] t = new double[m];
        long cpuNs = 0;
        for (int i = 0; i < m; i++) {
            Image2D img = SmallBatch.generate(i);
            long t0 = System.nanoTime(), c0 = THREADS.getCurrentThreadCpuTime();
            picker.pick(img, SMPD, String.format("gen_%06d", i));
            t[i] = (System.nanoTime() - t0) / 1e9;
            cpuNs += THREADS.getCurrentThreadCpuTime() - c0;
        }
        cpu[0] = cpuNs / 1e9 / m;
        Arrays.sort(t);
        return t[m / 2];
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the whole JVM so far (every thread: tasks, driver, JIT, GC), seconds. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static void run(Path work, String label, List<MicRecord> recs, String master, boolean keep, int cores, double warm,
                            double warmCpu) throws Exception {
        String tag = label.replaceAll("[^A-Za-z0-9]", "");
        Path project = work.resolve(tag + ".jsonl"), out = work.resolve("out-" + tag);
        ProjectStore.write(project.toString(), recs, new Configuration());
        List<String> a = new ArrayList<>(List.of("run", "--project", project.toString(), "--out", out.toString(), "--master", master));
        if (keep) a.add("--keep-intermediates");
        long t0 = System.nanoTime();
        double cpu0 = processCpuSeconds();
        int code = Main.commandLine().execute(a.toArray(String[]::new));
        double wall = (System.nanoTime() - t0) / 1e9, cpu = processCpuSeconds() - cpu0;
        SparkSession.active().stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        if (code != 0) throw new IllegalStateException(label + ": exit code " + code);
        double heap = heapAfterGc();
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode t = s.get("timings");
        int n = recs.size();
        double job = t.get("total_s").asDouble();
        long[] fb = filesAndBytes(out);
        System.out.printf("%-8s n=%-6d wall %.1f s (session start included), stages 1-6 %.1f s [pick %.1f, estimate %.2f, repick %.1f, write %.1f]%n",
                label, n, wall, job, t.get("pick_s").asDouble(), t.get("estimate_s").asDouble(), t.get("repick_s").asDouble(), t.get("write_s").asDouble());
        System.out.printf("         in-job per micrograph: %.1f ms x %d cores = %.2fx a warm pick; task time per micrograph %.1f ms = %.2fx%n",
                job / n * 1e3 * cores, cores, job / n * cores / warm, t.get("pick_tasks_s").asDouble() / n * 1e3,
                t.get("pick_tasks_s").asDouble() / n / warm);
        // CPU time does not grow with other processes' load as wall time does (session start included)
        System.out.printf("         JVM CPU time of the run per micrograph: %.1f ms = %.2fx a warm pick's CPU time%n",
                cpu / n * 1e3, cpu / n / warmCpu);
        System.out.printf("         heap after full GC %.1f MB; report.html %d B, summary.json %d B; %.2f files and %.0f bytes per micrograph (%d files, %d B)%n",
                heap, Files.size(out.resolve("report.html")), Files.size(out.resolve("summary.json")),
                fb[0] / (double) n, fb[1] / (double) n, fb[0], fb[1]);
    }

    /** Files and bytes under OUT, the project (our input) excluded. */
    private static long[] filesAndBytes(Path out) throws IOException {
        long files = 0, bytes = 0;
        try (Stream<Path> w = Files.walk(out)) {
            for (Path p : w.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().startsWith("project.jsonl")) continue;
                files++;
                bytes += Files.size(p);
            }
        }
        return new long[]{files, bytes};
    }

    private static double heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private ScaleBenchmark() {
    }
}
