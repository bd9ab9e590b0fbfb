package org.segdiampick.bench;

import org.segdiampick.estimate.Clustering;
import org.segdiampick.estimate.Estimate;
import org.segdiampick.estimate.EstimateReport;

import java.util.SplittableRandom;

/**
 * Wall time of {@link Estimate#run} (policy stages 2–5) on 10^6 and 10^7 synthetic pick-time diameters,
 * single thread, both clustering backends. Diameters are pixel-quantised like real ones
 * (2·sqrt(k)·4 Å): a main population, a smaller second one, small debris and large outliers; seeded.
 * Run with {@code bench/run EstimateBenchmark [n ...]}.
 */
public final class EstimateBenchmark {

    private EstimateBenchmark() {
    }

    static double[] synthetic(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            double radiusPx; // shrunken pixels of 4 Å
            if (u < 0.70) radiusPx = 16 + 1.5 * gauss(rnd);      // ~ 136 Å particles
            else if (u < 0.85) radiusPx = 9 + 1.0 * gauss(rnd);  // ~ 80 Å second population
            else if (u < 0.97) radiusPx = 2 + 3 * rnd.nextDouble(); // debris
            else radiusPx = 25 + 30 * rnd.nextDouble();          // aggregates, contamination
            long k = Math.max(1, Math.round(radiusPx * radiusPx)); // squared pixel distance is an integer
            d[i] = 2 * Math.sqrt(k) * 4.0;
        }
        return d;
    }

    private static double gauss(SplittableRandom rnd) {
        double s = 0;
        for (int j = 0; j < 12; j++) s += rnd.nextDouble();
        return s - 6;
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000_000, 10_000_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        // warm-up so the JIT has compiled the kernels before timing
        for (Clustering c : Clustering.values()) Estimate.run(synthetic(200_000, 1), 1.0, c);
        // thread CPU time next to wall time: on a shared machine wall time mostly measures the contention
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf("%-12s %-8s %10s %8s %8s %8s %10s %10s%n", "diameters", "cluster", "seconds", "cpu_s", "box", "clusters", "accepted", "mskdiam");
        for (int n : sizes) {
            double[] d = synthetic(n, 42);
            for (Clustering c : Clustering.values()) {
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                EstimateReport r = Estimate.run(d, 1.0, c);
                double s = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                System.out.printf("%-12d %-8s %10.2f %8.2f %8d %8d %10d %10.2f%n", n, c.id(), s, cpu, r.decision().boxInPix(),
                    r.clusters().size(), r.nAccepted(), r.decision().mskdiam());
            }
        }
    }
}
