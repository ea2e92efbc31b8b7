"""Choose by blocked cross-validation which ``related`` matches the passage fit reads as shared text.

    .venv/bin/python benchmarks/piece_cv.py [--lifts 400] [--folds 5]

The passage model (``retold.fidelity.coherence``) reads the sentences around the shared passages; before session 36
it counted every match as the passage, ``related`` ones too (the same subject, no shared text by their score). A
``related`` match
is sometimes a piece of a shared sentence that the two articles split at other places (PAN13's web pages are
hard-wrapped, and a line break ends a sentence; a copier cuts a sentence short); otherwise it is the side's own
sentence on the subject. The passage is the shared text only (``coherence.copied``): matches other than ``related``,
and a ``related`` one whose shorter side (in content words) has at least ``piece`` of them in the other; the other
``related`` sentences are the side's own, read as its neighbours. Each grid value is scored as
``direction_cv.py`` scores the passage model, on the same training pairs (planted news lifts, condensed
retellings, the even WMT19 pseudo-articles; ``--lexical``, no dates), the shipped passage model's form
(coherence alone, under a shared share of 0.35) refitted (``tau`` and its weight) on the training blocks of each
fold; the best mean held-out accuracy picks ``piece`` (ties: the lowest). Held out, nothing chosen on them:
PAN13 (source vs suspicious document, 354 pairs), Clough & Stevenson (57), the odd WMT19 pseudo-articles (43).
``every`` is the fit before session 36 (every match is the passage), ``none`` no ``related`` match.

Session 36 (``--lexical``, about 8 min on two shared cores; accuracy, an undetermined call counted wrong)::

    piece  CV per fold                      mean   PAN13  Clough  WMT19 odd
    every  0.930 0.946 0.961 0.938 0.977    0.950  0.864  0.842   0.837
    0.5    0.953 0.969 0.977 0.946 0.977    0.964  0.895  0.842   0.837
    0.7    0.984 0.969 0.984 0.969 0.992    0.980  0.918  0.825   0.837
    0.9    0.984 0.961 0.984 0.969 0.992    0.978  0.915  0.807   0.837
    none   0.992 0.954 0.977 0.961 0.977    0.972  0.864  0.789   0.837

So CV picks 0.7 (``coherence.PIECE``). Shipped (``direction_cv.py --modes lexical --write`` chose the same form:
below 0.35, coherence alone, weight 11.77, ``tau`` 0.138), PAN13 as a collection (``direction_causes.py``) goes
0.867 -> 0.916 (422 -> 446 of 487), WMT19 is unchanged in both modes, and Clough falls by one answer in each mode
(``eval.py clough --lexical``: 0.842 -> 0.825, a call at 0.15 now undetermined, Brier 0.120 -> 0.098; the default
model, its passage model refitted or not: 0.895 -> 0.877, Brier 0.088 -> 0.094: a heavily revised answer whose
reworded sentences are ``related`` and, read as its neighbours, fit the passage 80% against its source's 48%).
Walking over the other ``related`` sentences instead (neither passage nor neighbours) keeps Clough (0.842) but
loses PAN13 (0.845): the gain is the source's own sentences on the subject read as its neighbours.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import retold
from evallib.common import Options, progress
from evallib.direction_fit import cv, figures, fit, gated, share
from evallib.direction_pairs import (
    clough_pairs,
    condensed_pairs,
    lift_pairs,
    pair_row,
    pan13_pairs,
    wmt_pairs,
)
from retold.fidelity._shared import doc_for
from retold.fidelity.coherence import PIECE, copied, neighbour_fit

GRID: tuple[float | str, ...] = ("every", 0.5, 0.7, 0.9, "none")
TRAIN = ("lifts", "condensed", "wmt")
HELD_OUT = ("pan13", "clough", "wmt_odd")
BELOW, FEATURES, MARGIN = 0.35, ("coherence",), 0.1


def fits(c: Any) -> dict[str, list[float | None]]:
    """The neighbour fits of both sides at each grid value."""
    da, db = doc_for(c.a), doc_for(c.b)
    out = {}
    for piece in GRID:
        if piece == "every":
            ta, tb = {i for m in c.matches for i in m.a}, {j for m in c.matches for j in m.b}
        else:
            ta, tb = copied(da, db, c.matches, 2.0 if piece == "none" else float(piece))
        out[str(piece)] = [neighbour_fit(da, ta), neighbour_fit(db, tb)]
    return out


def rows(name: str, lifts: int) -> list[dict[str, Any]]:
    opts = Options(lexical=True, quiet=False)
    make = {
        "lifts": lambda: lift_pairs(lifts),
        "condensed": lambda: condensed_pairs(lifts // 2),
        "wmt": lambda: wmt_pairs(odd=False),
        "wmt_odd": lambda: wmt_pairs(odd=True),
        "pan13": pan13_pairs,
        "clough": clough_pairs,
    }[name]
    items = list(make())
    out = []
    for src, copy, forward in progress(items, len(items), name):
        a, b = (src, copy) if forward else (copy, src)
        c = retold.compare(a, b, **{**opts.compare_kwargs(), "fidelity": True})
        out.append({**pair_row(c, forward, opts), "fits": fits(c)})
    return out


def at(data: list[dict[str, Any]], piece: str) -> list[dict[str, Any]]:
    return [{**r, "fit_a": r["fits"][piece][0], "fit_b": r["fits"][piece][1]} for r in data]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lifts", type=int, default=400)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    data = {k: rows(k, args.lifts) for k in TRAIN + HELD_OUT}
    results = []
    for piece in map(str, GRID):
        train = {k: at(data[k], piece) for k in TRAIN}
        folds = cv(train, FEATURES, args.folds, MARGIN, BELOW)
        w, tau = fit([r for v in train.values() for r in v if share(r) < BELOW], FEATURES)
        held = {}
        for k in HELD_OUT:
            test = at(data[k], piece)
            y = np.array([r["y"] for r in test])
            held[k] = figures(gated(test, BELOW, FEATURES, w, tau), y, MARGIN)["accuracy"]
        results.append((float(np.mean(folds)), piece))
        print(
            f"piece {piece:5s} CV per fold {' '.join(f'{x:.3f}' for x in folds)} mean {np.mean(folds):.3f}; "
            f"tau {tau:.3f} weight {w[0]:.2f}; held out " + " ".join(f"{k} {v:.3f}" for k, v in held.items()),
            flush=True,
        )
    numeric = [(m, p) for m, p in results if p not in ("every", "none")]
    best = max(m for m, _ in numeric)
    print(f"chosen: {min(float(p) for m, p in numeric if m == best)} (coherence.PIECE = {PIECE})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
