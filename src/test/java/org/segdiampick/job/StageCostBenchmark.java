package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.Parameters;
import org.segdiampick.estimate.Decision;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;
import org.segdiampick.io.MrcWriter;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.SegmentationPicker;
import org.segdiampick.testing.SmallBatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the job does per micrograph beyond the pick, without Spark, on one thread: for N generated 256² micrographs
 * (ScaleBenchmark's), a warm pick of the image in memory alone; stage 1 as an executor runs it ({@link PickStage}:
 * MRC read, pick, thumbnail render, JPEG, write) plus its checkpoint ({@link Checkpoints#record}); stage 6
 * ({@link RepickStage}: box and coordinate files). Per micrograph: wall time, this thread's CPU time, and the CPU
 * of child processes the JVM started and reaped meanwhile (Hadoop's local file system runs {@code chmod} and
 * {@code ls} as processes without its native library), from /proc/self/stat. CPU times do not grow with the
 * machine's load as wall times do. Usage: {@code bench/run org.segdiampick.job.StageCostBenchmark [N=300]}.
 */
public final class StageCostBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path work = Files.createTempDirectory("segdiampick-stagecost");
        Configuration conf = new Configuration();
        try {
            List<MicTask> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path p = work.resolve(String.format("mics/gen_%06d.mrc", i));
                Files.createDirectories(p.getParent());
                MrcWriter.write(SmallBatch.generate(i), p.toString(), conf);
                tasks.add(new MicTask(i, p.toString(), SmallBatch.SMPD, String.format("gen_%06d", i), null, null, null, null));
            }
            SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, Parameters.DEFAULT_MOLDIAM_MAX);
            Decision decision = new Decision(160, 240, 50, 200, SmallBatch.SMPD);
            for (int round = 0; round < 2; round++) {
                String label = round == 0 ? " (warm-up)" : "";
                OutputLayout layout = new OutputLayout(work.resolve("out" + round).toString());
                PickSettings settings = new PickSettings(Contrast.BLACK, Parameters.DEFAULT_MOLDIAM_MAX, layout,
                        PickSettings.Pass1Writes.THUMBNAIL, false);
                PickStage stage = new PickStage(settings);
                Checkpoints checkpoints = Checkpoints.of(settings);
                RepickStage repick = new RepickStage(decision, layout);

                long[] t = start();
                for (MicTask task : tasks) {
                    Image2D img = MrcReader.read(task.intg(), conf, MrcReader.Options.pixelSize(task.smpd())).image();
                    long w0 = System.nanoTime(), c0 = THREADS.getCurrentThreadCpuTime();
                    picker.pick(img, task.smpd(), task.name());
                    t[3] += System.nanoTime() - w0;
                    t[4] += THREADS.getCurrentThreadCpuTime() - c0;
                }
                // the pick alone: its own wall and CPU time, the MRC reads before it excluded
                print("pick alone (image in memory)" + label, new long[]{0, 0, 0}, t[3], t[4], 0, n);
                List<Pass1Outcome> picked = new ArrayList<>();
                t = start();
                for (MicTask task : tasks) {
                    Pass1Outcome o = stage.process(task, conf, "bench");
                    checkpoints.record(task, o, conf);
                    picked.add(o);
                }
                print("stage 1: read + pick + thumbnail + checkpoint" + label, t, n);
                t = start();
                for (int i = 0; i < n; i++) repick.process(tasks.get(i), picked.get(i), conf);
                print("stage 6: box + coordinate file" + label, t, n);
            }
        } finally {
            Fft.shutdown();
            try (Stream<Path> w = Files.walk(work)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {wall ns, thread CPU ns, children's CPU ticks, spare, spare}. */
    private static long[] start() throws Exception {
        return new long[]{System.nanoTime(), THREADS.getCurrentThreadCpuTime(), childTicks(), 0, 0};
    }

    private static void print(String what, long[] t, int n) throws Exception {
        print(what, t, System.nanoTime() - t[0], THREADS.getCurrentThreadCpuTime() - t[1], childTicks() - t[2], n);
    }

    private static void print(String what, long[] t, long wallNs, long cpuNs, long ticks, int n) {
        // /proc clock ticks are 1/100 s on Linux
        System.out.printf("%-58s %.2f ms wall, %.2f ms CPU of the thread, %.2f ms CPU of child processes per micrograph%n",
                what, wallNs / 1e6 / n, cpuNs / 1e6 / n, ticks * 10.0 / n);
    }

    /** cutime + cstime of /proc/self/stat (fields 16 and 17): CPU of reaped child processes, in clock ticks. */
    private static long childTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): field k is f[k - 3]
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private StageCostBenchmark() {
    }
}
