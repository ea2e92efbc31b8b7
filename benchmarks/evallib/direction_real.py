"""The rows ``direction_real_cv.py`` fits and scores its candidates on: per unmatched sentence the shipped
``--lexical`` features and the candidates beside them (``EXTRA``), per pair the ``plainer`` count over other sets of
matches (``PLAINERS``), over WMT19 retellings (labels from ``calibrate_direction.py``'s draws), condensed news
retellings (labels from the construction) and the held-out pairs (odd WMT19 pseudo-articles, Clough)."""

from __future__ import annotations

import pickle
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import retold
from calibrate_direction import DETAIL, FRAGMENT, INSERTED, drawn
from evallib import wmt19
from evallib.common import Options, code_key, progress
from evallib.data import default_path, read_jsonl
from evallib.direction_pairs import clough_pairs, condensed_draws
from retold.fidelity import analyse
from retold.fidelity import direction as D
from retold.fidelity import direction_score as S
from retold.fidelity._shared import Doc, doc_for, has
from retold.fidelity.coherence import is_piece
from retold.fidelity.unmatched import _family_counts, _outside, _run_of, plainer
from retold.model import Match

BASE = ("cov", "other_cov", "own_cov", "new_names")
EXTRA = ("own_only", "edge", "specific", "words")
ALL = (*BASE, *EXTRA)
PAIR = ("topic_sum", "specifics", "plainer")
# pair candidates beside PAIR, from the rows of both sides (> 0 points to A): B's own-only words minus A's, summed
# over the unmatched sentences or averaged
PAIR_EXTRA = {
    "own_only_sum": lambda ra, rb: float(rb[:, 4].sum() - ra[:, 4].sum()),
    "own_only_mean": lambda ra, rb: float(
        (rb[:, 4].mean() if len(rb) else 0.0) - (ra[:, 4].mean() if len(ra) else 0.0)
    ),
}


def extra_features(doc: Doc, other: Doc, index: tuple[int, ...], core: list[int]) -> np.ndarray:
    """``EXTRA`` per unmatched sentence of ``index``."""
    out = []
    unmatched = set(range(len(doc.sents))) - set(core)
    whole = _family_counts(doc, range(len(doc.sents)))
    lo, hi = (min(core), max(core)) if core else (0, -1)
    for i in index:
        words = doc.sents[i].content
        run = _run_of(i, unmatched)
        part = _family_counts(doc, run)
        own_only = sum(
            1 for t in words if _outside(t.text, whole, part) and not has(other.stems, other.prefixes, t.text)
        )
        toks = doc.sents[i].tokens
        spec = sum(
            1
            for n, t in enumerate(toks)
            if any(ch.isdigit() for ch in t.text) or (n > 0 and t.text[:1].isupper() and doc.lang != "de")
        )
        out.append(
            [
                own_only / len(words) if words else 0.0,
                float(i < lo or i > hi),
                spec / len(toks) if toks else 0.0,
                float(len(words)),
            ]
        )
    return np.array(out, dtype=np.float64).reshape(len(index), len(EXTRA))


def rows_of(c: Any) -> tuple[D.Evidence, np.ndarray, np.ndarray, D.Evidence]:
    """The evidence with the base features, its rows with ``EXTRA`` beside them (A's, B's) and the shipped evidence."""
    forward = analyse(c.a, c.b, c.matches, c.only_in_a, c.only_in_b)
    args = (c.a, c.b, c.matches, c.only_in_a, c.only_in_b, forward, None)
    ev = D.evidence(*args, BASE, topical=True)
    da, db = doc_for(c.a), doc_for(c.b)
    core_a, core_b = sorted({i for m in c.matches for i in m.a}), sorted({j for m in c.matches for j in m.b})
    ra = np.hstack([ev.unmatched_a.rows, extra_features(da, db, ev.unmatched_a.index, core_a)])
    rb = np.hstack([ev.unmatched_b.rows, extra_features(db, da, ev.unmatched_b.index, core_b)])
    return ev, ra, rb, D.evidence(*args)


# which matches ``plainer`` reads (it always skips verbatim ones): the shipped one all others; the candidates leave
# out edited ones (a copy trimmed or touched up, not reworded), or related ones (same subject, maybe no shared text),
# or related ones that are no piece of a shared sentence (``coherence.is_piece``), or read paraphrases alone
PLAINERS: dict[str, Callable[[Doc, Doc, Match], bool]] = {
    "plainer": lambda da, db, m: True,
    "plainer_no_edited": lambda da, db, m: m.label != "edited",
    "plainer_no_related": lambda da, db, m: m.label != "related",
    "plainer_pieces": is_piece,
    "plainer_paraphrase": lambda da, db, m: m.label in ("paraphrase", "translation"),
}


def plainers(c: Any) -> dict[str, float]:
    """``unmatched.plainer`` over the matches each of ``PLAINERS`` reads."""
    da, db = doc_for(c.a), doc_for(c.b)
    return {k: plainer(da, db, [m for m in c.matches if keep(da, db, m)]) for k, keep in PLAINERS.items()}


