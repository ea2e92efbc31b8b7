"""The SparkSession a scan runs on, started with retold's settings unless ``spark-submit`` gave its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from retold.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG_CONFIG = "log4j2.properties"  # beside this module: Spark's own log at level ERROR, no start-up banner


def session(master: str, partitions: int | None = None) -> SparkSession:
    """A SparkSession on ``master`` (workers run this interpreter, no UI, no console bars, few shuffle
    partitions); under ``spark-submit`` its ``--master`` and ``--conf`` settings win over these defaults."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError("the Spark engine needs pyspark: pip install 'retold[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    # spark-submit starts the JVM first and hands its port to the driver; started here instead, the JVM
    # carries the launcher's own defaults (local[*], console bars on), which must not pass for settings given
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    if not submitted:
        log = f"-Dlog4j2.configurationFile={Path(__file__).with_name(LOG_CONFIG).as_uri()}"
        os.environ.setdefault("PYSPARK_SUBMIT_ARGS", f"--driver-java-options {log} pyspark-shell")
    SparkContext._ensure_initialized()
    given = SparkConf() if submitted else SparkConf(loadDefaults=False)
    b = SparkSession.builder.appName("retold-scan")
    conf = {
        "spark.master": master,
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.shuffle.partitions": str(partitions or 8),
    }
    for k, v in conf.items():
        if not given.contains(k):
            b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
