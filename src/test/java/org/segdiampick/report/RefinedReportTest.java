package org.segdiampick.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The refined picker's part of report.html: learned diameter to scale, score histogram with the threshold. */
class RefinedReportTest {

    /** Four bins with edges 1, 2, 4, 8, 16; candidates in all, picks in the upper two; threshold 4. */
    private static ReportModel withRefined(ReportModel base, long[] candidates) {
        ReportModel.Refined r = new ReportModel.Refined(120, 96, 4.0, "learned", "this batch",
                new double[]{1, 2, 4, 8, 16}, candidates, new long[]{0, 0, 30, 10});
        return new ReportModel(base.smpd(), base.diametersBefore(), base.diametersAccepted(), base.clusters(), base.diamMin(),
                base.diamMax(), base.boxInPix(), base.mskdiam(), base.clustering(), base.micrographs(), base.failures(),
                base.gallery(), base.failuresTotal(), base.detailsHref(), r);
    }

    @Test
    void learnedDiameterIsDrawnToScaleAndTheThresholdOnTheScoreHistogram() throws Exception {
        ReportModel base = SyntheticReport.model();
        String html = new ReportWriter().render(withRefined(base, new long[]{50, 40, 30, 10}));
        Document d = ReportWriterTest.parse(html);
        NodeList c = ReportWriterTest.nodes(d, "//*[local-name()='circle'][@class='scale-particle']");
        assertEquals(1, c.getLength());
        // 120 Å / 1.5 Å/px = 80 raw px, at the gallery thumbnail's scale; radius half of it
        double scale = base.gallery().get(0).scale();
        assertEquals(80 * scale / 2, Double.parseDouble(((Element) c.item(0)).getAttribute("r")), 0.01);
        NodeList svg = ReportWriterTest.nodes(d, "//*[local-name()='svg'][@class='score-histogram']");
        assertEquals(1, svg.getLength());
        // 4 candidate bars + 2 pick bars; the threshold 4 sits at the edge between bin 1 and bin 2: half-way
        assertEquals(6, ReportWriterTest.nodes(d, "//*[local-name()='svg'][@class='score-histogram']/*[local-name()='rect']").getLength());
        Element t = (Element) ReportWriterTest.nodes(d, "//*[local-name()='line'][@class='threshold']").item(0);
        assertEquals(50 + (640 - 60) / 2.0, Double.parseDouble(t.getAttribute("x1")), 0.01);
        assertTrue(html.contains("particle diameter") && html.contains("120.0 \u00c5"), "summary lists the learned diameter");
    }

    @Test
    void campaignModeHasNoCandidatesAndASegmentationReportNoRefinedSection() throws Exception {
        String html = new ReportWriter().render(withRefined(SyntheticReport.model(), null));
        Document d = ReportWriterTest.parse(html);
        assertEquals(2, ReportWriterTest.nodes(d, "//*[local-name()='svg'][@class='score-histogram']/*[local-name()='rect']").getLength());
        String seg = new ReportWriter().render(SyntheticReport.model());
        assertFalse(seg.contains("score-histogram") || seg.contains("scale-particle") || seg.contains("particle diameter"));
        assertThrows(IllegalArgumentException.class, () -> new ReportModel.Refined(1, 1, 1, "learned", "x",
                new double[]{1, 2}, null, new long[]{1, 2}));
    }
}
