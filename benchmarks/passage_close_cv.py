"""Blocked cross-validation of the passage rule's close sentences (``align.verdict``: ``PASSAGE_CONTAINED``,
``PASSAGE_COUNT``, ``PASSAGE_ORDERED``).

    .venv/bin/python benchmarks/passage_close_cv.py [--size 5000] [--seed 1] [--folds 5]

A real-length news tier of ``corpus_data.build`` (``--seed 1``: other plantings than the tier the README
reports, seed 0) is added and scanned in ``--lexical`` mode; every checked pair is compared again, once,
and its verdict worked out under each variant of the rule from the same matches (``verdict.relate``).
Each news pair is compared as the scan compares it, without the collection's boilerplate. Truth: the
planted and natural pairs are reuse, every other checked pair is not. The 500 PAN13
(source, suspicious) pairs are compared the same way (all reuse: recall only). Variants: a trimmed
sentence (a match of any label whose shorter side keeps ``PASSAGE_CONTAINED`` of its words in the other)
counts as close, or not; a passage's sentences counted on both sides ("min") or on the side with more,
the other one short at most ("max"); a trimmed sentence (keeping ``PASSAGE_ORDERED`` of its words) counted
only inside a run of matches that follow one another in both articles, or not. Fold i holds out the i-th
contiguous block of each collection (pairs in row order); the variant is chosen on the other blocks by the
mean of news accuracy and PAN13 recall (ties: the stricter variant), then scored on the held-out block.
JSON to ``results/passage_close_cv.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from passage_run_cv import blocks

RESULTS = Path(__file__).resolve().parent / "results"
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
CONTAINED = [None, 1.0, 0.95, 0.9, 0.85, 0.8]
COUNTS = ["min", "max"]
ORDERED: list[float | None] = [None, 1.0, 0.9]
VARIANTS = list(itertools.product(CONTAINED, COUNTS, ORDERED))  # strictest first: ties keep the earlier


def _name(v: tuple[float | None, str, float | None]) -> str:
    return f"contained={'off' if v[0] is None else v[0]} count={v[1]} ordered={'off' if v[2] is None else v[2]}"


CHANGED: list[dict[str, object]] = []  # pairs whose verdict some variant changes (``--dump``)


def verdicts(pairs: list[tuple[object, object]]) -> list[list[bool]]:
    """For each pair, whether each variant calls it reuse."""
    from retold.align import verdict
    from retold.pipeline import compare

    out = []
    for a, b in pairs:
        matches = compare(a, b, lexical=True, flags=False, max_sentences=0).matches  # type: ignore[arg-type]
        row = []
        for contained, count, ordered in VARIANTS:
            verdict.PASSAGE_CONTAINED, verdict.PASSAGE_COUNT, verdict.PASSAGE_ORDERED = contained, count, ordered
            row.append(verdict.relate(a, b, matches)[0] in REUSE)  # type: ignore[arg-type]
        out.append(row)
        if len(set(row)) > 1:
            CHANGED.append(
                {
                    "a": a.id,  # type: ignore[attr-defined]
                    "b": b.id,  # type: ignore[attr-defined]
                    "reuse_under": [_name(v) for v, r in zip(VARIANTS, row, strict=True) if r],
                    "matches": [
                        {
                            "label": m.label,
                            "word_max": m.evidence.get("word_max"),
                            "a": " ".join(a.sentences[i].text for i in m.a),  # type: ignore[attr-defined]
                            "b": " ".join(b.sentences[j].text for j in m.b),  # type: ignore[attr-defined]
                        }
                        for m in matches
                        if m.label != "related" or m.evidence.get("word_max", 0.0) >= 0.8
                    ],
                }
            )
    return out


def news_items(size: int, seed: int, tmp: Path) -> list[tuple[bool, list[bool]]]:
    from retold.corpus import Corpus
    from retold.provenance import candidates as cand
    from retold.provenance.jobs import make_job
    from retold.store.sqlite import Store

    planted = corpus_data.build(size, tmp / "news", seed)
    truth = {tuple(sorted((p.source, p.copy))) for p in planted}
    db = tmp / "n.db"
    c = Corpus(db)
    c.add([str(tmp / "news" / "corpus.jsonl")])
    c.scan(lexical=True)
    con = sqlite3.connect(db)
    ids = dict(con.execute("SELECT row, id FROM articles"))
    checked = con.execute("SELECT a, b FROM edges WHERE mode = 'lexical' ORDER BY a, b").fetchall()
    con.close()
    with Store(db) as st:
        arts = st.articles_by_row({r for p in checked for r in p})
        corpus = cand.load(st)
    # as the scan compares them: each side without the collection's boilerplate (newsletter lines, bios)
    pairs = []
    for a, b in checked:
        job = make_job(corpus.boilerplate, arts[a], corpus.info[a].outlet, arts[b], corpus.info[b].outlet)
        pairs.append((job.a, job.b) if job is not None else (arts[a], arts[b]))
    real = [tuple(sorted((ids[a], ids[b]))) in truth for a, b in checked]
    out = list(zip(real, verdicts(pairs), strict=True))
    for row in CHANGED:
        row["truth"] = tuple(sorted((str(row["a"]), str(row["b"])))) in truth
    return out  # type: ignore[return-value]


def pan13_items(tmp: Path) -> list[tuple[bool, list[bool]]]:
    from retold.ingest import read_articles

    truth = corpus_data.pan13(tmp / "pan13")
    docs = {a.id: a for a in read_articles(str(tmp / "pan13" / "pan13.jsonl"))}
    pairs = [(docs[p.source], docs[p.copy]) for p in truth]
    return [(True, v) for v in verdicts(pairs)]  # type: ignore[arg-type]


def accuracy(items: list[tuple[bool, list[bool]]], k: int) -> float:
    return sum(v[k] == real for real, v in items) / max(1, len(items))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=5000, help="articles in the news collection")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--dump", type=Path, help="write the pairs some variant judges otherwise (JSON Lines)")
    args = ap.parse_args()
    if not corpus_data.DATA.is_dir():
        print(f"skipped: {corpus_data.DATA} is absent (the shared data sets)")
        return
    with tempfile.TemporaryDirectory(prefix="retold-close-cv-") as d:
        news = news_items(args.size, args.seed, Path(d))
        pan = pan13_items(Path(d))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for row in CHANGED:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    folds = []
    bn, bp = blocks(news, args.folds), blocks(pan, args.folds)
    for i in range(args.folds):
        tn = [x for j, g in enumerate(bn) if j != i for x in g]
        tp = [x for j, g in enumerate(bp) if j != i for x in g]
        k = max(range(len(VARIANTS)), key=lambda k: ((accuracy(tn, k) + accuracy(tp, k)) / 2, -k))
        row = {
            "fold": i,
            "chosen": _name(VARIANTS[k]),
            "news_accuracy": accuracy(bn[i], k),
            "news_accuracy_before": accuracy(bn[i], 0),
            "news_recall": accuracy([x for x in bn[i] if x[0]], k),
            "news_recall_before": accuracy([x for x in bn[i] if x[0]], 0),
            "pan13_recall": accuracy(bp[i], k),
            "pan13_recall_before": accuracy(bp[i], 0),
        }
        folds.append(row)
        print(
            f"fold {i}: {row['chosen']}  news accuracy {row['news_accuracy']:.4f}"
            f" (before {row['news_accuracy_before']:.4f})"
            f"  news recall {row['news_recall']:.3f} (before {row['news_recall_before']:.3f})"
            f"  PAN13 recall {row['pan13_recall']:.3f} (before {row['pan13_recall_before']:.3f})"
        )
    pos = [x for x in news if x[0]]
    neg = [x for x in news if not x[0]]
    grid = {
        _name(v): {
            "news_accuracy": accuracy(news, k),
            "news_recall": accuracy(pos, k),
            "news_false_positives": sum(x[1][k] for x in neg),
            "pan13_recall": accuracy(pan, k),
        }
        for k, v in enumerate(VARIANTS)
    }
    print(f"{len(news)} news pairs ({len(pos)} reuse), {len(pan)} PAN13 pairs")
    for name, g in grid.items():
        print(
            f"{name}: news accuracy {g['news_accuracy']:.4f} recall {g['news_recall']:.4f}"
            f" false positives {g['news_false_positives']}  PAN13 recall {g['pan13_recall']:.4f}"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "passage_close_cv.json").write_text(
        json.dumps(
            {
                "size": args.size,
                "seed": args.seed,
                "news_pairs": len(news),
                "pan13_pairs": len(pan),
                "folds": folds,
                "grid": grid,
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
