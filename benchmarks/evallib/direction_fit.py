"""How ``direction_cv.py`` fits and scores the passage model on its rows: ``tau``, a logistic regression without
intercept, the gate between the passage and the whole-retelling model, blocked folds and backward elimination."""

from __future__ import annotations

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
