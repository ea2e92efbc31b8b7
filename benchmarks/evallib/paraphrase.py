"""Fitting the engine's paraphrase decision (a standardised logistic model) and estimating it by CV.

Feature rows are computed exactly as ``retold.pipeline`` computes them for a match: normalised
texts, ``pair_matrices`` on the pair, ``feature_rows`` with the pair's ``numbers``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from evallib.metrics import accuracy, binary_f1
from retold.align.features import numbers, pair_matrices
from retold.align.paraphrase import LogisticModel, feature_rows
from retold.text.normalise import normalise

SEED = 0
FOLDS = 10


def normal(text: str) -> str:
    return normalise(text).text


def pair_features(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    vec_a: np.ndarray | None,
    vec_b: np.ndarray | None,
    tick: Callable[[], None] | None = None,
) -> dict[str, np.ndarray]:
    """Every feature ``feature_rows`` produces, one value per (a, b) pair (texts already normalised)."""
    cols: dict[str, list[float]] = {}
    for k, (a, b) in enumerate(zip(texts_a, texts_b, strict=True)):
        va = vec_a[k : k + 1] if vec_a is not None else None
        vb = vec_b[k : k + 1] if vec_b is not None else None
        rows = feature_rows(pair_matrices([a], [b], va, vb), [numbers(a)], [numbers(b)])
        for name, m in rows.items():
            cols.setdefault(name, []).append(float(m[0, 0]))
        if tick:
            tick()
    return {name: np.array(v, dtype=np.float64) for name, v in cols.items()}


def matrix(feats: dict[str, np.ndarray], names: Sequence[str]) -> np.ndarray:
    return np.stack([feats[n] for n in names], axis=1)


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float = 1.0) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """``(weights, bias, mean, scale)`` of an L2 logistic regression on standardised features."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit((x - mean) / scale, y)
    return lr.coef_[0], float(lr.intercept_[0]), mean, scale


def prob(params: tuple[np.ndarray, float, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, b, mean, scale = params
    return np.asarray(1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ w + b))))


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The cut that maximises accuracy (midpoints between distinct probabilities; ties: nearest 0.5)."""
    u = np.unique(p)
    cands = np.concatenate([[0.0], (u[:-1] + u[1:]) / 2, [1.0]]) if len(u) > 1 else np.array([0.5])
    order = np.argsort(p)
    ps, ys = p[order], y[order]
    n_pos = int(ys.sum())
    best = (-1.0, 0.0)
    for t in cands:
        k = int(np.searchsorted(ps, t, side="left"))  # items below t are called negative
        correct = int((ys[:k] == 0).sum()) + (n_pos - int(ys[:k].sum()))
        key = (correct / len(y), -abs(t - 0.5))
        if key > (best[0], -abs(best[1] - 0.5)):
            best = (key[0], float(t))
    return round(best[1], 4)


@dataclass(frozen=True)
class CVResult:
    accuracy: float
    f1: float
    threshold: float  # chosen on all out-of-fold probabilities: the one to ship
    oof: np.ndarray  # out-of-fold probabilities


def cross_validate(x: np.ndarray, y: np.ndarray, folds: int = FOLDS, seed: int = SEED) -> CVResult:
    """Stratified k-fold out-of-fold probabilities; each fold's cut is chosen on the other folds'
    out-of-fold probabilities, so the reported accuracy and F1 never saw their own threshold."""
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    oof = np.zeros(len(y))
    splits = list(skf.split(x, y))
    for tr, te in splits:
        oof[te] = prob(fit_logistic(x[tr], y[tr]), x[te])
    pred = np.zeros(len(y), dtype=int)
    for tr, te in splits:
        t = best_threshold(oof[tr], y[tr])
        pred[te] = (oof[te] >= t).astype(int)
    yl = [int(v) for v in y]
    pl = [int(v) for v in pred]
    return CVResult(accuracy(yl, pl), binary_f1(yl, pl), best_threshold(oof, y), oof)


def model_entry(
    names: Sequence[str], params: tuple[np.ndarray, float, np.ndarray, np.ndarray], threshold: float
) -> dict[str, Any]:
    """One mode's block of ``paraphrase.json``."""
    w, b, mean, scale = params
    return {
        "features": list(names),
        "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "threshold": threshold,
    }


def shipped_scores(model: LogisticModel, feats: dict[str, np.ndarray], y: np.ndarray) -> tuple[float, float]:
    """Accuracy and F1 of a shipped model (``paraphrase.json``) on given pairs."""
    p = model.prob(matrix(feats, model.features))
    pred = [int(v) for v in (p >= model.threshold)]
    yl = [int(v) for v in y]
    return accuracy(yl, pred), binary_f1(yl, pred)
