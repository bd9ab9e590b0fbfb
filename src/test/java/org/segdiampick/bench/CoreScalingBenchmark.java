package org.segdiampick.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.segdiampick.cli.Main;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.io.ProjectStore;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * local[1] → local[2] in-job speed-up on 16 generated 2048² micrographs (1 Å, dark discs of 80–160 Å), after a
 * discarded warm-up run, in one JVM: stage times, the mean task time per micrograph (its growth from local[1] to
 * local[2] is what one JVM shares between two tasks), and the GC time and count during each run, to tell
 * allocation/GC pressure from other shared costs; and the JVM's CPU time per run with the JIT compiler threads' share
 * (with local[2] they compete with the two tasks for the two cores). Run it with different collectors to compare, e.g.
 * {@code java -XX:+UseParallelGC ...}. Usage: {@code bench/run CoreScalingBenchmark [micrographs=16] [size=2048]}.
 */
public final class CoreScalingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        Path work = Files.createTempDirectory("segdiampick-cores");
        try {
            List<MicRecord> recs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path p = work.resolve(String.format("big_%03d.mrc", i));
                MrcWriter.write(generate(i, size), p.toString(), new Configuration());
                recs.add(MicRecord.of(p.toString(), 1.0));
            }
            System.out.printf("%d micrographs %d²; GC %s%n", n, size,
                    ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
            double[] total = new double[3];
            int k = 0;
            for (String master : List.of("local[2]", "local[1]", "local[2]")) {
                Path project = work.resolve("p" + k + ".jsonl"), out = work.resolve("out" + k);
                ProjectStore.write(project.toString(), recs, new Configuration());
                long gc0 = gcMillis(), gcn0 = gcCount();
                double cpu0 = processCpuSeconds(), jit0 = compilerCpuSeconds();
                int code = Main.commandLine().execute("run", "--project", project.toString(), "--out", out.toString(), "--master", master);
                long gc = gcMillis() - gc0, gcn = gcCount() - gcn0;
                double cpu = processCpuSeconds() - cpu0, jit = compilerCpuSeconds() - jit0;
                SparkSession.active().stop();
                SparkSession.clearActiveSession();
                SparkSession.clearDefaultSession();
                if (code != 0) throw new IllegalStateException(master + ": exit code " + code);
                JsonNode t = JSON.readTree(out.resolve("summary.json").toFile()).get("timings");
                total[k] = t.get("total_s").asDouble();
                System.out.printf("%s%s: total %.1f s, pick %.1f s, repick %.1f s, mean task %.2f s per micrograph, GC %d ms in %d collections%n",
                        master, k == 0 ? " (warm-up)" : "", total[k], t.get("pick_s").asDouble(), t.get("repick_s").asDouble(),
                        t.get("pick_tasks_s").asDouble() / n, gc, gcn);
                System.out.printf("    JVM CPU time %.1f s, of which JIT compiler threads %.1f s%n", cpu, jit);
                k++;
            }
            System.out.printf("speed-up local[1] -> local[2]: %.2fx%n", total[1] / total[2]);
        } finally {
            Fft.shutdown();
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Image2D generate(int i, int size) {
        Random r = new Random(5000L + i);
        float[] d = new float[size * size];
        for (int k = 0; k < d.length; k++) d[k] = (float) r.nextGaussian();
        for (int k = 0; k < 60; k++) {
            double rad = 40 + r.nextInt(41), cx = rad + r.nextDouble() * (size - 2 * rad), cy = rad + r.nextDouble() * (size - 2 * rad);
            for (int y = (int) (cy - rad); y <= cy + rad; y++)
                for (int x = (int) (cx - rad); x <= cx + rad; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) d[y * size + x] -= 2.5f;
        }
        return new Image2D(size, size, 1.0, 1.0, d);
    }

    /** CPU time of the whole JVM so far, seconds. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU time so far of the JIT compiler threads alive now ("C1/C2 CompilerThread", from /proc/self/task: they are
     * hidden from the ThreadMXBean), seconds; 0 where /proc is not Linux's. A compiler thread that ended takes its
     * time with it, so this is a lower bound.
     */
    private static double compilerCpuSeconds() {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    if (!comm.matches("C[12] CompilerThre.*")) continue;
                    String st = Files.readString(t.resolve("stat"));
                    String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return ticks / 100.0; // clock ticks of 1/100 s
    }

    private static long gcMillis() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += Math.max(0, b.getCollectionTime());
        return s;
    }

    private static long gcCount() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += Math.max(0, b.getCollectionCount());
        return s;
    }

    private CoreScalingBenchmark() {
    }
}
