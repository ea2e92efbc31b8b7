"""The SparkSession a scan runs on, started with retold's settings unless ``spark-submit`` gave its own."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from retold.errors import UsageError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG_CONFIG = "log4j2.properties"  # beside this module: Spark's own log at level ERROR, no start-up banner
# the master URLs Spark's SparkContext takes (createTaskScheduler), cluster managers by their scheme
MASTER = re.compile(
    r"local(\[(\d+|\*)(\s*,\s*\d+)?\])?|local-cluster\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]|yarn|(spark|k8s|mesos)://\S+"
)
JAVA_VERSION = re.compile(r'version "(?:1\.)?(\d+)')


@contextmanager
def _stderr_to(log: Path | None) -> Iterator[None]:
    """Processes started inside write their stderr to ``log`` (this one's is put back after)."""
    if log is None:
        yield
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log, "ab") as f:
        os.dup2(f.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def submitted() -> bool:
    """Under ``spark-submit`` the JVM runs already and its own master wins: nothing here to check."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def check_setup(master: str) -> None:
    """Say a master URL Spark cannot parse and a missing or old Java as one line each, before a JVM is
    started that would say them with a stack trace (or as a gateway that 'exited')."""
    if submitted():
        return
    given = MASTER.fullmatch(master.strip())
    if not given:
        raise UsageError(
            f"--master {master!r}: not a Spark master URL (local[*], local[N], spark://HOST:PORT, yarn, k8s://URL)"
        )
    if given.group(2) is not None and given.group(2) != "*" and int(given.group(2)) == 0:
        raise UsageError(f"--master {master!r}: local[N] runs N threads: N must be at least 1")
    if given.group(0) == "yarn" and not (os.environ.get("HADOOP_CONF_DIR") or os.environ.get("YARN_CONF_DIR")):
        # spark-submit's own rule; a session started here without it waits on a ResourceManager at 0.0.0.0
        raise UsageError("--master yarn: set HADOOP_CONF_DIR or YARN_CONF_DIR to the cluster's configuration")
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    where = f"JAVA_HOME={home}" if home else "no java on PATH, JAVA_HOME not set"
    if not java or not os.access(java, os.X_OK):
        raise UsageError(f"the Spark engine needs Java 17+: Java not found ({where})")
    try:
        said = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UsageError(f"the Spark engine needs Java 17+: {java} does not run ({e})") from None
    found = JAVA_VERSION.search(said)
    if found and int(found.group(1)) < 17:
        raise UsageError(f"the Spark engine needs Java 17+: {java} is Java {found.group(1)}")


def session(master: str, partitions: int | None = None, log: Path | None = None) -> SparkSession:
    """A SparkSession on ``master`` (workers run this interpreter, no UI, no console bars, few shuffle
    partitions); under ``spark-submit`` its ``--master`` and ``--conf`` settings win over these defaults.
    With ``log``, what the JVM and its Python workers write to stderr goes to that file: a failed task is
    hundreds of lines of Java log and tracebacks, where the caller says its cause in one."""
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError("the Spark engine needs pyspark: pip install 'retold[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    check_setup(master)
    # spark-submit starts the JVM first and hands its port to the driver; started here instead, the JVM
    # carries the launcher's own defaults (local[*], console bars on), which must not pass for settings given
    if not submitted():
        config = f"-Dlog4j2.configurationFile={Path(__file__).with_name(LOG_CONFIG).as_uri()}"
        os.environ.setdefault("PYSPARK_SUBMIT_ARGS", f"--driver-java-options {config} pyspark-shell")
    with _stderr_to(None if submitted() else log):
        SparkContext._ensure_initialized()
    given = SparkConf() if submitted() else SparkConf(loadDefaults=False)
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
    # PySpark's Ctrl-C handler calls the JVM while the main thread waits on it (py4j's 'reentrant call',
    # a screen of tracebacks): a plain KeyboardInterrupt ends the scan, and the JVM with this process
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if log is not None:  # py4j logs its broken connections on the root logger, which prints them by default
        _log_to(log)
    return spark


_HANDLER = "retold-spark-log"


def _log_to(log: Path) -> None:
    """The root logger writes to this scan's log: an earlier scan's handler in this process is closed and
    replaced, not kept beside it (each scan would add one, writing to every earlier scan's log)."""
    root = logging.getLogger()
    for h in [h for h in root.handlers if h.get_name() == _HANDLER]:
        root.removeHandler(h)
        h.close()
    handler = logging.FileHandler(log, encoding="utf-8")
    handler.set_name(_HANDLER)
    root.addHandler(handler)
