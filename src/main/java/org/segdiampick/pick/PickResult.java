package org.segdiampick.pick;

import org.segdiampick.binary.BinaryImage;
import org.segdiampick.image.Image2D;

import java.util.List;

/**
 * What pass 1 produced for one micrograph (algorithm §7.7).
 *
 * @param geometry       raw and shrunken grids
 * @param outcome        why there are or are not particles
 * @param picks          kept components in component-label order (empty unless {@link Outcome#PICKED})
 * @param density        the shrunken image after the TV stage ({@code _den.mrc}); null for CONSTANT and CARBON
 * @param topology       the fully filtered image ({@code _topo.mrc}); null for CONSTANT and CARBON
 * @param binary         kept components only, carbon mask applied (decisions B-11); null for CONSTANT and CARBON
 * @param carbonFraction fraction of the shrunken image flagged as amorphous carbon
 */
public record PickResult(ShrinkGeometry geometry, Outcome outcome, List<Pick> picks, Image2D density,
                         Image2D topology, BinaryImage binary, double carbonFraction) {

    public enum Outcome {
        /** At least one component passed the gate. */
        PICKED,
        /** The pipeline ran but no component passed (no foreground, all too small or too large): 0 particles. */
        NO_PARTICLES,
        /** The raw micrograph is constant (max − min &lt; 1e-10): nothing to pick, no images (B-29). */
        CONSTANT,
        /** More than 98 % of the micrograph is amorphous carbon: no particles, no images (§7.7 step 3). */
        CARBON
    }

    public boolean hasImages() {
        return binary != null;
    }

    public double[] diameters() {
        double[] d = new double[picks.size()];
        for (int i = 0; i < d.length; i++) d[i] = picks.get(i).diameter();
        return d;
    }
}
