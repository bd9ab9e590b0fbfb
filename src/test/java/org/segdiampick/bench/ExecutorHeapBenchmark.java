package org.segdiampick.bench;

import org.segdiampick.testing.SharedData;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcHeader;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.job.MicTask;
import org.segdiampick.job.OutputLayout;
import org.segdiampick.job.Pass1Outcome;
import org.segdiampick.job.Pass2Outcome;
import org.segdiampick.job.PickSettings;
import org.segdiampick.job.PickStage;
import org.segdiampick.job.RepickStage;
import org.segdiampick.pick.Contrast;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap one Spark task needs for one micrograph (docs/cluster.md, executor memory sizing): pass 1
 * ({@link PickStage}) and pass 2 ({@link RepickStage}) of one micrograph, exactly as an executor thread runs them,
 * in a child JVM per heap size. Reported per micrograph size:
 * <ul>
 *   <li>min -Xmx: the smallest heap (64 MB steps, G1 as on executors) with which the child completes — the figure
 *       that sizes {@code spark.executor.memory};</li>
 *   <li>live peak: the largest heap occupancy right after a GC in a generous heap (a lower bound of the live set);</li>
 *   <li>pool peak: the largest heap occupancy seen at all in that heap (includes garbage awaiting collection).</li>
 * </ul>
 * Usage: {@code bench/run ExecutorHeapBenchmark} (about 12 minutes on 2 busy cores).
 */
public final class ExecutorHeapBenchmark {
    private static final int STEP_MB = 64;

    record Case(String name, Path mrc, double smpd) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("child")) {
            child(Path.of(args[1]), Double.parseDouble(args[2]));
            return;
        }
        String shared = SharedData.root().toString();
        Path tmp = Files.createTempDirectory("heap-bench");
        List<Case> cases = new ArrayList<>();
        // Largest first: the sizes that decide the executor memory.
        cases.add(generated(tmp, 4096, 4096, 1.0));
        cases.add(new Case("syn_mic01 2048² @1.25 Å", Path.of(shared, "data/oracle-simple-14f07d941/synthetic-inputs/syn_mic01.mrc"), 1.25));
        cases.add(new Case("apoferritin 1240×1200 @1.5 Å", Path.of(shared, "data/micrographs/empiar10146_apoferritin/May08_03.13.02.bin_avg.mrc"), 1.5));
        cases.add(new Case("ribosome 1024² @5.36 Å (→1372²)", Path.of(shared, "data/micrographs/empiar10028_80S_ribosome/311_10028.mrc"), 5.36));
        cases.add(generated(tmp, 5760, 4092, 0.83));
        System.out.printf("%-34s %8s %10s %10s %8s%n", "micrograph", "MB", "min -Xmx", "live peak", "pool peak");
        for (Case c : cases) {
            long fileMb = Files.size(c.mrc()) >> 20;
            Child generous = runChild(c, 6144);
            System.out.println("  " + c.name() + " with 6 GB: " + generous.output().lines().filter(l -> l.startsWith("OK ")).findFirst().orElse("?"));
            if (!generous.ok()) throw new IllegalStateException(c.name() + " failed with 6 GB:\n" + generous.output());
            // The peak occupancy of the generous run bounds the need from above (if it fails there, widen): fewer
            // child runs than searching 0..6 GB.
            int hi = (int) Math.ceil(Double.parseDouble(generous.value("pool")) / STEP_MB) + 1;
            while (!runChild(c, hi * STEP_MB).ok()) hi *= 2;
            int lo = 0;   // invariant: hi works, lo does not (0 MB is no heap)
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                if (runChild(c, mid * STEP_MB).ok()) hi = mid;
                else lo = mid;
            }
            System.out.printf("%-34s %8d %8d MB %7s MB %6s MB%n", c.name(), fileMb, hi * STEP_MB, generous.value("live"), generous.value("pool"));
        }
    }

    private static Case generated(Path dir, int nx, int ny, double smpd) throws Exception {
        Path f = dir.resolve("gen_" + nx + "x" + ny + ".mrc");
        Image2D img = PickerBenchmark.synthetic(nx, ny, smpd, nx * 31L + ny);
        MrcWriter.write(img, f.toString(), new Configuration(), MrcHeader.Mode.FLOAT32);
        return new Case("generated " + nx + "×" + ny + " @" + smpd + " Å", f, smpd);
    }

    record Child(boolean ok, String output) {
        String value(String key) {
            for (String w : output.split("\\s+")) if (w.startsWith(key + "=")) return w.substring(key.length() + 1);
            return "?";
        }
    }

    private static Child runChild(Case c, int xmxMb) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = File.createTempFile("heap-child", ".log");
        try {
            Process p = new ProcessBuilder(java, "-Xmx" + xmxMb + "m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    "-Dlog4j2.level=ERROR", ExecutorHeapBenchmark.class.getName(), "child", c.mrc().toString(), Double.toString(c.smpd()))
                    .redirectErrorStream(true).redirectOutput(log).start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                return new Child(false, "timeout");
            }
            String out = Files.readString(log.toPath());
            return new Child(p.exitValue() == 0 && out.contains("OK "), out);
        } finally {
            log.delete();
        }
    }

    /** One micrograph through pass 1 and pass 2 in this JVM; prints the heap figures in MB. */
    private static void child(Path mrc, double smpd) throws Exception {
        AtomicLong liveMax = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                liveMax.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        Path out = Files.createTempDirectory("heap-child-out");
        Configuration conf = new Configuration();
        OutputLayout layout = new OutputLayout(out.toString());
        MicTask task = new MicTask(0, mrc.toString(), smpd, OutputLayout.baseName(mrc.toString()), null, null, null, null);
        Pass1Outcome p1 = new PickStage(new PickSettings(Contrast.BLACK, 500, layout, PickSettings.Pass1Writes.THUMBNAIL_AND_INTERMEDIATES, true)).process(task, conf, "bench");
        if (p1.failed() || p1.diameters().length == 0) throw new IllegalStateException("pass 1: " + p1);
        Decision d = Estimate.run(p1.diameters(), smpd, Clustering.KMEANS).decision();
        Pass2Outcome p2 = new RepickStage(d, layout).process(task, p1, conf);
        if (p2.error() != null) throw new IllegalStateException("pass 2: " + p2.error());
        long pool = 0;
        for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans())
            if (m.getType() == MemoryType.HEAP) pool += m.getPeakUsage().getUsed();
        System.out.printf("OK live=%d pool=%d particles=%d%n", liveMax.get() >> 20, pool >> 20, p1.diameters().length);
    }
}
