package org.segdiampick.image;

/**
 * SIMPLE's "TV" filter (algorithm §6.4): despite the name, one linear Fourier filter with the closed-form
 * transfer function {@code H = B²/(B² + λR)}, B = β(θx)β(θy), R = α0(θx)α2(θy) + α2(θx)α0(θy),
 * θx = 2πh/nx, θy = 2πk/ny, with β the quadratic B-spline and α0, α2 the kernels of §6.4. The reference
 * builds B and R by FFT of the sampled kernels with normalisations that cancel; the closed form is the same
 * up to float rounding. H(0,0) = 1 (the mean is preserved) and 0 &lt; H ≤ 1.
 */
public final class TvFilter {

    private TvFilter() {
    }

    public static void apply(Image2D img, double lambda) {
        final int nx = img.nx, ny = img.ny;
        // per-axis factors tabulated once (the cosines would otherwise dominate the filter's cost)
        final double[][] fx = axisFactors(nx, Fft.halfLength(nx)), fy = axisFactors(ny, ny);
        Fft.filter(img, (h, k) -> {
            int kk = k < 0 ? -k : k; // every factor is even in θ
            double b = fx[0][h] * fy[0][kk];
            double r = fx[1][h] * fy[2][kk] + fx[2][h] * fy[1][kk];
            return b * b / (b * b + lambda * r);
        });
    }

    /** {β, α0, α2} at θ = 2πi/n for i = 0..count−1. */
    private static double[][] axisFactors(int n, int count) {
        double[][] f = new double[3][count];
        for (int i = 0; i < count; i++) {
            double t = 2 * Math.PI * i / n;
            f[0][i] = beta(t);
            f[1][i] = alpha0(t);
            f[2][i] = alpha2(t);
        }
        return f;
    }

    /** H(θx, θy) of §6.4. */
    public static double transfer(double tx, double ty, double lambda) {
        double b = beta(tx) * beta(ty);
        double r = alpha0(tx) * alpha2(ty) + alpha2(tx) * alpha0(ty);
        return b * b / (b * b + lambda * r);
    }

    private static double beta(double t) {
        return 0.75 + 0.25 * Math.cos(t);
    }

    private static double alpha0(double t) {
        return 11.0 / 20 + 13.0 / 30 * Math.cos(t) + 1.0 / 60 * Math.cos(2 * t);
    }

    private static double alpha2(double t) {
        return 1 - 2.0 / 3 * Math.cos(t) - 1.0 / 3 * Math.cos(2 * t);
    }
}
