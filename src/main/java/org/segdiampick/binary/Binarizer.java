package org.segdiampick.binary;

import org.segdiampick.Parameters;

import org.segdiampick.estimate.SortMeans;
import org.segdiampick.image.Image2D;

import java.util.Arrays;

/**
 * Binarisation of the denoised shrunken micrograph (algorithm §7.1 {@code binarize_mic_den}, §7.2
 * {@code calc_bin_thres}): threshold chosen by 1-D k-means so that about 17 % of the pixels are
 * foreground, two 3 × 3 erosions, hole filling.
 *
 * <p>The threshold search sorts the pixels once, for {@link SortMeans#clusterSorted} and to count the pixels at
 * or above each candidate by bisection instead of a k × N scan.
 */
public final class Binarizer {
    /** Clusters and iteration limit of the threshold k-means (algorithm §7.2, B-6). */
    public static final int THRESHOLD_CLUSTERS = 10;
    public static final int THRESHOLD_ITERATIONS = 10;

    private Binarizer() {
    }

    /**
     * The binarisation threshold (algorithm §7.2): the pixel values are clustered by {@link SortMeans}
     * (10 clusters, 10 iterations); for each non-empty cluster in order, t_c is its smallest member and
     * f_c the fraction of pixels ≥ t_c; the first cluster whose f_c is nearest to {@code fgFraction}
     * wins. Works on the float values directly (no integer copy, decisions.md B-22).
     *
     * @throws IllegalArgumentException if a pixel is NaN or infinite, or the image has fewer than 10 pixels
     */
    public static float threshold(Image2D img, double fgFraction) {
        if (img.hasNonFinite()) throw new IllegalArgumentException("cannot binarise " + img + ": it has NaN or infinite pixels");
        float[] v = img.data;
        double[] wide = new double[v.length];
        for (int i = 0; i < v.length; i++) wide[i] = v[i];
        double[] sorted = wide.clone();
        Arrays.sort(sorted);
        SortMeans.Result km = SortMeans.clusterSorted(wide, sorted, THRESHOLD_CLUSTERS, THRESHOLD_ITERATIONS);
        int k = km.k();
        int[] lab = km.labels();
        float[] minOf = new float[k];
        Arrays.fill(minOf, Float.POSITIVE_INFINITY);
        for (int i = 0; i < v.length; i++) if (v[i] < minOf[lab[i]]) minOf[lab[i]] = v[i];
        // #{pixels ≥ t_c} = n − (first sorted position whose value is ≥ t_c): the sorted copy is numerically
        // non-decreasing, so the bisection counts exactly what a scan of x ≥ t_c over all pixels counts
        long[] atOrAbove = new long[k];
        for (int c = 0; c < k; c++) if (km.populations()[c] > 0) atOrAbove[c] = v.length - firstAtLeast(sorted, minOf[c]);
        int best = -1;
        double bestDiff = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (km.populations()[c] == 0) continue; // empty clusters are skipped (B-3)
            double diff = Math.abs((double) atOrAbove[c] / v.length - fgFraction);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = c;
            }
        }
        return minOf[best];
    }

    /**
     * First position of the ascending {@code sorted} whose value is ≥ t (its length if none). Not
     * {@link Arrays#binarySearch}: the sorted pixels repeat values, and among equal keys it returns any one.
     */
    static int firstAtLeast(double[] sorted, float t) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * The picker's binary image (algorithm §7.1): pixel ≥ threshold(0.17) → 1, two 3 × 3 erosions, hole
     * filling. An image with no foreground left is returned all zero: a micrograph with no particles is a
     * normal outcome (decisions.md B-23), never an error. A constant image thresholds to all foreground
     * (every pixel reaches its own value), which neither erosion nor hole filling changes.
     */
    public static BinaryImage binarize(Image2D img) {
        float t = threshold(img, Parameters.FRAC_FG);
        byte[] px = new byte[img.data.length];
        for (int i = 0; i < px.length; i++) px[i] = img.data[i] >= t ? (byte) 1 : 0;
        BinaryImage bin = new BinaryImage(img.nx, img.ny, px, true);
        for (int e = 0; e < Parameters.EROSIONS; e++) Morphology.erode3x3(bin);
        return Morphology.fillHoles(bin);
    }
}
