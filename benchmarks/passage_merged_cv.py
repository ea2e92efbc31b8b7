"""Blocked cross-validation of how a passage's sentences are counted (``align.verdict``: ``PASSAGE_COUNT``), and of
which trimmed statements count toward an ordered passage (``ORDERED_STATEMENTS``) beside it.

    .venv/bin/python benchmarks/passage_merged_cv.py --keep DIR [--seeds 0,1,2,3,4] [--test-seeds 20,21]
        [--size 10000]

Edited passages a ``--lexical`` scan misses at 10,000 articles (``planted_misses.py``): two sentences of the source
run into one in the copy (a caption with no full stop, then the next line), so one side counts a sentence fewer
(``PASSAGE_COUNT``: "min" both sides need ``PASSAGE_SENTENCES``; "merged" a sentence one close match aligns with
several of the other side's counts as that many, when it keeps ``MERGED_KEPT`` of their words and holds no quote
mark; "merged-any" whatever it keeps; "max" one side needs them, the other one fewer); and a sentence that lost its
trailing clause holds a speech verb, which the ordered rule leaves out since two outlets quoting one statement trim
its lead-in each their own way (``ORDERED_STATEMENTS`` "speech"; "marks" leaves out only those holding a quote
mark).

Blocks: each news tier (``--seeds``, one planting each, built once in ``DIR/s<seed>`` with
``passage_quote_cv.news_items``) and PAN13 (``DIR/pan``). Fold k holds out one block and chooses the variant on the
others by the mean of news accuracy and PAN13 recall (the PAN13 fold: news accuracy alone; ties: the earlier,
stricter variant); the held-out block is scored with it and with the shipped rule. ``--test-seeds``: tiers kept out
of development and of every choice, scored at the end. Truth: planted and natural pairs are reuse, every other
checked pair is not (many of these "false positives" are outlets sharing wire copy: ``changed`` lists the pairs a
variant turns, to read). JSON to ``results/passage_merged_cv.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from passage_quote_cv import Item, judged_under, news_items, pan13_items

RESULTS = Path(__file__).resolve().parent / "results"
Variant = tuple[str, str]  # (PASSAGE_COUNT, ORDERED_STATEMENTS)
COUNTS = ["min", "merged", "merged-any", "max"]
VARIANTS: list[Variant] = list(itertools.product(COUNTS, ["speech", "marks"]))  # strictest first
BEFORE: Variant = ("min", "speech")  # the rule before session 43
Judged = tuple[bool, list[bool], Item]


def _name(v: Variant) -> str:
    return f"count={v[0]} statements={v[1]}"


def judged(items: list[Item]) -> list[Judged]:
    """Each pair: whether it is reuse, whether each variant calls it reuse, the pair."""
    return judged_under(items, [{"PASSAGE_COUNT": c, "ORDERED_STATEMENTS": s} for c, s in VARIANTS])


def accuracy(items: list[Judged], k: int) -> float:
    return sum(v[k] == real for real, v, _ in items) / max(1, len(items))


def scores(news: list[Judged], pan: list[Judged], k: int) -> dict[str, Any]:
    pos = [x for x in news if x[0]]
    kinds = sorted({x[2][0] for x in pos})
    return {
        "news_accuracy": round(accuracy(news, k), 5),
        "reuse_found": sum(x[1][k] for x in pos),
        "reuse": len(pos),
        "found_per_kind": {t: sum(x[1][k] for x in pos if x[2][0] == t) for t in kinds},
        "false_positives": sum(x[1][k] for x in news if not x[0]),
        "pan13_recall": round(accuracy(pan, k), 4) if pan else None,
    }


def choose(news: list[Judged], pan: list[Judged], variants: int = len(VARIANTS)) -> int:
    """The variant of the best mean of news accuracy and PAN13 recall (ties: the earlier, stricter one)."""

    def merit(k: int) -> tuple[float, int]:
        figs = [accuracy(news, k)] if news else []
        figs += [accuracy(pan, k)] if pan else []
        return sum(figs) / len(figs), -k

    return max(range(variants), key=merit)


def folds(
    seeds: list[int],
    tiers: list[list[Judged]],
    pan: list[Judged],
    n: int,
    base: int,
    name: Callable[[int], Any],
    label: str,
) -> list[dict[str, Any]]:
    """Each block held out in turn (each news tier, then PAN13): one of the ``n`` variants chosen on the other blocks
    (``choose``), the held-out block scored with it (``after``) and with variant ``base`` (``label``)."""
    out = []
    for held in [*seeds, "pan13"]:
        news = [x for s, t in zip(seeds, tiers, strict=True) if s != held for x in t]
        k = choose(news, pan if held != "pan13" else [], n)
        test_news = [] if held == "pan13" else tiers[seeds.index(int(held))]
        test_pan = pan if held == "pan13" else []
        row = {
            "held_out": held,
            "chosen": name(k),
            "after": scores(test_news, test_pan, k),
            label: scores(test_news, test_pan, base),
        }
        out.append(row)
        print(f"fold {held}: {row['chosen']}\n   after  {row['after']}\n   {label} {row[label]}")
    return out


def changed(news: list[Judged], k: int, base: int) -> list[dict[str, Any]]:
    """The pairs variant ``k`` judges otherwise than variant ``base``."""
    return [
        {"a": x[2][2].id, "b": x[2][3].id, "truth": x[2][0], "reuse": x[1][k]} for x in news if x[1][k] != x[1][base]
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, required=True, help="folder for the scanned tiers and compared pairs")
    ap.add_argument("--size", type=int, default=10_000, help="articles in each news tier")
    ap.add_argument("--seeds", default="0,1,2,3,4", help="news tiers the variant is chosen on, one block each")
    ap.add_argument("--test-seeds", default="", help="tiers scored only at the end")
    args = ap.parse_args()
    if not corpus_data.DATA.is_dir():
        print(f"skipped: {corpus_data.DATA} is absent (the shared data sets)")
        return
    from retold.align import verdict

    shipped = VARIANTS.index((verdict.PASSAGE_COUNT, verdict.ORDERED_STATEMENTS))
    before = VARIANTS.index(BEFORE)
    seeds = [int(s) for s in args.seeds.split(",")]
    tiers = [judged(news_items(args.keep / f"s{s}", args.size, s)) for s in seeds]
    (args.keep / "pan").mkdir(parents=True, exist_ok=True)
    pan = judged(pan13_items(args.keep / "pan"))
    rows = folds(seeds, tiers, pan, len(VARIANTS), before, lambda k: _name(VARIANTS[k]), "before")
    allnews = [x for t in tiers for x in t]
    grid = {_name(v): scores(allnews, pan, k) for k, v in enumerate(VARIANTS)}
    for name, g in grid.items():
        print(f"{name:36} {g}")
    doc: dict[str, Any] = {
        "size": args.size,
        "seeds": seeds,
        "shipped": _name(VARIANTS[shipped]),
        "before": _name(BEFORE),
        "news_pairs": len(allnews),
        "pan13_pairs": len(pan),
        "folds": rows,
        "grid": grid,
        "changed": {_name(v): changed(allnews, k, before) for k, v in enumerate(VARIANTS) if k != before},
    }
    if args.test_seeds:
        held = {int(s): judged(news_items(args.keep / f"s{s}", args.size, int(s))) for s in args.test_seeds.split(",")}
        test = [x for t in held.values() for x in t]
        doc["test"] = {"seeds": args.test_seeds, **{_name(v): scores(test, [], k) for k, v in enumerate(VARIANTS)}}
        doc["test_per_tier"] = {
            s: {"shipped": scores(t, [], shipped), "before": scores(t, [], before)} for s, t in held.items()
        }
        doc["test_changed"] = {_name(v): changed(test, k, before) for k, v in enumerate(VARIANTS) if k != before}
        print(f"held-out tiers (seeds {args.test_seeds}), every variant:")
        for name in map(_name, VARIANTS):
            print(f"  {name:36} {doc['test'][name]}")
        for s, row in doc["test_per_tier"].items():
            print(f"  seed {s}: shipped {row['shipped']}\n          before  {row['before']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "passage_merged_cv.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    main()
