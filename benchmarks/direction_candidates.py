"""Candidate pair signals for the whole-retelling direction model, measured by blocked CV (session 32, issue 15).

    .venv/bin/python benchmarks/direction_candidates.py [--lexical] [--folds 5]

Each WMT19 pseudo-article is compared with its retelling (``direction_pairs.wmt_pairs``: even ones to fit, odd
ones held out) and each reusing Clough answer with its source (held out; nothing is fitted on Clough). Per pair,
beside the shipped pair features (``topic_sum``, ``specifics``, ``plainer``), the candidates, oriented so that
> 0 points to A as the source:

- ``longer``: non-verbatim matched sentences where B has more words, minus where A has (a rewrite lengthens);
- ``topic_inner`` / ``topic_edge``: ``topic_sum`` over the unmatched sentences between a side's first and last
  matched sentence / outside them (a source's extra story sits at its edge, a copy's inserted lines anywhere);
- ``coherence``: the neighbour fit (``retold.fidelity.coherence``) at the shipped ``tau``; ``topic_mean``;
- ``pieces_t``: ``topic_sum`` without the unmatched sentences whose content stems, beyond those of a matched
  neighbour, are in that neighbour's counterpart at a share >= t (the other half of a split sentence);
- ``paired_t`` (model mode): ``topic_sum`` without the unmatched sentences whose cosine to some unmatched sentence
  of the other side is >= t.

Each feature set is fitted as ``calibrate_direction.py`` fits the pair model (a logistic regression without
intercept on both argument orders, the per-sentence classifier as shipped) on all but one contiguous block of the
even pseudo-articles and scored on that block; then fitted on all of them and scored on the odd ones and on Clough
(the whole-retelling model alone / with the shipped passage model under its ``below``). Accuracy counts an
undetermined call as wrong.
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
from evallib.direction_fit import blocks, figures
from evallib.direction_pairs import clough_pairs, full_evidence, wmt_pairs
from retold.fidelity import direction as D
from retold.fidelity import direction_score as S
from retold.fidelity._shared import Doc, doc_for

BASE = ("topic_sum", "specifics", "plainer")
CUTS = (0.1, 0.2, 0.3)
COSINES = (0.25, 0.35, 0.45)


def _piece(doc: Doc, other: Doc, i: int, partner: dict[int, set[int]]) -> float:
    st = doc.sents[i].content_stems
    best = 0.0
    for j in (i - 1, i + 1):
        if st and j in partner:
            there = set().union(*(other.sents[x].content_stems for x in partner[j]))
            best = max(best, len((st & there) - doc.sents[j].content_stems) / len(st))
    return best


def row(c: Any, a_is_source: bool, opts: Options) -> dict[str, float]:
    ev = full_evidence(c, opts)
    model = D.direction_model(ev.mode)
    values = S.pair_values(ev, model)
    da, db = doc_for(c.a), doc_for(c.b)
    longer = 0.0
    partner_a: dict[int, set[int]] = {}
    partner_b: dict[int, set[int]] = {}
    for m in c.matches:
        for i in m.a:
            partner_a.setdefault(i, set()).update(m.b)
        for j in m.b:
            partner_b.setdefault(j, set()).update(m.a)
        if m.label != "verbatim":
            wa, wb = (sum(len(d.sents[k].tokens) for k in idx) for d, idx in ((da, m.a), (db, m.b)))
            longer += float(np.sign(wb - wa))
    sides = []
    for un, doc, other, partner in ((ev.unmatched_a, da, db, partner_a), (ev.unmatched_b, db, da, partner_b)):
        llr = S.sentence_llr(un.rows, model)
        lo, hi = (min(partner), max(partner)) if partner else (0, len(doc.sents))
        edge = np.array([i < lo or i > hi for i in un.index], dtype=bool)
        piece = np.array([_piece(doc, other, i, partner) for i in un.index])
        sides.append((llr, edge, piece, list(un.index)))
    (la, ea, pa, ia), (lb, eb, pb, ib) = sides
    out = {
        "y": float(a_is_source),
        **values,
        "longer": longer,
        "topic_inner": float(lb[~eb].sum() - la[~ea].sum()),
        "topic_edge": float(lb[eb].sum() - la[ea].sum()),
        "fixed": S.ATTRIBUTION_WEIGHT * ev.attribution + S.CREDIT_OTHER * ev.credit_other,
        "shipped": S.score(ev),
        "share": ev.shared_share,
    }
    for t in CUTS:
        out[f"pieces_{t}"] = float(lb[pb < t].sum() - la[pa < t].sum())
    if not opts.lexical:
        enc = opts.encoder()
        va, vb = enc.encode([s.norm for s in c.a.sentences]), enc.encode([s.norm for s in c.b.sentences])
        sim = va[ia] @ vb[ib].T if ia and ib else np.zeros((len(ia), len(ib)))
        best_a = sim.max(axis=1) if ib else np.zeros(len(ia))
        best_b = sim.max(axis=0) if ia else np.zeros(len(ib))
        for t in COSINES:
            out[f"paired_{t}"] = float(lb[best_b < t].sum() - la[best_a < t].sum())
    return out


def fit(rows: list[dict[str, float]], features: tuple[str, ...]) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[f] for f in features] for r in rows])
    y = np.array([r["y"] for r in rows])
    lr = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000).fit(np.vstack([x, -x]), np.r_[y, 1 - y])
    return np.asarray(lr.coef_[0])


def scores(rows: list[dict[str, float]], features: tuple[str, ...], w: np.ndarray, below: float) -> np.ndarray:
    """The whole-retelling score with weights ``w``; the shipped (passage) score where the share is under ``below``."""
    return np.array(
        [r["shipped"] if r["share"] < below else float(np.dot([r[f] for f in features], w)) + r["fixed"] for r in rows]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexical", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    opts = Options(lexical=args.lexical, quiet=True)
    data: dict[str, list[dict[str, float]]] = {}
    for name, pairs in (("even", wmt_pairs(False)), ("odd", wmt_pairs(True)), ("clough", clough_pairs())):
        items = list(pairs)
        data[name] = [
            row(retold.compare(a, b, **{**opts.compare_kwargs(), "fidelity": True}), fwd, opts)
            for src, copy, fwd in progress(items, len(items), name)
            for a, b in [(src, copy) if fwd else (copy, src)]
        ]
    sets: list[tuple[str, tuple[str, ...]]] = [("shipped features", BASE)]
    sets += [(f"+ {f}", (*BASE, f)) for f in ("longer", "coherence", "topic_mean")]
    sets.append(("edge apart", ("topic_inner", "topic_edge", "specifics", "plainer")))
    sets += [(f"pieces out, {t}", (f"pieces_{t}", "specifics", "plainer")) for t in CUTS]
    if not args.lexical:
        sets += [(f"paired out, {t}", (f"paired_{t}", "specifics", "plainer")) for t in COSINES]
    shipped = D.direction_model("lexical" if args.lexical else "model")
    margin, below = shipped.margin, shipped.passage_below
    even = data["even"]
    for label, features in sets:
        folds = []
        for i in range(args.folds):
            held = blocks(len(even), args.folds, i)
            w = fit([r for r, h in zip(even, held, strict=True) if not h], features)
            test = [r for r, h in zip(even, held, strict=True) if h]
            folds.append(figures(scores(test, features, w, 0.0), np.array([r["y"] for r in test]), margin)["accuracy"])
        w = fit(even, features)
        held_out = {
            name: figures(scores(data[key], features, w, cut), np.array([r["y"] for r in data[key]]), margin)
            for name, key, cut in (("odd", "odd", 0.0), ("clough", "clough", 0.0), ("clough+passage", "clough", below))
        }
        print(
            f"{label:18s} CV per fold {folds} mean {np.mean(folds):.3f} | "
            + " | ".join(f"{k} {v['accuracy']:.3f} (Brier {v['brier']:.3f})" for k, v in held_out.items())
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
