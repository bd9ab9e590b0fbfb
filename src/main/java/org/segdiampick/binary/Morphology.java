package org.segdiampick.binary;

/**
 * Binary morphology of the segmentation picker (algorithm §7.1, §7.3). Both operations work in place
 * on the given image and return it; scratch space is allocated internally.
 */
public final class Morphology {
    private Morphology() {
    }

    /**
     * One erosion with a 3 × 3 square (algorithm §7.3): a foreground pixel stays foreground only if every
     * in-bounds pixel of its 3 × 3 neighbourhood is foreground. Positions outside the image are ignored,
     * so the border does not erode. All pixels are decided from the input state (simultaneous update).
     * The square is separable: a 3-wide minimum along x, then along y, each over in-bounds pixels only.
     */
    public static BinaryImage erode3x3(BinaryImage img) {
        final int nx = img.nx, ny = img.ny;
        final byte[] px = img.px;
        byte[] rowMin = new byte[px.length];
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                int i = row + x;
                byte m = px[i];
                if (x > 0) m &= px[i - 1];
                if (x + 1 < nx) m &= px[i + 1];
                rowMin[i] = m;
            }
        }
        for (int y = 0; y < ny; y++) {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                int i = row + x;
                byte m = rowMin[i];
                if (y > 0) m &= rowMin[i - nx];
                if (y + 1 < ny) m &= rowMin[i + nx];
                px[i] = m;
            }
        }
        return img;
    }

    /**
     * Hole filling (algorithm §7.1 step 5): the background is split into 8-connected components; the
     * largest one (the first in raster-order label numbering on ties) stays background and every other
     * background pixel becomes foreground. With no background at all the image is all foreground already.
     */
    public static BinaryImage fillHoles(BinaryImage img) {
        ConnectedComponents bg = ConnectedComponents.labelValue(img, (byte) 0, Connectivity.EIGHT);
        if (bg.count() <= 1) return img; // zero or one background component: nothing is a hole
        int largest = 1;
        for (int l = 2; l <= bg.count(); l++) if (bg.size(l) > bg.size(largest)) largest = l;
        int[] lab = bg.labels();
        byte[] px = img.px;
        for (int i = 0; i < px.length; i++) if (lab[i] != 0 && lab[i] != largest) px[i] = 1;
        return img;
    }
}
