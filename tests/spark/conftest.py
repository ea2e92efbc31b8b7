"""One local SparkSession for the Spark tests (two cores, few shuffle partitions); they skip without
pyspark or a Java runtime."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:  # the real-length corpus builder (benchmarks/corpus_data.py)
    sys.path.insert(0, str(BENCHMARKS))


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    pytest.importorskip("pyspark", reason="the Spark engine needs pyspark: pip install 'retold[spark]'")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs a Java runtime (java is not on PATH)")
    from retold.spark.session import session

    s = session("local[2]", partitions=2)
    yield s
    s.stop()
