package org.segdiampick.pick;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import org.segdiampick.image.Image2D;
import org.segdiampick.pick.carbon.CarbonSplit;
import org.segdiampick.pick.carbon.HistogramKMeans;
import org.segdiampick.pick.carbon.TileHistograms;
import org.segdiampick.pick.carbon.TileMask;

/**
 * Amorphous-carbon detection of the segmentation picker (SIMPLE {@code flag_amorphous_carbon},
 * algorithm §5): tiles of the gradient-magnitude image are described by their gradient histograms
 * ({@link TileHistograms}), clustered into 5 groups by k-means on the total-variation distance
 * ({@link HistogramKMeans}), and if the clusters split into a low-spread and a clearly different high-spread
 * family ({@link CarbonSplit}), the high-spread tiles are masked as carbon ({@link TileMask}).
 *
 * <p>Deviations from the reference (decisions.md B-19): the 300 random restarts draw from a
 * {@link SplittableRandom} seeded by the caller (use {@link #seedFor}), so a rerun gives the same mask;
 * after the 100th k-means iteration the labels returned are the ones that were scored. Histogram
 * counts, cluster sums and the TVD numerators are exact integers; SIMPLE accumulates them in float.
 */
public final class CarbonDetector {

    private CarbonDetector() {
    }

    /**
     * Detects carbon on {@code lowPassed}, the shrunken micrograph already low-pass filtered at
     * {@link org.segdiampick.Parameters#LP_UB} (15 Å; §5.1 step 1 is the caller's). The image is not modified.
     *
     * @throws IllegalArgumentException if the image is smaller than 64 px along an axis (the histogram
     *                                  windows would not fit) or has NaN/infinite pixels
     */
    public static CarbonMask detect(Image2D lowPassed, long seed) {
        TileHistograms tiles = TileHistograms.of(lowPassed);
        int[] labels = new HistogramKMeans(tiles.counts(), tiles.count()).bestOfRestarts(new SplittableRandom(seed));
        boolean[] carbonClusters = CarbonSplit.carbonClusters(tiles.counts(), labels);
        if (carbonClusters == null) return CarbonMask.none(lowPassed.nx * lowPassed.ny);
        return CarbonMask.of(TileMask.usable(labels, carbonClusters, lowPassed.nx, lowPassed.ny, tiles.tx(), tiles.ty()));
    }

    /**
     * A stable 64-bit seed for the carbon restarts from a micrograph's file name (decisions.md B-19):
     * the first 8 bytes (big-endian) of the SHA-256 of the UTF-8 base name (the part after the last '/'
     * or '\'; the extension is kept). Independent of JVM, platform and the directory the file is in.
     */
    public static long seedFor(String micrographName) {
        String base = micrographName.substring(Math.max(micrographName.lastIndexOf('/'), micrographName.lastIndexOf('\\')) + 1);
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        long s = 0;
        for (int i = 0; i < 8; i++) s = (s << 8) | (h[i] & 0xff);
        return s;
    }
}
