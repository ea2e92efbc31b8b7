"""Choose the direction's passage model by blocked cross-validation; score it on held-out data.

    .venv/bin/python benchmarks/direction_cv.py [--modes lexical,model] [--lifts 400] [--ontopic 0] [--folds 5]
        [--write]

The direction reads a pair with one of two models (``retold.fidelity.calibration``): the whole-retelling
model (fitted on WMT19 by ``calibrate_direction.py``, kept as it is here) or, when the shared material is
under ``below`` of one article's text, the passage model. This script chooses ``below``, the passage
model's features, its weights and ``tau``.

Training data, truth known by construction, no dates given (so only the text decides):
- ``lifts``: 3-10 consecutive sentences of a real news_allsides article inserted, verbatim or lightly
  edited (alternately), at a paragraph boundary of another outlet's article on another subject
  (``corpus_plant.plant_passage``); articles taken in file order, two at a time;
- ``condensed``: a shorter retelling of a news_allsides article: about half its sentences (in order, every
  other one lightly edited) with 2-4 sentences of another outlet's article on the same story woven in;
- ``ontopic`` (``--ontopic N``, off by default): lifts as above into the other outlet's article nearest to the
  source by TF-IDF cosine that tells another story (under 0.3), so that the host is on the source's subject,
  as PAN13's are (session 28: the refit with it fell on Clough and in some CV fold, so not shipped; README);
- ``wmt``: the WMT19 retellings of the even-numbered pseudo-articles, as ``benchmarks/eval.py
  wmt19-docs`` builds them (the whole-retelling model is fitted on these too).
Each pair is compared once, in the order A = source for three pairs of four and reversed for the fourth.

Fold i holds out the i-th contiguous block of each training set. For each ``below`` on a grid, the
passage model is fitted on the training blocks' pairs under it: ``tau`` (the neighbour fit of a side
without neighbours, ``retold.fidelity.coherence``) midway between the median fits of sources and of copies,
and a logistic regression without intercept (both orientations, so swapping A and B swaps the answer).
Its features come from backward elimination over ``PAIR_FEATURES`` (dropping the feature whose removal
costs least) and the one-standard-error rule: the fewest features whose mean CV accuracy is within one
standard error of the best. ``below`` is the grid value with the best mean CV accuracy over all training
pairs (those above it read by the whole-retelling model). Then the passage model is fitted on all training
data; ``--write`` puts it into ``src/retold/fidelity/direction.json``.

Held out, nothing fitted on them: the odd-numbered WMT19 pseudo-articles, PAN13 (source document vs
suspicious document, the pairs ``benchmarks/eval.py pan13`` scores) and Clough & Stevenson (the
Wikipedia source vs each answer that reuses it). For each: accuracy (undetermined counts as wrong),
mean confidence claimed minus accuracy, Brier score; the same for the whole-retelling model alone.
Comparisons are cached in ``$TMPDIR/retold-direction-cv`` per digest of ``src/retold`` and of this script and the
benchmark modules it imports (how pairs are built; ``--fresh`` recomputes them).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import retold
from evallib.common import Options, code_key, command_line, dump_json, progress, today

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CACHE = Path(tempfile.gettempdir()) / "retold-direction-cv"
WEIGHTS = HERE.parent / "src" / "retold" / "fidelity" / "direction.json"
TRAIN = ("lifts", "condensed", "wmt")
GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
HELD_OUT = ("wmt_odd", "pan13", "clough")
Row = dict[str, Any]


def _row(c: Any, a_is_source: bool, opts: Options) -> Row:
    """The raw pair evidence of one comparison (features oriented so that > 0 points to A)."""
    from retold.fidelity import direction as D

    vectors = None
    if not opts.lexical:
        enc = opts.encoder()
        vectors = (enc.encode([s.norm for s in c.a.sentences]), enc.encode([s.norm for s in c.b.sentences]))
    ev = D.evidence(c.a, c.b, c.matches, c.only_in_a, c.only_in_b, c.flags, vectors, fits=True, topical=True)
    model = D.direction_model(ev.mode)
    values = D.pair_values(ev, model)
    fixed = D.ATTRIBUTION_WEIGHT * ev.attribution + D.CREDIT_OTHER * ev.credit_other
    return {
        "y": int(a_is_source),
        **{k: values[k] for k in ("topic_sum", "topic_mean", "specifics", "plainer")},
        "fit_a": ev.fit_a,
        "fit_b": ev.fit_b,
        "fixed": fixed,
        "shipped": D.score(ev),
        "whole": sum(w * values[f] for f, w in zip(model.pair.features, model.pair.weights, strict=True)) + fixed,
        "relation": c.verdict.relation,
        "cov_a": c.verdict.coverage_a,
        "cov_b": c.verdict.coverage_b,
    }


def _planted(
    rng: random.Random, pairs: Iterator[tuple[dict, dict]], n: int, prefix: str
) -> Iterator[tuple[Any, Any, bool]]:
    """Up to ``n`` (source, host) pairs made lifts: a passage of the source planted in the host, verbatim or
    lightly edited alternately (``corpus_plant.plant_passage``)."""
    import corpus_plant as plant

    k = 0
    for s, t in pairs:
        if k >= n:
            break
        copy = plant.plant_passage(rng, dict(s), dict(t), f"{prefix}-{k}", edited=k % 2 == 1)
        if copy is None:
            continue
        a = retold.article_from_text(s["text"], id=s["id"], title=s["title"])
        b = retold.article_from_text(copy["text"], id=copy["id"], title=copy["title"])
        yield a, b, k % 4 < 3
        k += 1


def _lifts(n: int) -> Iterator[tuple[Any, Any, bool]]:
    import corpus_data as cd

    allsides, _ = cd.news()
    arts = [dict(a, published=None) for a in allsides]
    off_topic = (
        (s, t)
        for s, t in zip(arts[0::2], arts[1::2], strict=False)
        if cd.outlet(s) != cd.outlet(t) and not (cd._title_words(s) & cd._title_words(t))
    )
    return _planted(random.Random(7), off_topic, n, "copy")


SAME_STORY = 0.3  # TF-IDF cosine from which two news_allsides articles of other outlets tell the same story


@cache
def _news_tfidf() -> tuple[list[dict], Any]:
    """The news_allsides articles (undated, in file order) and their TF-IDF vectors (rows of unit length)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    import corpus_data as cd

    allsides, _ = cd.news()
    arts = [dict(a, published=None) for a in allsides]
    tfidf = TfidfVectorizer(stop_words="english", max_features=50_000, sublinear_tf=True).fit_transform(
        [a["text"] for a in arts]
    )
    return arts, tfidf


