package org.segdiampick.binary;

/**
 * The measured components of one labelling on one pixel grid, like scikit-image's {@code regionprops} with its
 * {@code spacing}: the pixel sizes are bound once, and each property is one documented method.
 * Labels run 1..{@link #count()} as in {@link ConnectedComponents}.
 */
public final class Regions {
    private final ConnectedComponents cc;
    private final double spacingX;
    private final double spacingY;
    private final double[] diameters;

    Regions(ConnectedComponents cc, double spacingX, double spacingY) {
        this.cc = cc;
        this.spacingX = spacingX;
        this.spacingY = spacingY;
        this.diameters = measureDiameters();
    }

    public int count() {
        return cc.count();
    }

    /** Pixel size along x and y, Å. */
    public double spacingX() {
        return spacingX;
    }

    public double spacingY() {
        return spacingY;
    }

    /**
     * Diameter in Å of component {@code label}: twice the largest distance from its centroid to a member pixel
     * centre, with the per-axis pixel sizes (algorithm §7.5; decisions.md B-14). A single pixel gives 0.
     */
    public double diameter(int label) {
        return diameters[checked(label)];
    }

    /** All diameters in Å, indexed by label (element 0 is unused and 0). The live array: do not modify it. */
    public double[] diameters() {
        return diameters;
    }

    /** Mean x of the member pixels, 0-based pixel coordinates (algorithm §7.6). */
    public double centroidX(int label) {
        return cc.centroidX(label);
    }

    /** Mean y of the member pixels, 0-based pixel coordinates. */
    public double centroidY(int label) {
        return cc.centroidY(label);
    }

    // One pass over the label image: the largest squared distance per component.
    private double[] measureDiameters() {
        int nx = cc.nx(), ny = cc.ny(), count = cc.count();
        int[] labels = cc.labels();
        double[] cx = new double[count + 1], cy = new double[count + 1];
        for (int l = 1; l <= count; l++) {
            cx[l] = cc.centroidX(l);
            cy[l] = cc.centroidY(l);
        }
        double[] r2 = new double[count + 1];
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                int l = labels[row + x];
                if (l == 0) continue;
                double dx = (x - cx[l]) * spacingX, dy = (y - cy[l]) * spacingY;
                double d2 = dx * dx + dy * dy;
                if (d2 > r2[l]) r2[l] = d2;
            }
        }
        for (int l = 1; l <= count; l++) r2[l] = 2 * Math.sqrt(r2[l]);
        return r2;
    }

    private int checked(int label) {
        if (label < 1 || label > count())
            throw new IndexOutOfBoundsException("component label " + label + " outside 1.." + count());
        return label;
    }
}
