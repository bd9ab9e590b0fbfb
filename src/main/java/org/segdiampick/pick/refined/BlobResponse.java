package org.segdiampick.pick.refined;

import org.segdiampick.image.Image2D;
import org.segdiampick.image.LaplacianOfGaussian;

/**
 * The blob detector's response to particles of one diameter on one micrograph: the scale-normalised Laplacian of
 * Gaussian at σ = D / (2√2) of the working grid, as a robust z-score (so scores from crowded and sparse micrographs
 * share a scale and a batch can pool them), and the micrograph's signal ratio at that scale: the robust spread of
 * the response over the spread white noise of the image's own pixel-noise level would give. Pure noise has a ratio
 * of 1; a micrograph crowded with particles of that size has more (1.5 to 37 on the shared EMPIAR sets at their detection diameter).
 *
 * <p>A peak {@link #counts counts} when the micrograph has structure at that size (ratio at least
 * {@value #MIN_SIGNAL_RATIO}), or, on a sparse or empty micrograph, when the peak alone stands out from white noise
 * of the image's pixel-noise level by {@value #NOISE_FLOOR} sd (z × ratio): pure Gaussian noise then gives about one
 * peak per 10⁷ working pixels, while a lone particle still counts.
 *
 * @param z           robust z-score of the response, working-grid raster (x fastest)
 * @param nx          working-grid width
 * @param ny          working-grid height
 * @param factor      binning factor of the working grid (raw px per working px)
 * @param diameterPx  the diameter in working pixels
 * @param signalRatio robust sd of the response / sd expected from pixel noise alone
 */
public record BlobResponse(float[] z, int nx, int ny, int factor, double diameterPx, double signalRatio) {
    /** Signal ratio from which a micrograph's peaks count on their robust z alone (pure noise has 1). */
    public static final double MIN_SIGNAL_RATIO = 1.25;
    /** Otherwise a peak must reach this many sd of the white-noise response. */
    public static final double NOISE_FLOOR = 5;

    /** Whether a peak of robust z-score {@code score} counts as a detection (see the class comment). */
    public boolean counts(double score) {
        return signalRatio >= MIN_SIGNAL_RATIO || score * signalRatio >= NOISE_FLOOR;
    }

    /** Computes the response of {@code grid}'s micrograph to particles of {@code diameterA} Å. */
    public static BlobResponse of(WorkingGrid grid, double diameterA) {
        Image2D w = grid.forDiameter(diameterA);
        int factor = WorkingGrid.factor(grid.smpd(), diameterA);
        double dPx = diameterA / (grid.smpd() * factor);
        double sigma = LaplacianOfGaussian.sigmaForDiameter(dPx);
        Image2D r = LaplacianOfGaussian.apply(grid.spectrumForDiameter(diameterA), sigma);
        double[] cs = RobustZ.applyInPlace(r.data);
        double noise = grid.noiseSdForDiameter(diameterA) * LaplacianOfGaussian.noiseGain(sigma);
        return new BlobResponse(r.data, w.nx, w.ny, factor, dPx, cs[1] / noise);
    }
}
