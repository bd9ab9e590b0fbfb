package org.segdiampick.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.io.MicRecord;
import org.segdiampick.io.ProjectStore;
import org.segdiampick.report.Chromium;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a real run ({@link ReferenceRun}'s OUT/report.html) in real headless Chromium: after the browser's
 * parser the DOM still holds the histogram (bars before and accepted, one mean line per cluster, the two bounds),
 * one gallery thumbnail per micrograph with one box per particle, and the per-micrograph table; the page paints.
 * The screenshot is kept as target/run-report-screenshot.png for a human look.
 */
class RunReportChromiumTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path tmp;

    @Test
    void realReportSurvivesTheBrowserWithEveryChartAndTable() throws Exception {
        ReferenceRun ref = ReferenceRun.get();
        Path html = tmp.resolve("report.html");
        Files.write(html, ref.snapshot.get("report.html"));
        JsonNode summary = new ObjectMapper().readTree(ref.snapshot.get("summary.json"));
        String dom = Chromium.dumpDom(html, tmp);

        // Histogram: bars of all and of accepted diameters, a mean line per cluster (coloured by verdict), the bounds.
        assertEquals(1, Chromium.count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"histogram\""), "histogram SVG");
        assertTrue(Chromium.count(dom, "<rect class=\"bar before\"") >= 5, "too few 'before' bars");
        assertTrue(Chromium.count(dom, "<rect class=\"bar accepted\"") >= 5, "too few 'accepted' bars");
        int clusters = summary.get("clusters").size(), accepted = 0;
        for (JsonNode c : summary.get("clusters")) if (c.get("accepted").asBoolean()) accepted++;
        assertTrue(clusters >= 2 && accepted >= 1, summary.get("clusters").toString());
        assertEquals(accepted, Chromium.count(dom, "<line class=\"cluster-mean accepted\""));
        assertEquals(clusters - accepted, Chromium.count(dom, "<line class=\"cluster-mean rejected\""));
        assertEquals(2, Chromium.count(dom, "<line class=\"bound\""));

        // Gallery: each micrograph's thumbnail with one box per particle of its box file.
        List<MicRecord> project = ProjectStore.read(ref.project.toString(), CONF);
        assertEquals(3, Chromium.count(dom, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"thumb\""));
        assertEquals(4, Chromium.count(dom, "href=\"data:image/jpeg;base64,"), "3 gallery images + the scale drawing");
        long particles = 0;
        for (MicRecord r : project) {
            String name = OutputLayout.baseName(r.intg());
            int n = r.getInt("nptcls");
            particles += n;
            assertTrue(dom.contains("<figcaption>" + name + " (" + n + " boxes)</figcaption>"), name + " gallery caption");
            // Per-micrograph table row: name, particles, state.
            assertTrue(dom.contains("<tr><td class=\"text\">" + name + "</td><td>" + n + "</td><td class=\"text\">picked</td>"),
                    name + " table row");
        }
        assertEquals(particles, Chromium.count(dom, "<rect class=\"box\""));
        assertEquals(1, Chromium.count(dom, "<table class=\"micrographs\">"));
        assertEquals(1, Chromium.count(dom, "<rect class=\"scale-box\""));
        assertEquals(1, Chromium.count(dom, "<circle class=\"scale-mask\""));

        // Box rects lie on their thumbnails (viewBox 0..512), not off the picture.
        Matcher m = Pattern.compile("<rect class=\"box\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([0-9.]+)\"").matcher(dom);
        while (m.find()) {
            double cx = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(3)) / 2;
            double cy = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)) / 2;
            assertTrue(cx >= 0 && cx <= 512 && cy >= 0 && cy <= 512, "box centre off the thumbnail: " + m.group());
        }

        Path png = tmp.resolve("report.png");
        Chromium.screenshot(html, png, 1200, 3200, tmp);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        Path keep = Path.of("target", "run-report-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, StandardCopyOption.REPLACE_EXISTING);
        // The gallery's green box outlines (#00e676, the stylesheet's .box stroke) are painted.
        int green = 0;
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                if (r < 90 && g > 180 && b > 60 && b < 170) green++;
            }
        assertTrue(green > 200, "no box outlines painted: " + green + " green samples");
    }
}
