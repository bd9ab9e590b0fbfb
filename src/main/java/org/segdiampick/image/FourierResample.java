package org.segdiampick.image;

/**
 * Fourier resampling ("shrink", algorithm §4.4 steps 3–7): crop the spectrum when the new grid is smaller,
 * zero-pad it when larger (decisions.md B-31: up-sampling instead of SIMPLE's silent skip), independently
 * per axis.
 *
 * <p><b>Scale.</b> Like SIMPLE, the forward transform is unnormalised and so is the inverse, so the result is
 * N1·N2 × (band-limited resample): a constant c becomes the constant N1·N2·c (§4.4 step 7). Every later
 * step of the picker is scale invariant, but keeping the scale keeps the reference's float rounding.
 *
 * <p><b>Pixel size.</b> The new grid covers the same field of view: smpdX·N1/n1 and smpdY·N2/n2 (B-14).
 *
 * <p><b>Nyquist convention</b> (B-15, standard trigonometric interpolation of real data, as
 * {@code scipy.signal.resample}). The 2-D resample is the tensor product of 1-D resamples along x and along
 * y. In 1-D from N to n samples, let m = min(N, n); bins |h| &lt; m/2 are copied. If m is even, the two input
 * bins ±m/2 fall on the one Nyquist bin of the smaller grid: when cropping (n &lt; N) the output Nyquist bin
 * is their sum X(m/2) + X(−m/2) = 2·Re X(m/2); when padding (n &gt; N) the input Nyquist bin is split evenly
 * between ±N/2 of the larger grid. Hence a band-limited pattern, including a cosine at the smaller grid's
 * Nyquist frequency, is sampled exactly, and crop-then-pad round trips preserve every copied bin. (SIMPLE's
 * signed-index copy keeps only one of the ±m/2 bins, non-Hermitian, §4.4 step 4.)
 */
public final class FourierResample {

    private FourierResample() {
    }

    /** Returns the image resampled to nx × ny (a new image; {@code img} is unchanged). Any sizes ≥ 1. */
    public static Image2D resample(Image2D img, int nx, int ny) {
        if (nx < 1 || ny < 1) throw new IllegalArgumentException("resample target must be positive: " + nx + " x " + ny);
        float[] d = img.data;
        d = Fft.alongRows(d, img.nx, img.ny, nx, lineResampler(img.nx, nx));
        d = Fft.alongColumns(d, nx, img.ny, ny, lineResampler(img.ny, ny));
        return new Image2D(nx, ny, img.smpdX * img.nx / nx, img.smpdY * img.ny / ny, d);
    }

    /** 1-D resample N → n with unnormalised transforms (a constant c becomes N·c). */
    static Fft.LineOp lineResampler(int nIn, int nOut) {
        final int hIn = Fft.halfLength(nIn), hOut = Fft.halfLength(nOut);
        final int m = Math.min(nIn, nOut);
        return (in, out) -> {
            float[] re = Fft.scratch(Fft.SLOT_RE, Math.max(hIn, hOut));
            float[] im = Fft.scratch(Fft.SLOT_IM, Math.max(hIn, hOut));
            float[] buf = Fft.scratch(Fft.SLOT_WORK, Math.max(nIn, nOut));
            System.arraycopy(in, 0, buf, 0, nIn);
            Fft.forwardHalf(buf, nIn, re, im);
            int keep = m / 2; // highest kept bin: the smaller grid's Nyquist bin when m is even
            for (int h = keep + 1; h < hOut; h++) {
                re[h] = 0f;
                im[h] = 0f;
            }
            if (m % 2 == 0 && nIn != nOut) {
                // crop: X(m/2) + X(-m/2) of a real input (imaginary parts cancel);
                // pad: the input's real Nyquist bin shared evenly by the bins ±N/2 of the larger grid
                re[keep] *= nOut < nIn ? 2f : 0.5f;
                im[keep] = 0f;
            }
            Fft.inverseHalf(re, im, nOut, buf, false);
            System.arraycopy(buf, 0, out, 0, nOut);
        };
    }
}
