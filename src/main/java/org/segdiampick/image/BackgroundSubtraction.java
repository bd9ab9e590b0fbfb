package org.segdiampick.image;


/**
 * Background subtraction of the raw micrograph (algorithm §4.3, SIMPLE's default mode per decisions.md B-20):
 * {@code f := f − B} with B the Gaussian (FWHM 400 Å) convolution of f normalised by the same convolution of
 * the image support, both computed periodically on a zero-padded canvas so the image does not wrap onto
 * itself.
 *
 * <p>Canvas: per axis P = {@link MagicBoxes#largerOrEqual}(nint(1.4142135·N)), image placed at offset
 * (P − N)/2 (integer division, so odd N works; SIMPLE required even N). The spectral weight
 * {@code exp(−(h²a1 + k²a2))}, {@code a_d = ½(2π·(fwhm/smpd_d/P_d)/2.35482)²} in physical frequency per axis,
 * is a product of one factor per axis, so the 2-D periodic convolution on the canvas equals a 1-D periodic
 * convolution of every row (length P1) followed by one of every column (length P2), each cropped back to the
 * image: the same result as §4.3 up to float rounding, at the cost of 1-D transforms of the image's rows and
 * columns only. The support's convolution C_1 is likewise the product of two 1-D profiles.
 */
public final class BackgroundSubtraction {

    /** FWHM of the Gaussian background estimate, Å (algorithm Appendix A {@code HP_BACKGR_SUBTR}). */
    public static final double HP_BACKGR_SUBTR_ANGSTROM = 400;

    /** Normalisation threshold of §4.3 step 5 ({@code TINY}). */
    private static final double TINY = 1e-10;

    private BackgroundSubtraction() {
    }

    public static void apply(Image2D img) {
        apply(img, HP_BACKGR_SUBTR_ANGSTROM);
    }

    public static void apply(Image2D img, double fwhmAngstrom) {
        if (!(fwhmAngstrom > 0)) throw new IllegalArgumentException("background FWHM must be positive: " + fwhmAngstrom);
        final int nx = img.nx, ny = img.ny;
        Axis ax = new Axis(nx, img.smpdX, fwhmAngstrom);
        Axis ay = new Axis(ny, img.smpdY, fwhmAngstrom);
        float[] cf = img.data.clone();
        ax.convolveLines(cf, ny);
        float[] block = new float[COLUMN_BLOCK * ny];
        for (int x0 = 0; x0 < nx; x0 += COLUMN_BLOCK) { // columns gathered in blocks: each cache line read once
            int bw = Math.min(COLUMN_BLOCK, nx - x0);
            for (int y = 0; y < ny; y++)
                for (int c = 0, i = y * nx + x0; c < bw; c++, i++) block[c * ny + y] = cf[i];
            ay.convolveLines(block, bw);
            for (int y = 0; y < ny; y++)
                for (int c = 0, i = y * nx + x0; c < bw; c++, i++) cf[i] = block[c * ny + y];
        }
        float[] c1x = ax.supportProfile(), c1y = ay.supportProfile();
        float[] d = img.data;
        for (int y = 0; y < ny; y++) {
            for (int x = 0, i = y * nx; x < nx; x++, i++) {
                float c1 = c1x[x] * c1y[y];
                float b = c1 > TINY ? cf[i] / c1 : 0f;
                d[i] -= b;
            }
        }
    }

    private static final int COLUMN_BLOCK = 16;

    /** Padded canvas size of §4.3 step 1 for an axis of n pixels. */
    public static int paddedSize(int n) {
        return MagicBoxes.largerOrEqual(Rounding.nint(1.4142135f * (float) n));
    }

    /**
     * One axis: padding geometry and the 1-D Gaussian weights of the full spectrum. Two lines are filtered by
     * one complex FFT (line a as real part, line b as imaginary part): the weight is real and even, so the
     * filtered real and imaginary parts are the filtered lines, and one complex transform of length P costs
     * about two thirds of two real ones in JTransforms.
     */
    private static final class Axis {
        final int n, p, offset;
        final float[] weight;

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
        }

        /**
         * Periodic Gaussian convolution of each of the {@code count} lines of length n stored one after the
         * other in {@code lines}, each zero-padded to P and cropped back, in place.
         */
        void convolveLines(float[] lines, int count) {
            float[] buf = Fft.scratch(Fft.SLOT_WORK, 2 * p);
            org.jtransforms.fft.FloatFFT_1D plan = Fft.plan(p);
            final int lo = 2 * offset, hi = 2 * (offset + n);
            for (int l = 0; l < count; l += 2) {
                final boolean two = l + 1 < count;
                final int a = l * n, b = (l + 1) * n;
                java.util.Arrays.fill(buf, 0, lo, 0f);
                java.util.Arrays.fill(buf, hi, 2 * p, 0f);
                for (int x = 0; x < n; x++) {
                    buf[lo + 2 * x] = lines[a + x];
                    buf[lo + 2 * x + 1] = two ? lines[b + x] : 0f;
                }
                plan.complexForward(buf);
                for (int k = 0; k < p; k++) {
                    buf[2 * k] *= weight[k];
                    buf[2 * k + 1] *= weight[k];
                }
                plan.complexInverse(buf, true);
                for (int x = 0; x < n; x++) lines[a + x] = buf[lo + 2 * x];
                if (two) for (int x = 0; x < n; x++) lines[b + x] = buf[lo + 2 * x + 1];
            }
        }

        float[] supportProfile() {
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            convolveLines(ones, 1);
            return ones;
        }
    }
}
