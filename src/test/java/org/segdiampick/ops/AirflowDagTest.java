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

    @Test
    void compiles() throws Exception {
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
                import sys, types, importlib.util
                class Op:
                    def __init__(self, task_id, **kw):
                        self.task_id, self.kw, self.down = task_id, kw, []
                    def __rshift__(self, other):
                        self.down.append(other); return other
                class DAG:
                    def __init__(self, **kw): self.kw = kw
                    def __enter__(self): return self
                    def __exit__(self, *a): return False
                def mod(name, **attrs):
                    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m
                mod("airflow", DAG=DAG)
                mod("airflow.operators"); mod("airflow.operators.python", PythonOperator=Op)
                mod("airflow.providers"); mod("airflow.providers.apache"); mod("airflow.providers.apache.spark")
                mod("airflow.providers.apache.spark.operators")
                mod("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=Op)
                spec = importlib.util.spec_from_file_location("dag", sys.argv[1])
                dag = importlib.util.module_from_spec(spec); spec.loader.exec_module(dag)
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
        Proc p = Proc.run(List.of("python3", probe.toString(), DAG.toString(), tmp.toString()),
                Map.of("PYTHONDONTWRITEBYTECODE", "1"), 60);
        assertEquals(0, p.exit(), p.output());
        assertTrue(p.output().contains("DAG OK"), p.output());
    }
}
