package org.segdiampick.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html stays under 5 MB whatever the batch: 100,000 micrographs, 20,000 of them failed with long
 * messages and long names, a full gallery. Counts and the particle-count histogram cover every micrograph; the
 * table and the failure list show their first entries and count the rest, linking micrographs.tsv.
 */
class BoundedReportTest {
    static final long MAX_BYTES = 5L * 1024 * 1024;

    @Test
    void aHundredThousandMicrographsFitInFiveMegabytes() throws IOException {
        ReportModel base = SyntheticReport.model();
        int n = 100_000;
        String longText = "x".repeat(5_000);
        List<ReportModel.MicrographRow> rows = new ArrayList<>(n);
        List<ReportModel.Failure> failures = new ArrayList<>();
        long particles = 0;
        for (int i = 0; i < n; i++) {
            String name = String.format("/campaign/grid%02d/FoilHole_%07d_%s.mrc", i % 17, i, i % 1000 == 0 ? longText : "");
            boolean failed = i % 5 == 0;
            int count = failed ? 0 : (i * 37) % 400;
            particles += count;
            rows.add(new ReportModel.MicrographRow(name, count, failed ? "failed" : "picked", failed ? longText : null));
            if (failed && failures.size() < 100) failures.add(new ReportModel.Failure(name, longText));
        }
        List<ReportModel.GalleryEntry> gallery = new ArrayList<>();
        for (int i = 0; i < ReportWriter.MAX_GALLERY; i++) gallery.add(base.gallery().get(i % base.gallery().size()));
        ReportModel m = new ReportModel(base.smpd(), base.diametersBefore(), base.diametersAccepted(), base.clusters(),
                base.diamMin(), base.diamMax(), base.boxInPix(), base.mskdiam(), base.clustering(), rows, failures, gallery,
                n / 5, "micrographs.tsv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(m, out);
        String html = out.toString(StandardCharsets.UTF_8);
        assertTrue(out.size() <= MAX_BYTES, "report.html is " + out.size() + " bytes");
        assertTrue(html.contains("100000 (20000 failed)"), "counts cover every micrograph");
        assertTrue(html.contains("<dt>particles</dt><dd>" + particles + "</dd>"));
        assertTrue(html.contains("Table shows the first " + ReportWriter.MAX_TABLE_ROWS + " of 100000 micrographs"));
        assertTrue(html.contains("and " + (n / 5 - 100) + " more"), "uncounted failures");
        assertTrue(html.contains("<a href=\"micrographs.tsv\">"), "links the details table");
        assertTrue(html.contains("Micrographs by particle count (all 100000)"));
        // the histogram's bins sum to the batch
        long binned = 0;
        java.util.regex.Matcher bin = java.util.regex.Pattern.compile("particles: (\\d+) micrographs</title>").matcher(html);
        while (bin.find()) binned += Long.parseLong(bin.group(1));
        assertEquals(n, binned);
        assertEquals(ReportWriter.MAX_TABLE_ROWS + 1, html.split("<tr", -1).length - 1 - base.clusters().size() - 1,
                "table rows: header + " + ReportWriter.MAX_TABLE_ROWS);
    }
}
