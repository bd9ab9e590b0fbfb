package org.segdiampick.pick;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.segdiampick.binary.ConnectedComponents;
import org.segdiampick.image.Fft;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.LowPass;
import org.segdiampick.image.MedianFilter;
import org.segdiampick.image.NonLocalMeans;

import java.util.Arrays;

/**
 * Test-only imitations of SIMPLE's own versions (commit 14f07d941, algorithm doc) of the pass-1 kernels in which
 * decisions.md departs from it. Each letter of {@code flags} swaps one in:
 * <ul>
 *   <li>{@code N} — B-25: non-local means with the 3 × 3 patch anchored at its top-left corner (§6.5), brute force;</li>
 *   <li>{@code M} — B-2 + B-26: 7 × 7 median with periodic borders and SIMPLE's faulty {@code selec} (§6.7, §8.2);
 *       {@code W} = periodic borders only, {@code S} = faulty selection only;</li>
 *   <li>{@code L} — B-24: low-pass cut-off {@code int(n1·smpd_s/lp)} and roll-off in index units for both axes (§6.3);</li>
 *   <li>{@code D} — B-14: diameters with {@code smpd_s = smpd·N1/n1} along both axes (§4.4 step 5, §7.5);</li>
 *   <li>{@code Q} — B-15: SIMPLE's signed-index Fourier crop (one of the ±n/2 bins kept, row–column c2r, §4.4–4.5),
 *       in double precision.</li>
 * </ul>
 * With all five ({@code "NMLDQ"}) our pass 1 reproduces SIMPLE's exactly on its oracle batches.
 */
public final class SimpleQuirks implements SegmentationPicker.Kernels {
    private final String flags;

    public SimpleQuirks(String flags) {
        this.flags = flags;
    }

    private boolean has(char c) {
        return flags.indexOf(c) >= 0;
    }

    @Override
    public Image2D resample(Image2D img, int nx, int ny) {
        return has('Q') ? signedIndexCrop(img, nx, ny) : SegmentationPicker.STANDARD.resample(img, nx, ny);
    }

    @Override
    public void lowPass(Image2D img, double lp) {
        if (!has('L')) {
            LowPass.apply(img, lp);
            return;
        }
        float dsteps = (float) (img.nx / 2) * 2f * (float) img.smpdX;
        final double cut = (int) (dsteps / (float) lp);
        Fft.filter(img, (h, k) -> LowPass.weight(Math.sqrt((double) h * h + (double) k * k), cut));
    }

    @Override
    public void nonLocalMeans(Image2D img) {
        if (has('N')) anchoredNonLocalMeans(img);
        else NonLocalMeans.apply(img);
    }

    @Override
    public void median(Image2D img, int halfWidth) {
        boolean wrap = has('M') || has('W'), faulty = has('M') || has('S');
        if (wrap || faulty) medianVariant(img, halfWidth, wrap, faulty);
        else MedianFilter.apply(img, halfWidth);
    }

    @Override
    public double[] diameters(ConnectedComponents cc, ShrinkGeometry geo) {
        return cc.regions(geo.smpdX(), has('D') ? geo.smpdX() : geo.smpdY()).diameters();
    }

    /** §4.4 step 4 crop by signed index (only F(h, −n2/2) and F(n1/2, k) kept), then the row–column c2r of §4.5. */
    static Image2D signedIndexCrop(Image2D img, int n1, int n2) {
        int bigX = img.nx, bigY = img.ny;
        double[][] c = new double[bigY][2 * bigX];
        for (int y = 0; y < bigY; y++) for (int x = 0; x < bigX; x++) c[y][2 * x] = img.data[y * bigX + x];
        new DoubleFFT_2D(bigY, bigX).complexForward(c);
        int half = n1 / 2 + 1;
        double[][] col = new double[half][2 * n2];
        DoubleFFT_1D fy = new DoubleFFT_1D(n2);
        for (int h = 0; h < half; h++) {
            for (int k = -n2 / 2; k < n2 / 2; k++) {
                int ki = k < 0 ? k + bigY : k, ko = k < 0 ? k + n2 : k;
                col[h][2 * ko] = c[ki][2 * h];
                col[h][2 * ko + 1] = c[ki][2 * h + 1];
            }
            fy.complexInverse(col[h], false);
        }
        float[] out = new float[n1 * n2];
        double[] row = new double[n1];
        DoubleFFT_1D fx = new DoubleFFT_1D(n1);
        for (int v = 0; v < n2; v++) {
            row[0] = col[0][2 * v];
            row[1] = col[n1 / 2][2 * v];
            for (int h = 1; h < n1 / 2; h++) {
                row[2 * h] = col[h][2 * v];
                row[2 * h + 1] = col[h][2 * v + 1];
            }
            fx.realInverse(row, false);
            for (int u = 0; u < n1; u++) out[v * n1 + u] = (float) row[u];
        }
        return new Image2D(n1, n2, img.smpdX * bigX / n1, img.smpdY * bigY / n2, out);
    }

