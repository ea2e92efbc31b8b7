"""``benchmarks/corpus_scan.py``: the top-up past what ``corpus_data.build`` makes."""

from __future__ import annotations

from pathlib import Path


def test_top_up_appends_fillers_only_past_the_build(shared: Path, tmp_path: Path) -> None:
    import corpus_data
    import corpus_scan

    planted = corpus_data.build(200, tmp_path, seed=0)
    corpus = tmp_path / "corpus.jsonl"
    built = corpus.read_bytes()
    assert corpus_scan.top_up(corpus, planted, 200) == 0
    assert corpus.read_bytes() == built
    assert corpus_scan.top_up(corpus, planted, 230) == 30
    assert corpus.read_bytes().startswith(built)
    records = corpus_data.read(corpus)
    assert len(records) == 230 and len({r["id"] for r in records}) == 230
    fillers = records[200:]
    assert all(r["id"].startswith("f") and r["text"].count(" ") >= 50 for r in fillers)
