"""Why ``--lexical`` names the source less often than the model, and vector-free candidates, by blocked CV (issue 15).

    .venv/bin/python benchmarks/direction_lexical_cv.py [--folds 5] [--draws 6] [--cache FILE]

Candidates. The lexical mode's per-sentence classifier reads four features (``cov``, ``other_cov``, ``own_cov``,
``new_names``), the model mode's nine: beside them ``words`` and the cosines to its own matched sentences
(``max_cos``, ``near_cos``), to the other article (``other_max_cos``) and to the other side's unmatched sentences
(``other_un_cos``). Their stand-ins without vectors (``_overlaps``) are the shares of the sentence's content stems
found in one sentence. Pair candidates beside [topic_sum, specifics, plainer] (``lost``): per non-verbatim match,
the specifics (digits, capitalised words not opening a sentence) one side has and the other's counterpart lacks,
as a sum of signs or a count capped at 5. Each is fitted as ``calibrate_direction.py`` fits the shipped model (the
sentence classifier on ``--draws`` retellings of each training pseudo-article, the pair model on both argument
orders, without intercept) on all but one contiguous block of the even pseudo-articles and scored on that block's
retellings as ``eval.py wmt19-docs`` builds them (both argument orders); then fitted on all even ones and scored
on the odd ones (held out) and on Clough's reusing answers (nothing fitted on them), the shipped passage model
reading pairs under its ``below`` as the engine does. Accuracy counts an undetermined call as wrong.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from sklearn.linear_model import LogisticRegression

import retold
from calibrate_direction import DETAIL, FRAGMENT, INSERTED, MARGIN, TAU, drawn
from evallib import wmt19
from evallib.common import Options, progress
from evallib.data import default_path, read_jsonl
from evallib.direction_fit import blocks, figures
from evallib.direction_pairs import clough_pairs
from retold.fidelity import analyse
from retold.fidelity import direction as D
from retold.fidelity import direction_score as S
from retold.fidelity._shared import Doc, content_words, doc_for, stem
from retold.fidelity.unmatched import _run_of

BASE = ("cov", "other_cov", "own_cov", "new_names")
STAND_INS = ("max_ov", "near_ov", "other_max_ov", "other_un_ov")
GRAMS = ("cov4", "other_cov4", "own_cov4")  # ``cov``, ``other_cov``, ``own_cov`` over character 4-grams
ALL = (*BASE, "words", *STAND_INS, *GRAMS)
SETS: dict[str, tuple[str, ...]] = {
    "shipped four (refit)": BASE,
    "+ words": (*BASE, "words"),
    "+ max_ov, near_ov": (*BASE, "max_ov", "near_ov"),
    "+ other_max_ov": (*BASE, "other_max_ov"),
    "+ other_un_ov": (*BASE, "other_un_ov"),
    "+ other_max_ov, other_un_ov": (*BASE, "other_max_ov", "other_un_ov"),
    "+ all five": (*BASE, "words", *STAND_INS),
    "4-grams for stems": ("new_names", *GRAMS),
    "+ 4-grams": (*BASE, *GRAMS),
}
PAIR = ("topic_sum", "specifics", "plainer")
# pair candidates, each beside PAIR: ``lost`` (sign sum, capped count) and compression (A's unmatched sentences
# minus B's, its sign, the log ratio of their counts plus one)
EXTRA = ("lost_signs", "lost_count", "unmatched_diff", "unmatched_sign", "unmatched_log_ratio")


def _extra(ra: np.ndarray, rb: np.ndarray, lost_: tuple[float, float]) -> tuple[float, ...]:
    na, nb = len(ra), len(rb)
    return (*lost_, float(na - nb), float(np.sign(na - nb)), float(np.log((1 + na) / (1 + nb))))


def _paraphrases_out(rows: np.ndarray, cut: float) -> np.ndarray:
    """Without the unmatched sentences whose content stems are >= ``cut`` in one of the other side's unmatched ones."""
    return rows[rows[:, ALL.index("other_un_ov")] < cut] if len(rows) else rows


def _products(rows: np.ndarray) -> np.ndarray:
    """The four shipped features and their six pairwise products, in place of ``ALL``'s columns."""
    b = rows[:, : len(BASE)]
    pairs = [b[:, i] * b[:, j] for i, j in itertools.combinations(range(len(BASE)), 2)]
    return np.column_stack([b, *pairs]) if len(rows) else np.zeros((0, 10))


