package org.segdiampick.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything report.html shows, as plain data (no Spark, no file access): the diameters before and
 * after the stage-3 filter, the clusters, the stage-4/5 box size and mask diameter, the per-micrograph
 * outcome of stage 6, the failures and a few thumbnails with their final boxes.
 *
 * @param smpd               raw pixel size in Å/px (converts mskdiam to pixels when drawn to scale)
 * @param diametersBefore    all corrected diameters in Å (policy stage 1, after the 2·SMPD_SHRINK1 correction)
 * @param diametersAccepted  the diameters in accepted clusters (stage 3), in Å
 * @param clusters           the stage-3 clusters in index order
 * @param diamMin            lower bound of accepted diameters in Å
 * @param diamMax            upper bound of accepted diameters in Å
 * @param boxInPix           box size in raw pixels (stage 4)
 * @param mskdiam            mask diameter in Å (stage 5)
 * @param clustering         clustering backend name, e.g. "kmeans" or "hac"
 * @param micrographs        one row per micrograph of the batch
 * @param failures           micrographs that failed, with their error (possibly only the first of them)
 * @param gallery            thumbnails to show with boxes; the first one also carries the to-scale drawing
 * @param failuresTotal      how many micrographs failed in all (at least {@code failures.size()})
 * @param detailsHref        relative link to the per-micrograph table (micrographs.tsv), or null
 * @param refined            the refined picker's learned size, threshold and score histograms; null when the
 *                           segmentation picker made the final picks
 */