def _nearest(same_story: bool) -> Iterator[tuple[dict, dict]]:
    """Each article with its nearest article of another outlet by TF-IDF cosine: on the same story (the
    nearest of all, where that is at least ``SAME_STORY``) or, with ``same_story`` False, on its subject but
    another story (the nearest under ``SAME_STORY`` among other outlets')."""
    import corpus_data as cd

    arts, tfidf = _news_tfidf()
    outlets = np.array([cd.outlet(a) for a in arts])
    for i, s in enumerate(arts):
        sims = (tfidf[i] @ tfidf.T).toarray().ravel()
        sims[i] = 0.0
        if not same_story:
            sims[(sims >= SAME_STORY) | (outlets == cd.outlet(s))] = 0.0
        j = int(sims.argmax())
        if (sims[j] >= SAME_STORY) == same_story and sims[j] > 0 and cd.outlet(arts[j]) != cd.outlet(s):
            yield s, arts[j]


def _condensed(n: int) -> Iterator[tuple[Any, Any, bool]]:
    """A shorter retelling that keeps about half of a source's sentences (in order, every other one lightly
    edited) and weaves in 2-4 sentences of another outlet's article on the same story (``_nearest``):
    the retelling's own material is on topic, as a rewriter's or a student's is."""
    import corpus_plant as plant

    rng = random.Random(11)
    k = 0
    for s, other in _nearest(same_story=True):
        if k >= n:
            break
        src = [x for para in plant.paragraphs(s["text"]) for x in para]
        own = [x for para in plant.paragraphs(other["text"]) for x in para]
        if len(src) < 8 or len(own) < 4:
            continue
        kept = [x for x in src if rng.random() < 0.5]
        kept = [plant.edit_sentence(rng, x) if m % 2 else x for m, x in enumerate(kept)]
        for x in rng.sample(own, rng.randint(2, 4)):
            kept.insert(rng.randint(0, len(kept)), x)
        a = retold.article_from_text(s["text"], id=s["id"], title=s["title"])
        b = retold.article_from_text(" ".join(kept), id=f"condensed-{k}")
        yield a, b, k % 4 < 3
        k += 1