def _overlaps(doc: Doc, other: Doc, i: int, core: Sequence[int], other_un: Sequence[int]) -> list[float]:
    """The cosines' stand-ins: the share of sentence ``i``'s content stems found in one sentence, the highest over
    its own side's matched sentences, the mean over the nearest matched one before and after it, the highest over
    the other article's sentences and over the other side's unmatched ones (the other half of a split sentence)."""
    own = doc.sents[i].content_stems

    def share(d: Doc, k: int) -> float:
        return len(own & d.sents[k].content_stems) / len(own) if own else 0.0

    near = [c for c in core if c < i][-1:] + [c for c in core if c > i][:1]
    return [
        max(share(doc, k) for k in core),
        float(np.mean([share(doc, k) for k in near])),
        max((share(other, k) for k in range(len(other.sents))), default=0.0),
        max((share(other, k) for k in other_un), default=0.0),
    ]


def _grams(doc: Doc, idx: Sequence[int]) -> set[str]:
    """The character 4-grams of the content words of some sentences (a word family or a compound's part meets
    its kin where six-letter stems do not: "Forschungsausgaben", "Ausgaben")."""
    out: set[str] = set()
    for i in idx:
        for t in content_words(doc.sents[i].tokens):
            w = t.text.lower()
            out.update(w[k : k + 4] for k in range(len(w) - 3))
    return out


def _gram_shares(
    doc: Doc, other: Doc, i: int, core: Sequence[int], other_core: Sequence[int], run: range
) -> list[float]:
    own = _grams(doc, [i])
    if not own:
        return [0.0, 0.0, 0.0]
    shared = _grams(doc, core) | _grams(other, other_core)
    outside = _grams(doc, [k for k in range(len(doc.sents)) if k not in run])
    everywhere = _grams(other, range(len(other.sents)))
    return [len(own & g) / len(own) for g in (shared, everywhere, outside)]


def _specific(tok: str, first: bool, lang: str, kind: str) -> bool:
    digits = any(ch.isdigit() for ch in tok)
    caps = not first and tok[:1].isupper() and (kind == "any" or lang != "de")  # German capitalises every noun
    return {"digits": digits, "caps": caps, "any": digits or caps, "both": digits or caps}[kind]


def lost(c: Any, kind: str = "any") -> tuple[float, float]:
    """Per non-verbatim match, the sign of the specifics A's side has and B's lacks minus the reverse, summed, and
    the counts' difference, summed, capped at 5 (> 0 points to A as the source). ``kind``: ``any`` digits or a
    capitalised word not opening a sentence, ``caps`` such a word outside German, ``digits``, ``both`` the two."""
    da, db = doc_for(c.a), doc_for(c.b)
    signs = count = 0.0
    for m in c.matches:
        if m.label == "verbatim":
            continue
        side = []
        for d, od, mine, other in ((da, db, m.a, m.b), (db, da, m.b, m.a)):
            there = set().union(*(od.sents[k].stems for k in other))
            side.append(
                sum(
                    1
                    for i in mine
                    for n, t in enumerate(d.sents[i].tokens)
                    if _specific(t.text, n == 0, d.lang, kind) and stem(t.text) not in there
                )
            )
        signs += float(np.sign(side[0] - side[1]))
        count += side[0] - side[1]
    return signs, float(np.clip(count, -5, 5))


def _rows(c: Any, ev: S.Evidence) -> tuple[np.ndarray, np.ndarray]:
    da, db = doc_for(c.a), doc_for(c.b)
    core_a, core_b = sorted({i for m in c.matches for i in m.a}), sorted({j for m in c.matches for j in m.b})
    out = []
    for un, doc, other, core, other_core in (
        (ev.unmatched_a, da, db, core_a, core_b),
        (ev.unmatched_b, db, da, core_b, core_a),
    ):
        other_un = [k for k in range(len(other.sents)) if k not in set(other_core)]
        unmatched = set(range(len(doc.sents))) - set(core)
        extra = [
            _overlaps(doc, other, i, core, other_un)
            + _gram_shares(doc, other, i, core, other_core, _run_of(i, unmatched))
            for i in un.index
        ]
        out.append(np.hstack([un.rows, np.array(extra).reshape(len(extra), len(STAND_INS) + len(GRAMS))]))
    return out[0], out[1]


def _evidence(c: Any) -> tuple[S.Evidence, S.Evidence, np.ndarray, np.ndarray]:
    forward = analyse(c.a, c.b, c.matches, c.only_in_a, c.only_in_b)
    args = (c.a, c.b, c.matches, c.only_in_a, c.only_in_b, forward, None)
    ev = D.evidence(*args, (*BASE, "words"), topical=True)
    return ev, D.evidence(*args), *_rows(c, ev)


