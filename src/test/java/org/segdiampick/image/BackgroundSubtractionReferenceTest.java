package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link BackgroundSubtraction} (pruned-spectrum row/column FFTs) against straightforward computations of §4.3
 * in double precision from the same float weights: a full 2-D DFT over every bin of the canvas (tiny images)
 * and a direct real-space periodic convolution with the kernel of every bin (larger, odd and anisotropic
 * images). Agreement is required to float rounding.
 */
class BackgroundSubtractionReferenceTest {

    /** Tolerance relative to the largest |pixel|: a few float ulps amplified by the FFT depth. */
    private static final double REL_TOL = 2e-6;

    @Test
    void tinyImagesMatchAFull2dDft() {
        // smpd 30 Å: some x bins have a zero float weight; 300 Å: none do (Nyquist bin kept); anisotropic.
        check(37, 21, 30, 30, 1, true);
        check(37, 21, 300, 300, 2, true);
        check(21, 37, 12, 45, 3, true);
        check(1, 1, 5, 5, 4, true);
        check(2, 3, 5, 7, 5, true);
        check(40, 1, 2, 2, 6, true);
    }

    @Test
    void oddAndAnisotropicImagesMatchADirectConvolution() {
        check(959, 927, 1.5, 1.5, 7, false);
        check(256, 301, 1.25, 2.0, 8, false);
        check(300, 129, 4.0, 0.9, 9, false);
    }

    @Test
    void micrographSizeMatchesADirectConvolution() {
        check(2048, 64, 1.25, 1.25, 10, false); // the x axis of syn_mic01: P = 3072, H = 49
    }

    @Test
    void weightCutIsWhereTheFloatWeightUnderflows() {
        BackgroundSubtraction.Axis a = new BackgroundSubtraction.Axis(2048, 1.25, 400);
        assertEquals(3072, a.p);
        assertTrue(a.weight[a.lastNonZero] != 0f && a.weight[a.lastNonZero + 1] == 0f);
        assertTrue(a.lastNonZero >= 45 && a.lastNonZero <= 55, "H = " + a.lastNonZero);
        for (int k = a.lastNonZero + 1; k < a.p - a.lastNonZero; k++) assertEquals(0f, a.weight[k]);
    }

    @Test
    void sameBitsEveryRun() {
        Image2D a = random(301, 257, 1.3, 1.7, 11);
        Image2D b = a.copy();
        BackgroundSubtraction.apply(a);
        BackgroundSubtraction.apply(b);
        assertTrue(java.util.Arrays.equals(a.data, b.data));
    }

    private static Image2D random(int nx, int ny, double sx, double sy, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                d[y * nx + x] = (float) (100 + 20 * Math.sin(x / 37.0 + y / 53.0) + 10 * r.nextGaussian());
        return new Image2D(nx, ny, sx, sy, d);
    }

