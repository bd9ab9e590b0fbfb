package org.segdiampick.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real headless Chromium: the SVG must survive the browser's parser and the page
 * must paint. Chromium is a required test tool (.ci/run installs it); a missing browser fails the test.
 */
class ReportChromiumTest {
    @TempDir
    Path tmp;

    static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return fail("headless Chromium not found on PATH; install it with `apt-get install -y chromium` "
                + "(.ci/run does this before `mvn -B verify`)");
    }

    private Path writeReport() throws IOException {
        Path html = tmp.resolve("report.html");
        try (OutputStream out = Files.newOutputStream(html)) {
            new ReportWriter().write(SyntheticReport.model(), out);
        }
        return html;
    }

    private List<String> command(String... extra) {
        List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private String run(List<String> cmd) throws Exception {
        Path stdout = tmp.resolve("chromium.out");
        Path stderr = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium did not finish in 180 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void renderedDomKeepsTheSvgCharts() throws Exception {
        Path html = writeReport();
        String dom = run(command("--dump-dom", html.toUri().toString()));
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
        run(command("--screenshot=" + png, "--window-size=1200,2000", "--hide-scrollbars", html.toUri().toString()));
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
