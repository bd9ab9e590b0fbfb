package org.segdiampick.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * submit/segdiampick in submit mode: JVM options a user gives with --conf spark.executor.extraJavaOptions /
 * spark.driver.extraJavaOptions (e.g. GC logging for memory sizing, docs/cluster.md) are added to the
 * --add-opens flags Spark 4 needs on Java 17; a second --conf of the same key would replace them and executors
 * would fail. Dry run: nothing is started.
 */
class LauncherJavaOptionsTest {

    /** The printed command, split at unescaped spaces, with printf %q's backslashes undone. */
    private static List<String> dryRun(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("submit", "segdiampick").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SEGDIAMPICK_DRY_RUN", "1");
        pb.environment().put("SEGDIAMPICK_SKIP_BUILD", "1");
        pb.environment().put("SEGDIAMPICK_CONF", "/dev/null");
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String line = out.substring(out.lastIndexOf('\n') + 1);
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) cur.append(line.charAt(++i));
            else if (c == ' ') {
                if (cur.length() > 0) words.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        if (cur.length() > 0) words.add(cur.toString());
        return words;
    }

    private static String only(List<String> words, String prefix) {
        List<String> hits = words.stream().filter(w -> w.startsWith(prefix)).toList();
        assertEquals(1, hits.size(), prefix + " given " + hits.size() + " times: " + hits);
        return hits.get(0);
    }

    @Test
    void userJavaOptionsAreAppendedToTheOpensFlags() throws Exception {
        List<String> w = dryRun("run", "--mics", "m", "--out", "o", "--master", "spark://127.0.0.1:7077",
                "--conf", "spark.executor.extraJavaOptions=-Xlog:gc -Dmark=1",
                "--conf", "spark.driver.extraJavaOptions=-Ddriver.mark=2",
                "--conf", "spark.executor.memory=2g");
        assertTrue(w.contains("org.apache.spark.deploy.SparkSubmit"), w.toString());
        String exec = only(w, "spark.executor.extraJavaOptions=");
        assertTrue(exec.startsWith("spark.executor.extraJavaOptions=--add-opens=java.base/java.lang=ALL-UNNAMED"), exec);
        assertTrue(exec.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), exec);
        assertTrue(exec.endsWith(" -Xlog:gc -Dmark=1"), exec);
        String driver = only(w, "spark.driver.extraJavaOptions=");
        assertTrue(driver.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED") && driver.endsWith(" -Ddriver.mark=2"), driver);
        // Client mode without SPARK_HOME: this java process is the driver, so its options are on its command line.
        assertTrue(w.indexOf("-Ddriver.mark=2") > 0 && w.indexOf("-Ddriver.mark=2") < w.indexOf("org.apache.spark.deploy.SparkSubmit"), w.toString());
        int mem = w.indexOf("spark.executor.memory=2g");
        assertTrue(mem > 0 && w.get(mem - 1).equals("--conf"), "other settings still reach spark-submit: " + w);
    }

    @Test
    void withoutUserOptionsTheExecutorsGetExactlyTheOpensFlags() throws Exception {
        List<String> w = dryRun("run", "--mics", "m", "--out", "o", "--master", "spark://127.0.0.1:7077");
        String exec = only(w, "spark.executor.extraJavaOptions=");
        assertTrue(exec.endsWith("-Dio.netty.tryReflectionSetAccessible=true"), exec);
    }
}
