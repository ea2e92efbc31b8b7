"""Candidate signals of real copying for the ``--lexical`` whole-retelling direction model, by blocked CV (issue 15).

    .venv/bin/python benchmarks/direction_real_cv.py [--folds 5] [--draws 6] [--condensed 200] [--cache DIR]

WMT19's retellings (what ``calibrate_direction.py`` fits on) insert lines of *other* stories, so there a sentence
only the retelling has shares few of the story's words; a real copier adds sentences of its own on the same subject,
which the classifier reads as details the source left out (session 43's reading of Clough's 9 ``--lexical`` misses).
Candidates, each beside the shipped four sentence features (``cov``, ``other_cov``, ``own_cov``, ``new_names``):

- ``own_only``: the share of the sentence's content words whose family occurs in its own article outside its run
  of unmatched sentences but nowhere in the other article (a copier's own vocabulary, spread over its own
  sentences, is absent from the source; a source's left-out detail shares the story's words, which the copy kept);
  also as a pair feature (B's minus A's, summed or averaged: ``own_only_sum``, ``own_only_mean``);
- ``edge``: whether the sentence stands before the first or after the last matched sentence of its side (a copier's
  own sentences open or close);
- ``specific``: the share of its words with a digit or a capital not opening it (outside German: a source's
  left-out details hold specifics, a copier's own sentences are general); ``words``: its number of content words;
- a floor: the unmatched sentences of at most 1-3 content words left out (a heading, a formula, a piece of a
  hard-wrapped line: a Clough source's LaTeX line, whose one content word is ``frac``, reads as brought in);
- ``plainer`` over other matches (``PLAINERS``): the shipped count reads every match but verbatim ones;
- ``new_names`` tied: its weight the same for detail and inserted (names one article alone has read as material
  brought in only in WMT19's construction, below);
- training data: the sentence classifier and the pair model fitted on the WMT19 retellings alone (shipped) or
  with condensed news retellings as well (``direction_pairs.condensed_pairs``, the same draws: half a
  news_allsides article with 2-4 sentences of another outlet's article on the same story woven in, so the copy's
  own material is on topic; labels from the construction).

Each candidate is fitted as ``calibrate_direction.py`` fits (a multinomial logistic regression per unmatched
sentence over detail / inserted / fragment, then one without intercept per pair over [topic_sum, specifics,
plainer], both argument orders) on all but one contiguous block of the even WMT19 pseudo-articles (and of the
condensed retellings), and scored on the held-out block's pairs (WMT19 retellings as ``eval.py wmt19-docs`` builds
them, both argument orders; condensed ones A = source), the shipped passage model reading pairs under its
``below``. Then fitted on all and scored held out, nothing fitted on them: the odd WMT19 pseudo-articles and
Clough & Stevenson's reusing answers (both argument orders). Accuracy counts an undetermined call as wrong; Brier
of the probability that A came first, the confidence as the engine claims it. ``routing`` then asks whether the
pairs with no shared text (``same_story``) that the passage model reads would do better with the whole-retelling
model, over ``direction_cv.py``'s cached rows.

Session 45 (92748f6, load 8-11 on 2 cores; counts do not depend on it). The shipped fit (refit here): CV per fold
1.0 0.889 0.875 0.778 0.889 (mean 0.886; Brier 0.013 0.077 0.066 0.132 0.093), condensed 0.975 0.95 1.0 0.975 1.0,
odd 0.861 (Brier 0.119), Clough 0.842 (Brier 0.118). No candidate helps in every fold; each is dropped:

- ``own_only``: the same accuracy in every fold, Brier worse in 4 of 5 (0.010 0.086 0.069 0.133 0.095); odd 0.861
  (Brier 0.121), Clough **0.860** (2 calls more of 114; Brier 0.093). The feature means say why it helps
  Clough alone: a Clough answer's own sentences 0.19 against the source's left-out ones 0.10, but on the condensed
  retellings, whose own material is on topic too, the woven sentences 0.03 against the details 0.10 (WMT19 0.03
  inserted, 0.08 details): students write many sentences of their own that share their own words; another
  outlet's 2-4 sentences do not. With ``specific`` too: Clough 0.860 (Brier 0.099), folds as ``own_only``. As a
  pair feature: accuracy the same everywhere, Clough Brier 0.106 / 0.116, CV Brier worse in 4 / 5 folds.
- ``edge``: CV the same, Brier worse in 4 folds; Clough 0.825. ``specific``: CV the same; Clough 0.833.
  ``words``: folds 4 and 5 swap (0.889 / 0.778), Brier worse in 3 (fold 5 0.093 -> 0.174); odd 0.907 (Brier 0.087),
  Clough 0.825.
- Condensed retellings in the training data: CV 0.875 1.0 1.0 0.667 1.0 (two folds down), condensed 0.95 0.875 0.925
  0.95 0.95 (all five down), odd 0.767, Clough **0.632** (Brier 0.235); with ``own_only`` Clough 0.649. On-topic
  insertions and left-out details look alike to these features (condensed: ``cov`` 0.35 / 0.46, ``other_cov``
  0.43 / 0.46), so training on them blurs the classes and the pair weight of topic_sum halves (1.62 -> 0.94).
- ``new_names``, the feature that reads names neither article has elsewhere as material brought in, reads
  WMT19's construction: inserted 1.36 against details 0.57 there, 0.41 / 0.38 on the condensed retellings and
  0.05 (answer) / 0.32 (source) on Clough; dropping it was measured in session 38 (``direction_lexical_refit.py``:
  CV 0.931, but odd 0.837 and Clough 0.789), since it also tells a sentence from a piece of a split one. Tied
  (``tied_model``: its weight the same for detail and inserted, so that it tells only a fragment from the rest):
  fold 5 up (0.889 -> 1.0), condensed fold 2 down (0.95 -> 0.925), odd 0.861 (Brier 0.116), Clough 0.825 (Brier
  0.133).
- The floor: 1 word, CV the same in every fold, Clough **0.877** (two answers more; Brier 0.099), but odd 0.837 (one
  pseudo-article less: its retelling's one sign was an inserted line of one content word); 2 words, fold 3 up
  (0.875 -> 1.0, mean 0.911), Brier worse in folds 1 and 4, odd 0.837, Clough 0.860; 3 words, fold 5 down.
- ``plainer``: the shipped count names the source for 18 of Clough's 19 heavily revised answers, 9 of 19 light and 5
  of 19 cut-and-paste ones (wrong 1 / 8 / 10): its sign is backwards for cut answers, whose ``related`` matches (an
  answer's own sentence beside a source sentence on its subject) point to the copy 22 times to 11. Without edited
  matches Clough 0.789; without related ones 0.816 (odd 0.861, Brier 0.102; CV Brier worse in 4 folds); without
  related ones that are no piece of a shared sentence 0.816 (odd **0.884**, Brier 0.099; CV Brier worse in 4
  folds); paraphrases alone 0.807 (fold 5 down).
- Routing: of the passage pairs with no shared text, Clough's 4 are right 2 times with the passage model and 4 with
  the whole-retelling model, PAN13's 5 right 5 and 0 times, the planted lifts' 4 right 4 and 4: reading them with
  the whole-retelling model would gain 2 Clough calls for 5 PAN13 pairs. Not changed.

Nothing in ``src`` changed: no candidate helps in every fold and holds on both held-out sets.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from sklearn.linear_model import LogisticRegression

from calibrate_direction import MARGIN
from direction_lexical_cv import sentence_model
from evallib.common import Options, code_key
from evallib.data import default_path, read_jsonl
from evallib.direction_fit import blocks, figures
from evallib.direction_real import ALL, BASE, EXTRA, PAIR_EXTRA, PLAINERS, featured, measure
from retold.fidelity import direction as D
from retold.fidelity import direction_score as S
from retold.fidelity._shared import doc_for
from retold.fidelity.unmatched import plainer


def _topic(ra: np.ndarray, rb: np.ndarray, cols: list[int], model: D.DirectionModel) -> float:
    return float(S.sentence_llr(rb[:, cols], model).sum() - S.sentence_llr(ra[:, cols], model).sum())


def tied_model(train: list[Any], cols: list[int], tie: int) -> D.DirectionModel:
    """``sentence_model`` (the same penalised multinomial log loss, sklearn's at C = 1) with the weight of column
    ``cols[tie]`` the same for detail and inserted: that feature then tells a fragment from the rest and nothing
    of which of the two a sentence is."""
    from scipy.optimize import minimize

    x = np.vstack([np.vstack([r[1][:, cols], r[2][:, cols]]) for r in train])
    y = np.concatenate([r[3] for r in train])
    k, onehot = x.shape[1], np.eye(3)[y]
    free = [i for i in range(3 * k) if i != k + tie]  # inserted's weight of ``tie`` is detail's

    def unpack(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = np.zeros((3, k))
        w.flat[free] = t[: len(free)]
        w[1, tie] = w[0, tie]
        return w, t[len(free) :]

    def loss(t: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = unpack(t)
        z = x @ w.T + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        gw = (p - onehot).T @ x + w
        gw[0, tie] += gw[1, tie]
        value = -float(np.sum(onehot * np.log(p + 1e-300))) + 0.5 * float(np.sum(w * w))
        return value, np.r_[gw.ravel()[free], (p - onehot).sum(axis=0)]

    w, b = unpack(minimize(loss, np.zeros(len(free) + 3), jac=True, method="L-BFGS-B").x)
    plain = sentence_model(train, cols)
    return D.DirectionModel(
        features=plain.features,
        coef=tuple(tuple(float(v) for v in row) for row in w),
        intercept=tuple(float(v) for v in b),
        train_prior=plain.train_prior,
        fragment_share=plain.fragment_share,
        pair=plain.pair,
        margin=plain.margin,
    )


def fit(
    train: list[Any], cols: list[int], extra: tuple[str, ...] = (), plain: str = "plainer", tie: int | None = None
) -> tuple[D.DirectionModel, np.ndarray]:
    """The sentence classifier (``tied_model`` given ``tie``) and the pair weights over [topic_sum, specifics,
    ``plain``, *``extra``]."""
    model = sentence_model(train, cols) if tie is None else tied_model(train, cols, tie)
    pr = np.array(
        [
            [_topic(r[1], r[2], cols, model), r[4], r[6][plain] if plain != "plainer" else r[5]]
            + [PAIR_EXTRA[e](r[1], r[2]) for e in extra]
            for r in train
        ]
    )
    lr = LogisticRegression(C=1.0, fit_intercept=False).fit(
        np.vstack([pr, -pr]), np.r_[np.ones(len(pr)), np.zeros(len(pr))]
    )
    return model, lr.coef_[0]


def scores(
    rows: list[dict[str, Any]],
    cols: list[int],
    model: D.DirectionModel,
    w: np.ndarray,
    extra: tuple[str, ...] = (),
    plain: str = "plainer",
) -> np.ndarray:
    def whole(r: dict[str, Any]) -> float:
        x = [_topic(r["ra"], r["rb"], cols, model), r["specifics"], r["alt"][plain]]
        return float(np.dot(w, x + [PAIR_EXTRA[e](r["ra"], r["rb"]) for e in extra]))

    return np.array([r["shipped"] if r["passage"] else whole(r) for r in rows])


def _acc(rows: list[dict[str, Any]], s: np.ndarray) -> dict[str, float]:
    return figures(s, np.array([r["y"] for r in rows]), MARGIN)


def means(data: dict[str, Any]) -> None:
    """Each feature's mean per class of the training sentences (WMT19, condensed) and, on Clough, per side (the
    Wikipedia source's unmatched sentences, the answer's)."""
    for name in ("wmt_train", "cond_train"):
        x = np.vstack([np.vstack([r[1], r[2]]) for r in data[name]])
        y = np.concatenate([r[3] for r in data[name]])
        for c, label in enumerate(D.CLASSES):
            row = " ".join(f"{f} {v:.2f}" for f, v in zip(ALL, x[y == c].mean(axis=0), strict=True))
            print(f"{name:10s} {label:8s} n {int((y == c).sum()):4d}  {row}")
    fwd = [r for r in data["clough"] if r["y"]]
    for side, key in (("source", "ra"), ("answer", "rb")):
        x = np.vstack([r[key] for r in fwd])
        row = " ".join(f"{f} {v:.2f}" for f, v in zip(ALL, x.mean(axis=0), strict=True))
        print(f"clough     {side:8s} n {len(x):4d}  {row}")


SETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "shipped four (refit)": (BASE, ()),
    "+ own_only": ((*BASE, "own_only"), ()),
    "+ edge": ((*BASE, "edge"), ()),
    "+ specific": ((*BASE, "specific"), ()),
    "+ words": ((*BASE, "words"), ()),
    "+ own_only, specific": ((*BASE, "own_only", "specific"), ()),
    "pair + own_only_sum": (BASE, ("own_only_sum",)),
    "pair + own_only_mean": (BASE, ("own_only_mean",)),
}


def run(
    data: dict[str, Any],
    feats: tuple[str, ...],
    extra: tuple[str, ...],
    folds: int,
    with_cond: bool,
    plain: str = "plainer",
    tie: int | None = None,
) -> str:
    """One candidate's line: accuracy and Brier per CV fold (WMT19 even blocks, condensed blocks), and held out."""
    cols = [ALL.index(f) for f in feats]
    n_even, n_cond = data["n_even"], len(data["cond"])
    per_fold = []
    for i in range(folds):
        held_w, held_c = blocks(n_even, folds, i), blocks(n_cond, folds, i)
        train = [t for t in data["wmt_train"] if not held_w[t[0]]]
        if with_cond:
            train += [t for t in data["cond_train"] if not held_c[t[0]]]
        model, w = fit(train, cols, extra, plain, tie)
        we = [r for r in data["even"] if held_w[r["key"]]]
        ce = [r for r in data["cond"] if held_c[r["key"]]]
        fw, fc = _acc(we, scores(we, cols, model, w, extra, plain)), _acc(ce, scores(ce, cols, model, w, extra, plain))
        per_fold.append((fw["accuracy"], fc["accuracy"], fw["brier"], fc["brier"]))
    model, w = fit(data["wmt_train"] + (data["cond_train"] if with_cond else []), cols, extra, plain, tie)
    held = {n: _acc(data[n], scores(data[n], cols, model, w, extra, plain)) for n in ("odd", "clough")}
    return (
        f"CV wmt {[f[0] for f in per_fold]} mean {np.mean([f[0] for f in per_fold]):.3f}, Brier "
        f"{[f[2] for f in per_fold]} | condensed {[f[1] for f in per_fold]} "
        f"mean {np.mean([f[1] for f in per_fold]):.3f}, Brier {[f[3] for f in per_fold]} | "
        + " | ".join(f"{k} {v['accuracy']:.3f} (Brier {v['brier']:.3f})" for k, v in held.items())
        + f" | pair weights {np.round(w, 3).tolist()}"
    )