def test_row(c: Any, a_is_source: bool, key: int) -> dict[str, Any]:
    ev, ra, rb, shipped = rows_of(c)
    return {
        "alt": plainers(c),
        "key": key,
        "y": float(a_is_source),
        "ra": ra,
        "rb": rb,
        "specifics": ev.specifics,
        "plainer": ev.plainer,
        "shipped": S.score(shipped),
        "passage": shipped.pair_model() is not D.direction_model("lexical").pair,
    }


def wmt_train(originals: list[list[str]], rewrites: list[list[str]], train: list[int], draws: int) -> list[Any]:
    """Per drawn retelling of an even pseudo-article: (block key, comparison, A's unmatched labels by sentence,
    B's)."""
    out = []
    for pos, r, c, la, lb in drawn(Options(lexical=True, quiet=True), originals, rewrites, train, draws, "wmt train"):
        kept = {s for s in r.source if s is not None}
        ya = {i: FRAGMENT if la[i] in kept else DETAIL for i in range(len(la))}
        yb = {j: INSERTED if r.source[lb[j]] is None else FRAGMENT for j in range(len(lb))}
        out.append((pos, c, ya, yb))
    return out


def condensed(n: int) -> list[tuple[Any, Any, set[str], set[str]]]:
    """``direction_pairs.condensed_draws`` (the same draws), with the source sentences kept and the woven ones."""
    return list(condensed_draws(n))


def condensed_raw(n: int) -> list[Any]:
    """Per condensed retelling (A = source): (key, comparison, A's unmatched labels, B's), from the construction."""
    out = []
    pairs = condensed(n)
    for k, (a, b, kept, woven) in enumerate(progress(pairs, len(pairs), "condensed")):
        c = retold.compare(a, b, lexical=True, fidelity=True)
        kept_text, woven_text = " ".join(kept), " ".join(woven)
        ya = {i: FRAGMENT if s.text.strip() in kept_text else DETAIL for i, s in enumerate(c.a.sentences)}
        yb = {j: INSERTED if s.text.strip() in woven_text else FRAGMENT for j, s in enumerate(c.b.sentences)}
        out.append((k, c, ya, yb))
    return out


def both_orders(pairs: list[tuple[Any, Any]], name: str) -> list[tuple[int, Any, bool]]:
    out = []
    for k, (src, copy) in enumerate(progress(pairs, len(pairs), name)):
        for a, b, fwd in ((src, copy, True), (copy, src, False)):
            out.append((k, retold.compare(a, b, lexical=True, fidelity=True), fwd))
    return out


def measure(draws: int, n_condensed: int, cache: Path) -> dict[str, Any]:
    """Every comparison the candidates are fitted and scored on, pickled under ``cache`` once per digest of retold's
    code and weights (``code_key``) and read after."""
    path = cache / f"real_cv_{draws}_{n_condensed}_{code_key()}.pkl"
    if path.exists():
        return dict(pickle.loads(path.read_bytes()))
    rows = read_jsonl(default_path("wmt19-docs"))
    originals, rewrites = wmt19.split(rows, random.Random(wmt19.SEED))
    retellings = wmt19.build(rows, None)[1]
    even = [k for k in range(len(originals)) if not wmt19.held_out(k)]
    odd = [k for k in range(len(originals)) if wmt19.held_out(k)]

    def pairs(ks: list[int]) -> list[tuple[Any, Any]]:
        return [(wmt19.article(originals[k], "o")[0], wmt19.article(retellings[k].lines, "r")[0]) for k in ks]

    out = {
        "n_even": len(even),
        "cond_raw": condensed_raw(n_condensed),
        "wmt_raw": wmt_train(originals, rewrites, even, draws),
        "even": both_orders(pairs(even), "even"),
        "odd": both_orders(pairs(odd), "odd"),
        "clough": both_orders([(a, b) for a, b, _ in clough_pairs()], "clough"),
    }
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


def featured(data: dict[str, Any]) -> dict[str, Any]:
    """The rows of ``measure``'s comparisons: training rows (key, rows of A, rows of B, labels, specifics, plainer,
    ``plainers``) and test rows (``test_row``)."""

    def train(raw: list[Any], name: str) -> list[Any]:
        out = []
        for key, c, ya, yb in progress(raw, len(raw), name):
            ev, ra, rb, _ = rows_of(c)
            y = [ya[i] for i in ev.unmatched_a.index] + [yb[j] for j in ev.unmatched_b.index]
            out.append((key, ra, rb, np.array(y, dtype=int), ev.specifics, ev.plainer, plainers(c)))
        return out

    out = {"n_even": data["n_even"], "wmt_train": train(data["wmt_raw"], "wmt rows")}
    out["cond_train"] = train(data["cond_raw"], "condensed rows")
    out["cond"] = [test_row(c, True, k) for k, c, _, _ in data["cond_raw"]]
    for name in ("even", "odd", "clough"):
        out[name] = [test_row(c, fwd, k) for k, c, fwd in progress(data[name], len(data[name]), name)]
    return out