def _ontopic(n: int) -> Iterator[tuple[Any, Any, bool]]:
    """Lifts whose host is on the source's subject: 3-10 consecutive sentences of a news_allsides article
    (verbatim or lightly edited, alternately) inserted at a paragraph boundary of the other outlet's article
    nearest to it that tells another story (``_nearest``), so the copy's own sentences around the passage
    share some of its words, as in a web page or an essay written on its source's subject."""
    return _planted(random.Random(13), _nearest(same_story=False), n, "ontopic")


def _wmt(odd: bool) -> Iterator[tuple[Any, Any, bool]]:
    from evallib import wmt19
    from evallib.data import default_path, read_jsonl

    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    for k in range(len(originals)):
        if wmt19.held_out(k) == odd:
            a, _ = wmt19.article(originals[k], f"orig-{k}")
            b, _ = wmt19.article(retellings[k].lines, f"retold-{k}")
            yield a, b, k % 4 < 2


def _pan13() -> Iterator[tuple[Any, Any, bool]]:
    from evallib import pan13

    rows, docs = pan13.load(None)
    for k, r in enumerate(rows):
        a = retold.article_from_text(docs[r["src_id"]], id=r["src_id"])
        b = retold.article_from_text(docs[r["susp_id"]], id=r["susp_id"])
        yield a, b, k % 4 < 3


def _clough() -> Iterator[tuple[Any, Any, bool]]:
    from evallib.data import default_path, read_jsonl

    for k, r in enumerate(x for x in read_jsonl(default_path("clough")) if x["label"] != "non"):
        a = retold.article_from_text(r["a"], id=r.get("a_id", "source"))
        b = retold.article_from_text(r["b"], id=r.get("b_id", r["id"]))
        yield a, b, k % 4 < 3


def collect(name: str, opts: Options, lifts: int, fresh: bool, ontopic: int = 0) -> list[Row]:
    """Every pair of one data set compared (A = source when the flag says so), cached as JSON under the digest of
    retold's code and of the pair builders: rows of other code (before session 28, a cache of two neighbours a
    side) or of other pairs are never refitted on."""
    size = {"lifts": lifts, "condensed": lifts, "ontopic": ontopic}.get(name)
    path = CACHE / f"{name}_{opts.mode}{'' if size is None else '_' + str(size)}_{code_key(Path(__file__))}.json"
    if path.is_file() and not fresh:
        return list(json.loads(path.read_text()))
    pairs: dict[str, Callable[[], Iterator[tuple[Any, Any, bool]]]] = {
        "lifts": lambda: _lifts(lifts),
        "condensed": lambda: _condensed(lifts // 2),
        "ontopic": lambda: _ontopic(ontopic),
        "wmt": lambda: _wmt(odd=False),
        "wmt_odd": lambda: _wmt(odd=True),
        "pan13": _pan13,
        "clough": _clough,
    }
    rows = []
    items = list(pairs[name]())
    for src, copy, forward in progress(items, len(items), f"{name} ({opts.mode})"):
        a, b = (src, copy) if forward else (copy, src)
        rows.append(_row(retold.compare(a, b, **{**opts.compare_kwargs(), "fidelity": True}), forward, opts))
    if not opts.lexical:
        opts.encoder().save()
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows))
    return rows


def tau_of(rows: list[Row]) -> float:
    """Midway between the median neighbour fit of sources and of copies (pairs where both sides have one)."""
    src, cp = [], []
    for r in rows:
        s, c = (r["fit_a"], r["fit_b"]) if r["y"] else (r["fit_b"], r["fit_a"])
        if s is not None and c is not None:
            src.append(s)
            cp.append(c)
    return float((np.median(src) + np.median(cp)) / 2)


def matrix(rows: list[Row], features: tuple[str, ...], tau: float) -> tuple[np.ndarray, np.ndarray]:
    from retold.fidelity.coherence import oriented

    x = [[oriented(r["fit_a"], r["fit_b"], tau) if f == "coherence" else r[f] for f in features] for r in rows]
    return np.array(x, dtype=np.float64).reshape(len(rows), len(features)), np.array([r["y"] for r in rows])


def fit(rows: list[Row], features: tuple[str, ...]) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    tau = tau_of(rows)
    x, y = matrix(rows, features, tau)
    lr = LogisticRegression(C=1.0, fit_intercept=False, max_iter=5000)
    lr.fit(np.vstack([x, -x]), np.r_[y, 1 - y])
    return lr.coef_[0], tau


