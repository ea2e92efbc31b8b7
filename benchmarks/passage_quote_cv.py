"""Blocked cross-validation of the ordered passage rule with quoted statements left out
(``align.verdict``: ``PASSAGE_ORDERED``, ``ORDERED_STATEMENTS``, ``ORDERED_CLOSE``).

    .venv/bin/python benchmarks/passage_quote_cv.py --keep DIR [--size 10000] [--seeds 1,2] [--folds 5]
        [--test-seed 0]

A trimmed sentence (a match whose shorter side keeps ``PASSAGE_ORDERED`` of its words in the other) counting
toward a passage when it runs on from close sentences in both articles finds lifted passages whose first or
last sentence lost a clause, and also two outlets quoting one statement: each trims the lead-in its own way
("Boehner said Tuesday that ..." after a clause of its own; "The Post reported that \\"it was ...\\""), so the
statement's sentences are close and its lead-in is a trimmed one. Variants: the ordered rule off, or on at a
share of 1.0 / 0.9 / 0.85; a trimmed sentence that is a statement on either side (``ORDERED_STATEMENTS``:
"off"; "marks": it holds a double quote mark; "speech": a quote mark or a speech verb) counted or not; the run's
close sentences counted as matches or as passage sentences (``ORDERED_CLOSE``: "matches" / "sentences", the
latter not counting a credit line or a dateline).

News: real-length tiers of ``corpus_data.build`` (``--seeds``; each built, added and scanned in ``--lexical``
mode once, in ``DIR/s<seed>``, with ``planted_misses.scanned``), every checked pair compared again as the scan
compares it (without the collection's boilerplate) and kept in ``DIR/s<seed>/items.pkl``; truth: the planted
and natural pairs are reuse, every other checked pair is not. PAN13: the 500 (source, suspicious) pairs
(``DIR/pan/items.pkl``; all reuse: recall only). Fold i holds out the i-th contiguous block of each collection
(pairs in row order); the variant is chosen on the other blocks by the mean of news accuracy and PAN13 recall
(ties: the earlier, stricter variant) and scored on the held-out block. ``--test-seed``: a tier kept out of the
choice, scored at the end with every variant. JSON to ``results/passage_quote_cv.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from passage_run_cv import blocks

RESULTS = Path(__file__).resolve().parent / "results"
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
ORDERED: list[float | None] = [1.0, 0.9, 0.85]
STATEMENTS = ["off", "marks", "speech"]
CLOSE = ["matches", "sentences"]
Variant = tuple[float | None, str, str]
VARIANTS: list[Variant] = [(None, "off", "matches"), *itertools.product(ORDERED, STATEMENTS[::-1], CLOSE[::-1])]
Item = tuple[Any, Any, Any, Any, Any]  # (planted kind or "natural" or None, stored relation, a, b, matches)


def _name(v: Variant) -> str:
    return "ordered=off" if v[0] is None else f"ordered={v[0]} statements={v[1]} close={v[2]}"


def news_items(folder: Path, size: int, seed: int) -> list[Item]:
    """Every checked pair of the scanned tier, compared as the scan compares it (kept in ``items.pkl``)."""
    from planted_misses import scanned

    kept = folder / "items.pkl"
    if kept.exists():
        return pickle.loads(kept.read_bytes())  # type: ignore[no-any-return]
    from retold.pipeline import compare
    from retold.provenance import candidates as cand
    from retold.provenance.jobs import make_job
    from retold.store.sqlite import Store

    db = scanned(folder, size, seed)
    truth = {tuple(sorted(p[:2])): p[2] for p in json.loads((folder / "truth.json").read_text())}
    con = sqlite3.connect(db)
    ids = dict(con.execute("SELECT row, id FROM articles"))
    checked = con.execute("SELECT a, b, relation FROM edges WHERE mode = 'lexical' ORDER BY a, b").fetchall()
    con.close()
    with Store(db) as st:
        arts = st.articles_by_row({r for p in checked for r in p[:2]})
        corpus = cand.load(st)
    out = []
    for a, b, rel in checked:
        job = make_job(corpus.boilerplate, arts[a], corpus.info[a].outlet, arts[b], corpus.info[b].outlet)
        x, y = (job.a, job.b) if job is not None else (arts[a], arts[b])
        matches = compare(x, y, lexical=True, flags=False, max_sentences=0).matches
        out.append((truth.get(tuple(sorted((ids[a], ids[b])))), rel, x, y, matches))
    kept.write_bytes(pickle.dumps(out))
    return out


def pan13_items(folder: Path) -> list[Item]:
    kept = folder / "items.pkl"
    if kept.exists():
        return pickle.loads(kept.read_bytes())  # type: ignore[no-any-return]
    from retold.ingest import read_articles
    from retold.pipeline import compare

    truth = corpus_data.pan13(folder / "pan13")
    docs = {a.id: a for a in read_articles(str(folder / "pan13" / "pan13.jsonl"))}
    out: list[Item] = []
    for p in truth:
        a, b = docs[p.source], docs[p.copy]
        out.append(("pan13", None, a, b, compare(a, b, lexical=True, flags=False, max_sentences=0).matches))
    kept.write_bytes(pickle.dumps(out))
    return out


def judged_under(items: list[Item], variants: Sequence[Mapping[str, Any]]) -> list[tuple[bool, list[bool], Item]]:
    """Each pair: whether it is reuse, whether ``align.verdict`` calls it reuse under each variant (its settings by
    name, set for the call and put back after), the pair."""
    from retold.align import verdict

    shipped = {name: getattr(verdict, name) for v in variants for name in v}
    out = []
    try:
        for item in items:
            row = []
            for v in variants:
                for name, value in v.items():
                    setattr(verdict, name, value)
                row.append(verdict.relate(item[2], item[3], item[4])[0] in REUSE)
            out.append((item[0] is not None, row, item))
    finally:
        for name, value in shipped.items():
            setattr(verdict, name, value)
    return out


def judged(items: list[Item]) -> list[tuple[bool, list[bool], Item]]:
    """Each pair: whether it is reuse, whether each variant calls it reuse, the pair."""
    names = ("PASSAGE_ORDERED", "ORDERED_STATEMENTS", "ORDERED_CLOSE")
    return judged_under(items, [dict(zip(names, v, strict=True)) for v in VARIANTS])


def accuracy(items: list[tuple[bool, list[bool], Item]], k: int) -> float:
    return sum(v[k] == real for real, v, _ in items) / max(1, len(items))


def scores(
    news: list[tuple[bool, list[bool], Item]], pan: list[tuple[bool, list[bool], Item]], k: int
) -> dict[str, Any]:
    pos = [x for x in news if x[0]]
    return {
        "news_accuracy": round(accuracy(news, k), 5),
        "reuse_found": sum(x[1][k] for x in pos),
        "reuse": len(pos),
        "edited_passage_found": sum(x[1][k] for x in pos if x[2][0] == "edited_passage"),
        "false_positives": sum(x[1][k] for x in news if not x[0]),
        "pan13_recall": round(accuracy(pan, k), 4),
    }


def changed(news: list[tuple[bool, list[bool], Item]], k: int) -> list[dict[str, Any]]:
    """The pairs variant ``k`` judges otherwise than the rule without the ordered runs."""
    return [{"a": x[2][2].id, "b": x[2][3].id, "truth": x[2][0], "reuse": x[1][k]} for x in news if x[1][k] != x[1][0]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, required=True, help="folder for the scanned tiers and compared pairs")
    ap.add_argument("--size", type=int, default=10_000, help="articles in each news tier")
    ap.add_argument("--seeds", default="1,2", help="news tiers the variant is chosen on")
    ap.add_argument("--test-seed", type=int, help="a tier scored only at the end")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    if not corpus_data.DATA.is_dir():
        print(f"skipped: {corpus_data.DATA} is absent (the shared data sets)")
        return
    tiers = [judged(news_items(args.keep / f"s{s}", args.size, int(s))) for s in args.seeds.split(",")]
    (args.keep / "pan").mkdir(parents=True, exist_ok=True)
    pan = judged(pan13_items(args.keep / "pan"))
    bn = [blocks(t, args.folds) for t in tiers]
    bp = blocks(pan, args.folds)
    folds = []
    for i in range(args.folds):
        tn = [x for b in bn for j, g in enumerate(b) if j != i for x in g]
        tp = [x for j, g in enumerate(bp) if j != i for x in g]
        k = max(range(len(VARIANTS)), key=lambda k: ((accuracy(tn, k) + accuracy(tp, k)) / 2, -k))
        held = [x for b in bn for x in b[i]]
        row = {
            "fold": i,
            "chosen": _name(VARIANTS[k]),
            "after": scores(held, bp[i], k),
            "before": scores(held, bp[i], 0),
        }
        folds.append(row)
        a, b = row["after"], row["before"]
        print(
            f"fold {i}: {row['chosen']}: reuse found {a['reuse_found']}/{a['reuse']} (before {b['reuse_found']})"
            f"  false positives {a['false_positives']} (before {b['false_positives']})"
            f"  news accuracy {a['news_accuracy']:.5f} (before {b['news_accuracy']:.5f})"
            f"  PAN13 recall {a['pan13_recall']:.3f} (before {b['pan13_recall']:.3f})"
        )
    allnews = [x for t in tiers for x in t]
    grid = {_name(v): scores(allnews, pan, k) for k, v in enumerate(VARIANTS)}
    for name, g in grid.items():
        print(f"{name:52} {g}")
    doc: dict[str, Any] = {
        "size": args.size,
        "seeds": args.seeds,
        "news_pairs": len(allnews),
        "pan13_pairs": len(pan),
        "folds": folds,
        "grid": grid,
        "changed": {_name(v): changed(allnews, k) for k, v in enumerate(VARIANTS) if k},
    }
    if args.test_seed is not None:
        test = judged(news_items(args.keep / f"s{args.test_seed}", args.size, args.test_seed))
        doc["test"] = {"seed": args.test_seed, **{_name(v): scores(test, [], k) for k, v in enumerate(VARIANTS)}}
        print(f"test tier (seed {args.test_seed}):")
        for name in map(_name, VARIANTS):
            print(f"  {name:52} {doc['test'][name]}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "passage_quote_cv.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
