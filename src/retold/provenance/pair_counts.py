"""How many times each pair of articles shares a key: pair codes made from buckets and counted in batches.

The candidate stage's counts (``candidates``): every bucket of rows that share a band key, a sentence, a quotation
or a set of numbers gives the codes of its pairs (``pair_table.encode``), about ``BATCH`` at a time, and
:class:`PairCounts` turns them into the distinct codes and how often each came, never holding a Python object a
pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from retold.provenance.pair_table import NO_CODES, Buckets, encode

BATCH = 1 << 18  # pairs of rows made at once from buckets (2 MiB of codes)
NO_COUNTS = np.zeros(0, dtype=np.int32)
FOLD = 1 << 19  # band pairs' codes held before they are folded into the counts (``PairCounts``; 4 MiB)


def pair_codes(buckets: Iterable[np.ndarray], wanted: np.ndarray | None, cap: int) -> Iterator[np.ndarray]:
    """The codes of the pairs of rows each bucket of 2 to ``cap`` rows holds, one per bucket (a row repeated in
    a bucket pairs with nobody for it), about ``BATCH`` at a time; with ``wanted`` (sorted rows) only pairs
    with a wanted row."""
    return group_codes(_grouped(buckets, cap), wanted, cap)


def _grouped(buckets: Iterable[np.ndarray], cap: int) -> Iterator[Buckets]:
    """Buckets one at a time as the ``(sizes, rows)`` groups of :func:`group_codes`, about ``BATCH`` pairs each."""
    sizes: list[int] = []
    parts: list[np.ndarray] = []
    held = 0
    for rows in buckets:
        n = len(rows)
        if 2 <= n <= cap:
            sizes.append(n)
            parts.append(np.asarray(rows, dtype=np.int64))
            held += n * (n - 1) // 2
            if held >= BATCH:
                yield np.asarray(sizes, dtype=np.int64), np.concatenate(parts)
                sizes, parts, held = [], [], 0
    if sizes:
        yield np.asarray(sizes, dtype=np.int64), np.concatenate(parts)


def group_codes(groups: Iterable[Buckets], wanted: np.ndarray | None, cap: int) -> Iterator[np.ndarray]:
    """:func:`pair_codes` of buckets given flat: ``(sizes, rows)``, each bucket's rows one after another (the
    store's ``band_groups``), so no array is made per bucket. The buckets of one size are paired together, a
    ``(buckets, size)`` block at a time (pairing them one at a time, ``triu_indices`` and a stack per bucket,
    took 4.7 of the 11 s candidate stage of 10,000 real articles)."""
    out: list[np.ndarray] = []
    held = 0
    for sizes, rows in groups:
        starts = np.zeros(len(sizes), dtype=np.int64)
        np.cumsum(sizes[:-1], out=starts[1:])
        for n in np.unique(sizes).tolist():
            if not 2 <= n <= cap:
                continue
            i, j = np.triu_indices(n, 1)
            these = starts[sizes == n]
            step = max(1, BATCH // len(i))
            for k in range(0, len(these), step):
                block = rows[these[k : k + step, None] + np.arange(n)]
                a, b = block[:, i].ravel(), block[:, j].ravel()
                lo, hi = np.minimum(a, b), np.maximum(a, b)
                keep = lo != hi
                if wanted is not None:
                    keep &= np.isin(lo, wanted) | np.isin(hi, wanted)
                out.append(encode(lo[keep], hi[keep]))
                held += len(out[-1])
                if held >= BATCH:
                    yield np.concatenate(out)
                    out, held = [], 0
    if out:
        yield np.concatenate(out)


class PairCounts:
    """How many times each code came, over batches: the codes are kept as they come (8 bytes a pair) and sorted once
    when counted. With ``fold`` those held are folded into the distinct codes and counts so far whenever they reach
    ``FOLD`` (or as many as those), while a fold at least halves what is held: band pairs come some 22 times each
    (100,000 ciphered articles: 1,705,145 codes, 77,818 distinct); where most come once (the copied fillers' 8.5
    million), folding every batch took 32 bytes a pair at each fold, so it stops."""

    def __init__(self, fold: bool = False) -> None:
        self._parts: list[np.ndarray] = []
        self._held = 0
        self._codes, self._counts = NO_CODES, NO_COUNTS
        self._folding = fold

    def add(self, codes: np.ndarray) -> None:
        if len(codes):
            self._parts.append(codes)
            self._held += len(codes)
            if self._folding and self._held >= max(FOLD, len(self._codes)):
                before = self._held + len(self._codes)
                self._codes, self._counts = _merge(self._codes, self._counts, *_count(self._take(), 1))
                self._folding = 2 * len(self._codes) <= before

    def _take(self) -> np.ndarray:
        """Every code held, in one array (each batch let go once copied)."""
        codes = np.empty(self._held, dtype=np.int64)
        at = 0
        while self._parts:
            part = self._parts.pop(0)
            codes[at : at + len(part)] = part
            at += len(part)
        self._held = 0
        return codes

    def result(self, at_least: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """The distinct codes that came ``at_least`` times, sorted, and how often each came."""
        if not len(self._codes):
            return _count(self._take(), at_least)
        codes, counts = _merge(self._codes, self._counts, *_count(self._take(), 1))
        self._codes, self._counts = NO_CODES, NO_COUNTS
        return (codes, counts) if at_least <= 1 else (codes[counts >= at_least], counts[counts >= at_least])


def _count(codes: np.ndarray, at_least: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of ``codes`` (sorted here, in place) that come ``at_least`` times, and their counts."""
    codes.sort()
    if at_least > 1 and len(codes):  # only the codes equal to a neighbour: no arrays the size of the distinct
        # ones (100,000 articles: 1.41 million pairs share a set of numbers, 1.39 million of them once)
        same = codes[1:] == codes[:-1]
        near = np.zeros(len(codes), dtype=bool)
        near[1:] = same
        near[:-1] |= same
        del same
        codes = codes[near]
        del near
    if not len(codes):
        return NO_CODES, NO_COUNTS
    first = _starts(codes)
    counts = np.empty(len(first), dtype=np.int32)
    np.subtract(first[1:], first[:-1], out=counts[:-1], casting="unsafe")
    counts[-1] = len(codes) - first[-1]
    if at_least > 1:
        return codes[first[counts >= at_least]], counts[counts >= at_least]
    return codes[first], counts


