package org.segdiampick.image;

/**
 * Scale-normalised Laplacian of Gaussian, sign flipped so that a bright blob gives a positive peak:
 * {@code −σ² ∇²(G_σ * I)}, computed in Fourier space as the weight {@code σ² · 4π² f² · exp(−2π² σ² f²)}
 * (f in cycles per pixel). The weight is zero at f = 0, so the response ignores the mean and slow gradients.
 *
 * <p>Why this operation: a bright disc of diameter D gives its strongest response at its centre for
 * σ ≈ D / (2√2) (Lindeberg's scale selection), and the σ² factor makes responses at different scales
 * comparable. σ is in pixels of {@code img}; the pixels are taken as square (callers resample first).
 */
public final class LaplacianOfGaussian {

    private LaplacianOfGaussian() {
    }

    /** Returns the response of {@code img} at scale {@code sigmaPx} (a new image; {@code img} is unchanged). */
    public static Image2D apply(Image2D img, double sigmaPx) {
        Image2D out = img.copy();
        Fft.filter(out, weight(img.nx, img.ny, sigmaPx));
        return out;
    }

    /**
     * The response at scale {@code sigmaPx} from an image's kept spectrum (many scales, one forward FFT), with the
     * weight taken as zero where it is below {@value #NEGLIGIBLE} of its peak: at x frequencies above
     * {@link #negligibleAbove} (about 0.25 cycles/px at σ = 4.2 px, the refined picker's finest scale), so half the
     * spectrum or more is never transformed back. What is dropped is far below float resolution of the response.
     */
    public static Image2D apply(Spectrum2D spectrum, double sigmaPx) {
        int hMax = (int) Math.floor(negligibleAbove(sigmaPx) * spectrum.nx());
        return spectrum.filtered(weight(spectrum.nx(), spectrum.ny(), sigmaPx), hMax);
    }

    /** Weight / peak weight below which the band-limited {@link #apply(Spectrum2D, double)} drops a frequency. */
    public static final double NEGLIGIBLE = 1e-8;
    /** u = 2π²σ²f² where u·e^(1−u) (the weight over its peak 2/e, reached at u = 1) falls to {@link #NEGLIGIBLE}. */
    private static final double U_NEGLIGIBLE = negligibleU();

    /** The frequency (cycles/px) above which the weight at scale sigmaPx is below {@link #NEGLIGIBLE} of its peak. */
    public static double negligibleAbove(double sigmaPx) {
        return Math.sqrt(U_NEGLIGIBLE / (2 * Math.PI * Math.PI)) / sigmaPx;
    }

    private static double negligibleU() {
        // u − ln u = 1 − ln(NEGLIGIBLE), solved by Newton from u = 30 (the root above the peak; ≈ 22.5)
        double c = 1 - Math.log(NEGLIGIBLE), u = 30;
        for (int i = 0; i < 50; i++) u -= (u - Math.log(u) - c) / (1 - 1 / u);
        return u;
    }

    /** The full (not band-limited) spectral weight of an nx × ny image at scale sigmaPx. */
    public static Fft.SpectralWeight spectralWeight(int nx, int ny, double sigmaPx) {
        return weight(nx, ny, sigmaPx);
    }

    private static Fft.SpectralWeight weight(int nx, int ny, double sigmaPx) {
        if (!(sigmaPx > 0) || !Double.isFinite(sigmaPx))
            throw new IllegalArgumentException("LoG scale must be positive, got " + sigmaPx);
        final double fx = 1.0 / nx, fy = 1.0 / ny, s2 = sigmaPx * sigmaPx;
        return (h, k) -> {
            double f2 = (h * fx) * (h * fx) + (k * fy) * (k * fy);
            return s2 * 4 * Math.PI * Math.PI * f2 * Math.exp(-2 * Math.PI * Math.PI * s2 * f2);
        };
    }

    /**
     * Standard deviation of the response to unit-variance white noise at scale sigmaPx: by Parseval the root
     * mean square of the spectral weight, {@code ∫ σ⁴ (2πf)⁴ exp(−4π²σ²f²) d²f = 1 / (2π σ²)}, so
     * {@code 1 / (σ √(2π))}; exact to better than 0.1 % once σ ≥ 1 px (the Gaussian is then negligible at
     * Nyquist). Dividing the response's spread by {@code noiseSd · noiseGain} says how much more structure
     * than pixel noise a micrograph has at that scale.
     */
    public static double noiseGain(double sigmaPx) {
        return 1 / (sigmaPx * Math.sqrt(2 * Math.PI));
    }

    /** The LoG scale that matches a disc of diameter {@code diameterPx}: D / (2√2). */
    public static double sigmaForDiameter(double diameterPx) {
        return diameterPx / (2 * Math.sqrt(2));
    }
}
