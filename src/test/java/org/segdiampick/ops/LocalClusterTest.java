package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit/local-cluster really starts a standalone Master with two registered Workers and stops exactly them. */
class LocalClusterTest {
    private static final Path SCRIPT = Path.of("submit", "local-cluster").toAbsolutePath();

    @TempDir
    Path dir;

    private Proc script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--dir", dir.toString()));
        return Proc.run(cmd, Map.of(), 300);
    }

    @Test
    void startTwoWorkersThenStop() throws Exception {
        long t0 = System.nanoTime();
        // Non-default ports (the script falls back to a random free one if taken); generous timeout for a loaded machine.
        Proc start = script("start", "--workers", "2", "--memory", "1g", "--port", "17077", "--webui-port", "18080", "--timeout", "240");
        long startMs = (System.nanoTime() - t0) / 1_000_000;
        List<Long> pids = new ArrayList<>();
        try {
            assertEquals(0, start.exit(), start.output());
            String url = Files.readString(dir.resolve("master-url")).strip();
            assertTrue(url.matches("spark://127\\.0\\.0\\.1:\\d+"), url);
            assertTrue(start.output().strip().endsWith(url), start.output());
            for (String f : List.of("master.pid", "worker-1.pid", "worker-2.pid")) {
                long pid = Long.parseLong(Files.readString(dir.resolve(f)).strip());
                pids.add(pid);
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), f + " not alive");
            }
            String webui = Files.readString(dir.resolve("webui-port")).strip();
            HttpResponse<String> json = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webui + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(json.body());
            assertTrue(m.find(), json.body());
            assertEquals(2, Integer.parseInt(m.group(1)));
            assertTrue(json.body().contains("\"host\" : \"127.0.0.1\""), "workers bound to loopback");
            Proc status = script("status");
            assertEquals(0, status.exit(), status.output());
            assertTrue(status.output().contains("alive workers (master's view): 2"), status.output());
            System.out.println("local-cluster start with 2 workers took " + startMs + " ms");
        } finally {
            Proc stop = script("stop");
            assertEquals(0, stop.exit(), stop.output());
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " survived stop");
        }
        assertFalse(Files.exists(dir.resolve("master-url")));
        assertEquals(3, script("status").exit(), "status after stop says not running");
    }
}
