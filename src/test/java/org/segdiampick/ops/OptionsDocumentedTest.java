package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segdiampick.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The operations files agree with the real command line (picocli's model of {@code --help}):
 * conf/segdiampick.properties documents every option of every subcommand with the real defaults,
 * submit/segdiampick's OPTIONS_* lists pass exactly the settings each subcommand takes, and the Airflow DAG's
 * argument lists parse as real command lines.
 */
class OptionsDocumentedTest {
    private static final List<String> SUBCOMMANDS = List.of("import", "preprocess", "run", "estimate");
    private static final Path PROPS = Path.of("conf", "segdiampick.properties");
    private static final Path SCRIPT = Path.of("submit", "segdiampick");
    private static final Path DAG = Path.of("submit", "airflow", "segdiampick_dag.py").toAbsolutePath();
    /** {@code key=value}, optionally commented out ({@code # key=value}): a documented setting. */
    private static final Pattern KEY_LINE = Pattern.compile("^#?\\s*([a-z][a-z-]*)\\s*=\\s*(.*)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    /** Long option name (without "--") → its spec, for one subcommand; --help and --version left out. */
    private static Map<String, OptionSpec> options(String sub) {
        Map<String, OptionSpec> out = new LinkedHashMap<>();
        for (OptionSpec o : Main.commandLine().getSubcommands().get(sub).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            out.put(o.longestName().substring(2), o);
        }
        return out;
    }

    private static Map<String, String> settings(String props) {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher m = KEY_LINE.matcher(props);
        while (m.find()) keys.put(m.group(1), m.group(0).startsWith("#") ? null : m.group(2).strip());
        return keys;
    }

    @Test
    void propertiesFileDocumentsEveryOptionWithItsRealDefault() throws Exception {
        String props = Files.readString(PROPS);
        Map<String, String> settings = settings(props);
        Set<String> all = new TreeSet<>();
        for (String sub : SUBCOMMANDS) {
            for (Map.Entry<String, OptionSpec> e : options(sub).entrySet()) {
                String name = e.getKey();
                all.add(name);
                assertTrue(settings.containsKey(name) || props.contains("--" + name),
                        "conf/segdiampick.properties does not document --" + name + " of " + sub);
                String value = settings.get(name);
                if (value == null) continue;
                OptionSpec o = e.getValue();
                if (o.defaultValue() != null)
                    assertEquals(o.defaultValue(), value, "default of --" + name + " (" + sub + ")");
                else if (o.type() == boolean.class)
                    assertEquals("false", value, "--" + name + " is off unless given");
            }
        }
        // The embedded Spark master when --master is not given (SparkSessions).
        assertEquals("local[*]", settings.get("master"));
        for (String key : settings.keySet()) assertTrue(all.contains(key), key + " is not an option of any subcommand");
    }

    @Test
    void submitScriptPassesEachSubcommandExactlyTheSettingsItTakes() throws Exception {
        Map<String, String> settings = settings(Files.readString(PROPS));
        String script = Files.readString(SCRIPT);
        for (String sub : SUBCOMMANDS) {
            Matcher m = Pattern.compile("^OPTIONS_" + sub + "=\"([^\"]*)\"", Pattern.MULTILINE).matcher(script);
            assertTrue(m.find(), "OPTIONS_" + sub + " missing in submit/segdiampick");
            Set<String> listed = new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
            listed.remove("");
            Set<String> expected = new TreeSet<>(options(sub).keySet());
            expected.retainAll(settings.keySet());
            assertEquals(expected, listed, "OPTIONS_" + sub);
        }
    }

    /**
     * Loads the DAG with stand-ins for Airflow (not installed here), renders each SparkSubmitOperator's
     * application_args with the DAG's params, and parses them with the real command line: unknown options,
     * missing required ones or bad values fail here as they would at 3 a.m. in production.
     */
    @Test
    void airflowDagArgumentsParseAsRealCommandLines() throws Exception {
        Path probe = tmp.resolve("probe.py");
        Files.writeString(probe, """
                import sys, json, re
                sys.path.insert(0, sys.argv[2])
                from airflow_stub import load_dag, DAG, OPS as ops
                dag = load_dag(sys.argv[1])
                params = DAG.last.kw["params"]
                render = lambda s: re.sub(r"\\{\\{\\s*params\\.(\\w+)\\s*\\}\\}", lambda m: str(params[m.group(1)]), s)
                for op in ops:
                    if "application_args" in op.kw:
                        print(json.dumps({"task": op.task_id, "args": [render(a) for a in op.kw["application_args"]]}))
                """);
        Proc p = Proc.run(List.of("python3", probe.toString(), DAG.toString(), AirflowDagTest.STUB_DIR),
                Map.of("PYTHONDONTWRITEBYTECODE", "1"), 60);
        assertEquals(0, p.exit(), p.output());
        ObjectMapper json = new ObjectMapper();
        List<String> tasks = new ArrayList<>();
        for (String line : p.output().strip().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode n = json.readTree(line);
            List<String> args = new ArrayList<>();
            n.get("args").forEach(a -> args.add(a.asText()));
            tasks.add(n.get("task").asText());
            assertFalse(args.stream().anyMatch(a -> a.contains("{{")), "unrendered template in " + args);
            CommandLine.ParseResult r = Main.commandLine().parseArgs(args.toArray(String[]::new));
            CommandLine.ParseResult sub = r.subcommand();
            assertNotNull(sub, "no subcommand in " + args);
            assertEquals(args.get(0), sub.commandSpec().name());
            assertTrue(sub.hasMatchedOption("--project"), n.toString());
            assertTrue(sub.hasMatchedOption("--out"), n.toString());
        }
        assertEquals(List.of("preprocess", "run"), tasks);
    }
}