    private static void check(int nx, int ny, double sx, double sy, long seed, boolean full2d) {
        Image2D img = random(nx, ny, sx, sy, seed);
        float[] in = img.data.clone();
        BackgroundSubtraction.apply(img);
        BackgroundSubtraction.Axis ax = new BackgroundSubtraction.Axis(nx, sx, 400);
        BackgroundSubtraction.Axis ay = new BackgroundSubtraction.Axis(ny, sy, 400);
        double[] conv = full2d ? dft2d(in, nx, ny, ax, ay) : direct(in, nx, ny, ax, ay);
        float[] c1x = ax.supportProfile(), c1y = ay.supportProfile(); // the unchanged 1-D profiles of C_1
        double maxAbs = 0, maxErr = 0;
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                float c1 = c1x[x] * c1y[y];
                double expect = c1 > 1e-10 ? in[i] - conv[i] / c1 : in[i];
                maxAbs = Math.max(maxAbs, Math.abs(in[i]));
                maxErr = Math.max(maxErr, Math.abs(img.data[i] - expect));
            }
        assertTrue(maxErr <= REL_TOL * maxAbs, nx + "x" + ny + ": max error " + maxErr + " vs max |f| " + maxAbs);
    }

    /** Periodic convolution on the canvas by the definition: Re IDFT2(w_x(h)·w_y(k)·DFT2(canvas)), all bins. */
    private static double[] dft2d(float[] f, int nx, int ny, BackgroundSubtraction.Axis ax, BackgroundSubtraction.Axis ay) {
        int p1 = ax.p, p2 = ay.p;
        double[] canvas = new double[p1 * p2];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) canvas[(y + ay.offset) * p1 + x + ax.offset] = f[y * nx + x];
        double[][] c1 = trig(p1, true), s1 = trig(p1, false), c2 = trig(p2, true), s2 = trig(p2, false);
        double[] re = new double[p1 * p2], im = new double[p1 * p2];
        for (int k = 0; k < p2; k++)
            for (int h = 0; h < p1; h++) {
                double sr = 0, si = 0;
                for (int v = 0; v < p2; v++)
                    for (int u = 0; u < p1; u++) { // e^{−iφ}, φ = 2π(hu/P1 + kv/P2)
                        double c = c1[h][u] * c2[k][v] - s1[h][u] * s2[k][v];
                        double sn = s1[h][u] * c2[k][v] + c1[h][u] * s2[k][v];
                        sr += canvas[v * p1 + u] * c;
                        si -= canvas[v * p1 + u] * sn;
                    }
                double w = (double) ax.weight[h] * ay.weight[k];
                re[k * p1 + h] = sr * w;
                im[k * p1 + h] = si * w;
            }
        double[] out = new double[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                int u = x + ax.offset, v = y + ay.offset;
                double s = 0;
                for (int k = 0; k < p2; k++)
                    for (int h = 0; h < p1; h++) { // Re(F e^{+iφ})
                        double c = c1[h][u] * c2[k][v] - s1[h][u] * s2[k][v];
                        double sn = s1[h][u] * c2[k][v] + c1[h][u] * s2[k][v];
                        s += re[k * p1 + h] * c - im[k * p1 + h] * sn;
                    }
                out[y * nx + x] = s / ((double) p1 * p2);
            }
        return out;
    }

    /** cos (or sin) of 2π·h·u/P for h, u in 0..P−1, the argument reduced modulo P first. */
    private static double[][] trig(int p, boolean cos) {
        double[][] t = new double[p][p];
        for (int h = 0; h < p; h++)
            for (int u = 0; u < p; u++) {
                double ph = 2 * Math.PI * ((long) h * u % p) / p;
                t[h][u] = cos ? Math.cos(ph) : Math.sin(ph);
            }
        return t;
    }

    /**
     * The same convolution in real space: with g_d(t) = (1/P_d) Σ_h w_d(h) cos(2π h t/P_d) over every bin, the
     * canvas result at image pixel (x, y) is Σ g_x(x − x') g_y(y − y') f(x', y') over the image pixels
     * (differences modulo P_d); the weight being a product, this is done along x, then along y.
     */
    private static double[] direct(float[] f, int nx, int ny, BackgroundSubtraction.Axis ax, BackgroundSubtraction.Axis ay) {
        double[] gx = shifted(kernel(ax), nx), gy = shifted(kernel(ay), ny);
        double[] t = new double[nx * ny];
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int u = 0, o = x + nx - 1; u < nx; u++) s += gx[o - u] * f[y * nx + u];
                t[y * nx + x] = s;
            }
        double[] out = new double[nx * ny];
        double[] col = new double[ny];
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) col[y] = t[y * nx + x];
            for (int y = 0; y < ny; y++) {
                double s = 0;
                for (int v = 0, o = y + ny - 1; v < ny; v++) s += gy[o - v] * col[v];
                out[y * nx + x] = s;
            }
        }
        return out;
    }

    /** {@code s[d + n − 1] = g[d mod P]} for the differences d = −(n−1)..n−1 of two pixels of the image. */
    private static double[] shifted(double[] g, int n) {
        double[] s = new double[2 * n - 1];
        for (int d = -(n - 1); d < n; d++) s[d + n - 1] = g[Math.floorMod(d, g.length)];
        return s;
    }

    private static double[] kernel(BackgroundSubtraction.Axis a) {
        double[] g = new double[a.p];
        for (int t = 0; t < a.p; t++) {
            double s = 0;
            for (int h = 0; h < a.p; h++) s += a.weight[h] * Math.cos(2 * Math.PI * ((long) h * t % a.p) / a.p);
            g[t] = s / a.p;
        }
        return g;
    }
}
