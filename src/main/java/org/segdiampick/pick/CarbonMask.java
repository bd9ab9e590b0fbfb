package org.segdiampick.pick;

import java.util.Arrays;

/**
 * Result of the amorphous-carbon detection (algorithm §5) on the shrunken grid.
 *
 * @param usable         per pixel, raster order (x fastest): true where particles may be picked
 * @param carbonFound    whether the histogram clustering decided that carbon is present (§5.4)
 * @param carbonFraction fraction of pixels that are not usable (0 when no carbon was found)
 */
public record CarbonMask(boolean[] usable, boolean carbonFound, double carbonFraction) {

    /** No carbon: every one of the {@code pixels} is usable. */
    public static CarbonMask none(int pixels) {
        boolean[] u = new boolean[pixels];
        Arrays.fill(u, true);
        return new CarbonMask(u, false, 0.0);
    }

    /** Carbon found: {@code usable} is the mask, the fraction is of the pixels it excludes. */
    public static CarbonMask of(boolean[] usable) {
        int masked = 0;
        for (boolean u : usable) if (!u) masked++;
        return new CarbonMask(usable, true, (double) masked / usable.length);
    }
}