def routing() -> None:
    """Pairs with no shared text (``same_story``) that the passage model reads (share under its ``below``): how
    often it names the source, and how often the whole-retelling model would, over ``direction_cv.py``'s rows
    (its cache, in the orders it compares)."""
    from direction_cv import collect

    opts = Options(lexical=True, quiet=True)
    below = D.direction_model("lexical").passage_below
    for name in ("lifts", "condensed", "wmt", "wmt_odd", "pan13", "clough"):
        rows = [
            r
            for r in collect(name, opts, 400, False)
            if r["relation"] == "same_story" and min(r["cov_a"], r["cov_b"]) < below
        ]
        y = np.array([r["y"] for r in rows])
        right = [
            int(sum((abs(v) >= MARGIN) and ((v > 0) == bool(t)) for v, t in zip(s, y, strict=True)))
            for s in ([r["shipped"] for r in rows], [r["whole"] for r in rows])
        ]
        print(f"{name:10s} same_story passages {len(rows):3d}: right, passage model {right[0]}, whole model {right[1]}")


def plainer_signs(raw: dict[str, Any]) -> None:
    """Per Clough answer kind (cut, light, heavy) and per match label, how often the side whose shared sentence
    reads denser is the source (right), the copy (wrong) or neither, and per answer the sign of the sum."""
    from retold.fidelity.unmatched import _density

    kinds = [x["label"] for x in read_jsonl(default_path("clough")) if x["label"] != "non"]
    per_match: Counter[tuple[str, str, str]] = Counter()
    per_answer: Counter[tuple[str, str]] = Counter()
    for k, c, fwd in raw["clough"]:
        if not fwd:
            continue
        da, db = doc_for(c.a), doc_for(c.b)
        for m in c.matches:
            if m.label != "verbatim":
                sign = float(np.sign(_density(da, m.a) - _density(db, m.b)))
                per_match[(kinds[k], m.label, {1.0: "right", -1.0: "wrong"}.get(sign, "zero"))] += 1
        total = plainer(da, db, c.matches)
        per_answer[(kinds[k], "right" if total > 0 else "wrong" if total < 0 else "zero")] += 1
    for kind in ("cut", "light", "heavy"):
        print(
            f"plainer on Clough {kind:5s}: answers "
            + " ".join(f"{v} {per_answer[(kind, v)]}" for v in ("right", "wrong", "zero"))
            + " | matches "
            + "; ".join(
                f"{lab} " + "/".join(str(per_match[(kind, lab, v)]) for v in ("right", "wrong", "zero"))
                for lab in ("edited", "paraphrase", "related")
            )
        )


