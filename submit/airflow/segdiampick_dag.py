"""Example Airflow DAG: segdiampick preprocess -> run -> publish box size and mask diameter to XCom.

Requires apache-airflow and apache-airflow-providers-apache-spark on the Airflow workers, a Spark
connection (default ``spark_default``; its host is the master, e.g. ``spark://spark-master:7077``)
and the shaded jar built with ``mvn -DskipTests package`` (``target/segdiampick-0.1.0-SNAPSHOT-app.jar``).
hadoop-aws and the AWS SDK bundle are provided, not shaded: list them in SEGDIAMPICK_EXTRA_JARS (or
install them in the cluster's Spark) when the data live on s3a://.

Paths are DAG params, so one DAG serves every batch:
  project  - the project file (``P.jsonl``) made by ``segdiampick import`` (local, hdfs:// or s3a://)
  preprocess_out - output folder of ``preprocess`` (pass-1 images and diameter files, imported by ``run``)
  out      - output folder of ``run``; it writes ``summary.json`` there
  out_local_path - where the task worker can open that same ``summary.json`` with plain ``open()``
    (a shared file system mount of ``out``). No fsspec/boto is used on purpose: point it at a mount,
    or add a copy task (e.g. ``hdfs dfs -get``) before ``publish_estimate`` for object stores.

Credentials are never put in the DAG: S3A reads them from the Spark workers' environment or instance role.
"""

import json
import os
from datetime import datetime

from airflow import DAG
from airflow.operators.python import PythonOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

APP_JAR = os.environ.get(
    "SEGDIAMPICK_APP_JAR", "/opt/segdiampick/target/segdiampick-0.1.0-SNAPSHOT-app.jar"
)
EXTRA_JARS = os.environ.get("SEGDIAMPICK_EXTRA_JARS", "")  # comma-separated hadoop-aws,bundle jars
MAIN_CLASS = "org.segdiampick.cli.Main"

# Same list as pom.xml <spark.opens>: Spark 4 on Java 17 needs them in driver and executors.
JAVA_OPENS = " ".join(
    [
        "--add-opens=java.base/" + p + "=ALL-UNNAMED"
        for p in (
            "java.lang",
            "java.lang.invoke",
            "java.lang.reflect",
            "java.io",
            "java.net",
            "java.nio",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "sun.nio.ch",
            "sun.nio.cs",
            "sun.security.action",
            "sun.util.calendar",
        )
    ]
    + ["-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"]
)

SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA_OPENS,
    "spark.executor.extraJavaOptions": JAVA_OPENS,
    "spark.speculation": "false",
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
}

default_args = {"owner": "segdiampick", "retries": 0}


def publish_estimate(out_local_path, **context):
    """Reads summary.json written by ``run`` and pushes box_in_pix and mskdiam to XCom."""
    path = os.path.join(out_local_path, "summary.json")
    with open(path, "r", encoding="utf-8") as f:
        summary = json.load(f)
    missing = [k for k in ("box_in_pix", "mskdiam") if k not in summary]
    if missing:
        raise ValueError("%s lacks %s" % (path, ", ".join(missing)))
    ti = context["ti"]
    ti.xcom_push(key="box_in_pix", value=int(summary["box_in_pix"]))
    ti.xcom_push(key="mskdiam", value=float(summary["mskdiam"]))
    return {"box_in_pix": int(summary["box_in_pix"]), "mskdiam": float(summary["mskdiam"])}


def segdiampick_submit(command, out_param, *extra_args):
    """One segdiampick command as a spark-submit task: the shaded jar, the project and OUT from the DAG params."""
    return SparkSubmitOperator(
        task_id=command,
        conn_id="spark_default",
        application=APP_JAR,
        java_class=MAIN_CLASS,
        jars=EXTRA_JARS or None,
        conf=SPARK_CONF,
        application_args=[
            command,
            "--project", "{{ params.project }}",
            "--out", "{{ params.%s }}" % out_param,
            "--pcontrast", "{{ params.pcontrast }}",
            "--moldiam-max", "{{ params.moldiam_max }}",
            "--max-failed-fraction", "{{ params.max_failed_fraction }}",
            *extra_args,
        ],
        name="segdiampick-" + command,
        verbose=False,
    )


with DAG(
    dag_id="segdiampick",
    description="Particle diameter estimation and picking (segdiampick) on Spark",
    start_date=datetime(2025, 1, 1),
    schedule=None,
    catchup=False,
    default_args=default_args,
    params={
        "project": "s3a://cryoem/project.jsonl",
        "preprocess_out": "s3a://cryoem/segdiampick-pre",
        "out": "s3a://cryoem/segdiampick-out",
        "out_local_path": "/mnt/cryoem/segdiampick-out",
        "pcontrast": "black",
        "moldiam_max": "500",
        "clustering": "kmeans",
        "max_failed_fraction": "0.1",
    },
    tags=["cryo-em", "spark"],
) as dag:
    preprocess = segdiampick_submit("preprocess", "preprocess_out")
    run = segdiampick_submit("run", "out", "--clustering", "{{ params.clustering }}")

    publish = PythonOperator(
        task_id="publish_estimate",
        python_callable=publish_estimate,
        op_kwargs={"out_local_path": "{{ params.out_local_path }}"},
    )

    preprocess >> run >> publish
