package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit/segdiampick composes the right command (dry run: nothing is built or started). */
class SubmitScriptTest {
    private static final Path SCRIPT = Path.of("submit", "segdiampick").toAbsolutePath();

    @TempDir
    Path tmp;

    private static Proc dryRun(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(Arrays.asList(args));
        Map<String, String> env = new HashMap<>(Map.of("SEGDIAMPICK_DRY_RUN", "1", "SEGDIAMPICK_SKIP_BUILD", "1"));
        env.put("SPARK_HOME", "");
        env.putAll(extraEnv);
        Proc p = Proc.run(cmd, env, 60);
        return p;
    }

    /** The printed command as words (printf %q quoting undone for the simple cases used here). */
    private static List<String> words(Proc p) {
        String line = p.output().strip();
        line = line.substring(line.lastIndexOf('\n') + 1);
        List<String> w = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ' ') {
                if (cur.length() > 0) {
                    w.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            w.add(cur.toString());
        }
        return w;
    }

    private static String after(List<String> w, String word) {
        int i = w.indexOf(word);
        assertTrue(i >= 0 && i + 1 < w.size(), word + " missing in " + w);
        return w.get(i + 1);
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Proc p = dryRun(Map.of(), "--help");
        assertEquals(0, p.exit(), p.output());
        assertTrue(p.output().contains("usage: submit/segdiampick <import|preprocess|run|estimate>"));
    }

    @Test
    void unknownSubcommandIsBadInput() throws Exception {
        Proc p = dryRun(Map.of(), "frobnicate");
        assertEquals(2, p.exit());
        assertTrue(p.output().contains("unknown subcommand 'frobnicate'"));
    }

    @Test
    void embeddedByDefaultWithDefaultsAndConfForTheApp() throws Exception {
        Proc p = dryRun(Map.of(), "run", "--project", "p", "--moldiam-max", "300",
                "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000");
        assertEquals(0, p.exit(), p.output());
        List<String> w = words(p);
        assertEquals("java", w.get(0));
        assertTrue(w.contains("-Xmx4g"));
        assertTrue(w.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
        assertTrue(w.stream().anyMatch(s -> s.startsWith("-Dlog4j2.configurationFile=") && s.endsWith("conf/log4j2.properties")));
        int main = w.indexOf("org.segdiampick.cli.Main");
        assertEquals("run", w.get(main + 1));
        // Command line wins over the properties file; absent options come from it; false flags are omitted.
        assertEquals("300", after(w, "--moldiam-max"));
        assertEquals(1, w.stream().filter("--moldiam-max"::equals).count());
        assertEquals("kmeans", after(w, "--clustering"));
        assertEquals("black", after(w, "--pcontrast"));
        assertEquals("local[*]", after(w, "--master"));
        assertFalse(w.contains("--fail-fast"));
        assertEquals("spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000", after(w, "--conf"));
        assertFalse(w.contains("org.apache.spark.deploy.SparkSubmit"));
    }

    @Test
    void importTakesNoDefaults() throws Exception {
        List<String> w = words(dryRun(Map.of(), "import", "--in", "m"));
        assertEquals(List.of("import", "--in", "m"), w.subList(w.indexOf("org.segdiampick.cli.Main") + 1, w.size()));
    }

    @Test
    void clusterMasterGoesThroughSparkSubmitWithJarsAndConf() throws Exception {
        Path props = tmp.resolve("p.properties");
        Files.writeString(props, "# test\nfail-fast = true\nclustering=hac\n");
        Proc p = dryRun(Map.of("SEGDIAMPICK_CONF", props.toString(), "SEGDIAMPICK_DRIVER_MEMORY", "2g"),
                "run", "--master", "spark://127.0.0.1:7077", "--conf", "spark.hadoop.fs.s3a.path.style.access=true");
        assertEquals(0, p.exit(), p.output());
        List<String> w = words(p);
        int submit = w.indexOf("org.apache.spark.deploy.SparkSubmit");
        assertTrue(submit > 0, w.toString());
        assertTrue(w.contains("-Xmx2g"));
        assertEquals("org.segdiampick.cli.Main", after(w, "--class"));
        assertEquals("spark://127.0.0.1:7077", after(w, "--master"));
        assertEquals("client", after(w, "--deploy-mode"));
        assertTrue(after(w, "--jars").contains("hadoop-aws"), w.toString());
        assertTrue(after(w, "--jars").contains("bundle-"), w.toString());
        int jar = w.indexOf(w.stream().filter(s -> s.endsWith("-app.jar")).findFirst().orElseThrow());
        List<String> submitArgs = w.subList(submit, jar);
        List<String> appArgs = w.subList(jar + 1, w.size());
        assertTrue(submitArgs.contains("spark.hadoop.fs.s3a.path.style.access=true"));
        assertTrue(submitArgs.stream().anyMatch(s -> s.startsWith("spark.executor.extraJavaOptions=--add-opens")));
        assertFalse(appArgs.contains("--conf"), "--conf goes to spark-submit only: " + appArgs);
        assertEquals(List.of("run", "--master", "spark://127.0.0.1:7077", "--fail-fast", "--clustering", "hac"), appArgs);
    }

    @Test
    void sparkHomeSelectsItsSparkSubmit() throws Exception {
        List<String> w = words(dryRun(Map.of("SPARK_HOME", "/opt/spark"), "preprocess", "--project", "p"));
        assertEquals("/opt/spark/bin/spark-submit", w.get(0));
        assertEquals("local[*]", after(w, "--master"));
    }
}
