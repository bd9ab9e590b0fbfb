package org.segdiampick.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FftTest {

    @Test
    void halfSpectrumMatchesDirectDftForOddAndEvenLengths() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 27, 100, 101}) {
            double[] a = new double[n];
            float[] buf = new float[n];
            for (int i = 0; i < n; i++) buf[i] = (float) (a[i] = rnd.nextGaussian());
            float[] re = new float[n / 2 + 1], im = new float[n / 2 + 1];
            Fft.forwardHalf(buf, n, re, im);
            for (int h = 0; h <= n / 2; h++) {
                double sr = 0, si = 0;
                for (int x = 0; x < n; x++) {
                    sr += a[x] * Math.cos(2 * Math.PI * h * x / n);
                    si -= a[x] * Math.sin(2 * Math.PI * h * x / n);
                }
                assertEquals(sr, re[h], 1e-4 * Math.sqrt(n), "Re n=" + n + " h=" + h);
                assertEquals(si, im[h], 1e-4 * Math.sqrt(n), "Im n=" + n + " h=" + h);
            }
            float[] back = new float[n];
            Fft.inverseHalf(re, im, n, back, true);
            for (int x = 0; x < n; x++) assertEquals(a[x], back[x], 5e-5, "round trip n=" + n);
        }
    }

    @Test
    void unnormalisedInverseIsNTimesNormalisedForEveryLength() {
        for (int n : new int[] {4, 6, 7, 16, 959}) {
            float[] re = new float[n / 2 + 1], im = new float[n / 2 + 1], out = new float[n];
            re[0] = 2f;
            Fft.inverseHalf(re, im, n, out, false);
            for (int x = 0; x < n; x++) assertEquals(2f, out[x], 1e-5, "n=" + n);
        }
    }

    @Test
    void inverseUsesOnlyRealPartOfNyquistBin() {
        // Standard real-FFT convention: a(x) = Re A(0) + 2 Σ Re(A(h) e^{..}) + Re A(n/2)(-1)^x for even n.
        int n = 8;
        float[] re = new float[5], im = new float[5], out = new float[n];
        re[4] = 3f;
        im[4] = 7f; // ignored
        Fft.inverseHalf(re, im, n, out, false);
        for (int x = 0; x < n; x++) assertEquals(x % 2 == 0 ? 3f : -3f, out[x], 1e-5);
    }

    @Test
    void filterWithUnitWeightIsIdentityAndAppliesWeightToCosine() {
        for (int[] s : new int[][] {{8, 6}, {9, 7}, {15, 16}, {1, 5}, {5, 1}}) {
            int nx = s[0], ny = s[1];
            Random rnd = new Random(nx * 31 + ny);
            Image2D img = new Image2D(nx, ny, 1.0);
            for (int i = 0; i < img.size(); i++) img.data[i] = (float) rnd.nextGaussian();
            Image2D orig = img.copy();
            Fft.filter(img, (h, k) -> 1.0);
            for (int i = 0; i < img.size(); i++) assertEquals(orig.data[i], img.data[i], 1e-5);
        }
        int nx = 9, ny = 7, h0 = 2, k0 = 3;
        Image2D img = new Image2D(nx, ny, 1.0);
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                img.set(x, y, (float) (1 + Math.cos(2 * Math.PI * (h0 * x / (double) nx + k0 * y / (double) ny))));
        // weight 0.25 at (±2, ±3) only for the (2, 3) pair family, 1 at the origin
        Fft.filter(img, (h, k) -> h == 0 && k == 0 ? 1.0 : (h == h0 && Math.abs(k) == k0 ? 0.25 : 0.0));
        for (int y = 0; y < ny; y++)
            for (int x = 0; x < nx; x++)
                assertEquals(1 + 0.25 * Math.cos(2 * Math.PI * (h0 * x / (double) nx + k0 * y / (double) ny)),
                        img.get(x, y), 1e-5);
    }
}
