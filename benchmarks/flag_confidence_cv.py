"""A learned confidence for each flag, chosen by leave-one-audit-out over the hand-judged flag audits (issue 15).

Data: every audit (seeds 15-25, ``benchmarks/results/flag_audit*.jsonl``) is compared again with the current
code exactly as ``flag_audit.py --labels`` does (the same seeded draw of pairs); each judged flag still raised
gets its verdict and the run-time signals of ``flag_signals.signals`` (never the data set's name or the pair's id).
The table is rebuilt from the committed audit files (cached per seed and version of src/ under ``--cache``).

CV: each audit in turn is held out; a logistic model (standardised signals, L2 strength ``C``) is fitted on the
other ten, leaving out every pair that also occurs in the held-out audit (news_allsides pairs recur across
seeds), and the threshold ``t`` (withhold a flag when P(right) < t) is chosen on the training audits by an inner
leave-one-audit-out to maximise ``wrong withheld - COST x right lost``. Reported per held-out audit: wrong flags
withheld, right flags lost, and the estimated wrong flags per pair (as ``flag_audit.py``) before -> after, and the
held-out AUC of P(right). ``--trees``: gradient-boosted trees instead; ``--only``: a subset of the signals.

Usage: python benchmarks/flag_confidence_cv.py [--seeds 15-25] [--cost 3] [--trees] [--only kind=,match]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import flag_audit as fa
import retold
from flag_signals import probability, signals

ROOT = Path(__file__).resolve().parents[1]
# one folder per committed version of src/ (its git tree): a commit that changes the code makes a new table
CACHE = Path("/tmp/flag_confidence_cache")
COST = 3.0
CS = (0.01, 0.1, 1.0)
TREES = False
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 13))  # 0.05 .. 0.60
Row = dict[str, Any]


def collect(seed: int, cache: Path) -> list[Row]:
    """The judged flags of one audit still raised by the current code, each with its verdict and signals."""
    path = cache / f"seed{seed}.jsonl"
    if path.exists():
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    meta, rows = fa.load(seed)
    rng, out, t0 = random.Random(seed), [], time.perf_counter()
    for name in fa.SETS:
        for a, b in fa._pairs(name, meta["sets"][name]["pairs"], rng):
            c = retold.compare(a, b)
            pair = f"{a.id}|{b.id}"
            now = [fa.flag_row(name, pair, c, f) for f in c.flags]
            xs = signals(c)
            for r in (r for r in rows if r["pair"] == pair):
                k = fa.raised_as(r, now)
                if k is None:
                    continue
                flipped = now[k]["source_id"] != r["source_id"]
                out.append(
                    {"seed": seed, "set": name, "pair": pair, "n": r["n"], "verdict": r["verdict"]}
                    | {"flipped": flipped, "x": xs[k]}
                )
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    print(
        f"seed {seed}: {len(out)} of {len(rows)} judged flags raised, {time.perf_counter() - t0:.0f} s", file=sys.stderr
    )
    return out


def matrix(rows: list[Row], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[r["x"].get(k, 0.0) for k in names] for r in rows], dtype=float)
    y = np.array([r["verdict"] == "right" for r in rows], dtype=float)
    return x, y


def fit(rows: list[Row], names: list[str], c_value: float) -> dict[str, Any]:
    """A logistic model in the form ``flag_signals.probability`` reads (standardised inside); with ``TREES`` set,
    gradient-boosted trees of depth 3 instead (``C`` then their learning rate), to see what a non-linear model of
    the same signals would gain (not a form retold reads)."""
    x, y = matrix(rows, names)
    if TREES:
        gb = HistGradientBoostingClassifier(max_depth=3, learning_rate=c_value, max_iter=100).fit(x, y)
        return {"trees": gb, "names": names, "C": c_value}
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c_value, max_iter=2000).fit((x - mean) / scale, y)
    return {
        "weights": {k: round(float(w), 5) for k, w in zip(names, lr.coef_[0], strict=True)},
        "bias": round(float(lr.intercept_[0]), 5),
        "mean": {k: round(float(v), 5) for k, v in zip(names, mean, strict=True)},
        "scale": {k: round(float(v), 5) for k, v in zip(names, scale, strict=True)},
        "C": c_value,
    }


def predict(model: dict[str, Any], rows: list[Row]) -> list[float]:
    """P(right) of each row under a model ``fit`` made."""
    if "trees" in model:
        return [float(q) for q in model["trees"].predict_proba(matrix(rows, model["names"])[0])[:, 1]]
    return [probability(r["x"], model) for r in rows]


def gain(rows: list[Row], p: list[float], t: float, cost: float) -> float:
    wrong = sum(r["verdict"] == "wrong" and q < t for r, q in zip(rows, p, strict=True))
    right = sum(r["verdict"] == "right" and q < t for r, q in zip(rows, p, strict=True))
    return wrong - cost * right


def choose(train: list[Row], names: list[str], cost: float) -> tuple[float, float]:
    """C and threshold by an inner leave-one-audit-out over the training audits (the summed gain of each)."""
    seeds = sorted({r["seed"] for r in train})
    best: tuple[float, float, float] = (-1e9, CS[0], 0.0)
    for c_value in CS:
        scored: list[tuple[Row, float]] = []
        for s in seeds:
            test = [r for r in train if r["seed"] == s]
            pairs = {r["pair"] for r in test}
            rest = [r for r in train if r["seed"] != s and r["pair"] not in pairs]
            if len({r["verdict"] for r in rest}) < 2:
                continue
            model = fit(rest, names, c_value)
            scored += list(zip(test, predict(model, test), strict=True))
        for t in (0.0, *THRESHOLDS):
            g = gain([r for r, _ in scored], [q for _, q in scored], t, cost)
            if g > best[0]:
                best = (g, c_value, t)
    return best[1], best[2]


def per_pair(seed: int, kept: list[Row]) -> float:
    meta, rows = fa.load(seed)
    judged = {r["n"]: r for r in rows}
    return fa.per_pair(meta, Counter(r["set"] for r in rows), [judged[r["n"]] for r in kept])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--seeds", default="15-25")
    p.add_argument("--cost", type=float, default=COST, help="right flags lost weigh this many wrong ones withheld")
    p.add_argument("--cache", type=Path, default=CACHE)
    p.add_argument("--collect-only", action="store_true")
    p.add_argument("--trees", action="store_true", help="boosted trees instead of the logistic model (CV only)")
    p.add_argument("--only", default="", help="comma-separated signal-name prefixes to fit on (default: all)")
    args = p.parse_args()
    lo, hi = (int(x) for x in args.seeds.split("-"))
    global TREES, CS
    if args.trees:
        TREES, CS = True, (0.03, 0.1)
    tree = subprocess.run(["git", "rev-parse", "--short", "HEAD:src"], cwd=ROOT, capture_output=True, text=True)
    cache = args.cache / tree.stdout.strip()  # uncommitted changes to src/ are not in the key
    rows = [r for s in range(lo, hi + 1) for r in collect(s, cache)]
    if args.collect_only:
        return
    names = sorted({k for r in rows for k in r["x"]})
    if args.only:
        names = [k for k in names if k.startswith(tuple(args.only.split(",")))]
    train_rows = [r for r in rows if not r["flipped"]]
    print("| held out | C | t | right kept | wrong raised | wrong withheld | right lost | wrong/pair before -> after |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    tot, held_out = Counter[str](), []
    for s in sorted({r["seed"] for r in rows}):
        test = [r for r in rows if r["seed"] == s]
        pairs = {r["pair"] for r in test}
        train = [r for r in train_rows if r["seed"] != s and r["pair"] not in pairs]
        c_value, t = choose(train, names, args.cost)
        model = fit(train, names, c_value)
        q = predict(model, test)
        kept = [r for r, x in zip(test, q, strict=True) if x >= t]
        held_out += [(r["verdict"] == "right", x) for r, x in zip(test, q, strict=True)]
        n_right, n_wrong = (sum(r["verdict"] == v for r in test) for v in ("right", "wrong"))
        lost = sum(r["verdict"] == "right" for r in test) - sum(r["verdict"] == "right" for r in kept)
        held = n_wrong - sum(r["verdict"] == "wrong" for r in kept)
        tot.update({"right": n_right, "wrong": n_wrong, "lost": lost, "held": held})
        print(
            f"| {s} | {c_value} | {t} | {n_right - lost} of {n_right} | {n_wrong - held} of {n_wrong} | {held} |"
            f" {lost} | {per_pair(s, test):.2f} -> {per_pair(s, kept):.2f} |",
            flush=True,
        )
    # how wrong the flags the held-out model doubts most are: withholding pays only where that share beats
    # cost / (1 + cost) (0.75 at cost 3)
    low = sorted(held_out, key=lambda yx: yx[1])
    print(
        "held out, the flags of lowest P(right): "
        + ", ".join(f"{sum(not y for y, _ in low[:n])} of {n} wrong" for n in (25, 50, 100, 200) if n <= len(low))
    )
    auc = roc_auc_score([y for y, _ in held_out], [x for _, x in held_out])
    print(
        f"all: {tot['held']} of {tot['wrong']} wrong withheld, {tot['lost']} of {tot['right']} right lost;"
        f" held-out AUC of P(right) {auc:.3f}"
    )


if __name__ == "__main__":
    main()
