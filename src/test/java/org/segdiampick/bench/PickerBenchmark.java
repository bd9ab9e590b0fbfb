package org.segdiampick.bench;

import org.segdiampick.testing.SharedData;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.io.MrcReader;
import org.segdiampick.pick.Contrast;
import org.segdiampick.pick.PickResult;
import org.segdiampick.pick.SegmentationPicker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pass 1 of the picker, single-threaded, with a per-stage breakdown (issue: "several times faster per core than
 * SIMPLE"). Inputs: the shared synthetic {@code syn_mic01.mrc} (2048², 1.25 Å; SIMPLE 5.7–7.9 s on one thread)
 * and a generated 4096² float32 micrograph at 1 Å/px. Usage: {@code bench/run PickerBenchmark [repeats]}.
 */
public final class PickerBenchmark {

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String shared = SharedData.root().toString();
        Image2D syn = MrcReader.read(shared + "/data/oracle-simple-14f07d941/synthetic-inputs/syn_mic01.mrc", new Configuration(), MrcReader.Options.pixelSize(1.25)).image();
        Image2D big = synthetic(4096, 4096, 1.0, 42);
        SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, 500);
        System.out.println("micrograph            size        run   cpu_s   wall_s  " + String.join("  ", stageNames()));
        Map<String, java.util.List<double[]>> warm = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            double[] a = report("syn_mic01.mrc", syn, 1.25, picker, r);
            double[] b = report("generated 4096²", big, 1.0, picker, r);
            if (r == 0) continue; // the first run includes JIT compilation: an executor's first micrograph only
            warm.computeIfAbsent("syn_mic01.mrc (target ≤ 1.2 s)", k -> new java.util.ArrayList<>()).add(a);
            warm.computeIfAbsent("generated 4096² (target ≤ 4 s)", k -> new java.util.ArrayList<>()).add(b);
        }
        System.out.println();
        warm.forEach((name, runs) -> System.out.printf("%-32s warm runs: cpu median %.3f s (best %.3f), wall median %.3f s (best %.3f)%n",
                name, median(runs, 0), best(runs, 0), median(runs, 1), best(runs, 1)));
        Fft.shutdown();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static String[] stageNames() {
        return new String[]{"background", "resample", "carbon", "cascade", "nlmeans", "icm", "median", "binarise", "components"};
    }

    /**
     * One pass 1, timed by the CPU time of the picking thread (the per-core cost, insensitive to other processes
     * on a shared machine), per stage; the wall time of the whole pick is printed too (it includes GC pauses).
     */
    private static double median(java.util.List<double[]> runs, int col) {
        double[] v = runs.stream().mapToDouble(x -> x[col]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double best(java.util.List<double[]> runs, int col) {
        return runs.stream().mapToDouble(x -> x[col]).min().orElse(Double.NaN);
    }

    /** Returns {cpu seconds, wall seconds}. */
    private static double[] report(String name, Image2D img, double smpd, SegmentationPicker picker, int run) {
        Map<String, Long> starts = new LinkedHashMap<>();
        long w0 = System.nanoTime(), t0 = cpu();
        PickResult r = picker.pick(img, smpd, name, stage -> starts.put(stage, cpu()));
        long t1 = cpu(), w1 = System.nanoTime();
        StringBuilder sb = new StringBuilder(String.format("%-20s  %4dx%-4d  %3d  %7.3f  %6.3f ", name, img.nx, img.ny, run,
                (t1 - t0) / 1e9, (w1 - w0) / 1e9));
        String[] names = stageNames();
        for (int i = 0; i < names.length; i++) {
            Long a = starts.get(names[i]);
            Long b = i + 1 < names.length ? starts.get(names[i + 1]) : starts.get("done");
            sb.append(String.format("  %" + names[i].length() + ".3f", a == null || b == null ? Double.NaN : (b - a) / 1e9));
        }
        sb.append(String.format("   (%d particles, carbon %.1f%%)", r.picks().size(), 100 * r.carbonFraction()));
        System.out.println(sb);
        return new double[] {(t1 - t0) / 1e9, (w1 - w0) / 1e9};
    }

    /** Dark discs of 150 Å on a noisy, slowly varying background: a stand-in for a 4096² micrograph. */
    static Image2D synthetic(int nx, int ny, double smpd, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                d[y * nx + x] = (float) (rnd.nextGaussian() + 0.3 * Math.sin(x / 700.0) * Math.cos(y / 900.0));
        double r = 75 / smpd;
        for (int k = 0; k < 400; k++) {
            double cx = r + rnd.nextDouble() * (nx - 2 * r), cy = r + rnd.nextDouble() * (ny - 2 * r);
            for (int y = (int) (cy - r); y <= (int) (cy + r); y++)
                for (int x = (int) (cx - r); x <= (int) (cx + r); x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) d[y * nx + x] -= 0.6f;
        }
        return new Image2D(nx, ny, smpd, smpd, d);
    }
}
