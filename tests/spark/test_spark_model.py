"""Parity in the default (model) mode: the Spark engine (local[2]) with its vector channel and the default
model's verification gives the local engine's edges and stories on 80 real-length articles with planted
reuse (paraphrases among them), and its stages resume."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from retold.corpus import Corpus
from retold.spark.engine import scan

SIZE = 80  # the model verifies every pair twice here (both engines): 80 articles keep that under a minute


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import corpus_data

    folder = tmp_path_factory.mktemp("model_corpus")
    corpus_data.build(SIZE, folder, seed=0)
    return folder / "corpus.jsonl"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_spark_model_mode_gives_the_local_edges_and_stories(spark: Any, corpus: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    res, _, _ = Corpus(local / "store.db").scan([str(corpus)], out=local / "out", workers=1)
    assert res.mode.startswith("model:")
    out = tmp_path / "spark"
    got = scan([str(corpus)], out, spark=spark, lexical=False)
    assert got.articles > 0 and not got.skipped
    assert (got.compared, got.edges) == (res.compared, len(res.edges))
    edges = [json.loads(x) for x in _text(local / "out" / "edges.jsonl").splitlines()]
    spark_edges = [json.loads(x) for x in _text(out / "edges.jsonl").splitlines()]
    assert [(e["a"], e["b"], e["relation"], e["direction"]) for e in spark_edges] == [
        (e["a"], e["b"], e["relation"], e["direction"]) for e in edges
    ]
    assert _text(out / "edges.jsonl") == _text(local / "out" / "edges.jsonl")  # the same figures too
    assert _text(out / "stories.jsonl") == _text(local / "out" / "stories.jsonl")

    # pairs the model need not see were settled without it, and their articles alone were not embedded
    settled = pq.read_table(out / "_stages" / "settled").to_pylist()
    selected = pq.read_table(out / "_stages" / "selected").to_pylist()
    embedded = pq.read_table(out / "_stages" / "embedded", columns=["ord"]).column("ord").to_pylist()
    assert settled and all(json.loads(r["evidence"]).get("settled") for r in settled if r["evidence"] != "{}")
    done = {(min(r["a_ord"], r["b_ord"]), max(r["a_ord"], r["b_ord"])) for r in settled}
    pending = {x for p in selected if (p["lo"], p["hi"]) not in done for x in (p["lo"], p["hi"])}
    assert sorted(embedded) == sorted(pending)  # exactly the articles of a pair left to the model

    # the vector channel is what found some of them: pairs no lexical channel admits became edges
    ids = {r["ord"]: r["id"] for r in pq.read_table(out / "_stages" / "articles", columns=["ord", "id"]).to_pylist()}
    cands = pq.read_table(out / "_stages" / "candidates").to_pylist()
    vector_only = {
        frozenset((ids[c["lo"]], ids[c["hi"]]))
        for c in cands
        if not (c["lsh"] or c["sentences"] or c["quotes"] or c["numbers"] >= 2)
    }
    assert len(vector_only & {frozenset((e["a"], e["b"])) for e in edges}) >= 3

    # a job stopped after its verification resumes there: only the lost stages run again, same tables
    for name in ("hits", "vectors", "stories"):
        shutil.rmtree(out / "_stages" / name)
    again = scan([str(corpus)], out, spark=spark, lexical=False)
    assert {"rows", "index", "candidates", "selected", "settled", "embedded", "verified"} <= set(again.resumed)
    assert not {"hits", "vectors", "stories"} & set(again.resumed)
    assert _text(out / "edges.jsonl") == _text(local / "out" / "edges.jsonl")
    assert _text(out / "stories.jsonl") == _text(local / "out" / "stories.jsonl")
