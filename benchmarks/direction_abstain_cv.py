"""Would naming no source below some confidence help? The direction's abstention bound by blocked CV (issue 15).

    .venv/bin/python benchmarks/direction_abstain_cv.py [--mode model|lexical] [--cost 1] [--folds 5] [--audits]

A call below ``margin`` (the text score's log odds; its confidence is the logistic of the score) names no
source: the flags are then read by argument order with a note, which in use is as often right as wrong. So
a call is worth deciding when it is right more often than ``cost`` times wrong (``--cost 1``: right more than
half the time). For each fold of ``direction_cv.py``'s training pairs (planted news lifts, condensed news
retellings, WMT19 even pseudo-articles; contiguous blocks), the bound on ``GRID`` that is best on the other
folds is chosen, pooled and apart per pair model (the whole-retelling model and the passage model read
different pairs, ``retold.fidelity.calibration``), and scored on the held-out block: accuracy of the decided
calls, share left undecided, right minus ``cost`` x wrong per pair, mean confidence claimed minus accuracy,
Brier score of the decided calls. The held-out data sets (WMT19 odd pseudo-articles, PAN13, Clough &
Stevenson) are scored at the current margin and at each bound of the grid, nothing fitted on them.

``--audits``: the pairs of the five flag audits whose judged flags, still raised, read backwards because the
direction was decided wrongly (cause ``direction decided wrongly: flag reads backwards``): each pair's call,
its confidence and its reasons, as ``retold.compare`` gives them now.

Pair rows come from ``direction_cv.collect`` (cached per digest of the code). Writes
``results/direction_abstain_cv.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import direction_cv as dcv
from evallib.common import Options, command_line, today
from evallib.metrics import calibration

GRID = (0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5)
WRONG_WAY = "direction decided wrongly: flag reads backwards"
AUDITS = {15: "flag_audit.jsonl", **{s: f"flag_audit_seed{s}.jsonl" for s in (16, 17, 18, 19)}}
Row = dict[str, Any]


def calls(rows: list[Row], margin: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pair: decided, right (when decided) and the confidence claimed, as ``direction.decide`` gives them
    from the text alone (no dates: these pairs have none)."""
    from retold.fidelity.direction import MAX_CONFIDENCE

    s = np.array([r["shipped"] for r in rows], dtype=np.float64)
    y = np.array([r["y"] for r in rows])
    decided = np.abs(s) >= margin
    right = decided & ((s > 0) == (y == 1))
    conf = np.minimum(MAX_CONFIDENCE, 1 / (1 + np.exp(-np.clip(np.abs(s), 0, 30))))
    return decided, right, conf


def scores(rows: list[Row], margin: float, cost: float) -> dict[str, float]:
    """Accuracy of the decided calls, share undecided, utility (right minus ``cost`` x wrong, per pair),
    confidence claimed minus accuracy and Brier score of the decided calls."""
    decided, right, conf = calls(rows, margin)
    cal = calibration([(bool(r), float(c)) for r, c, d in zip(right, conf, decided, strict=True) if d])
    n = max(1, len(rows))
    return {
        "accuracy_decided": cal["accuracy_decided"],
        "undecided": round(float(1 - decided.mean()) if len(rows) else 0.0, 4),
        "utility": round(float(right.sum() - cost * (decided & ~right).sum()) / n, 4),
        "overconfidence": round(cal["mean_confidence"] - cal["accuracy_decided"], 4),
        "brier": cal["brier"],
        "n": len(rows),
    }


def passage(r: Row, below: float) -> bool:
    return dcv.share(r) < below


def choose(rows: list[Row], cost: float) -> float:
    """The bound of ``GRID`` with the best utility over ``rows`` (ties: the lowest, deciding more)."""
    return max(GRID, key=lambda m: (scores(rows, m, cost)["utility"], -m))


def blocked(train: dict[str, list[Row]], folds: int, cost: float, part: str, below: float) -> list[dict[str, Any]]:
    """Per fold: the bound chosen on the other folds' pairs of ``part`` (all, whole, passage) and the held-out
    block's figures at the current margin and at that bound."""
    from retold.fidelity.direction import direction_model

    keep = {
        "all": lambda r: True,
        "whole": lambda r: not passage(r, below),
        "passage": lambda r: passage(r, below),
    }[part]
    margin = direction_model("model").margin
    out = []
    for i in range(folds):
        fit_rows, test_rows = dcv.split(train, folds, i)
        fit_rows, test_rows = [r for r in fit_rows if keep(r)], [r for r in test_rows if keep(r)]
        bound = choose(fit_rows, cost)
        out.append(
            {
                "fold": i,
                "bound": bound,
                "now": scores(test_rows, margin, cost),
                "chosen": scores(test_rows, bound, cost),
            }
        )
    return out


