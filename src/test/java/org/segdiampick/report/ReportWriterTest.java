package org.segdiampick.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The page is well-formed, self-contained, escaped, and draws box and mask at the thumbnail's scale. */
class ReportWriterTest {
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static NodeList nodes(Document d, String xpath) throws Exception {
        XPath x = XPathFactory.newInstance().newXPath();
        return (NodeList) x.evaluate(xpath, d, XPathConstants.NODESET);
    }

    private static String render() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReportWriter().write(SyntheticReport.model(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wellFormedWithHistogramBarsMatchingTheCounts() throws Exception {
        Document d = parse(render());
        ReportModel m = SyntheticReport.model();
        NodeList before = nodes(d, "//*[local-name()='rect'][@class='bar before']");
        NodeList accepted = nodes(d, "//*[local-name()='rect'][@class='bar accepted']");
        assertTrue(before.getLength() > 0);
        assertTrue(accepted.getLength() > 0);
        assertTrue(accepted.getLength() < before.getLength(), "accepted covers fewer bins than all");
        // Every diameter is in exactly one bar: the tooltips' counts add up to the totals.
        assertEquals(m.diametersBefore().length, sumTitleCounts(before));
        assertEquals(m.diametersAccepted().length, sumTitleCounts(accepted));
    }

    private static int sumTitleCounts(NodeList rects) {
        int sum = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            String t = rects.item(i).getTextContent();
            sum += Integer.parseInt(t.substring(t.lastIndexOf(':') + 1).trim());
        }
        return sum;
    }

    @Test
    void clusterMeansAndBoundsDrawnEmptyClusterSkipped() throws Exception {
        Document d = parse(render());
        assertEquals(3, nodes(d, "//*[local-name()='line'][@class='cluster-mean accepted']").getLength());
        // Six clusters, one empty (NaN mean): two rejected lines drawn.
        assertEquals(2, nodes(d, "//*[local-name()='line'][@class='cluster-mean rejected']").getLength());
        assertEquals(2, nodes(d, "//*[local-name()='line'][@class='bound']").getLength());
        assertEquals(7, nodes(d, "//table[@class='clusters']/tr").getLength());
    }

    @Test
    void boxAndMaskDrawnToThumbnailScale() throws Exception {
        Document d = parse(render());
        Element box = (Element) nodes(d, "//*[local-name()='rect'][@class='scale-box']").item(0);
        Element mask = (Element) nodes(d, "//*[local-name()='circle'][@class='scale-mask']").item(0);
        // 160 raw px × 512/4096 = 20 thumbnail px; 180 Å / 1.5 Å/px = 120 raw px → 15 px → r 7.5.
        assertEquals(20.0, Double.parseDouble(box.getAttribute("width")), 1e-9);
        assertEquals(7.5, Double.parseDouble(mask.getAttribute("r")), 1e-9);
        // Centred on the box nearest the thumbnail's middle, (2048, 2048) raw → (256, 256), not on the first one.
        assertEquals(256.0, Double.parseDouble(mask.getAttribute("cx")), 1e-9);
        assertEquals(256.0, Double.parseDouble(mask.getAttribute("cy")), 1e-9);
        assertEquals(246.0, Double.parseDouble(box.getAttribute("x")), 1e-9);
    }

    @Test
    void galleryBoxesAtScaledCentresAndImagesInline() throws Exception {
        String html = render();
        Document d = parse(html);
        NodeList boxes = nodes(d, "//*[local-name()='rect'][@class='box']");
        assertEquals(4, boxes.getLength());
        Element second = (Element) boxes.item(1);
        // (2048, 2048) raw → 256 thumbnail, box 20 px → corner 246.
        assertEquals(246.0, Double.parseDouble(second.getAttribute("x")), 1e-9);
        assertEquals(246.0, Double.parseDouble(second.getAttribute("y")), 1e-9);

        NodeList images = nodes(d, "//*[local-name()='image']");
        assertEquals(3, images.getLength(), "scale drawing + two gallery thumbnails");
        String href = ((Element) images.item(0)).getAttribute("href");
        assertTrue(href.startsWith("data:image/jpeg;base64,"));
        byte[] decoded = Base64.getDecoder().decode(href.substring("data:image/jpeg;base64,".length()));
        assertArrayEquals(SyntheticReport.model().gallery().get(0).jpeg(), decoded);
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/", "").contains("http://"),
                "nothing may be fetched from the network");
        assertFalse(html.contains("https://"));
    }

    @Test
    void userTextIsEscaped() throws Exception {
        String html = render();
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("mic_&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x&quot;.mrc"));
        Document d = parse(html);
        assertEquals(0, nodes(d, "//script").getLength());
        NodeList failures = nodes(d, "//ul[@class='failures']/li");
        assertEquals(1, failures.getLength());
        assertEquals(SyntheticReport.EVIL_NAME + ": bad header: nz=<0>", failures.item(0).getTextContent());
        assertEquals(1, nodes(d, "//table[@class='micrographs']/tr[@class='failed']").getLength());
        assertEquals(3, nodes(d, "//*[local-name()='rect'][starts-with(@class,'count-bar')]").getLength());
    }

    @Test
    void emptyModelStillRenders() throws Exception {
        ReportModel m = new ReportModel(1.0, new double[0], new double[0], List.of(), Double.NaN, Double.NaN, 64,
                Double.NaN, "hac", List.of(), List.of(), List.of());
        Document d = parse(new ReportWriter().render(m));
        assertEquals(0, nodes(d, "//*[local-name()='rect'][@class='bar before']").getLength());
        assertEquals(1, nodes(d, "//*[local-name()='rect'][@class='scale-box']").getLength());
    }

    @Test
    void escapeCoversMarkupQuotesAndControlCharacters() {
        assertEquals("a&lt;b&gt;&amp;&quot;&#39;\uFFFDz", Html.esc("a<b>&\"'\u0001z"));
        assertEquals("", Html.esc(null));
        assertEquals("1.50", Html.num(1.5));
        assertEquals("\u2014", Html.cell(Double.NaN, 1));
    }

    @Test
    void histogramBinsClampValuesIntoRange() {
        int[] c = DiameterHistogram.counts(new double[] {0, 0.99, 1, 2.5, 3, Double.NaN}, 0, 1, 3);
        assertArrayEquals(new int[] {2, 1, 2}, c);
        assertEquals(10, DiameterHistogram.binCount(4));
        assertEquals(60, DiameterHistogram.binCount(100_000));
        assertEquals(35, DiameterHistogram.binCount(300));
    }

    @Test
    void modelRejectsNonsense() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReportModel(0, new double[0],
                new double[0], List.of(), 0, 0, 64, 0, "kmeans", List.of(), List.of(), List.of()));
        assertTrue(e.getMessage().contains("smpd"));
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> new ReportModel.GalleryEntry("m.mrc", new byte[1], 512, 512, 0, 0, 0, List.of()));
        assertTrue(g.getMessage().contains("m.mrc"));
    }
}
