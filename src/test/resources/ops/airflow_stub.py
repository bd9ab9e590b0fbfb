"""Minimal stand-ins for the parts of Airflow the example DAG imports (Airflow is not installed in tests).

load_dag(path) imports submit/airflow/segdiampick_dag.py against them; every operator is recorded in OPS with its
keyword arguments and downstream tasks, and the DAG object in DAG.last.
"""
import importlib.util
import sys
import types

OPS = []


class Op:
    def __init__(self, task_id, **kw):
        self.task_id, self.kw, self.down = task_id, kw, []
        OPS.append(self)

    def __rshift__(self, other):
        self.down.append(other)
        return other


class DAG:
    last = None

    def __init__(self, **kw):
        self.kw = kw
        DAG.last = self

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m


_module("airflow", DAG=DAG)
_module("airflow.operators")
_module("airflow.operators.python", PythonOperator=Op)
_module("airflow.providers")
_module("airflow.providers.apache")
_module("airflow.providers.apache.spark")
_module("airflow.providers.apache.spark.operators")
_module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=Op)


def load_dag(path):
    spec = importlib.util.spec_from_file_location("dag", path)
    dag = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dag)
    return dag
