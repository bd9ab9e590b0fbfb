package org.segdiampick.bench;

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
        String shared = System.getProperty("segdiampick.shared", "../shared");
        Image2D syn = MrcReader.read2D(shared + "/data/oracle-simple-14f07d941/synthetic-inputs/syn_mic01.mrc", new Configuration(), 1.25);
        Image2D big = synthetic(4096, 4096, 1.0, 42);
        SegmentationPicker picker = new SegmentationPicker(Contrast.BLACK, 500);
        System.out.println("micrograph            size        run   total_s  " + String.join("  ", stageNames()));
        for (int r = 0; r < repeats; r++) {
            report("syn_mic01.mrc", syn, 1.25, picker, r);
            report("generated 4096²", big, 1.0, picker, r);
        }
        Fft.shutdown();
    }

    private static String[] stageNames() {
        return new String[]{"background", "resample", "carbon", "cascade", "nlmeans", "icm", "median", "binarise", "components"};
    }

    private static void report(String name, Image2D img, double smpd, SegmentationPicker picker, int run) {
        Map<String, Long> starts = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        PickResult r = picker.pick(img, smpd, name, stage -> starts.put(stage, System.nanoTime()));
        long t1 = System.nanoTime();
        StringBuilder sb = new StringBuilder(String.format("%-20s  %4dx%-4d  %3d  %7.3f ", name, img.nx, img.ny, run, (t1 - t0) / 1e9));
        String[] names = stageNames();
        for (int i = 0; i < names.length; i++) {
            Long a = starts.get(names[i]);
            Long b = i + 1 < names.length ? starts.get(names[i + 1]) : starts.get("done");
            sb.append(String.format("  %" + names[i].length() + ".3f", a == null || b == null ? Double.NaN : (b - a) / 1e9));
        }
        sb.append(String.format("   (%d particles, carbon %.1f%%)", r.picks().size(), 100 * r.carbonFraction()));
        System.out.println(sb);
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
