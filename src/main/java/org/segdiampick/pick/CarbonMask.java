package org.segdiampick.pick;

/**
 * Result of the amorphous-carbon detection (algorithm §5) on the shrunken grid.
 *
 * @param usable         per pixel, raster order (x fastest): true where particles may be picked
 * @param carbonFound    whether the histogram clustering decided that carbon is present (§5.4)
 * @param carbonFraction fraction of pixels that are not usable (0 when no carbon was found)
 */
public record CarbonMask(boolean[] usable, boolean carbonFound, double carbonFraction) {
}