def audit_pairs() -> list[Row]:
    """The pairs holding judged flags, still raised, that read backwards; each compared again now."""
    import corpus_data
    import flag_audit as fa
    import retold
    from evallib import wmt19
    from evallib.data import default_path, read_jsonl

    held: dict[tuple[str, str], Counter[int]] = {}
    for seed, name in AUDITS.items():
        _, rows = fa.read_audit(dcv.RESULTS / name)
        for r in rows:
            if r["verdict"] == "wrong" and r.get("cause") == WRONG_WAY and r.get("raised"):
                held.setdefault((r["set"], r["pair"]), Counter())[seed] += 1
    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    news = {a["id"]: a for a in corpus_data.news()[0]}
    out = []
    for (name, pair), seeds in sorted(held.items()):
        x, y = pair.split("|")
        if name == "wmt19":
            k = int(x.split("-")[1])
            a, b = wmt19.article(originals[k], x)[0], wmt19.article(retellings[k].lines, y)[0]
        else:
            a, b = fa._record(news[x]), fa._record(news[y])
        v = retold.compare(a, b).verdict
        out.append(
            {
                "set": name,
                "pair": pair,
                "flags": sum(seeds.values()),
                "seeds": dict(sorted(seeds.items())),
                "direction": v.direction,
                "confidence": v.direction_confidence,
                "reasons": list(v.reasons),
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", default="model", choices=("model", "lexical"))
    ap.add_argument("--cost", type=float, default=1.0, help="a wrong call weighs this many right ones (default 1)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--lifts", type=int, default=400, help="planted lifts as direction_cv.py draws them")
    ap.add_argument("--held-out", default=",".join(dcv.HELD_OUT), help="held-out sets to score (comma-separated)")
    ap.add_argument("--audits", action="store_true", help="also the audit pairs read backwards, compared again")
    args = ap.parse_args(argv)
    from retold.fidelity.direction import direction_model

    opts = Options(lexical=args.mode == "lexical", quiet=False)
    model = direction_model(args.mode)
    train = {k: dcv.collect(k, opts, args.lifts, False) for k in dcv.TRAIN}
    report: dict[str, Any] = {"command": command_line(), "date": today(), "cost": args.cost, "margin": model.margin}
    for part in ("all", "whole", "passage"):
        folds = blocked(train, args.folds, args.cost, part, model.passage_below)
        report[f"cv_{part}"] = folds
        print(f"{part} pairs: bound chosen per fold {[f['bound'] for f in folds]}")
        for f in folds:
            now, ch = f["now"], f["chosen"]
            print(
                f"  fold {f['fold']} (n={now['n']}): accuracy of decided {now['accuracy_decided']:.3f} ->"
                f" {ch['accuracy_decided']:.3f}, undecided {now['undecided']:.3f} -> {ch['undecided']:.3f},"
                f" utility {now['utility']:.3f} -> {ch['utility']:.3f}, brier {now['brier']:.3f} -> {ch['brier']:.3f}"
            )
    held: dict[str, Any] = {}
    for name in filter(None, args.held_out.split(",")):
        rows = dcv.collect(name, opts, args.lifts, False)
        held[name] = {str(m): scores(rows, m, args.cost) for m in (model.margin, *GRID[1:])}
        print(f"{name} (n={len(rows)}), per bound: accuracy of decided / undecided / utility / claimed - actual")
        print("  " + "; ".join(f"{m}: {'/'.join(str(v) for v in list(s.values())[:4])}" for m, s in held[name].items()))
    report["held_out"] = held
    if args.audits:
        report["audit_pairs"] = audit_pairs()
        for p in report["audit_pairs"]:
            print(f"{p['set']} {p['pair']}: {p['flags']} flags, {p['direction']} at {p['confidence']}")
            for r in p["reasons"]:
                print(f"    - {r}")
    (dcv.RESULTS / "direction_abstain_cv.json").write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
