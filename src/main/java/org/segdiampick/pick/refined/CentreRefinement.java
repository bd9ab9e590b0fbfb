package org.segdiampick.pick.refined;

/**
 * Refines a detection's centre to the centroid of the positive blob response within {@value #RADIUS} diameters
 * of its peak pixel (sub-pixel, working-grid coordinates). A particle's response at the detection scale is one
 * positive lobe of radius about D / 2; its maximum sits where the lobe is highest, which on a hollow or uneven
 * particle (apoferritin's protein shell in projection is a ring) can be a third of a radius off the particle's
 * centre, while the lobe's centroid is not. The radius stays inside the particle's own lobe: a neighbour at least
 * 0.8 D away (the suppression distance) contributes little. On a symmetric blob the centroid is the peak itself.
 */
public final class CentreRefinement {
    /** Centroid radius, in detection diameters (docs/picking.md has the figures that chose it). */
    public static final double RADIUS = 0.35;

    private CentreRefinement() {
    }

    /** {x, y}: the centroid of max(0, v) over the disc of radius {@code RADIUS · diameterPx} around (px, py). */
    public static double[] centroid(float[] v, int nx, int ny, int px, int py, double diameterPx) {
        double rad = RADIUS * diameterPx, r2 = rad * rad;
        int r = (int) Math.ceil(rad);
        double sx = 0, sy = 0, sw = 0;
        for (int y = Math.max(0, py - r); y <= Math.min(ny - 1, py + r); y++)
            for (int x = Math.max(0, px - r); x <= Math.min(nx - 1, px + r); x++) {
                int dx = x - px, dy = y - py;
                if (dx * dx + dy * dy > r2) continue;
                double w = v[y * nx + x];
                if (w <= 0) continue;
                sx += w * x;
                sy += w * y;
                sw += w;
            }
        return sw > 0 ? new double[]{sx / sw, sy / sw} : new double[]{px, py};
    }
}
