package org.segdiampick.image;

/**
 * SIMPLE's soft-edged low-pass {@code bp(0, lp)} (algorithm §6.3), with the cut-off and roll-off in physical
 * frequency per axis (decisions.md B-24).
 *
 * <p>Radius in units of the x index: {@code r = sqrt(h² + (k·nx·smpdX/(ny·smpdY))²)}, so a physical frequency
 * f maps to r = f·nx·smpdX along every direction. Cut-off {@code L = int(nx·smpdX/lp)} (truncated, as the
 * reference); r &gt; L → 0; L − 10 ≤ r ≤ L → × (cos(π(r − (L − 10))/10) + 1)/2; below → unchanged. For a
 * square image with square pixels this is exactly the reference's index-space filter (e.g. 1024 px at 4 Å,
 * lp 15 Å: L = 273); for a non-square one the cut-off is 1/lp along y as well (the reference used the x size
 * for both axes).
 */
public final class LowPass {

    /** Width of the raised-cosine roll-off, x-index units (Fourier pixels of §6.3). */
    public static final double ROLL_OFF = 10;

    private LowPass() {
    }

    public static void apply(Image2D img, double lpAngstrom) {
        if (!(lpAngstrom > 0)) throw new IllegalArgumentException("low-pass limit must be positive: " + lpAngstrom);
        final double cut = Math.floor(img.nx * img.smpdX / lpAngstrom);
        final double kScale = img.nx * img.smpdX / (img.ny * img.smpdY);
        Fft.filter(img, (h, k) -> weight(Math.sqrt((double) h * h + (k * kScale) * (k * kScale)), cut));
    }

    /** The §6.3 weight at radius r (x-index units) for cut-off L. */
    public static double weight(double r, double cut) {
        if (r > cut) return 0;
        double start = cut - ROLL_OFF;
        if (r >= start) return (Math.cos(Math.PI * (r - start) / ROLL_OFF) + 1) / 2;
        return 1;
    }
}