def train_rows(originals: list[list[str]], rewrites: list[list[str]], train: list[int], draws: int) -> list[Any]:
    """Per drawn retelling: (pseudo-article, rows of A, rows of B, labels, specifics, plainer, ``lost``)."""
    out = []
    for pos, r, c, la, lb in drawn(Options(lexical=True, quiet=True), originals, rewrites, train, draws, "train"):
        ev, _, ra, rb = _evidence(c)
        kept = {s for s in r.source if s is not None}
        ya = [FRAGMENT if la[i] in kept else DETAIL for i in ev.unmatched_a.index]
        yb = [INSERTED if r.source[lb[j]] is None else FRAGMENT for j in ev.unmatched_b.index]
        out.append((pos, ra, rb, np.array(ya + yb, dtype=int), ev.specifics, ev.plainer, lost(c)))
    return out


def test_row(c: Any, a_is_source: bool, key: int) -> dict[str, Any]:
    ev, shipped, ra, rb = _evidence(c)
    return {
        "key": key,
        "y": float(a_is_source),
        "ra": ra,
        "rb": rb,
        "specifics": ev.specifics,
        "plainer": ev.plainer,
        "extra": lost(c),
        "shipped": S.score(shipped),
        "passage": shipped.pair_model() is not D.direction_model("lexical").pair,
    }


def _topic(ra: np.ndarray, rb: np.ndarray, cols: list[int], model: D.DirectionModel) -> float:
    return float(S.sentence_llr(rb[:, cols], model).sum() - S.sentence_llr(ra[:, cols], model).sum())


def sentence_model(rows: list[Any], cols: list[int], c: float = 1.0) -> D.DirectionModel:
    """The per-sentence classifier on ``train_rows``' rows (columns ``cols`` of ``ALL``), L2 strength 1 / ``c``."""
    x = np.vstack([np.vstack([r[1][:, cols], r[2][:, cols]]) for r in rows])
    y = np.concatenate([r[3] for r in rows])
    sent = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    prior = np.bincount(y, minlength=3) / len(y)
    return D.DirectionModel(
        features=tuple(str(k) for k in cols),
        coef=tuple(tuple(float(w) for w in row) for row in sent.coef_),
        intercept=tuple(float(b) for b in sent.intercept_),
        train_prior=tuple(float(p) for p in prior),
        fragment_share=float(prior[FRAGMENT] / (prior[FRAGMENT] + prior[DETAIL])),
        pair=D.PairModel(PAIR, (1.0, 0.0, 0.0), TAU),
        margin=MARGIN,
    )


def fit(rows: list[Any], cols: list[int], extra: tuple[int, ...] = ()) -> tuple[D.DirectionModel, np.ndarray]:
    model = sentence_model(rows, cols)
    pr = np.array(
        [
            [_topic(ra, rb, cols, model), sp, pl, *(_extra(ra, rb, ex)[e] for e in extra)]
            for _, ra, rb, _, sp, pl, ex in rows
        ]
    )
    lr = LogisticRegression(C=1.0, fit_intercept=False).fit(
        np.vstack([pr, -pr]), np.r_[np.ones(len(pr)), np.zeros(len(pr))]
    )
    return model, lr.coef_[0]


def scores(
    rows: list[dict[str, Any]], cols: list[int], model: D.DirectionModel, w: np.ndarray, extra: tuple[int, ...] = ()
) -> np.ndarray:
    def whole(r: dict[str, Any]) -> float:
        x = [
            _topic(r["ra"], r["rb"], cols, model),
            r["specifics"],
            r["plainer"],
            *(_extra(r["ra"], r["rb"], r["extra"])[e] for e in extra),
        ]
        return float(np.dot(w, x))

    return np.array([r["shipped"] if r["passage"] else whole(r) for r in rows])


def both_orders(pairs: list[tuple[Any, Any]], name: str) -> list[dict[str, Any]]:
    out = []
    for k, (src, copy) in enumerate(progress(pairs, len(pairs), name)):
        for a, b, fwd in ((src, copy, True), (copy, src, False)):
            out.append(test_row(retold.compare(a, b, lexical=True, fidelity=True), fwd, k))
    return out


