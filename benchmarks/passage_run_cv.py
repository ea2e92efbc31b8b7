"""Blocked cross-validation of the shared-run passage rule (``align.verdict.PASSAGE_RUN_WORDS``).

    .venv/bin/python benchmarks/passage_run_cv.py [--size 2000] [--folds 5]

Two collections are scanned in ``--lexical`` mode with the rule switched off: the real-length news
tier of ``corpus_data.build`` (planted and natural reuse as truth; every other candidate pair is
not reuse) and the PAN13 documents (the 500 known pairs; other PAN13 pairs are left out, since two
suspicious documents that copied one source do share text). For every checked pair the longest
shared run (``align.passage.shared_run``) is measured, and the rule's prediction for a threshold N
is "reuse without the rule, or a run of N words or more". Fold i holds out the i-th contiguous block
of each collection (pairs in row order); N is chosen on the other blocks to maximise the mean of
news accuracy and PAN13 recall, then scored on the held-out block. Prints a line per fold and the
figures over all pairs for each N of the grid; JSON to ``results/passage_run_cv.json``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

RESULTS = Path(__file__).resolve().parent / "results"
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
GRID = [*range(25, 85, 5)]
OFF = 10**9

Item = tuple[bool, bool, int]  # (truly reuse, reuse without the rule, shared run in words)


def collect(corpus: Path, truth: set[tuple[str, str]], db: Path, keep_negatives: bool) -> list[Item]:
    from retold.align import verdict
    from retold.align.passage import shared_run
    from retold.corpus import Corpus
    from retold.store.sqlite import Store

    verdict.PASSAGE_RUN_WORDS = OFF  # the verdicts as they are without the rule (one process: it sees this)
    c = Corpus(db)
    c.add([str(corpus)])
    c.scan(lexical=True)
    con = sqlite3.connect(db)
    ids = dict(con.execute("SELECT row, id FROM articles"))
    out: list[Item] = []
    with Store(db) as st:
        for a, b, rel in con.execute("SELECT a, b, relation FROM edges WHERE mode = 'lexical' ORDER BY a, b"):
            real = tuple(sorted((ids[a], ids[b]))) in truth
            if not real and not keep_negatives:
                continue
            arts = st.articles_by_row([a, b])
            out.append((real, rel in REUSE, shared_run(arts[a], arts[b])))
    con.close()
    return out


def accuracy(items: list[Item], n: int) -> float:
    return sum((old or run >= n) == real for real, old, run in items) / max(1, len(items))


def blocks(items: list[Item], k: int) -> list[list[Item]]:
    size = -(-len(items) // k)
    return [items[i * size : (i + 1) * size] for i in range(k)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2000, help="articles in the news collection")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="retold-run-cv-") as d:
        tmp = Path(d)
        planted = corpus_data.build(args.size, tmp / "news")
        news = collect(
            tmp / "news" / "corpus.jsonl", {tuple(sorted((p.source, p.copy))) for p in planted}, tmp / "n.db", True
        )
        pan_truth = corpus_data.pan13(tmp / "pan13")
        pan = collect(
            tmp / "pan13" / "pan13.jsonl", {tuple(sorted((p.source, p.copy))) for p in pan_truth}, tmp / "p.db", False
        )
    folds = []
    bn, bp = blocks(news, args.folds), blocks(pan, args.folds)
    for i in range(args.folds):
        tn = [x for j, g in enumerate(bn) if j != i for x in g]
        tp = [x for j, g in enumerate(bp) if j != i for x in g]
        n = max(GRID, key=lambda n: ((accuracy(tn, n) + accuracy(tp, n)) / 2, n))
        row = {
            "fold": i,
            "chosen": n,
            "news_accuracy": accuracy(bn[i], n),
            "news_accuracy_without": accuracy(bn[i], OFF),
            "pan13_recall": accuracy(bp[i], n),
            "pan13_recall_without": accuracy(bp[i], OFF),
        }
        folds.append(row)
        print(
            f"fold {i}: N={n}  news accuracy {row['news_accuracy']:.3f} (without {row['news_accuracy_without']:.3f})"
            f"  PAN13 recall {row['pan13_recall']:.3f} (without {row['pan13_recall_without']:.3f})"
        )
    grid = {n: {"news_accuracy": accuracy(news, n), "pan13_recall": accuracy(pan, n)} for n in [*GRID, OFF]}
    for n, g in grid.items():
        name = "off" if n == OFF else str(n)
        print(f"N={name}: news accuracy {g['news_accuracy']:.4f}  PAN13 recall {g['pan13_recall']:.4f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "passage_run_cv.json").write_text(
        json.dumps({"news_pairs": len(news), "pan13_pairs": len(pan), "folds": folds, "grid": grid}, indent=1) + "\n"
    )


if __name__ == "__main__":
    main()