def floored(data: dict[str, Any], k: int) -> dict[str, Any]:
    """``data`` without the unmatched sentences of at most ``k`` content words (a heading, a formula, a piece of a
    hard-wrapped line), in training and test rows alike."""
    w = ALL.index("words")
    out = dict(data)
    for name in ("wmt_train", "cond_train"):
        rows = []
        for key, ra, rb, y, *rest in data[name]:
            ka, kb = ra[:, w] > k, rb[:, w] > k
            rows.append((key, ra[ka], rb[kb], y[np.r_[ka, kb]], *rest))
        out[name] = rows
    for name in ("even", "odd", "clough", "cond"):
        out[name] = [{**r, "ra": r["ra"][r["ra"][:, w] > k], "rb": r["rb"][r["rb"][:, w] > k]} for r in data[name]]
    return out


def candidates(folds: int, draws: int, n_condensed: int, cache: Path) -> None:
    rows_path = cache / f"real_cv_rows_{draws}_{n_condensed}_{'_'.join(EXTRA)}_plainers_{code_key()}.pkl"
    raw = measure(draws, n_condensed, cache)
    if rows_path.exists():
        data = pickle.loads(rows_path.read_bytes())
    else:
        data = featured(raw)
        rows_path.write_bytes(pickle.dumps(data))
    plainer_signs(raw)
    for name in ("even", "cond", "odd", "clough"):
        f = _acc(data[name], np.array([r["shipped"] for r in data[name]]))
        print(f"shipped weights, {name}: {f['accuracy']:.3f} (Brier {f['brier']:.3f})")
    means(data)
    for label, (feats, extra) in SETS.items():
        print(f"{label:24s} {run(data, feats, extra, folds, False)}")
    for label in ("shipped four (refit)", "+ own_only"):
        print(f"{label + ', with condensed':24s} {run(data, *SETS[label], folds, True)}")
    for plain in PLAINERS:
        print(f"{plain:24s} {run(data, BASE, (), folds, False, plain)}")
    for k in (1, 2, 3):
        print(f"{f'floor {k} words':24s} {run(floored(data, k), BASE, (), folds, False)}")
    print(f"{'new_names tied':24s} {run(data, BASE, (), folds, False, tie=BASE.index('new_names'))}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--draws", type=int, default=6)
    ap.add_argument("--condensed", type=int, default=200, help="condensed news retellings (direction_cv.py: 200)")
    ap.add_argument("--cache", default="/tmp/retold-direction-real", help="where the measured rows are pickled")
    args = ap.parse_args(argv)
    candidates(args.folds, args.draws, args.condensed, Path(args.cache))
    routing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
