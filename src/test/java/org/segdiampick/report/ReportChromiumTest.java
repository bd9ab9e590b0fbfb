package org.segdiampick.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real headless Chromium ({@link Chromium}): the SVG must survive the browser's parser
 * and the page must paint.
 */
class ReportChromiumTest {
    @TempDir
    Path tmp;

    private Path writeReport() throws IOException {
        Path html = tmp.resolve("report.html");
        try (OutputStream out = Files.newOutputStream(html)) {
            new ReportWriter().write(SyntheticReport.model(), out);
        }
        return html;
    }

    private static int count(String s, String needle) {
        return Chromium.count(s, needle);
    }

    @Test
    void renderedDomKeepsTheSvgCharts() throws Exception {
        Path html = writeReport();
        String dom = Chromium.dumpDom(html, tmp);
        String source = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(count(dom, "<rect class=\"bar before\"") > 0, "histogram bars missing from the DOM");
        assertEquals(count(source, "<rect class=\"bar before\""), count(dom, "<rect class=\"bar before\""));
        assertEquals(count(source, "<rect class=\"bar accepted\""), count(dom, "<rect class=\"bar accepted\""));
        assertEquals(3, count(dom, "<line class=\"cluster-mean accepted\""));
        assertEquals(1, count(dom, "<circle class=\"scale-mask\""));
        assertEquals(4, count(dom, "<rect class=\"box\""));
        assertEquals(0, count(dom, "<script"), "escaped micrograph name must not become a script element");
    }

    @Test
    void screenshotIsPainted() throws Exception {
        Path html = writeReport();
        Path png = tmp.resolve("report.png");
        Chromium.screenshot(html, png, 1200, 2000, tmp);
        assertTrue(Files.size(png) > 20_000, "screenshot too small: " + Files.size(png) + " bytes");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(2000, img.getHeight());
        // A painted page has many colours (bars, thumbnails, text); a blank or error page has a few.
        Set<Integer> colours = new HashSet<>();
        boolean blueBar = false;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                blueBar |= rgb == 0x2b6cb0 || near(rgb, 0x2b6cb0, 40);
            }
        }
        assertTrue(colours.size() > 50, "only " + colours.size() + " colours in the screenshot");
        assertTrue(blueBar, "no accepted-bar blue in the screenshot");
        Path keep = Path.of("target", "report-screenshot.png");
        Files.createDirectories(keep.getParent());
        Files.copy(png, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean near(int rgb, int ref, int tol) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((ref >> shift) & 0xFF)) > tol) {
                return false;
            }
        }
        return true;
    }
}
