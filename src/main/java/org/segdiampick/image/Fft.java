package org.segdiampick.image;

import java.util.HashMap;
import java.util.Map;

import org.jtransforms.fft.FloatFFT_1D;

import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The FFT layer of the image kernels: JTransforms 1-D plans, cached per length and per thread, and a
 * row–column real 2-D filter built on them that works for every size, odd ones included (real
 * micrographs are e.g. 959 × 927; SIMPLE itself required even sizes, algorithm §4.2).
 *
 * <p>Conventions (standard real-FFT, decisions.md B-15). A real sequence a of length n has the half
 * spectrum {@code A(h) = Σ_x a(x) e^{-2πi h x/n}}, h = 0..n/2 (integer division): unnormalised forward,
 * origin at sample 0 (no quadrant swap: every spectral weight used here is real and even, so the swap of
 * §4.5 would not change any result). The inverse is {@code a(x) = s · Σ_{h=0}^{n/2} w_h Re(A(h) e^{2πi h x/n})}
 * with w_0 = 1, w_h = 2 otherwise except w_{n/2} = 1 for even n (the Nyquist bin counts once and only its
 * real part is used), and s = 1/n when normalised, 1 when not.
 *
 * <p>FFTs run single-threaded ({@link ConcurrencyUtils#setNumberOfThreads(int)} = 1 at class
 * initialisation) because the parallelism of the job is one micrograph per Spark task. Plans and scratch
 * buffers live in thread-local maps, so one partition of micrographs re-uses them.
 */
public final class Fft {

    static {
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private static final ThreadLocal<Map<Integer, FloatFFT_1D>> PLANS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<Integer, float[]>> SCRATCH = ThreadLocal.withInitial(HashMap::new);

    /** Scratch slots; each caller owns a distinct slot so buffers in use never alias. */
    static final int SLOT_ROW = 0, SLOT_RE = 1, SLOT_IM = 2, SLOT_SPEC = 3, SLOT_WEIGHT = 4,
            SLOT_ROW2 = 5, SLOT_RE2 = 6, SLOT_IM2 = 7, SLOT_COLS = 8, SLOT_WORK = 9, SLOT_WORK2 = 10;

    private Fft() {
    }

    /** Real, even spectral weight of a 2-D filter: h = 0..nx/2, k signed in −ny/2..(ny−1)/2. */
    @FunctionalInterface
    public interface SpectralWeight {
        double at(int h, int k);
    }

    /** The calling thread's cached 1-D plan for length n. */
    public static FloatFFT_1D plan(int n) {
        if (n < 1) throw new IllegalArgumentException("FFT length must be positive: " + n);
        return PLANS.get().computeIfAbsent(n, FloatFFT_1D::new);
    }

    /** A thread-local scratch buffer of at least {@code size} floats (contents undefined). */
    static float[] scratch(int slot, int size) {
        Map<Integer, float[]> m = SCRATCH.get();
        float[] b = m.get(slot);
        if (b == null || b.length < size) {
            b = new float[size];
            m.put(slot, b);
        }
        return b;
    }

    /** Number of half-spectrum bins of a real sequence of length n: n/2 + 1. */
    public static int halfLength(int n) {
        return n / 2 + 1;
    }

    /**
     * Forward real FFT of {@code buf[0..n-1]} (destroyed), unpacked into {@code re[0..n/2]}, {@code im[0..n/2]}.
     */
    public static void forwardHalf(float[] buf, int n, float[] re, float[] im) {
        if (n == 1) {
            re[0] = buf[0];
            im[0] = 0f;
            return;
        }
        plan(n).realForward(buf);
        // JTransforms packed layout: a[2k] = Re k, a[2k+1] = Im k; a[1] holds Re(n/2) for even n and
        // Im((n-1)/2) for odd n (whose Re sits at a[n-1]).
        re[0] = buf[0];
        im[0] = 0f;
        int half = n / 2;
        if ((n & 1) == 0) {
            for (int k = 1; k < half; k++) {
                re[k] = buf[2 * k];
                im[k] = buf[2 * k + 1];
            }
            re[half] = buf[1];
            im[half] = 0f;
        } else {
            for (int k = 1; k < half; k++) {
                re[k] = buf[2 * k];
                im[k] = buf[2 * k + 1];
            }
            if (half >= 1) {
                re[half] = buf[n - 1];
                im[half] = buf[1];
            }
        }
    }

    /**
     * Inverse real FFT of the half spectrum {@code re/im[0..n/2]} into {@code out[0..n-1]}; the imaginary
     * parts of bin 0 and (even n) bin n/2 are ignored. {@code normalise} divides by n.
     */
    public static void inverseHalf(float[] re, float[] im, int n, float[] out, boolean normalise) {
        if (n == 1) {
            out[0] = re[0];
            return;
        }
        int half = n / 2;
        out[0] = re[0];
        if ((n & 1) == 0) {
            for (int k = 1; k < half; k++) {
                out[2 * k] = re[k];
                out[2 * k + 1] = im[k];
            }
            out[1] = re[half];
        } else {
            for (int k = 1; k < half; k++) {
                out[2 * k] = re[k];
                out[2 * k + 1] = im[k];
            }
            out[n - 1] = re[half];
            out[1] = im[half];
        }
        // Always the normalised inverse: JTransforms 3.1's unnormalised realInverse is scaled by n/2 for
        // powers of two and by n otherwise, so "unnormalised" is formed here as n · normalised.
        plan(n).realInverse(out, true);
        if (!normalise) {
            for (int x = 0; x < n; x++) out[x] *= n;
        }
    }

    /**
     * Multiplies the 2-D spectrum of {@code img} by a real weight that is even in (h, k) and transforms back,
     * in place; the weight 1 everywhere gives the identity (normalised inverse). Row–column algorithm: real
     * FFT along x (h = 0..nx/2), complex FFT along y. The same physical (h, k) is used for every pixel size, so
     * callers that need physical frequencies convert with {@code img.smpdX}, {@code img.smpdY}.
     */
    public static void filter(Image2D img, SpectralWeight weight) {
        final int nx = img.nx, ny = img.ny, nh = halfLength(nx);
        final float[] d = img.data;
        float[] row = scratch(SLOT_ROW, nx);
        float[] re = scratch(SLOT_RE, nh);
        float[] im = scratch(SLOT_IM, nh);
        // spec holds, for every h, the column of ny complex values interleaved: contiguous for the y FFT.
        float[] spec = scratch(SLOT_SPEC, 2 * nh * ny);
        for (int y = 0; y < ny; y++) {
            System.arraycopy(d, y * nx, row, 0, nx);
            forwardHalf(row, nx, re, im);
            for (int h = 0; h < nh; h++) {
                int o = h * 2 * ny + 2 * y;
                spec[o] = re[h];
                spec[o + 1] = im[h];
            }
        }
        float[] w = scratch(SLOT_WEIGHT, ny);
        FloatFFT_1D py = ny > 1 ? plan(ny) : null;
        for (int h = 0; h < nh; h++) {
            int off = h * 2 * ny;
            if (py != null) py.complexForward(spec, off);
            for (int k = 0; k < ny; k++) w[k] = (float) weight.at(h, signedIndex(k, ny));
            for (int k = 0; k < ny; k++) {
                spec[off + 2 * k] *= w[k];
                spec[off + 2 * k + 1] *= w[k];
            }
            if (py != null) py.complexInverse(spec, off, true);
        }
        for (int y = 0; y < ny; y++) {
            for (int h = 0; h < nh; h++) {
                int o = h * 2 * ny + 2 * y;
                re[h] = spec[o];
                im[h] = spec[o + 1];
            }
            inverseHalf(re, im, nx, row, true);
            System.arraycopy(row, 0, d, y * nx, nx);
        }
    }

    /** One 1-D operation on a line: reads {@code in[0..nIn-1]}, writes {@code out[0..nOut-1]}. */
    @FunctionalInterface
    interface LineOp {
        void apply(float[] in, float[] out);
    }

    private static final int COLUMN_BLOCK = 16;

    /** Applies {@code op} to every row (length nx → nxOut) of an nx × ny raster; returns the nxOut × ny raster. */
    static float[] alongRows(float[] src, int nx, int ny, int nxOut, LineOp op) {
        float[] dst = new float[Math.multiplyExact(nxOut, ny)];
        float[] in = scratch(SLOT_ROW2, nx);
        float[] out = scratch(SLOT_WORK2, nxOut);
        for (int y = 0; y < ny; y++) {
            System.arraycopy(src, y * nx, in, 0, nx);
            op.apply(in, out);
            System.arraycopy(out, 0, dst, y * nxOut, nxOut);
        }
        return dst;
    }

    /**
     * Applies {@code op} to every column (length ny → nyOut) of an nx × ny raster; returns the nx × nyOut
     * raster. Columns are gathered in blocks of 16 so each cache line of the raster is read once.
     */
    static float[] alongColumns(float[] src, int nx, int ny, int nyOut, LineOp op) {
        float[] dst = new float[Math.multiplyExact(nx, nyOut)];
        int maxLen = Math.max(ny, nyOut);
        float[] block = scratch(SLOT_COLS, COLUMN_BLOCK * maxLen);
        float[] in = scratch(SLOT_ROW2, ny);
        float[] out = scratch(SLOT_WORK2, nyOut);
        for (int x0 = 0; x0 < nx; x0 += COLUMN_BLOCK) {
            int bw = Math.min(COLUMN_BLOCK, nx - x0);
            for (int y = 0; y < ny; y++) {
                int s = y * nx + x0;
                for (int c = 0; c < bw; c++) block[c * maxLen + y] = src[s + c];
            }
            for (int c = 0; c < bw; c++) {
                System.arraycopy(block, c * maxLen, in, 0, ny);
                op.apply(in, out);
                System.arraycopy(out, 0, block, c * maxLen, nyOut);
            }
            for (int y = 0; y < nyOut; y++) {
                int d = y * nx + x0;
                for (int c = 0; c < bw; c++) dst[d + c] = block[c * maxLen + y];
            }
        }
        return dst;
    }

    /** Signed frequency of DFT bin k of length n: k for k ≤ (n−1)/2, k − n above (so n/2 → −n/2 for even n). */
    public static int signedIndex(int k, int n) {
        return k <= (n - 1) / 2 ? k : k - n;
    }

    /** Ends JTransforms' worker pool (call once at the end of a local run). */
    public static void shutdown() {
        ConcurrencyUtils.shutdownThreadPoolAndAwaitTermination();
    }
}
