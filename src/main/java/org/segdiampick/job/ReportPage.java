package org.segdiampick.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.segdiampick.estimate.ClusterFilter;
import org.segdiampick.estimate.Decision;
import org.segdiampick.estimate.EstimateReport;
import org.segdiampick.image.Thumbnail;
import org.segdiampick.io.BoxFile;
import org.segdiampick.io.Storage;
import org.segdiampick.pick.ShrinkGeometry;
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
 * Builds {@code OUT/report.html} from what the driver already holds: the estimate, the outcomes, and a few
 * thumbnails and box files read back for the gallery (never more than {@link ReportWriter#MAX_GALLERY}).
 */
final class ReportPage {
    private ReportPage() {
    }

    static void write(OutputLayout layout, ObjectNode summary, EstimateReport report, Decision decision,
                      ProjectSelection sel, List<Pass1Outcome> p1, List<Pass2Outcome> p2, Configuration conf) throws IOException {
        List<ReportModel.Cluster> clusters = new ArrayList<>();
        double[] before = new double[0], accepted = new double[0];
        String clustering = "decision reused from " + summary.path("decision_source").asText();
        if (report != null) {
            for (ClusterFilter.Cluster c : report.clusters())
                clusters.add(new ReportModel.Cluster(c.index(), c.mean(), (int) c.pop(), c.zMean(), c.zPop(), c.accepted()));
            before = report.correctedDiameters();
            accepted = report.acceptedDiameters();
            clustering = report.clustering().id();
        }
        List<ReportModel.MicrographRow> rows = new ArrayList<>();
        List<ReportModel.Failure> failures = new ArrayList<>();
        int j = 0;
        for (Pass1Outcome x : p1) {
            String mic = sel.tasks.get(SegDiamPickJob.indexOf(sel.tasks, x.index())).intg();
            while (j < p2.size() && p2.get(j).index() < x.index()) j++;
            Pass2Outcome y = j < p2.size() && p2.get(j).index() == x.index() ? p2.get(j) : null;
            String error = x.failed() ? x.error() : y != null && y.failed() ? y.error() : null;
            if (error != null) failures.add(new ReportModel.Failure(mic, error));
            rows.add(new ReportModel.MicrographRow(x.name(), y == null ? 0 : y.nptcls(),
                    error != null ? "failed" : x.status().name().toLowerCase(java.util.Locale.ROOT), error));
        }
        List<ReportModel.GalleryEntry> gallery = new ArrayList<>();
        for (Pass2Outcome y : p2) {
            if (gallery.size() >= ReportWriter.MAX_GALLERY) break;
            if (y.thumb() == null || y.boxfile() == null) continue;
            Pass1Outcome x = p1.get(indexOfOutcome(p1, y.index()));
            gallery.add(galleryEntry(y, x, sel.smpd, conf));
        }
        ReportModel model = new ReportModel(sel.smpd, before, accepted, clusters, decision.diamMin(), decision.diamMax(),
                decision.boxInPix(), decision.mskdiam(), clustering, rows, failures, gallery);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ReportWriter().write(model, bytes);
        Storage.writeAtomically(layout.report(), bytes.toByteArray(), conf);
    }

    /** The thumbnail maps raw pixel x to {@code offset + x · t/N}: den is N·(n/N) pixels, resampled to t (§9.3). */
    private static ReportModel.GalleryEntry galleryEntry(Pass2Outcome y, Pass1Outcome x, double smpd, Configuration conf)
            throws IOException {
        ShrinkGeometry geo = ShrinkGeometry.of(x.rawNx(), x.rawNy(), smpd);
        Thumbnail.Placement place = Thumbnail.placement(geo.nx(), geo.ny());
        List<ReportModel.Point> centres = new ArrayList<>();
        try (Reader r = new InputStreamReader(Storage.open(y.boxfile(), conf), StandardCharsets.UTF_8)) {
            for (BoxFile.BoxLine b : BoxFile.read(r, y.boxfile())) centres.add(new ReportModel.Point(b.centreX(), b.centreY()));
        }
        return new ReportModel.GalleryEntry(y.name(), Storage.readAll(y.thumb(), conf), Thumbnail.SIZE, Thumbnail.SIZE,
                place.width() / (double) x.rawNx(), place.offsetX(), place.offsetY(), centres);
    }

    private static int indexOfOutcome(List<Pass1Outcome> p1, int index) {
        for (int i = 0; i < p1.size(); i++) if (p1.get(i).index() == index) return i;
        throw new IllegalStateException("no pass-1 outcome for record " + index);
    }
}
