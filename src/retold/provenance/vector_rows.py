"""The vector channel's evidence as arrays: one row per (query article, hit article) of one search.

A scan searches every sentence of the collection, and at 10,000 articles the neighbours with a cosine of
0.45 or more join about a million article pairs, nearly all of which no channel admits. Held as one
``Evidence`` object each they took about 900 MB; as these arrays they take about 50 bytes a pair, and
only the pairs that can be admitted become objects (``candidates.bulk``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retold.store.base import split_id


@dataclass(frozen=True)
class PairRows:
    """Per (query row, hit row): distinct query sentences with a neighbour (``n_q``), distinct hit
    sentences (``n_h``), the best score and how many query sentences reach ``close_cos``; each row's
    best score per query sentence lies in ``scores[starts[k]:ends[k]]`` (in sentence order, so a Python
    ``sum`` over it adds them as the channel always has)."""

    q: np.ndarray
    h: np.ndarray
    n_q: np.ndarray
    n_h: np.ndarray
    best: np.ndarray
    close: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.q)

    def total(self, k: int) -> float:
        """The sum of row ``k``'s best scores, added one by one in sentence order."""
        return float(sum(self.scores[int(self.starts[k]) : int(self.ends[k])].tolist()))


def _groups(*keys: np.ndarray) -> np.ndarray:
    """Start of each run of equal keys in arrays sorted by them."""
    if len(keys[0]) == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(keys[0]), dtype=bool)
    change[0] = True
    for k in keys:
        change[1:] |= k[1:] != k[:-1]
    return np.flatnonzero(change)


def pair_rows(
    q_rows: np.ndarray, q_sent: np.ndarray, scores: np.ndarray, ids: np.ndarray, min_cos: float, close_cos: float
) -> PairRows:
    """The neighbours ``ids`` (with ``scores``, best first) of the query sentences ``q_sent`` of articles
    ``q_rows``, summed per article pair: hits in the query's own article and below ``min_cos`` left out."""
    qr = np.repeat(np.asarray(q_rows, dtype=np.int64), scores.shape[1])
    qi = np.repeat(np.asarray(q_sent, dtype=np.int64), scores.shape[1])
    hr, hi = split_id(ids.ravel())
    sc = scores.ravel()
    ok = (ids.ravel() >= 0) & (sc >= min_cos) & (hr != qr)
    qr, qi, hr, hi, sc = qr[ok], qi[ok], hr[ok], hi[ok], sc[ok]
    # the best score per (query row, hit row, query sentence), sentences in order
    order = np.lexsort((-sc, qi, hr, qr))
    qr, qi, hr, hi, sc = qr[order], qi[order], hr[order], hi[order], sc[order]
    first = _groups(qr, hr, qi)
    fq, fh, fs = qr[first], hr[first], sc[first]
    pairs = _groups(fq, fh)
    ends = np.append(pairs[1:], len(fq)).astype(np.int64)
    n_q = ends - pairs
    best = np.maximum.reduceat(fs, pairs) if len(pairs) else np.zeros(0, dtype=fs.dtype)
    # compared in float64, as Python compares the scores it reads (a float32 array against a Python float
    # compares in float32, and 0.7 in float32 is not below 0.7)
    wide = fs.astype(np.float64)
    close = np.add.reduceat((wide >= close_cos).astype(np.int64), pairs) if len(pairs) else np.zeros(0, dtype=np.int64)
    # distinct hit sentences per pair
    o2 = np.lexsort((hi, hr, qr))
    q2, h2, i2 = qr[o2], hr[o2], hi[o2]
    distinct = _groups(q2, h2, i2)
    per_pair = _groups(q2[distinct], h2[distinct])
    n_h = np.diff(np.append(per_pair, len(distinct)))
    return PairRows(fq[pairs], fh[pairs], n_q, n_h, best, close, pairs.astype(np.int64), ends, fs)


@dataclass(frozen=True)
class Merged:
    """The readings of several searches per article pair (``lo < hi``): the stronger of each field, and
    where each pair's rows lie (``rows[starts[g]:ends[g]]`` of ``parts``)."""

    lo: np.ndarray
    hi: np.ndarray
    vec_lo: np.ndarray
    vec_hi: np.ndarray
    best: np.ndarray
    close: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    parts: np.ndarray
    rows: np.ndarray

    def total(self, found: Sequence[PairRows], g: int) -> float:
        """Pair ``g``'s larger sum of best scores over the searches that saw it."""
        span = range(int(self.starts[g]), int(self.ends[g]))
        return max(found[int(self.parts[j])].total(int(self.rows[j])) for j in span)

    def admitted_alone(
        self,
        known: np.ndarray,
        n_vec: np.ndarray,
        single_cos: float,
        min_close: int,
        min_vec: int,
        min_vec_share: float,
    ) -> np.ndarray:
        """Which pairs ``evidence.admit`` takes on this evidence alone (``known``: sorted rows with
        ``n_vec`` indexable sentences each; a pair with an unknown article is never selected)."""
        has_lo, n_lo = _lookup(known, n_vec, self.lo)
        has_hi, n_hi = _lookup(known, n_vec, self.hi)
        small = np.minimum(n_lo, n_hi)
        share = np.maximum(self.vec_lo / np.maximum(n_lo, 1), self.vec_hi / np.maximum(n_hi, 1))
        ok = np.where(
            small <= 1,
            self.best.astype(np.float64) >= single_cos,
            (self.close >= min_close) | ((np.minimum(self.vec_lo, self.vec_hi) >= min_vec) & (share >= min_vec_share)),
        )
        return np.asarray(ok & has_lo & has_hi, dtype=bool)


def _lookup(known: np.ndarray, values: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(known) == 0:
        return np.zeros(len(rows), dtype=bool), np.zeros(len(rows), dtype=np.int64)
    at = np.clip(np.searchsorted(known, rows), 0, len(known) - 1)
    present = known[at] == rows
    return present, np.where(present, values[at], 0)


def merge_rows(found: Sequence[PairRows]) -> Merged | None:
    """The searches' rows per article pair, merged field by field (the stronger kept), whether one search
    saw the pair from both sides or several searches saw it: so how the queries are cut into searches
    changes nothing."""
    if not found:
        return None
    cols: list[list[np.ndarray]] = [[] for _ in range(8)]
    for n, pr in enumerate(found):
        fwd = pr.q < pr.h
        for col, values in zip(
            cols,
            (np.minimum(pr.q, pr.h), np.maximum(pr.q, pr.h), np.where(fwd, pr.n_q, pr.n_h),
             np.where(fwd, pr.n_h, pr.n_q), pr.best, pr.close, np.full(len(pr), n), np.arange(len(pr))),
            strict=True,
        ):  # fmt: skip
            col.append(values)
    lo, hi, vlo, vhi, best, close, part, row = (np.concatenate(c) for c in cols)
    if len(lo) == 0:
        return None
    order = np.lexsort((hi, lo))
    lo, hi, vlo, vhi, best, close, part, row = (x[order] for x in (lo, hi, vlo, vhi, best, close, part, row))
    starts = _groups(lo, hi)
    return Merged(
        lo[starts], hi[starts],
        np.maximum.reduceat(vlo, starts), np.maximum.reduceat(vhi, starts),
        np.maximum.reduceat(best, starts), np.maximum.reduceat(close, starts),
        starts, np.append(starts[1:], len(lo)), part, row,
    )  # fmt: skip