def figures(scores: np.ndarray, y: np.ndarray, margin: float) -> dict[str, float]:
    """Accuracy (an undetermined call is wrong), confidence claimed minus accuracy, Brier score."""
    from retold.fidelity.direction import MAX_CONFIDENCE

    called = np.abs(scores) >= margin
    right = called & ((scores > 0) == (y == 1))
    p = 1 / (1 + np.exp(-np.clip(scores, -30, 30)))
    p = np.clip(p, 1 - MAX_CONFIDENCE, MAX_CONFIDENCE)
    conf = np.where(called, np.maximum(p, 1 - p), 0.5)
    return {
        "accuracy": round(float(right.mean()), 4),
        "undetermined": round(float(1 - called.mean()), 4),
        "overconfidence": round(float(conf.mean() - right.mean()), 4),
        "brier": round(float(np.mean((p - y) ** 2)), 4),
        "n": len(y),
    }


def whole(r: Row) -> float:
    return float(r.get("whole", r["shipped"]))


def share(r: Row) -> float:
    return float(min(r["cov_a"], r["cov_b"]))


def score_rows(rows: list[Row], features: tuple[str, ...], w: np.ndarray, tau: float) -> np.ndarray:
    x, _ = matrix(rows, features, tau)
    return np.asarray(x @ w + np.array([r["fixed"] for r in rows]), dtype=np.float64)


def gated(rows: list[Row], below: float, features: tuple[str, ...], w: np.ndarray, tau: float) -> np.ndarray:
    """Each pair's score: the passage model's under ``below``, the whole-retelling model's above."""
    s = np.array([whole(r) for r in rows], dtype=np.float64)
    under = [k for k, r in enumerate(rows) if share(r) < below]
    if under:
        s[under] = score_rows([rows[k] for k in under], features, w, tau)
    return s


def blocks(n: int, folds: int, i: int) -> np.ndarray:
    edges = np.linspace(0, n, folds + 1).astype(int)
    held = np.zeros(n, dtype=bool)
    held[edges[i] : edges[i + 1]] = True
    return held


def split(train: dict[str, list[Row]], folds: int, i: int) -> tuple[list[Row], list[Row]]:
    held = {k: blocks(len(v), folds, i) for k, v in train.items()}
    fit_rows = [r for k, v in train.items() for r, h in zip(v, held[k], strict=True) if not h]
    test_rows = [r for k, v in train.items() for r, h in zip(v, held[k], strict=True) if h]
    return fit_rows, test_rows


def cv(train: dict[str, list[Row]], features: tuple[str, ...], folds: int, margin: float, below: float) -> list[float]:
    """Accuracy on each fold's held-out blocks (all training sets pooled), the passage model fitted on the
    training blocks' pairs under ``below``."""
    out = []
    for i in range(folds):
        fit_rows, test_rows = split(train, folds, i)
        w, tau = fit([r for r in fit_rows if share(r) < below], features)
        y = np.array([r["y"] for r in test_rows])
        out.append(figures(gated(test_rows, below, features, w, tau), y, margin)["accuracy"])
    return out


