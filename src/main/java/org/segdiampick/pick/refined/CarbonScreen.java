package org.segdiampick.pick.refined;

import org.segdiampick.Parameters;
import org.segdiampick.image.Image2D;
import org.segdiampick.image.LowPass;
import org.segdiampick.pick.CarbonDetector;
import org.segdiampick.pick.CarbonMask;
import org.segdiampick.pick.carbon.TileHistograms;

/**
 * The segmentation picker's amorphous-carbon detector ({@link CarbonDetector}) run on a coarse grid for the
 * refined picker: the bright working image binned to about {@value #GRID_SMPD} Å/px (instead of pass 1's 4 Å after a
 * full-image Fourier resample) and low-passed at {@link CarbonDetector#MIC_LP} Å. Its 32-px tiles then cover
 * 450–640 Å instead of 128 Å: 12–25 times fewer tiles for its 300 k-means restarts, which dominate its cost
 * (a carbon edge runs across micrometres, so the coarser mask loses little; docs/picking.md has the figures).
 */
public final class CarbonScreen {
    /** Target pixel size of the carbon grid, Å (never finer than the raw pixels). */
    public static final double GRID_SMPD = 20;
    /** The particle diameter whose {@link WorkingGrid} binning gives that pixel size, Å. */
    static final double GRID_DIAMETER = GRID_SMPD * WorkingGrid.PIXELS_PER_DIAMETER;

    /** The mask and the binning factor of its grid (raw px per mask px). */
    public record Screen(CarbonMask mask, int factor, int nx, int ny) {
        /** True when raw pixel (x, y) may hold a particle. */
        public boolean usable(int x, int y) {
            if (!mask.carbonFound()) return true;
            int gx = Math.min(nx - 1, x / factor), gy = Math.min(ny - 1, y / factor);
            return mask.usable()[gy * nx + gx];
        }
    }

    private CarbonScreen() {
    }

    /** Screens the micrograph of {@code grid}; micrographs too small for the detector are all usable. */
    public static Screen of(WorkingGrid grid, long seed) {
        int factor = WorkingGrid.factor(grid.smpd(), GRID_DIAMETER);
        Image2D lp = grid.forDiameter(GRID_DIAMETER).copy();
        if (lp.nx < 2 * TileHistograms.BOX || lp.ny < 2 * TileHistograms.BOX)
            return new Screen(new CarbonMask(new boolean[lp.size()], false, 0), factor, lp.nx, lp.ny);
        LowPass.apply(lp, Parameters.LP_UB);
        return new Screen(CarbonDetector.detect(lp, seed), factor, lp.nx, lp.ny);
    }
}
