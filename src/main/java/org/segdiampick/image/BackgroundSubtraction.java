package org.segdiampick.image;

import org.segdiampick.Parameters;

import java.util.Arrays;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Background subtraction of the raw micrograph (algorithm §4.3, SIMPLE's default mode per decisions.md B-20):
 * {@code f := f − B} with B the Gaussian (FWHM 400 Å) convolution of f normalised by the same convolution of
 * the image support, both computed periodically on a zero-padded canvas so the image does not wrap onto
 * itself.
 *
 * <p>Canvas: per axis P = {@link MagicBoxes#largerOrEqual}(nint(1.4142135·N)), image placed at offset
 * (P − N)/2 (integer division, so odd N works; SIMPLE required even N). The spectral weight
 * {@code exp(−(h²a1 + k²a2))}, {@code a_d = ½(2π·(fwhm/smpd_d/P_d)/2.35482)²} in physical frequency per axis,
 * is a product of one float factor per axis, so the 2-D periodic convolution on the canvas is separable: a 1-D
 * periodic convolution along x and one along y, in either order. The support's convolution C_1 is likewise
 * the product of two 1-D profiles.
 *
 * <p>Method: the x factor {@code w_x(h)} is evaluated in float, and a float {@code exp} underflows to exactly
 * 0 once {@code h²a1} exceeds about 103.3; beyond the last bin H with a non-zero float weight (H ≈ 49 of
 * P = 3072 for 2048 px at 1.25 Å, H ≈ 82 of P = 6144 for 4096 px at 1 Å) the weighted spectrum of every row is
 * exactly zero. So instead of filtering all rows, then all nx columns, of the image:
 * <ol>
 *   <li>forward x-FFT of every image row (two real rows per complex FFT of length P1), keeping only the
 *       half-spectrum bins h = 0..H of each row, multiplied by {@code w_x(h)};</li>
 *   <li>the y convolution of those H + 1 complex "columns" (row spectrum at fixed h, as a function of y):
 *       one complex FFT pair of length P2 per column instead of one per pair of image columns;</li>
 *   <li>inverse x-FFT of every row from its H + 1 filtered bins (Hermitian completion, two rows per complex
 *       FFT), cropped, normalised by C_1 and subtracted from the image directly.</li>
 * </ol>
 * The x and y convolutions commute, so this is the same linear map as §4.3 with the same float weights; the
 * bins dropped are those whose float weight is exactly 0, so only the FFTs' rounding order differs from
 * the full computation (BackgroundSubtractionTest compares with a direct evaluation of the 2-D DFT). C_1 and
 * the {@code TINY} threshold are unchanged.
 *
 * <p>FFT lengths: JTransforms uses its split-radix or mixed-radix (factors 2, 3, 4, 5 and small odd ones)
 * algorithm for every {@link MagicBoxes} size except 686 = 2·7³, which falls to its Bluestein algorithm (same
 * result, a few times slower; only images of about 470–485 px per axis get that canvas).
 */
public final class BackgroundSubtraction {

    /** Normalisation threshold of §4.3 step 5 ({@code TINY}). */
    private static final double TINY = 1e-10;

    private BackgroundSubtraction() {
    }

    public static void apply(Image2D img) {
        apply(img, Parameters.HP_BACKGR_SUBTR);
    }

    public static void apply(Image2D img, double fwhmAngstrom) {
        if (!(fwhmAngstrom > 0)) throw new IllegalArgumentException("background FWHM must be positive: " + fwhmAngstrom);
        final int nx = img.nx, ny = img.ny;
        final Axis ax = new Axis(nx, img.smpdX, fwhmAngstrom);
        final Axis ay = new Axis(ny, img.smpdY, fwhmAngstrom);
        final float[] c1x = ax.supportProfile(), c1y = ay.supportProfile();
        final int p1 = ax.p, p2 = ay.p, hMax = ax.lastNonZero;
        final float[] d = img.data;
        final float[] row = Fft.scratch(Fft.SLOT_WORK, 2 * p1);
        final FloatFFT_1D planX = Fft.plan(p1), planY = Fft.plan(p2);
        final int lo = 2 * ax.offset, hi = 2 * (ax.offset + nx);
        // cols[h·2·P2 + 2·(offsetY + y)]: the x-filtered bin h of image row y (re, im), each column already
        // zero-padded to the y canvas so its FFT runs in place.
        final int colStride = 2 * p2;
        final float[] cols = new float[Math.multiplyExact(hMax + 1, colStride)];
        final float[] halfWx = new float[hMax + 1];
        for (int h = 0; h <= hMax; h++) halfWx[h] = 0.5f * ax.weight[h]; // ½ of the row unpacking, exact

        // 1. Rows y, y+1 as real and imaginary part of one complex FFT Z; their spectra are
        //    A(h) = (Z(h) + conj Z(−h))/2 and B(h) = (Z(h) − conj Z(−h))/(2i).
        for (int y = 0; y < ny; y += 2) {
            final boolean two = y + 1 < ny;
            final int a = y * nx, b = a + nx;
            Arrays.fill(row, 0, lo, 0f);
            Arrays.fill(row, hi, 2 * p1, 0f);
            for (int x = 0; x < nx; x++) {
                row[lo + 2 * x] = d[a + x];
                row[lo + 2 * x + 1] = two ? d[b + x] : 0f;
            }
            planX.complexForward(row);
            final int c = 2 * (ay.offset + y);
            for (int h = 0; h <= hMax; h++) {
                final int m = h == 0 ? 0 : p1 - h;
                final float zr = row[2 * h], zi = row[2 * h + 1], wr = row[2 * m], wi = row[2 * m + 1];
                final float w = halfWx[h];
                final int o = h * colStride + c;
                cols[o] = (zr + wr) * w;
                cols[o + 1] = (zi - wi) * w;
                if (two) {
                    cols[o + 2] = (zi + wi) * w;
                    cols[o + 3] = (wr - zr) * w;
                }
            }
        }

        // 2. The y convolution of the H + 1 columns.
        for (int h = 0; h <= hMax; h++) {
            final int off = h * colStride;
            planY.complexForward(cols, off);
            final float[] wy = ay.weight;
            for (int k = 0; k < p2; k++) {
                cols[off + 2 * k] *= wy[k];
                cols[off + 2 * k + 1] *= wy[k];
            }
            planY.complexInverse(cols, off, true);
        }

        // 3. Rows y, y+1 back: Z'(h) = A'(h) + i·B'(h), Z'(−h) = conj A'(h) + i·conj B'(h); bins beyond H are 0.
        //    The imaginary parts of A'(0), B'(0) (and of the Nyquist bin, present only on tiny canvases) are 0
        //    in exact arithmetic (a real signal's bin), so they are dropped instead of leaking into the
        //    other row as rounding noise.
        final int nyquist = (p1 & 1) == 0 ? p1 / 2 : -1;
        for (int y = 0; y < ny; y += 2) {
            final boolean two = y + 1 < ny;
            Arrays.fill(row, 0, 2 * p1, 0f);
            final int c = 2 * (ay.offset + y);
            for (int h = 0; h <= hMax; h++) {
                final int o = h * colStride + c;
                final float ar = cols[o], br = two ? cols[o + 2] : 0f;
                if (h == 0 || h == nyquist) {
                    row[2 * h] = ar;
                    row[2 * h + 1] = br;
                    continue;
                }
                final float ai = cols[o + 1], bi = two ? cols[o + 3] : 0f;
                row[2 * h] = ar - bi;
                row[2 * h + 1] = ai + br;
                final int m = p1 - h;
                row[2 * m] = ar + bi;
                row[2 * m + 1] = br - ai;
            }
            planX.complexInverse(row, true);
            subtract(d, y * nx, row, lo, 0, c1x, c1y[y]);
            if (two) subtract(d, (y + 1) * nx, row, lo, 1, c1x, c1y[y + 1]);
        }
    }

    /** {@code f −= B / C_1} along one row (B = 0 where C_1 ≤ TINY); B is read from every other float of buf. */
    private static void subtract(float[] d, int start, float[] buf, int lo, int part, float[] c1x, float c1y) {
        for (int x = 0, n = c1x.length; x < n; x++) {
            final float c1 = c1x[x] * c1y;
            final float bg = c1 > TINY ? buf[lo + 2 * x + part] / c1 : 0f;
            d[start + x] -= bg;
        }
    }

    /** Padded canvas size of §4.3 step 1 for an axis of n pixels. */
    public static int paddedSize(int n) {
        return MagicBoxes.largerOrEqual(Rounding.nint(1.4142135f * (float) n));
    }

    /** One axis: padding geometry, the 1-D Gaussian weights of the full spectrum and their support. */
    static final class Axis {
        final int n, p, offset;
        final float[] weight;
        /** The largest h ≤ P/2 with {@code weight[h] ≠ 0}; the weight decreases with |h|, so all further are 0. */
        final int lastNonZero;

        Axis(int n, double smpd, double fwhm) {
            this.n = n;
            this.p = paddedSize(n);
            this.offset = (p - n) / 2;
            double a = 0.5 * Math.pow(2 * Math.PI * (fwhm / smpd / p) / 2.35482, 2);
            weight = new float[p];
            for (int k = 0; k < p; k++) {
                int h = Math.min(k, p - k);
                weight[k] = (float) Math.exp(-(double) h * h * a);
            }
            int last = 0;
            while (last < p / 2 && weight[last + 1] != 0f) last++;
            lastNonZero = last;
        }

        /**
         * C_1 along this axis (§4.3 step 5): the all-ones line of length n, zero-padded to P, convolved
         * periodically with the Gaussian and cropped back.
         */
        float[] supportProfile() {
            float[] buf = Fft.scratch(Fft.SLOT_WORK, 2 * p);
            Arrays.fill(buf, 0, 2 * p, 0f);
            for (int x = 0; x < n; x++) buf[2 * (offset + x)] = 1f;
            FloatFFT_1D plan = Fft.plan(p);
            plan.complexForward(buf);
            for (int k = 0; k < p; k++) {
                buf[2 * k] *= weight[k];
                buf[2 * k + 1] *= weight[k];
            }
            plan.complexInverse(buf, true);
            float[] c1 = new float[n];
            for (int x = 0; x < n; x++) c1[x] = buf[2 * (offset + x)];
            return c1;
        }
    }
}