    /** §6.5 with the patch of pixel p spanning p..p+2 and the compared pixel at p + o (B-25), float arithmetic. */
    static void anchoredNonLocalMeans(Image2D img) {
        int nx = img.nx, ny = img.ny, pad = 12, w = nx + 2 * pad + 1;
        float[] src = img.data;
        float h = 4f * (float) NonLocalMeans.noiseSdev(img), hsq = h * h;
        float sum = 0;
        for (float v : src) sum += v;
        float[] p = new float[w * (ny + 2 * pad + 1)];
        Arrays.fill(p, sum / (nx * ny));
        for (int y = 0; y < ny; y++) System.arraycopy(src, y * nx, p, (y + pad) * w + pad, nx);
        float[] out = new float[nx * ny];
        for (int n = 0; n < ny; n++) {
            for (int m = 0; m < nx; m++) {
                float z = 0, acc = 0;
                for (int j = -10; j <= 10; j++) {
                    for (int i = -10; i <= 10; i++) {
                        float ss = 0;
                        for (int b = 0; b < 3; b++) {
                            for (int a = 0; a < 3; a++) {
                                float d = p[(n + b + pad) * w + m + a + pad] - p[(n + j + b + pad) * w + m + i + a + pad];
                                ss += d * d;
                            }
                        }
                        float e = (float) Math.exp(-ss / hsq);
                        z += e;
                        acc += e * p[(n + j + pad) * w + m + i + pad];
                    }
                }
                out[n * nx + m] = z < 1e-7f ? 0 : acc / z;
            }
        }
        System.arraycopy(out, 0, src, 0, out.length);
    }

    /** §6.7: window collected x-outer, y-inner; periodic or mirrored borders; true or faulty (§8.2) median. */
    static void medianVariant(Image2D img, int hw, boolean wrap, boolean faulty) {
        int nx = img.nx, ny = img.ny;
        float[] src = img.data.clone();
        float[] buf = new float[(2 * hw + 1) * (2 * hw + 1)];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int c = 0;
                for (int s = x - hw; s <= x + hw; s++) {
                    for (int t = y - hw; t <= y + hw; t++) {
                        int xs = wrap ? Math.floorMod(s, nx) : MedianFilter.mirror(s, nx);
                        int yt = wrap ? Math.floorMod(t, ny) : MedianFilter.mirror(t, ny);
                        buf[c++] = src[yt * nx + xs];
                    }
                }
                float med;
                if (faulty) {
                    med = faultySelect((c + 1) / 2, buf, c);
                } else {
                    float[] b = Arrays.copyOf(buf, c);
                    Arrays.sort(b);
                    med = b[c / 2];
                }
                img.data[y * nx + x] = med;
            }
        }
    }

    /** The selection routine of §8.2 (1-based k), including its {@code ir − 1 = 1} terminal test. */
    static float faultySelect(int k, float[] values, int n) {
        float[] arr = new float[n + 1];
        System.arraycopy(values, 0, arr, 1, n);
        int l = 1, ir = n;
        while (true) {
            if (ir - l <= 1) {
                if (ir == 2 && arr[ir] < arr[l]) swap(arr, l, ir);
                return arr[k];
            }
            int mid = (l + ir) / 2;
            swap(arr, mid, l + 1);
            if (arr[l] > arr[ir]) swap(arr, l, ir);
            if (arr[l + 1] > arr[ir]) swap(arr, l + 1, ir);
            if (arr[l] > arr[l + 1]) swap(arr, l, l + 1);
            int i = l + 1, j = ir;
            float a = arr[l + 1];
            while (true) {
                do i++; while (arr[i] < a);
                do j--; while (arr[j] > a);
                if (j < i) break;
                swap(arr, i, j);
            }
            arr[l + 1] = arr[j];
            arr[j] = a;
            if (j >= k) ir = j - 1;
            if (j <= k) l = i;
        }
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
