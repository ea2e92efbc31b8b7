"""Fit the direction weights on WMT19 retellings and write ``src/retold/fidelity/direction.json``.

Truth is known by construction (``evallib/wmt19.py``): the original came first, its retelling
dropped some lines and took in 1-2 rewritten lines of another pseudo-article. Accuracy is
estimated by two-fold cross-validation over the pseudo-articles (even / odd numbered): the
weights are fitted on one half, each of its pseudo-articles retold afresh ``--draws`` times with
other seeds (inserted lines drawn from the same half), and the other half, retold exactly as
``benchmarks/eval.py wmt19-docs`` retells it, is scored end to end through ``retold.compare``.
The weights shipped are those fitted on the even half, so the odd half stays held out for
``benchmarks/eval.py wmt19-docs`` (its ``direction_accuracy_held_out``).

Two steps per mode ("model": the default encoder's vectors; "lexical": none):
1. per unmatched sentence, a logistic regression (sklearn, C=1) of "inserted from elsewhere" (the
   retelling's inserted lines) against "left out by the other side" (the original's unmatched
   lines) on ``retold.fidelity.direction.unmatched_features``; its log odds minus the training
   prior is the sentence's evidence;
2. per pair, a logistic regression without intercept on [topic, specifics] over both argument
   orders (so swapping the articles swaps the answer).
The margin below which the engine says "undetermined" is set, not fitted: log odds 0.1 (p 0.525).

    .venv/bin/python benchmarks/calibrate_direction.py [--draws N] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.linear_model import LogisticRegression

import retold
from evallib import wmt19
from evallib.common import Options, command_line, dump_json, progress, today
from evallib.data import default_path, read_jsonl, relative
from retold.fidelity import direction as D
from retold.model import Comparison

WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "retold" / "fidelity" / "direction.json"
FEATURES = {"model": ["cov", "max_cos", "near_cos"], "lexical": ["cov"]}
MARGIN = 0.1
DRAWS = 6


def compared(opts: Options, lines_a: list[str], lines_b: tuple[str, ...]) -> tuple[Comparison, list[int]]:
    a, _ = wmt19.article(lines_a, "orig")
    b, lb = wmt19.article(lines_b, "retold")
    kw = {"lexical": True} if opts.lexical else {"encoder": opts.encoder()}
    return retold.compare(a, b, fidelity=True, **kw), lb


def vectors(opts: Options, c: Comparison) -> D.Vectors | None:
    if opts.lexical:
        return None
    enc = opts.encoder()
    return enc.encode([s.norm for s in c.a.sentences]), enc.encode([s.norm for s in c.b.sentences])


def fit(
    mode: str, originals: list[list[str]], rewrites: list[list[str]], train: list[int], draws: int
) -> dict[str, object]:
    opts = Options(lexical=mode == "lexical", quiet=True)
    sub = [rewrites[k] for k in train]
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    pairs: list[D.Evidence] = []
    current = D.direction_model(mode)
    for d in progress(range(draws * len(train)), draws * len(train), f"fit {mode}"):
        draw, pos = divmod(d, len(train))
        rng = random.Random(7919 * (draw + 1) + pos)
        r = wmt19.retell(pos, sub, rng)
        c, lb = compared(opts, originals[train[pos]], r.lines)
        ev = D.evidence(c.a, c.b, c.matches, c.only_in_a, c.only_in_b, c.flags, vectors(opts, c), FEATURES[mode])
        inserted = [r.source[lb[j]] is None for j in ev.unmatched_b.index]
        xs += [ev.unmatched_a.rows, ev.unmatched_b.rows[inserted]]
        ys += [np.zeros(len(ev.unmatched_a.index)), np.ones(sum(inserted))]
        pairs.append(ev)
    x, y = np.vstack(xs), np.concatenate(ys)
    sent = LogisticRegression(C=1.0).fit(x, y)
    prior = math.log(y.mean() / (1 - y.mean()))
    model = replace(
        current,
        features=tuple(FEATURES[mode]),
        weights=tuple(float(w) for w in sent.coef_[0]),
        bias=float(sent.intercept_[0]),
        prior=prior,
    )
    rows = np.array([[D.topic(ev, model), ev.specifics] for ev in pairs])
    pair = LogisticRegression(C=1.0, fit_intercept=False).fit(
        np.vstack([rows, -rows]), np.r_[np.ones(len(rows)), np.zeros(len(rows))]
    )
    return {
        "features": FEATURES[mode],
        "weights": [round(float(w), 6) for w in sent.coef_[0]],
        "bias": round(float(sent.intercept_[0]), 6),
        "prior": round(prior, 6),
        "topic_weight": round(float(pair.coef_[0][0]), 6),
        "specifics_weight": round(float(pair.coef_[0][1]), 6),
        "margin": MARGIN,
        "sentences": [int((y == 0).sum()), int((y == 1).sum())],
        "pairs": len(pairs),
    }


def scored(mode: str, rows: list[dict[str, object]], test: list[int]) -> tuple[int, int, int]:
    """Right calls, undetermined calls and calls, both argument orders, on these pseudo-articles'
    retellings as the evaluation builds them, with the weights now in direction.json."""
    D._models.cache_clear()
    opts = Options(lexical=mode == "lexical", quiet=True)
    originals, retellings = wmt19.build(rows, None)
    kw = {"lexical": True} if opts.lexical else {"encoder": opts.encoder()}
    right = undetermined = total = 0
    for k in progress(test, len(test), f"score {mode}"):
        a, _ = wmt19.article(originals[k], f"orig-{k}")
        b, _ = wmt19.article(retellings[k].lines, f"retold-{k}")
        fwd = retold.compare(a, b, fidelity=True, **kw).verdict.direction
        back = retold.compare(b, a, fidelity=True, **kw).verdict.direction
        right += (fwd == "a_to_b") + (back == "b_to_a")
        undetermined += (fwd == "undetermined") + (back == "undetermined")
        total += 2
    return right, undetermined, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=DRAWS, help="retellings drawn per training pseudo-article")
    ap.add_argument("--dry-run", action="store_true", help="print the figures, leave direction.json as it is")
    args = ap.parse_args(argv)

    source = default_path("wmt19-docs")
    rows = read_jsonl(source)
    originals, rewrites = wmt19.split(rows, random.Random(wmt19.SEED))
    halves = [[k for k in range(len(originals)) if wmt19.held_out(k) == odd] for odd in (False, True)]
    before = WEIGHTS.read_text()
    table = Table(title="direction on WMT19 retellings, 2-fold CV (even / odd pseudo-articles), both argument orders")
    for col in ("mode", "training pairs / fold", "accuracy", "undetermined", "scored calls"):
        table.add_column(col)
    out: dict[str, dict[str, object]] = {}
    figures = []
    try:
        for mode in ("model", "lexical"):
            right = undetermined = total = 0
            for k, train in enumerate(halves):
                fitted = fit(mode, originals, rewrites, train, args.draws)
                WEIGHTS.write_text(dump_json({"note": "cross-validation fold", **json.loads(before), mode: fitted}))
                r, u, t = scored(mode, rows, halves[1 - k])
                right, undetermined, total = right + r, undetermined + u, total + t
            out[mode] = fit(mode, originals, rewrites, halves[0], args.draws)
            acc, und = right / total, undetermined / total
            table.add_row(mode, str(len(halves[0]) * args.draws), f"{acc:.4f}", f"{und:.4f}", str(total))
            figures.append(f"{mode}: CV accuracy {acc:.4f}, undetermined {und:.4f}")
    finally:
        WEIGHTS.write_text(before)
        D._models.cache_clear()
    Console().print(table)
    note = (
        f"written by `{command_line()}` on {today()} from {relative(source)}: {args.draws} retellings of each "
        "even-numbered pseudo-article (evallib/wmt19.py; the odd-numbered ones held out); per unmatched sentence "
        "an L2 logistic regression (sklearn, C=1) of inserted-from-elsewhere vs left-out, per pair one without "
        f"intercept over [topic, specifics] on both argument orders; margin {MARGIN} set by hand. 2-fold CV "
        f"(even/odd pseudo-articles, scored end to end on the evaluation's retellings): {'; '.join(figures)}"
    )
    if args.dry_run:
        Console(stderr=True).print("--dry-run: direction.json left as it is")
        return 0
    WEIGHTS.write_text(dump_json({"note": note, **out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
