package org.segdiampick.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real headless Chromium for the report tests: the DOM after parsing, or a screenshot, of a local page.
 * Chromium is a required test tool (.ci/run installs it); a missing browser fails the test. Every call uses a
 * fresh profile under {@code workDir} and no network features.
 */
public final class Chromium {
    private Chromium() {
    }

    public static Path executable() {
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

    /** The serialised DOM of {@code html} after Chromium parsed it ({@code --dump-dom}). */
    public static String dumpDom(Path html, Path workDir) throws Exception {
        return run(workDir, "--dump-dom", html.toUri().toString());
    }

    /** Paints {@code html} into {@code png} at {@code width × height} CSS pixels ({@code --screenshot}). */
    public static void screenshot(Path html, Path png, int width, int height, Path workDir) throws Exception {
        run(workDir, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars", html.toUri().toString());
    }

    /** Occurrences of {@code needle} in {@code s}. */
    public static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String run(Path workDir, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(executable().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(workDir, "profile")));
        cmd.addAll(List.of(extra));
        Path stdout = Files.createTempFile(workDir, "chromium", ".out");
        Path stderr = Files.createTempFile(workDir, "chromium", ".err");
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
}
