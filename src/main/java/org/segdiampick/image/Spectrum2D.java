package org.segdiampick.image;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The 2-D Fourier transform of an image, kept so that several filters can be applied to it for the price of one
 * forward transform each plus one inverse each, instead of a forward and an inverse per filter as in
 * {@link Fft#filter}. Same conventions and the same row–column algorithm as {@link Fft#filter} (real FFT along x,
 * h = 0..nx/2; complex FFT along y, k signed), so {@code Spectrum2D.of(img).filtered(w)} equals
 * {@code Fft.filter(copy, w)} up to float rounding. Used by multi-scale detectors that filter one image at many
 * scales.
 */
public final class Spectrum2D {
    private final int nx, ny, nh;
    private final double smpdX, smpdY;
    /** For every h, the column of ny complex values (interleaved re, im), already transformed along y. */
    private final float[] spec;

    private Spectrum2D(int nx, int ny, double smpdX, double smpdY, float[] spec) {
        this.nx = nx;
        this.ny = ny;
        this.nh = Fft.halfLength(nx);
        this.smpdX = smpdX;
        this.smpdY = smpdY;
        this.spec = spec;
    }

    /** Forward transform of {@code img} (unchanged). */
    public static Spectrum2D of(Image2D img) {
        int nx = img.nx, ny = img.ny, nh = Fft.halfLength(nx);
        float[] row = new float[nx], re = new float[nh], im = new float[nh];
        float[] spec = new float[2 * nh * ny];
        for (int y = 0; y < ny; y++) {
            System.arraycopy(img.data, y * nx, row, 0, nx);
            Fft.forwardHalf(row, nx, re, im);
            for (int h = 0; h < nh; h++) {
                spec[h * 2 * ny + 2 * y] = re[h];
                spec[h * 2 * ny + 2 * y + 1] = im[h];
            }
        }
        if (ny > 1) {
            FloatFFT_1D py = Fft.plan(ny);
            for (int h = 0; h < nh; h++) py.complexForward(spec, h * 2 * ny);
        }
        return new Spectrum2D(nx, ny, img.smpdX, img.smpdY, spec);
    }

    /** The image of the spectrum multiplied by {@code weight} (real and even in (h, k)); normalised inverse. */
    public Image2D filtered(Fft.SpectralWeight weight) {
        return filtered(weight, nh - 1);
    }

    /**
     * The same for a weight that is zero at every x frequency above {@code hMax} (cycles per image width): those
     * columns are neither weighted nor transformed back, which for a band-pass whose weight dies off well below
     * Nyquist (the Laplacian of Gaussian) saves most of the inverse transform along y.
     */
    public Image2D filtered(Fft.SpectralWeight weight, int hMax) {
        if (hMax < 0) throw new IllegalArgumentException("highest kept frequency must be at least 0, got " + hMax);
        int hn = Math.min(nh, hMax + 1);
        float[] s = java.util.Arrays.copyOf(spec, hn * 2 * ny);
        FloatFFT_1D py = ny > 1 ? Fft.plan(ny) : null;
        float[] w = new float[ny];
        for (int h = 0; h < hn; h++) {
            int off = h * 2 * ny;
            for (int k = 0; k < ny; k++) w[k] = (float) weight.at(h, Fft.signedIndex(k, ny));
            for (int k = 0; k < ny; k++) {
                s[off + 2 * k] *= w[k];
                s[off + 2 * k + 1] *= w[k];
            }
            if (py != null) py.complexInverse(s, off, true);
        }
        float[] out = new float[nx * ny], re = new float[nh], im = new float[nh], row = new float[nx];
        for (int y = 0; y < ny; y++) {
            for (int h = 0; h < hn; h++) {   // re, im stay 0 above hn
                re[h] = s[h * 2 * ny + 2 * y];
                im[h] = s[h * 2 * ny + 2 * y + 1];
            }
            Fft.inverseHalf(re, im, nx, row, true);
            System.arraycopy(row, 0, out, y * nx, nx);
        }
        return new Image2D(nx, ny, smpdX, smpdY, out);
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }
}
