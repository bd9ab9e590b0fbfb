package org.segdiampick.pick;

import org.segdiampick.Parameters;

import org.segdiampick.image.Rounding;

import java.io.Serializable;

/**
 * The grid on which the segmentation picker works: the raw micrograph (N1 × N2 pixels of {@code smpd} Å)
 * Fourier-resampled to pixels of about {@link Parameters#SMPD_SHRINK1} Å (algorithm §4.1, §4.4).
 *
 * <p>Both passes use this one object, so a component gets the same diameter in pass 1 and pass 2
 * (decisions.md B-14): the shrunken pixel size is the true one per axis, {@code smpd · N_d / n_d},
 * not the nominal 4.0 Å, and positions map back to raw pixels with the true per-axis scale. When the raw
 * pixel is coarser than 4 Å the "shrink" is an up-sampling (B-31).
 */
public record ShrinkGeometry(int rawNx, int rawNy, double smpd, int nx, int ny) implements Serializable {

    public static ShrinkGeometry of(int rawNx, int rawNy, double smpd) {
        if (rawNx < 1 || rawNy < 1) throw new IllegalArgumentException("bad micrograph size " + rawNx + " x " + rawNy);
        if (!(smpd > 0) || !Double.isFinite(smpd)) throw new IllegalArgumentException("bad pixel size " + smpd);
        double scale = smpd / Parameters.SMPD_SHRINK1;
        int nx = Math.max(2, Rounding.round2even(rawNx * scale));
        int ny = Math.max(2, Rounding.round2even(rawNy * scale));
        return new ShrinkGeometry(rawNx, rawNy, smpd, nx, ny);
    }

    /** Shrunken pixel size along x, Å: smpd · N1 / n1. */
    public double smpdX() {
        return smpd * rawNx / nx;
    }

    /** Shrunken pixel size along y, Å: smpd · N2 / n2. */
    public double smpdY() {
        return smpd * rawNy / ny;
    }

    /**
     * Raw-micrograph pixel (0-based) of a point given in shrunken pixels (0-based, fractional):
     * the offset from the shrunken centre {@code n/2} scaled by {@code N/n}, rounded half away from
     * zero, plus the raw centre {@code N/2} (algorithm §7.7; true per-axis scale per B-14).
     */
    public int rawX(double shrunkX) {
        return (int) Rounding.nint((shrunkX - nx / 2) * rawNx / (double) nx) + rawNx / 2;
    }

    public int rawY(double shrunkY) {
        return (int) Rounding.nint((shrunkY - ny / 2) * rawNy / (double) ny) + rawNy / 2;
    }

}
