"""A failed Spark job in one line: its root cause (a worker's Python exception, else Spark's own), not the
Java stack traces and tracebacks it comes wrapped in."""

from __future__ import annotations

import re
from pathlib import Path

from retold.errors import RetoldError
from retold.report.safe import printable

# a Python traceback inside a Java message: the first line after its indented frames is the exception
PYTHON_CAUSE = re.compile(r"Traceback \(most recent call last\):\n(?:[ \t].*\n|\n)*([A-Za-z_][\w.]*(?::.*)?)")
JAVA_CAUSE = re.compile(r"^Caused by: (.*)$", re.M)
# py4j's message: 'An error occurred while calling X.' then ': ' and the Java exception on the next line
JAVA_THROWN = re.compile(r"^: (\S.*)$", re.M)


class SparkJobFailed(RetoldError):
    """A Spark job failed (a task on a worker, most often): its cause, and where Spark's log is."""


def is_spark_failure(e: BaseException) -> bool:
    """Raised by Spark (through Py4J or PySpark's own errors), not by retold."""
    try:
        from py4j.protocol import Py4JError  # type: ignore[import-untyped]
        from pyspark.errors import PySparkException
    except ImportError:
        return False
    return isinstance(e, Py4JError | PySparkException)


def root_cause(text: str) -> str:
    """The deepest cause a Spark error's text names: the last Python exception of a worker's traceback,
    else the last ``Caused by:`` of the Java trace, else the Java exception py4j reports, else its first line."""
    found = PYTHON_CAUSE.findall(text) or JAVA_CAUSE.findall(text) or JAVA_THROWN.findall(text)[:1]
    if found:
        return str(found[-1]).strip()
    return text.strip().splitlines()[0].strip() if text.strip() else "no message"


def job_failed(e: BaseException, log: Path | None) -> SparkJobFailed:
    """The one line to say for a failed Spark job."""
    where = f"Spark's log: {log}; " if log is not None else ""
    cause = printable(root_cause(str(e)), one_line=True)[:500]
    return SparkJobFailed(f"the Spark job failed: {cause} ({where}set RETOLD_DEBUG=1 to see it all)")
