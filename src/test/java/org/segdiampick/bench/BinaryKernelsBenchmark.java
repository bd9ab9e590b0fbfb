package org.segdiampick.bench;

import java.util.Random;
import java.util.SplittableRandom;
import org.segdiampick.binary.BinaryImage;
import org.segdiampick.binary.Binarizer;
import org.segdiampick.binary.ConnectedComponents;
import org.segdiampick.binary.TestImages;
import org.segdiampick.image.Image2D;
import org.segdiampick.pick.CarbonDetector;
import org.segdiampick.pick.CarbonMask;

/**
 * Single-threaded timings of the binary kernels on a 1024² shrunken micrograph: binarisation (SortMeans
 * on 10⁶ pixels, erosions, hole filling), labelling + diameters with ~10⁴ components, carbon detection.
 * Reports the median of several runs after warm-up.
 */
public final class BinaryKernelsBenchmark {
    private static final int N = 1024;
    private static final int RUNS = 7;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Image2D smooth = TestImages.image(N, N, TestImages.smoothNoise(N, N, 3, 1));
        time("binarize (threshold + 2 erosions + hole filling)", () -> Binarizer.binarize(smooth).count());
        time("  threshold only (SortMeans k=10 on 10^6 px)", () -> (long) Binarizer.threshold(smooth, 0.17));

        BinaryImage dots = manyComponents(new Random(2));
        ConnectedComponents probe = ConnectedComponents.label(dots);
        System.out.printf("components in the labelling image: %d%n", probe.count());
        time("label (8-conn) + all diameters", () -> {
            ConnectedComponents cc = ConnectedComponents.label(dots);
            double[] d = cc.regions(4.0, 4.0).diameters();
            return cc.count() + (long) d[1];
        });
        time("label + diameters + keep (gate 12..500 Å)", () -> {
            ConnectedComponents cc = ConnectedComponents.label(dots);
            double[] d = cc.regions(4.0, 4.0).diameters();
            return cc.keep(l -> d[l] >= 12 && d[l] + 8 <= 500).count();
        });

        Image2D noise = TestImages.image(N, N, TestImages.whiteNoise(N, N, 1, 3));
        Image2D half = TestImages.carbonOnRightHalf(N);
        Image2D smoothMic = TestImages.image(N, N, TestImages.smoothNoise(N, N, 2, 5));
        for (Object[] c : new Object[][] {{"white noise (no carbon)", noise}, {"smooth noise (no carbon)", smoothMic},
                {"textured half (carbon)", half}}) {
            Image2D img = (Image2D) c[1];
            CarbonMask m = CarbonDetector.detect(img, 7);
            time("carbon detect, " + c[0] + String.format(" [found=%s, %.1f%% masked]", m.carbonFound(), 100 * m.carbonFraction()),
                    () -> CarbonDetector.detect(img, 7).carbonFound() ? 1 : 0);
        }
    }

    // ~10⁴ components: discs of radius 0–2 px scattered over the image (overlaps merge into larger blobs).
    private static BinaryImage manyComponents(Random r) {
        BinaryImage b = new BinaryImage(N, N);
        for (int k = 0; k < 16000; k++) {
            int cx = r.nextInt(N), cy = r.nextInt(N), rad = r.nextInt(3);
            for (int y = Math.max(0, cy - rad); y <= Math.min(N - 1, cy + rad); y++)
                for (int x = Math.max(0, cx - rad); x <= Math.min(N - 1, cx + rad); x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) b.set(x, y, 1);
        }
        return b;
    }

    private interface Task {
        long run();
    }

    private static void time(String name, Task task) {
        long sink = 0;
        for (int i = 0; i < 2; i++) sink += task.run(); // warm-up
        long[] t = new long[RUNS], cpu = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            sink += task.run();
            t[i] = System.nanoTime() - t0;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        java.util.Arrays.sort(t);
        java.util.Arrays.sort(cpu);
        // CPU time of this thread is the figure to read on a shared machine; wall time includes waiting.
        System.out.printf("%-72s cpu median %7.1f ms min %7.1f | wall median %7.1f ms (sink %d)%n",
                name, cpu[RUNS / 2] / 1e6, cpu[0] / 1e6, t[RUNS / 2] / 1e6, sink % 10);
    }
}
