package org.segdiampick.image;

import org.segdiampick.pick.ShrinkGeometry;

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
        float[] cf = Fft.alongRows(img.data, nx, ny, nx, ax::convolve);
        cf = Fft.alongColumns(cf, nx, ny, ny, ay::convolve);
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

    /** Padded canvas size of §4.3 step 1 for an axis of n pixels. */
    public static int paddedSize(int n) {
        return MagicBoxes.largerOrEqual(ShrinkGeometry.nint(1.4142135f * (float) n));
    }

    /** One axis: padding geometry and the 1-D Gaussian weights of its half spectrum. */
    private static final class Axis {
        final int n, p, offset;
        final float[] weight;

        Axis(int n, double smpd, double fwhm) {
            this.n = n;
            this.p = paddedSize(n);
            this.offset = (p - n) / 2;
            double a = 0.5 * Math.pow(2 * Math.PI * (fwhm / smpd / p) / 2.35482, 2);
            weight = new float[Fft.halfLength(p)];
            for (int h = 0; h < weight.length; h++) weight[h] = (float) Math.exp(-(double) h * h * a);
        }

        /** Periodic Gaussian convolution of the zero-padded line, cropped back to n samples. */
        void convolve(float[] in, float[] out) {
            int hp = weight.length;
            float[] buf = Fft.scratch(Fft.SLOT_WORK, p);
            float[] re = Fft.scratch(Fft.SLOT_RE, hp);
            float[] im = Fft.scratch(Fft.SLOT_IM, hp);
            java.util.Arrays.fill(buf, 0, p, 0f);
            System.arraycopy(in, 0, buf, offset, n);
            Fft.forwardHalf(buf, p, re, im);
            for (int h = 0; h < hp; h++) {
                re[h] *= weight[h];
                im[h] *= weight[h];
            }
            Fft.inverseHalf(re, im, p, buf, true);
            System.arraycopy(buf, offset, out, 0, n);
        }

        float[] supportProfile() {
            float[] ones = new float[n];
            java.util.Arrays.fill(ones, 1f);
            float[] out = new float[n];
            convolve(ones, out);
            return out;
        }
    }
}
