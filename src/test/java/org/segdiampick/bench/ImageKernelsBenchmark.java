package org.segdiampick.bench;

import java.util.Random;

import org.segdiampick.image.BackgroundSubtraction;
import org.segdiampick.image.EdgeAverage;
import org.segdiampick.image.Fft;
import org.segdiampick.image.FourierResample;
import org.segdiampick.image.Icm;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.LowPass;
import org.segdiampick.image.MedianFilter;
import org.segdiampick.image.NegativeDamping;
import org.segdiampick.image.NonLocalMeans;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.image.TvFilter;

/**
 * Single-threaded wall time per image kernel: the cascade on 1024² (the shrunken size of a 4096² micrograph)
 * and 512² (of 2048²), and background subtraction + resample on raw 2048² and 4096² images.
 * Each figure is the best of a few repetitions after one warm-up; the CPU time of the calling thread is the
 * figure that matters on a shared machine (wall time is printed too).
 */
public final class ImageKernelsBenchmark {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    interface Kernel {
        void run(Image2D img);
    }

    private static Image2D noise(int n, double smpd, long seed) {
        Random rnd = new Random(seed);
        Image2D img = new Image2D(n, n, smpd);
        for (int i = 0; i < img.size(); i++) img.data[i] = (float) rnd.nextGaussian();
        return img;
    }

    private static String filter = "";

    private static double time(String name, Image2D input, int reps, Kernel k) {
        if (!name.contains(filter)) return 0;
        k.run(input.copy()); // warm-up
        double best = Double.MAX_VALUE, bestWall = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            Image2D img = input.copy();
            long c0 = THREADS.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            k.run(img);
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - c0) / 1e9);
            bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%-40s %8.3f s cpu %8.3f s wall%n", name, best, bestWall);
        return best;
    }

    /** Optional argument: run only the kernels whose label contains it (e.g. {@code NonLocalMeans}). */
    public static void main(String[] args) {
        if (args.length > 0) filter = args[0];
        for (int n : new int[] {512, 1024}) {
            Image2D img = noise(n, 4.0, n);
            String s = n + "x" + n + " ";
            double total = 0;
            total += time(s + "EdgeAverage", img, 3, EdgeAverage::apply);
            total += time(s + "NegativeDamping", img, 3, i -> NegativeDamping.apply(i, 10f));
            total += time(s + "LowPass 15 A", img, 3, i -> LowPass.apply(i, 15));
            total += time(s + "TvFilter 7", img, 3, i -> TvFilter.apply(i, 7));
            total += time(s + "NonLocalMeans", img, 3, NonLocalMeans::apply);
            total += time(s + "Icm 100", img, 3, i -> Icm.apply(i, 100));
            total += time(s + "MedianFilter 7x7", img, 3, i -> MedianFilter.apply(i, 3));
            total += time(s + "Thumbnail", img, 3, Thumbnail::render);
            System.out.printf("%-40s %8.3f s cpu%n", s + "cascade total", total);
        }
        for (int n : new int[] {2048, 4096}) {
            Image2D raw = noise(n, 1.0, n);
            String s = n + "x" + n + " ";
            double t = time(s + "BackgroundSubtraction", raw, 2, BackgroundSubtraction::apply);
            int m = n / 4;
            t += time(s + "FourierResample -> " + m, raw, 2, i -> FourierResample.resample(i, m, m));
            System.out.printf("%-40s %8.3f s cpu%n", s + "background + resample", t);
        }
        Image2D odd = noise(959, 4.0, 959);
        time("959x959 NonLocalMeans", odd, 2, NonLocalMeans::apply);
        Fft.shutdown();
    }
}
