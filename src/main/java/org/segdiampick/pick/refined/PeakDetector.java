package org.segdiampick.pick.refined;

import java.util.ArrayList;
import java.util.List;

/**
 * Local maxima of a response map: pixels strictly greater than their 8 neighbours, or equal to those that come
 * earlier in raster order and greater than those later (so a plateau yields exactly one peak), whose value is at
 * least {@code floor}. Border pixels are skipped: a particle centred on the border cannot be boxed anyway.
 */
public final class PeakDetector {

    private PeakDetector() {
    }

    /** The local maxima of the nx × ny map {@code v} (raster order, x fastest) with value ≥ floor, raster order. */
    public static List<Peak> localMaxima(float[] v, int nx, int ny, double floor) {
        if ((long) nx * ny != v.length) throw new IllegalArgumentException("map size " + v.length + " != " + nx + " x " + ny);
        List<Peak> out = new ArrayList<>();
        for (int y = 1; y < ny - 1; y++) {
            for (int x = 1; x < nx - 1; x++) {
                int i = y * nx + x;
                float c = v[i];
                if (c < floor) continue;
                // earlier neighbours (row above and left) must be strictly lower, later ones lower or equal
                if (v[i - nx - 1] >= c || v[i - nx] >= c || v[i - nx + 1] >= c || v[i - 1] >= c) continue;
                if (v[i + 1] > c || v[i + nx - 1] > c || v[i + nx] > c || v[i + nx + 1] > c) continue;
                out.add(new Peak(x, y, c));
            }
        }
        return out;
    }
}