public record ReportModel(double smpd, double[] diametersBefore, double[] diametersAccepted,
        List<Cluster> clusters, double diamMin, double diamMax, int boxInPix, double mskdiam,
        String clustering, List<MicrographRow> micrographs, List<Failure> failures,
        List<GalleryEntry> gallery, int failuresTotal, String detailsHref, Refined refined) {

    /** A model of the segmentation picker's run (no refined section). */
    public ReportModel(double smpd, double[] diametersBefore, double[] diametersAccepted,
            List<Cluster> clusters, double diamMin, double diamMax, int boxInPix, double mskdiam,
            String clustering, List<MicrographRow> micrographs, List<Failure> failures,
            List<GalleryEntry> gallery, int failuresTotal, String detailsHref) {
        this(smpd, diametersBefore, diametersAccepted, clusters, diamMin, diamMax, boxInPix, mskdiam, clustering,
                micrographs, failures, gallery, failuresTotal, detailsHref, null);
    }

    /**
     * What the refined picker decided and how its scores fell, as fixed-size histograms (bounded whatever the batch).
     *
     * @param particleDiameter  learned particle diameter, Å (drawn to scale next to box and mask)
     * @param detectionDiameter the detector's diameter, Å
     * @param threshold         minimum figure of merit of a pick
     * @param thresholdSource   "learned", "--threshold" or "decision"
     * @param learnedFrom       "this batch" or the decision file
     * @param binEdges          score bin edges, ascending, one more than bins
     * @param candidates        per bin, the batch's suppressed peaks at the detection size that the threshold was
     *                          fitted to; null when not known (campaign mode: no pass 1)
     * @param picks             per bin, the figures of merit of the picks written
     */
    public record Refined(double particleDiameter, double detectionDiameter, double threshold, String thresholdSource,
            String learnedFrom, double[] binEdges, long[] candidates, long[] picks) {
        public Refined {
            Objects.requireNonNull(binEdges, "binEdges");
            Objects.requireNonNull(picks, "picks");
            if (picks.length + 1 != binEdges.length || (candidates != null && candidates.length != picks.length))
                throw new IllegalArgumentException("score histogram bins and edges differ in length");
            binEdges = binEdges.clone();
            picks = picks.clone();
            candidates = candidates == null ? null : candidates.clone();
        }
    }

    /** A model whose failure list is complete and that links no details table. */
    public ReportModel(double smpd, double[] diametersBefore, double[] diametersAccepted,
            List<Cluster> clusters, double diamMin, double diamMax, int boxInPix, double mskdiam,
            String clustering, List<MicrographRow> micrographs, List<Failure> failures,
            List<GalleryEntry> gallery) {
        this(smpd, diametersBefore, diametersAccepted, clusters, diamMin, diamMax, boxInPix, mskdiam, clustering,
                micrographs, failures, gallery, failures.size(), null);
    }

    public ReportModel {
        if (failuresTotal < failures.size()) {
            throw new IllegalArgumentException("failuresTotal " + failuresTotal + " < " + failures.size() + " failures listed");
        }
        if (!(smpd > 0) || Double.isInfinite(smpd)) {
            throw new IllegalArgumentException("smpd must be a positive finite pixel size, got " + smpd);
        }
        if (boxInPix <= 0) {
            throw new IllegalArgumentException("boxInPix must be positive, got " + boxInPix);
        }
        diametersBefore = Objects.requireNonNull(diametersBefore, "diametersBefore").clone();
        diametersAccepted = Objects.requireNonNull(diametersAccepted, "diametersAccepted").clone();
        clusters = List.copyOf(Objects.requireNonNull(clusters, "clusters"));
        clustering = Objects.requireNonNull(clustering, "clustering");
        micrographs = List.copyOf(Objects.requireNonNull(micrographs, "micrographs"));
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
        gallery = List.copyOf(Objects.requireNonNull(gallery, "gallery"));
    }

    @Override
    public double[] diametersBefore() {
        return diametersBefore.clone();
    }

    @Override
    public double[] diametersAccepted() {
        return diametersAccepted.clone();
    }

    /**
     * One stage-3 cluster.
     *
     * @param index    0-based cluster label
     * @param mean     mean diameter in Å, NaN for an empty cluster
     * @param pop      number of diameters in the cluster
     * @param zMean    Z-score of the mean
     * @param zPop     Z-score of the population
     * @param accepted whether its diameters were kept
     */
    public record Cluster(int index, double mean, int pop, double zMean, double zPop, boolean accepted) {
    }

    /**
     * The outcome for one micrograph.
     *
     * @param name   micrograph name (shown escaped)
     * @param nptcls particles picked in stage 6 (0 when it failed)
     * @param state  e.g. "ok", "failed", "skipped"
     * @param error  the error message, or null
     */
    public record MicrographRow(String name, int nptcls, String state, String error) {
        public MicrographRow {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A failed micrograph and why. */
    public record Failure(String micrograph, String message) {
        public Failure {
            Objects.requireNonNull(micrograph, "micrograph");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A box centre in raw micrograph pixels. */
    public record Point(double x, double y) {
    }

    /**
     * A thumbnail and the final boxes on it. A raw pixel (x, y) is drawn at thumbnail pixel
     * (offsetX + scale·x, offsetY + scale·y), the same mapping the thumbnail was made with.
     *
     * @param name        micrograph name
     * @param jpeg        the thumbnail as JPEG bytes
     * @param width       thumbnail width in pixels (512 for the job's thumbnails)
     * @param height      thumbnail height in pixels
     * @param scale       thumbnail pixels per raw pixel
     * @param offsetX     thumbnail x of raw x = 0
     * @param offsetY     thumbnail y of raw y = 0
     * @param boxCentres  final box centres in raw pixels
     */
    public record GalleryEntry(String name, byte[] jpeg, int width, int height, double scale,
            double offsetX, double offsetY, List<Point> boxCentres) {
        public GalleryEntry {
            Objects.requireNonNull(name, "name");
            jpeg = Objects.requireNonNull(jpeg, "jpeg").clone();
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("thumbnail of " + name + " has size " + width + "x" + height);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("thumbnail scale of " + name + " must be positive, got " + scale);
            }
            boxCentres = List.copyOf(Objects.requireNonNull(boxCentres, "boxCentres"));
        }

        @Override
        public byte[] jpeg() {
            return jpeg.clone();
        }
    }
}
