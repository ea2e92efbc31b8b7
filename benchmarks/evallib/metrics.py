"""Metric functions, pure and model-free, so they can be unit-tested on hand-made inputs."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# --- classification -------------------------------------------------------------------------


def accuracy(y_true: Sequence[Hashable], y_pred: Sequence[Hashable]) -> float:
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    return sum(t == p for t, p in zip(y_true, y_pred, strict=True)) / len(y_true) if y_true else 0.0


def binary_f1(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """F1 of the positive class (1)."""
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == 1 and p == 1)
    fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t != 1 and p == 1)
    fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == 1 and p != 1)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def confusion(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """``m[i][j]`` = items of true class ``labels[i]`` predicted as ``labels[j]``."""
    idx = {lab: k for k, lab in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    for t, p in zip(y_true, y_pred, strict=True):
        m[idx[t]][idx[p]] += 1
    return m


# --- correlation ----------------------------------------------------------------------------


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    a, b = a - a.mean(), b - b.mean()
    den = math.sqrt(float(a @ a) * float(b @ b))
    return float(a @ b) / den if den else 0.0


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks (ties share the mean of their positions)."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=float)
    xs = x[order]
    k = 0
    while k < len(x):
        e = k
        while e + 1 < len(x) and xs[e + 1] == xs[k]:
            e += 1
        ranks[order[k : e + 1]] = (k + e) / 2.0
        k = e + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(_ranks(np.asarray(x, dtype=float)), _ranks(np.asarray(y, dtype=float)))


# --- detection at a fixed false-positive rate ------------------------------------------------


def calibration(calls: Sequence[tuple[bool, float]]) -> dict[str, float]:
    """Of some decided calls, each ``(right, confidence)``: how often they were right, the mean confidence they
    claimed, and the Brier score; a confidence means what it says when the first two agree."""
    if not calls:
        return {"accuracy_decided": 0.0, "mean_confidence": 0.0, "brier": 0.0}
    right = np.array([r for r, _ in calls], dtype=np.float64)
    conf = np.array([c for _, c in calls], dtype=np.float64)
    return {
        "accuracy_decided": round(float(right.mean()), 4),
        "mean_confidence": round(float(conf.mean()), 4),
        "brier": round(float(np.mean((conf - right) ** 2)), 4),
    }


def recall_at_fpr(pos: Sequence[float], neg: Sequence[float], fpr: float = 0.01) -> tuple[float, float]:
    """``(recall, threshold)``: share of positives scored strictly above the threshold that lets at
    most ``floor(fpr * len(neg))`` negatives through (ties go against the detector)."""
    if not neg:
        raise ValueError("recall at FPR needs negatives")
    ns = sorted(neg, reverse=True)
    k = math.floor(fpr * len(ns) + 1e-9)
    thr = ns[k] if k < len(ns) else -math.inf
    return (sum(1 for p in pos if p > thr) / len(pos) if pos else 0.0), thr


# --- alignment ------------------------------------------------------------------------------


def prf(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 of two sets (empty prediction: precision 1 by convention)."""
    p, g = set(predicted), set(gold)
    hit = len(p & g)
    prec = hit / len(p) if p else 1.0
    rec = hit / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def prf_counts(hit: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Micro P/R/F1 from pooled counts."""
    prec = hit / n_pred if n_pred else 1.0
    rec = hit / n_gold if n_gold else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


# --- PAN plagiarism detection (Potthast et al. 2010) ----------------------------------------

Range = tuple[int, int]  # half-open [start, end)


@dataclass(frozen=True)
class Passage:
    """A case or a detection: a range in the suspicious document and one in the source, within one pair."""

    pair: str
    susp: Range
    src: Range


@dataclass(frozen=True)
class PlagdetScores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    micro_precision: float
    micro_recall: float


def _len(r: Range) -> int:
    return max(0, r[1] - r[0])


def _overlap(x: Range, y: Range) -> Range | None:
    s, e = max(x[0], y[0]), min(x[1], y[1])
    return (s, e) if e > s else None


def _detects(r: Passage, s: Passage) -> bool:
    return r.pair == s.pair and _overlap(r.susp, s.susp) is not None and _overlap(r.src, s.src) is not None


def _union_len(ranges: Iterable[Range]) -> int:
    total, end = 0, -1
    for s, e in sorted(ranges):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def _coverage(x: Passage, pool: Sequence[Passage]) -> tuple[int, int, int]:
    """Of one case or detection: how many passages of the other kind overlap it in both documents, how many
    of its characters they cover (both documents), and its size. Recall and precision are the two readings."""
    hits = [y for y in pool if _detects(y, x)]
    covered = _union_len(o for y in hits if (o := _overlap(x.susp, y.susp)))
    covered += _union_len(o for y in hits if (o := _overlap(x.src, y.src)))
    return len(hits), covered, _len(x.susp) + _len(x.src)


def _read(xs: Sequence[Passage], others: Sequence[Passage]) -> tuple[float, int, int, list[int]]:
    """Each passage of ``xs`` against the passages of ``others`` of its pair (``_coverage``): the sum of the shares
    covered, the characters covered and in all, and each one's hits. Cases read so give recall, detections
    precision."""
    pool: dict[str, list[Passage]] = {}
    for y in others:
        pool.setdefault(y.pair, []).append(y)
    shares, hit, size_all, hits = 0.0, 0, 0, []
    for x in xs:
        n, covered, size = _coverage(x, pool.get(x.pair, []))
        shares += covered / size if size else 0.0
        hit += covered
        size_all += size
        hits.append(n)
    return shares, hit, size_all, hits


def plagdet(cases: Sequence[Passage], detections: Sequence[Passage]) -> PlagdetScores:
    """PAN's measures over all cases and detections pooled (as the PAN evaluator does).

    Macro precision/recall average, per detection/case, the characters of the other side it covers
    (counting both documents); a detection only counts for a case it overlaps in both documents.
    Granularity: detections per detected case. ``plagdet = F1 / log2(1 + granularity)``.
    The micro variants pool characters instead of averaging per passage.
    """
    rec_sum, micro_hit_s, micro_all_s, case_hits = _read(cases, detections)
    prec_sum, micro_hit_r, micro_all_r, _ = _read(detections, cases)
    detected = sum(1 for n in case_hits if n)
    gran_sum = sum(case_hits)
    recall = rec_sum / len(cases) if cases else 0.0
    precision = prec_sum / len(detections) if detections else 0.0
    gran = gran_sum / detected if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PlagdetScores(
        precision=precision,
        recall=recall,
        granularity=gran,
        plagdet=f1 / math.log2(1 + gran),
        micro_precision=micro_hit_r / micro_all_r if micro_all_r else 0.0,
        micro_recall=micro_hit_s / micro_all_s if micro_all_s else 0.0,
    )
