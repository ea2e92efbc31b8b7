"""How ``direction_cv.py`` fits and scores the passage model on its rows: ``tau``, a logistic regression without
intercept, the gate between the passage and the whole-retelling model, blocked folds and backward elimination."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from evallib.direction_pairs import Row


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


def confidence(
    scores: np.ndarray, passage: np.ndarray | None = None, slope: float = 1.0, cap: float | None = None
) -> np.ndarray:
    """The confidence ``direction.decide`` claims for each score (text evidence, no date): the logistic of the
    score's size, at most ``MAX_CONFIDENCE``; a pair the passage model reads (``passage``) by its own map, the
    logistic of ``slope`` times the size, at most ``cap``."""
    from retold.fidelity.direction import MAX_CONFIDENCE

    size = np.abs(np.clip(scores, -30, 30))
    conf = np.minimum(MAX_CONFIDENCE, 1 / (1 + np.exp(-size)))
    if passage is not None and passage.any():
        conf[passage] = np.minimum(cap or MAX_CONFIDENCE, 1 / (1 + np.exp(-slope * size[passage])))
    return np.asarray(conf, dtype=np.float64)


def figures(scores: np.ndarray, y: np.ndarray, margin: float, conf: np.ndarray | None = None) -> dict[str, float]:
    """Accuracy (an undetermined call is wrong), confidence claimed minus accuracy, Brier score (of the probability
    that A came first); and of the calls that name a source, as ``benchmarks/eval.py`` reports them: their accuracy,
    the mean confidence they claimed minus it, their Brier score. ``conf``: by default ``confidence(scores)``."""
    called = np.abs(scores) >= margin
    right = called & ((scores > 0) == (y == 1))
    conf = confidence(scores) if conf is None else conf
    p = np.where(scores > 0, conf, 1 - conf)
    claimed = np.where(called, conf, 0.5)
    hit, said = right[called].astype(np.float64), conf[called]
    return {
        "accuracy": round(float(right.mean()), 4),
        "undetermined": round(float(1 - called.mean()), 4),
        "overconfidence": round(float(claimed.mean() - right.mean()), 4),
        "brier": round(float(np.mean((p - y) ** 2)), 4),
        "calls_accuracy": round(float(hit.mean()), 4) if len(hit) else 0.0,
        "calls_claimed_minus_actual": round(float(said.mean() - hit.mean()), 4) if len(hit) else 0.0,
        "calls_brier": round(float(np.mean((said - hit) ** 2)), 4) if len(hit) else 0.0,
        "n": len(y),
    }


BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)


def reliability(scores: np.ndarray, y: np.ndarray, margin: float, conf: np.ndarray) -> list[dict[str, float]]:
    """Of the calls that name a source, per bin of claimed confidence (``BINS``): how many, the mean confidence
    claimed, how often right."""
    called = np.abs(scores) >= margin
    right = ((scores > 0) == (y == 1))[called]
    said = conf[called]
    out = []
    for lo, hi in itertools.pairwise(BINS):
        k = (said >= lo) & ((said < hi) if hi < 1.0 else (said <= hi))
        if k.any():
            out.append(
                {
                    "bin": f"{lo:.2f}-{hi:.2f}",
                    "n": int(k.sum()),
                    "claimed": round(float(said[k].mean()), 3),
                    "accuracy": round(float(right[k].mean()), 3),
                }
            )
    return out


def fit_slope(scores: np.ndarray, y: np.ndarray, margin: float) -> float:
    """The slope of the logistic of a score's size that best predicts whether its call is right (maximum
    likelihood, no intercept: a score of 0 is an even chance; both orientations), over the calls that name a
    source."""
    from scipy.optimize import minimize_scalar

    called = np.abs(scores) >= margin
    size = np.abs(scores[called])
    right = ((scores > 0) == (y == 1))[called]

    def loss(a: float) -> float:
        z = a * np.where(right, size, -size)
        return float(np.logaddexp(0.0, -z).sum())

    return float(minimize_scalar(loss, bounds=(0.01, 100.0), method="bounded").x)


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


def calibrate(
    scores: np.ndarray, y: np.ndarray, passage: np.ndarray, fold: np.ndarray, margin: float
) -> tuple[float, float, dict[str, float]]:
    """The passage model's confidence map from out-of-fold scores: ``slope`` fitted (``fit_slope``) on the pairs it
    reads, ``cap`` the value of ``CAPS`` (up to the confidence of a credit naming the other's outlet: text evidence
    never claims more than that) whose map, its slope fitted on the other blocks, has the lowest Brier score of the
    held-out blocks' calls, averaged over the blocks. Returns the slope, the cap and each cap's mean Brier score."""
    from retold.fidelity.direction import CREDIT_CONFIDENCE, MAX_CONFIDENCE

    caps = sorted({MAX_CONFIDENCE, *(c for c in CAPS if c <= CREDIT_CONFIDENCE)})
    cv = {}
    for cap in caps:
        briers = []
        for i in np.unique(fold):
            fit_on, held = (fold != i) & passage, fold == i
            a = fit_slope(scores[fit_on], y[fit_on], margin)
            conf = confidence(scores[held], passage[held], a, cap)
            briers.append(figures(scores[held], y[held], margin, conf)["calls_brier"])
        cv[f"{cap:.2f}"] = round(float(np.mean(briers)), 5)
    best = min(caps, key=lambda c: (cv[f"{c:.2f}"], c))
    return fit_slope(scores[passage], y[passage], margin), best, cv


CAPS = (0.9, 0.95)
