"""Parity: the Spark engine (local[2]) and the local engine give the same edges and stories on 300
real-length news articles (news_allsides and the other shared corpora) with planted reuse."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from retold.corpus import Corpus
from retold.spark.engine import scan

SIZE = 300


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    import corpus_data

    folder = tmp_path_factory.mktemp("corpus")
    planted = corpus_data.build(SIZE, folder, seed=0)
    return folder / "corpus.jsonl", planted


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_spark_gives_the_local_edges_and_stories(spark: Any, corpus: tuple[Path, list[Any]], tmp_path: Path) -> None:
    built, planted = corpus
    lines = built.read_text(encoding="utf-8").splitlines()
    # a record given twice is one article; the same text under another id is an article of its own (an
    # identical pair), as the store keeps it
    twin = {**json.loads(lines[3]), "id": "twin-of-3"}
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([*lines, lines[5], json.dumps(twin)]) + "\n", encoding="utf-8")
    local = tmp_path / "local"
    local.mkdir()
    Corpus(local / "store.db").scan([str(path)], lexical=True, out=local / "out", workers=1)
    got = scan([str(path)], tmp_path / "spark", spark=spark)
    assert got.articles == SIZE + 1 and not got.skipped

    edges, spark_edges = _rows(local / "out" / "edges.jsonl"), _rows(tmp_path / "spark" / "edges.jsonl")
    stories, spark_stories = _rows(local / "out" / "stories.jsonl"), _rows(tmp_path / "spark" / "stories.jsonl")
    # the same pairs, relations and directions, and the same figures, in the same order
    assert [(e["a"], e["b"], e["relation"], e["direction"]) for e in spark_edges] == [
        (e["a"], e["b"], e["relation"], e["direction"]) for e in edges
    ]
    assert spark_edges == edges
    assert spark_stories == stories
    # and a real answer: the planted verbatim passages are among the edges, the earlier article first
    pairs = {(e["a"], e["b"]) for e in edges}
    lifted = [(p.source, p.copy) for p in planted if p.kind == "verbatim_passage"]
    assert len(lifted) >= 10 and all(p in pairs for p in lifted)
    assert len({r["story"] for r in stories}) >= 20
    assert any("twin-of-3" in (e["a"], e["b"]) and e["relation"] == "identical" for e in edges)


def test_a_record_given_again_with_its_title_is_one_article_in_both_engines(spark: Any, tmp_path: Path) -> None:
    """A feed of id + text, then the same records with their titles and metadata: the same id with the same body
    (the text after the title line) is one article, its metadata filled in from the repeat, in both engines: no
    id collision, the same edges and stories."""
    lines = (Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl").read_text(encoding="utf-8")
    full = [json.loads(x) for x in lines.splitlines()]
    bare = [{"id": r["id"], "text": r["text"]} for r in full[:2]]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*bare, *full]), encoding="utf-8")
    local = tmp_path / "local"
    local.mkdir()
    Corpus(local / "store.db").scan([str(path)], lexical=True, out=local / "out", workers=1)
    got = scan([str(path)], tmp_path / "spark", spark=spark)
    assert got.articles == len(full) and not got.renamed and not got.skipped

    edges, spark_edges = _rows(local / "out" / "edges.jsonl"), _rows(tmp_path / "spark" / "edges.jsonl")
    assert {x for e in edges for x in (e["a"], e["b"])} <= {r["id"] for r in full}
    # the earlier wire story, dated by its repeat, is the source of its light edit
    assert any((e["a"], e["b"], e["direction"]) == ("01_wire_original", "02_light_edit", "a_to_b") for e in edges)
    assert spark_edges == edges
    assert _rows(tmp_path / "spark" / "stories.jsonl") == _rows(local / "out" / "stories.jsonl")


def test_taken_ids_are_made_unique_by_the_store_s_rule_in_both_engines(spark: Any, tmp_path: Path) -> None:
    """Ids the renaming meets: ``a~HASH`` is given as an id of its own before ``a`` comes again with other text, so
    the store names that ``a~HASH-2``; a name it took is given later, and renamed in turn. The Spark engine named
    each id's repeats alone (``a~HASH`` twice: two articles under one id, an edge from one to 'itself')."""
    from retold.fingerprint import content_hash
    from retold.ingest.read import record_article

    lines = (Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(x)["text"] for x in lines.splitlines()]
    h = content_hash(record_article({"id": "a", "text": texts[1]}, "x", "x:1"))[:8]
    recs = [(f"a~{h}", 2), ("a", 0), ("a", 1), (f"a~{h}", 3), (f"a~{h}-2", 4)]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": texts[t]}) + "\n" for i, t in recs), encoding="utf-8")
    local = tmp_path / "local"
    local.mkdir()
    _, added, _ = Corpus(local / "store.db").scan([str(path)], lexical=True, out=local / "out", workers=1)
    got = scan([str(path)], tmp_path / "spark", spark=spark)
    assert added is not None and got.renamed == added.renamed
    stored = [r for _, _, r in got.renamed]
    assert f"a~{h}-2" in stored and len(set(stored)) == len(stored) == 3
    edges, spark_edges = _rows(local / "out" / "edges.jsonl"), _rows(tmp_path / "spark" / "edges.jsonl")
    assert edges and spark_edges == edges and all(e["a"] != e["b"] for e in edges)