def select(
    train: dict[str, list[Row]], folds: int, margin: float, below: float
) -> tuple[tuple[str, ...], list[float], list[dict[str, Any]]]:
    """Backward elimination, then the one-standard-error rule: the fewest features within one standard error
    of the best mean CV accuracy."""
    from retold.fidelity.direction import PAIR_FEATURES

    kept = tuple(PAIR_FEATURES)
    path = [(kept, cv(train, kept, folds, margin, below))]
    while len(kept) > 1:
        options = [
            (float(np.mean(acc)), f, rest, acc)
            for f in kept
            for rest in [tuple(x for x in kept if x != f)]
            for acc in [cv(train, rest, folds, margin, below)]
        ]
        _, _, kept, acc = max(options)
        path.append((kept, acc))
    best = max(path, key=lambda p: float(np.mean(p[1])))
    se = float(np.std(best[1], ddof=1) / math.sqrt(folds))
    chosen = min((p for p in path if np.mean(p[1]) >= np.mean(best[1]) - se), key=lambda p: len(p[0]))
    log = [{"features": list(f), "folds": acc, "mean": round(float(np.mean(acc)), 4)} for f, acc in path]
    return chosen[0], chosen[1], log


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modes", default="lexical", help="comma-separated: lexical, model")
    ap.add_argument(
        "--lifts", type=int, default=400, help="planted lifts in the training data (half as many condensed)"
    )
    ap.add_argument(
        "--ontopic", type=int, default=0, help="planted lifts into an article on the source's subject (0: none)"
    )
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write the chosen passage model to direction.json")
    ap.add_argument("--fresh", action="store_true", help="compare again instead of reading the cache")
    args = ap.parse_args(argv)
    from retold.fidelity import direction as D

    weights = json.loads(WEIGHTS.read_text())
    report: dict[str, Any] = {"command": command_line(), "date": today(), "folds": args.folds}
    kinds = TRAIN + (("ontopic",) if args.ontopic else ())
    for mode in args.modes.split(","):
        opts = Options(lexical=mode == "lexical", quiet=False)
        margin = D.direction_model(mode).margin
        train = {k: collect(k, opts, args.lifts, args.fresh, args.ontopic) for k in kinds}
        grid = []
        for below in GRID:
            features, folds, log = select(train, args.folds, margin, below)
            grid.append(
                {
                    "below": below,
                    "features": list(features),
                    "cv_accuracy_per_fold": folds,
                    "mean": round(float(np.mean(folds)), 4),
                    "elimination": log,
                }
            )
        pick = max(grid, key=lambda g: (g["mean"], -abs(g["below"] - 0.3)))
        below, features = float(pick["below"]), tuple(pick["features"])
        all_rows = [r for v in train.values() for r in v]
        w, tau = fit([r for r in all_rows if share(r) < below], features)
        per_kind = {}
        for k, v in train.items():
            accs = []
            for i in range(args.folds):
                fit_rows, _ = split(train, args.folds, i)
                held = [r for r, h in zip(v, blocks(len(v), args.folds, i), strict=True) if h]
                wi, ti = fit([r for r in fit_rows if share(r) < below], features)
                accs.append(
                    figures(gated(held, below, features, wi, ti), np.array([r["y"] for r in held]), margin)["accuracy"]
                )
            per_kind[k] = accs
        held_out: dict[str, Any] = {}
        for name in HELD_OUT:
            rows = collect(name, opts, args.lifts, args.fresh)
            y = np.array([r["y"] for r in rows])
            held_out[name] = {
                "chosen": figures(gated(rows, below, features, w, tau), y, margin),
                "whole_model_alone": figures(np.array([whole(r) for r in rows]), y, margin),
                "passage_share": round(float(np.mean([share(r) < below for r in rows])), 4),
            }
        report[mode] = {
            "below": below,
            "features": list(features),
            "weights": [round(float(v), 6) for v in w],
            "tau": round(tau, 4),
            "cv_accuracy_per_fold": pick["cv_accuracy_per_fold"],
            "cv_accuracy_per_fold_per_kind": per_kind,
            "grid": grid,
            "held_out": held_out,
            "training_pairs": {k: len(v) for k, v in train.items()},
        }
        print(
            f"{mode}: passage below {below}: features {list(features)} weights {np.round(w, 3).tolist()} tau {tau:.3f}"
        )
        print(f"  CV accuracy per fold, all training kinds pooled: {pick['cv_accuracy_per_fold']}")
        for k, accs in per_kind.items():
            print(f"    {k:9s} per fold: {accs}")
        for name, h in held_out.items():
            c, b = h["chosen"], h["whole_model_alone"]
            print(
                f"  {name:8s} n={c['n']:4d} passages {h['passage_share']:.2f} accuracy {c['accuracy']:.3f} "
                f"(whole model alone {b['accuracy']:.3f}) overconfidence {c['overconfidence']:+.3f} "
                f"brier {c['brier']:.3f} (alone {b['brier']:.3f})"
            )
        weights[mode]["passage"] = {
            "features": list(features),
            "weights": report[mode]["weights"],
            "tau": round(tau, 4),
            "below": below,
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "direction_cv.json").write_text(json.dumps(report, indent=1) + "\n")
    if args.write:
        weights["passage_note"] = (
            f"passage models written by `{command_line()}` on {today()}: blocked CV over planted news lifts, "
            "condensed news retellings and WMT19 even pseudo-articles; see benchmarks/results/direction_cv.json"
        )
        WEIGHTS.write_text(dump_json(weights))
    return 0 if all(math.isfinite(v) for m in args.modes.split(",") for v in report[m]["weights"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
