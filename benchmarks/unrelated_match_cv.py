"""Blocked CV of a signal that tells a match of two unrelated sentences from a retold one (issue 15).

    .venv/bin/python benchmarks/unrelated_match_cv.py --collect   # compare the four audits' pairs again
    .venv/bin/python benchmarks/unrelated_match_cv.py             # the CV over what --collect wrote

``--collect`` compares the pairs of the four hand audits (``results/flag_audit*.jsonl``, seeds 15 to 18,
drawn as ``flag_audit.py`` draws them) and, for every judged flag read from a sentence match, writes that
match's label, score and evidence (the embedding cosine, the shares of content words kept, ...) and whether
it sits in a run of matches that follow one another in both articles, to
``results/unrelated_match_features.jsonl``, with whether the code of the audits' last ``flag_audit.py
--labels`` still raised the flag (only those count: run ``--labels`` on the code before the gate first). The
match is found from the flag's sentences (its contexts), so the code that collects may already withhold it.

The CV: judged flags in the order of their pairs (seed, data set, pair), cut into ``FOLDS`` contiguous
blocks. For each candidate signal, the floor below which a ``related`` match gives no flags is the grid
value that maximises wrong flags withheld minus right flags withheld on the other blocks, and is scored on
the held-out one. Writes ``results/unrelated_match_cv.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import flag_audit
import retold
from retold.align.passage import ordered_runs
from retold.model import Article, Comparison, Match

RESULTS = Path(__file__).resolve().parent / "results"
FEATURES = RESULTS / "unrelated_match_features.jsonl"
SEEDS = (15, 16, 17, 18)
FOLDS = 8
SIGNALS = ("score", "cos", "word_min", "word_max", "char_min", "link", "run")
GRID = tuple(round(0.05 * k, 2) for k in range(0, 21))  # 0 withholds nothing, 1.0 every related match
Row = dict[str, Any]


def _indices(art: Article, context: str) -> set[int]:
    return {s.i for s in art.sentences if s.text and s.text in context}


def _match(c: Comparison, r: Row) -> Match | None:
    """The match whose sentences hold the flag's two contexts (source side first, as the audit reads it)."""
    src, ret = (c.a, c.b) if c.a.id == r["source_id"] else (c.b, c.a)
    on_a = c.a is src
    si, ri = _indices(src, r["source_context"] or ""), _indices(ret, r["retelling_context"] or "")
    for m in c.matches:
        ms, mr = (set(m.a), set(m.b)) if on_a else (set(m.b), set(m.a))
        if si & ms and ri & mr:
            return m
    return None


def collect() -> None:
    out = []
    for seed in SEEDS:
        meta, rows = flag_audit.load(seed)
        rng = random.Random(seed)
        for name in flag_audit.SETS:
            for a, b in flag_audit._pairs(name, meta["sets"][name]["pairs"], rng):
                pair = f"{a.id}|{b.id}"
                mine = [r for r in rows if r["pair"] == pair and r["verdict"] and r.get("match")]
                if not mine:
                    continue
                c = retold.compare(a, b)
                run_of = {id(m): len(run) for run in ordered_runs(c.matches) for m in run}
                for r in mine:
                    m = _match(c, r)
                    if m is None:
                        continue
                    ev = m.evidence
                    out.append(
                        {
                            "seed": seed,
                            "set": name,
                            "pair": pair,
                            "n": r["n"],
                            "kind": r["kind"],
                            "verdict": r["verdict"],
                            "cause": r.get("cause", ""),
                            "raised": r.get("raised", True),
                            "label": m.label,
                            "score": m.score,
                            "cos": ev.get("cos"),
                            "word_min": ev.get("word_min"),
                            "word_max": ev.get("word_max"),
                            "char_min": ev.get("char_min"),
                            "link": ev.get("link"),
                            "run": run_of.get(id(m), 1),
                        }
                    )
        print(f"seed {seed}: {sum(x['seed'] == seed for x in out)} judged flags read from a match", file=sys.stderr)
    FEATURES.write_text("".join(json.dumps(x) + "\n" for x in out), encoding="utf-8")
    print(f"wrote {len(out)} rows to {FEATURES.relative_to(RESULTS.parent.parent)}")


def _withheld(x: Row, signal: str, floor: float) -> bool:
    if x["label"] != "related" or x[signal] is None:
        return False
    value = x[signal] / 4 if signal == "run" else x[signal]  # runs of 1..4+ matches on the same grid
    return bool(value < floor)


def _gain(items: list[Row], signal: str, floor: float) -> int:
    """Wrong flags withheld minus right flags withheld."""
    return sum((-1 if x["verdict"] == "right" else 1) for x in items if _withheld(x, signal, floor))


def _score(items: list[Row], signal: str, floor: float) -> dict[str, int]:
    gone = [x for x in items if _withheld(x, signal, floor)]
    unrelated = [x for x in items if x["cause"].startswith("flag read from a match of unrelated")]
    return {
        "right_withheld": sum(x["verdict"] == "right" for x in gone),
        "right": sum(x["verdict"] == "right" for x in items),
        "wrong_withheld": sum(x["verdict"] == "wrong" for x in gone),
        "wrong": sum(x["verdict"] == "wrong" for x in items),
        "unrelated_withheld": sum(_withheld(x, signal, floor) for x in unrelated),
        "unrelated": len(unrelated),
    }


def cv() -> None:
    rows = [json.loads(x) for x in FEATURES.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = [x for x in rows if x["raised"]]  # what the code before the gate still raised
    order = {s: k for k, s in enumerate(flag_audit.SETS)}
    pairs = sorted({(x["seed"], order[x["set"]], x["pair"]) for x in rows})
    block = {p[::2]: k * FOLDS // len(pairs) for k, p in enumerate(pairs)}  # contiguous blocks of pairs
    fold_of = [block[(x["seed"], x["pair"])] for x in rows]
    report: dict[str, Any] = {"flags": len(rows), "pairs": len(pairs), "folds": FOLDS, "signals": {}}
    for signal in SIGNALS:
        folds, total = [], dict.fromkeys(("right_withheld", "right", "wrong_withheld", "wrong"), 0)
        for f in range(FOLDS):
            train = [x for x, k in zip(rows, fold_of, strict=True) if k != f]
            test = [x for x, k in zip(rows, fold_of, strict=True) if k == f]
            floor = max(GRID, key=lambda t: (_gain(train, signal, t), -t))
            held = _score(test, signal, floor)
            folds.append({"floor": floor, **held})
            for k in total:
                total[k] += held[k]
        chosen = max(GRID, key=lambda t: (_gain(rows, signal, t), -t))
        on_all = _score(rows, signal, chosen)
        report["signals"][signal] = {"folds": folds, "held_out": total, "chosen": chosen, "all": on_all}
        print(
            f"{signal:9} floors {[x['floor'] for x in folds]}: held out, wrong withheld {total['wrong_withheld']}"
            f"/{total['wrong']}, right withheld {total['right_withheld']}/{total['right']}; on all, floor {chosen}:"
            f" {on_all}"
        )
    (RESULTS / "unrelated_match_cv.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--collect", action="store_true", help="compare the audits' pairs again and write the features")
    if p.parse_args().collect:
        collect()
    else:
        cv()


if __name__ == "__main__":
    main()
