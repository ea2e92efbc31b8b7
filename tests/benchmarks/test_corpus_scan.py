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


def test_ciphered_fillers_keep_the_shape_and_share_no_text(shared: Path, tmp_path: Path) -> None:
    import re

    import corpus_data
    import corpus_scan

    planted = corpus_data.build(200, tmp_path, seed=0)
    corpus = tmp_path / "corpus.jsonl"
    real = corpus_data.read(corpus)
    involved = {x for p in planted for x in (p.source, p.copy)}
    pool = [r for r in real if r["id"] not in involved]
    n = 2 * len(pool) + 10  # past two rounds
    assert corpus_scan.top_up(corpus, planted, 200 + n, kind="ciphered") == n
    fillers = corpus_data.read(corpus)[200:]
    assert len({r["text"] for r in fillers}) == n  # each round a new cipher: no filler repeats another

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def shape(text: str) -> tuple[int, ...]:
        return tuple(len(words(p)) for p in text.split("\n\n"))

    # each filler is a pool article's paragraphs with their word counts, and that article's outlet and date
    shapes = {(shape(r["text"]), r["source"], r["published"]) for r in pool}
    assert all((shape(r["text"]), r["source"], r["published"]) in shapes for r in fillers)

    def grams(text: str) -> set[tuple[str, ...]]:
        w = words(text)
        return {tuple(w[i : i + 5]) for i in range(len(w) - 4)}

    seen = set().union(*(grams(r["text"]) for r in real))
    made = [g for r in fillers for g in grams(r["text"])]
    assert sum(g in seen for g in made) < 0.01 * len(made)  # only runs of the few frequent words that map to themselves