def _wmt() -> tuple[list[list[str]], list[list[str]], list[Any]]:
    rows = read_jsonl(default_path("wmt19-docs"))
    originals, rewrites = wmt19.split(rows, random.Random(wmt19.SEED))
    return originals, rewrites, wmt19.build(rows, None)[1]


def _labels(ra: np.ndarray, rb: np.ndarray, ys: np.ndarray, change: Any) -> np.ndarray:
    """The labels of the sentence rows a change keeps (it keeps rows in order, or drops some by ``other_un_ov``)."""
    if change is _products:
        return ys
    keep = np.r_[
        [len(change(ra[k : k + 1])) == 1 for k in range(len(ra))],
        [len(change(rb[k : k + 1])) == 1 for k in range(len(rb))],
    ]
    return ys[keep.astype(bool)] if len(ys) else ys


def measure(draws: int, cache: Path | None) -> tuple[int, list[Any], dict[str, list[dict[str, Any]]]]:
    """The number of even pseudo-articles, the training rows of their ``draws`` retellings each (``train_rows``) and
    the rows measured on the even and odd halves' and Clough's pairs, both argument orders; ``cache``: a pickle of
    them, written once and read after."""
    originals, rewrites, retellings = _wmt()
    even = [k for k in range(len(originals)) if not wmt19.held_out(k)]
    odd = [k for k in range(len(originals)) if wmt19.held_out(k)]

    def pairs(ks: list[int]) -> list[tuple[Any, Any]]:
        return [(wmt19.article(originals[k], "o")[0], wmt19.article(retellings[k].lines, "r")[0]) for k in ks]

    if cache and cache.exists():
        rows, measured = pickle.loads(cache.read_bytes())
    else:
        rows = train_rows(originals, rewrites, even, draws)
        measured = {
            "even": both_orders(pairs(even), "even"),
            "odd": both_orders(pairs(odd), "odd"),
            "clough": both_orders([(a, b) for a, b, _ in clough_pairs()], "clough"),
        }
        if cache:
            cache.write_bytes(pickle.dumps((rows, measured)))
    return len(even), rows, measured


def candidates(folds: int, draws: int, cache: Path | None) -> None:
    n_even, rows, measured = measure(draws, cache)
    for name in ("odd", "clough"):
        f = figures(
            np.array([r["shipped"] for r in measured[name]]), np.array([r["y"] for r in measured[name]]), MARGIN
        )
        print(f"shipped model, {name}: {f['accuracy']:.3f} (Brier {f['brier']:.3f})")
    base = [ALL.index(f) for f in BASE]
    runs: list[tuple[str, list[int], tuple[int, ...], Any]] = [
        (label, [ALL.index(f) for f in feats], (), None) for label, feats in SETS.items()
    ]
    runs += [(f"pair + {name}", base, (e,), None) for e, name in enumerate(EXTRA)]
    runs += [
        (f"paraphrases out, {t}", base, (), lambda m, t=t: _paraphrases_out(m, t)) for t in (0.3, 0.4, 0.5, 0.6, 0.8)
    ]
    runs.append(("four + their products", list(range(10)), (), _products))
    for label, cols, extra, change in runs:
        if change is not None:
            train = [(k, change(ra), change(rb), _labels(ra, rb, ys, change), *rest) for k, ra, rb, ys, *rest in rows]
            test = {n: [{**r, "ra": change(r["ra"]), "rb": change(r["rb"])} for r in v] for n, v in measured.items()}
        else:
            train, test = rows, measured
        acc = []
        for i in range(folds):
            held = blocks(n_even, folds, i)
            model, w = fit([t for t in train if not held[t[0]]], cols, extra)
            part = [r for r in test["even"] if held[r["key"]]]
            acc.append(
                figures(scores(part, cols, model, w, extra), np.array([r["y"] for r in part]), MARGIN)["accuracy"]
            )
        model, w = fit(train, cols, extra)
        held_out = {
            n: figures(scores(test[n], cols, model, w, extra), np.array([r["y"] for r in test[n]]), MARGIN)
            for n in ("odd", "clough")
        }
        print(
            f"{label:30s} CV per fold {acc} mean {np.mean(acc):.3f} | "
            + " | ".join(f"{k} {v['accuracy']:.3f} (Brier {v['brier']:.3f})" for k, v in held_out.items())
            + f" | pair weights {np.round(w, 3).tolist()}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--draws", type=int, default=6)
    ap.add_argument("--cache", help="a pickle of the measured rows, written once and read after (for iterating)")
    args = ap.parse_args(argv)
    candidates(args.folds, args.draws, Path(args.cache) if args.cache else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
