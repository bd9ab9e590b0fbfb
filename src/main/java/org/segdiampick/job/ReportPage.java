package org.segdiampick.job;

import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.ClusterFilter;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.ShrinkGeometry;
import org.segdiampick.pick.refined.ScoreHistogram;
import org.segdiampick.report.ReportModel;
import org.segdiampick.report.ReportWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@code OUT/report.html} from the joined results: the estimate, one row per micrograph (the page shows
 * counts and histograms of all of them and a table of the first few, linking micrographs.tsv), the first
 * {@link RunSummary#MAX_FAILURES_LISTED} failures, and a gallery of at most {@link ReportWriter#MAX_GALLERY}
 * micrographs spread evenly over the batch (the same ones on every rerun), whose thumbnails and box files are
 * the only files read back.
 */
final class ReportPage {
    private ReportPage() {
    }

    static void write(OutputLayout layout, EstimateReport report, Decision decision, String decisionFile, double smpd,
                      List<MicResult> results, Configuration conf) throws IOException {
        write(layout, report, decision, decisionFile, smpd, results, null, conf);
    }

    /** @param refined the refined picker's decision and score histograms, or null with the segmentation picker */
    static void write(OutputLayout layout, EstimateReport report, Decision decision, String decisionFile, double smpd,
                      List<MicResult> results, RefinedRun refined, Configuration conf) throws IOException {
        List<ReportModel.Cluster> clusters = new ArrayList<>();
        double[] before = new double[0], accepted = new double[0];
        String clustering = "decision reused from " + decisionFile;
        if (report != null) {
            for (ClusterFilter.Cluster c : report.clusters())
                clusters.add(new ReportModel.Cluster(c.index(), c.mean(), (int) c.pop(), c.zMean(), c.zPop(), c.accepted()));
            before = report.correctedDiameters();
            accepted = report.acceptedDiameters();
            clustering = report.clustering().id();
        }
        List<ReportModel.MicrographRow> rows = new ArrayList<>(results.size());
        List<ReportModel.Failure> failures = new ArrayList<>();
        int failed = 0;
        List<MicResult> withBoxes = new ArrayList<>();
        for (MicResult x : results) {
            rows.add(new ReportModel.MicrographRow(x.name(), x.nptcls(), x.status(), x.error()));
            if (x.failed() && failed++ < RunSummary.MAX_FAILURES_LISTED) failures.add(new ReportModel.Failure(x.micrograph(), x.error()));
            if (x.thumb() != null && x.boxfile() != null) withBoxes.add(x);
        }
        List<ReportModel.GalleryEntry> gallery = new ArrayList<>();
        for (MicResult x : sample(withBoxes, ReportWriter.MAX_GALLERY)) gallery.add(galleryEntry(x, smpd, conf));
        ReportModel model = new ReportModel(smpd, before, accepted, clusters, decision.diamMin(), decision.diamMax(),
                decision.boxInPix(), decision.mskdiam(), clustering, rows, failures, gallery, failed, "micrographs.tsv",
                refined == null ? null : refined(refined));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ReportWriter().write(model, bytes);
        Storage.writeAtomically(layout.report(), bytes.toByteArray(), conf);
    }

    /** The refined picker's part of the report: its decision and the batch's binned scores. */
    private static ReportModel.Refined refined(RefinedRun r) {
        double[] edges = new double[ScoreHistogram.BINS + 1];
        for (int b = 0; b <= ScoreHistogram.BINS; b++) edges[b] = Math.exp(ScoreHistogram.logLowerEdge(b));
        ScoreHistogram candidates = r.candidates();
        ScoreHistogram picks = r.merits() == null ? new ScoreHistogram() : r.merits();
        return new ReportModel.Refined(r.decision().particleDiameter(), r.decision().detectionDiameter(), r.decision().threshold(),
                r.thresholdSource(), r.learnedFrom(), edges, candidates == null ? null : candidates.counts(), picks.counts());
    }

    /** At most {@code k} elements spread evenly over {@code all} (all of them if there are no more than k), in order. */
    static <T> List<T> sample(List<T> all, int k) {
        int n = all.size();
        if (n <= k) return all;
        List<T> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) out.add(all.get((int) ((long) i * n / k)));
        return out;
    }

    /** The thumbnail maps raw pixel x to {@code offset + x · t/N}: den is N·(n/N) pixels, resampled to t (§9.3). */
    private static ReportModel.GalleryEntry galleryEntry(MicResult x, double smpd, Configuration conf) throws IOException {
        Pass1Outcome p = x.pick();
        ShrinkGeometry geo = ShrinkGeometry.of(p.rawNx(), p.rawNy(), smpd);
        Thumbnail.Placement place = Thumbnail.placement(geo.nx(), geo.ny());
        List<ReportModel.Point> centres = new ArrayList<>();
        try (Reader r = new InputStreamReader(Storage.open(x.boxfile(), conf), StandardCharsets.UTF_8)) {
            for (BoxFile.BoxLine b : BoxFile.read(r, x.boxfile())) centres.add(new ReportModel.Point(b.centreX(), b.centreY()));
        }
        return new ReportModel.GalleryEntry(x.name(), Storage.readAll(x.thumb(), conf), Thumbnail.SIZE, Thumbnail.SIZE,
                place.width() / (double) p.rawNx(), place.offsetX(), place.offsetY(), centres);
    }
}
