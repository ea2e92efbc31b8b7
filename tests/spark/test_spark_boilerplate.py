"""The Spark engine leaves out furniture several outlets carry (``boilerplate.spread``) as the local scan does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from retold.corpus import Corpus
from retold.spark.engine import scan


def test_spark_leaves_out_a_biography_several_outlets_run(spark: Any, furniture_papers: Path, tmp_path: Path) -> None:
    Corpus(tmp_path / "s.db").scan([str(furniture_papers)], lexical=True, out=tmp_path / "local", workers=1)
    scan([str(furniture_papers)], tmp_path / "spark", spark=spark)
    local, got = (
        [json.loads(x) for x in (tmp_path / d / "edges.jsonl").read_text().splitlines()] for d in ("local", "spark")
    )
    assert got == local
    assert {r["a"] for r in got} | {r["b"] for r in got} == {f"wire-{k}" for k in range(4)}
