package org.segdiampick.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example DAG is valid Python, and its XCom task reads summary.json as documented. */
class AirflowDagTest {
    private static final Path DAG = Path.of("submit", "airflow", "segdiampick_dag.py").toAbsolutePath();

    @TempDir
    Path tmp;

    /** The Airflow stand-ins shared by the DAG tests (src/test/resources/ops/airflow_stub.py). */
    static final String STUB_DIR = Path.of("src/test/resources/ops").toAbsolutePath().toString();

    @Test
    void dagFileIsValidPython() throws Exception {
        Proc p = Proc.run(List.of("python3", "-m", "py_compile", DAG.toString()), Map.of("PYTHONPYCACHEPREFIX", tmp.toString()), 60);
        assertEquals(0, p.exit(), p.output());
    }

    /**
     * Airflow is not installed here: minimal stand-ins for DAG and the two operators let the module load,
     * then publish_estimate runs on a real summary.json and the chain preprocess >> run >> publish is checked.
     */
    @Test
    void publishesBoxAndMaskToXcom() throws Exception {
        Files.writeString(tmp.resolve("summary.json"), "{\"box_in_pix\": 160, \"mskdiam\": 182.5, \"smpd\": 1.5}");
        Path probe = tmp.resolve("probe.py");
        Files.writeString(probe, """
                import sys
                sys.path.insert(0, sys.argv[3])
                from airflow_stub import load_dag
                dag = load_dag(sys.argv[1])
                class TI:
                    def __init__(self): self.x = {}
                    def xcom_push(self, key, value): self.x[key] = value
                ti = TI()
                dag.publish_estimate(sys.argv[2], ti=ti)
                assert ti.x == {"box_in_pix": 160, "mskdiam": 182.5}, ti.x
                assert [t.task_id for t in dag.preprocess.down] == ["run"]
                assert [t.task_id for t in dag.run.down] == ["publish_estimate"]
                assert dag.run.kw["java_class"] == "org.segdiampick.cli.Main"
                assert dag.run.kw["application"].endswith("-app.jar")
                assert dag.run.kw["application_args"][0] == "run"
                assert "sun.nio.ch" in dag.run.kw["conf"]["spark.executor.extraJavaOptions"]
                print("DAG OK")
                """);
        Proc p = Proc.run(List.of("python3", probe.toString(), DAG.toString(), tmp.toString(), STUB_DIR),
                Map.of("PYTHONDONTWRITEBYTECODE", "1"), 60);
        assertEquals(0, p.exit(), p.output());
        assertTrue(p.output().contains("DAG OK"), p.output());
    }
}