def _starts(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal values of sorted ``codes`` starts, with no copies of the codes."""
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    np.not_equal(codes[1:], codes[:-1], out=new[1:])
    return np.flatnonzero(new)


def _merge(c1: np.ndarray, n1: np.ndarray, c2: np.ndarray, n2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two sets of distinct sorted codes with their counts as one."""
    if not len(c1) or not len(c2):
        return (c2, n2) if not len(c1) else (c1, n1)
    codes = np.concatenate([c1, c2])
    order = np.argsort(codes, kind="stable")
    codes, counts = codes[order], np.concatenate([n1, n2])[order]
    del order
    first = _starts(codes)
    return codes[first], np.add.reduceat(counts, first).astype(np.int32)


def count_pairs(
    buckets: Iterable[np.ndarray],
    wanted: np.ndarray | None,
    cap: int,
    keep: Callable[[np.ndarray], np.ndarray] | None = None,
    at_least: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs of :func:`pair_codes` (sorted codes) in ``at_least`` buckets and in how many each is
    (``keep``: only the codes it says, each batch's as it comes)."""
    batches = pair_codes(buckets, wanted, cap)
    return count_codes(batches if keep is None else (codes[keep(codes)] for codes in batches), at_least)


def count_groups(groups: Iterable[Buckets], wanted: np.ndarray | None, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`count_pairs` of buckets given flat (:func:`group_codes`), folded as they come (``PairCounts``)."""
    return count_codes(group_codes(groups, wanted, cap), fold=True)


def count_codes(batches: Iterable[np.ndarray], at_least: int = 1, fold: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes of these batches that came ``at_least`` times, sorted, and how often each came."""
    pc = PairCounts(fold)
    for codes in batches:
        pc.add(codes)
    return pc.result(at_least)
