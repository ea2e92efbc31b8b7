"""A scan's candidate evidence as numpy columns, not one object per pair of articles.

Every pair of articles that shares a band key, a sentence, a quotation or a set of numbers is a candidate until
ranked, and at 100,000 real-length articles (``benchmarks/corpus_scan.py --fill``) some 5.3 million pairs share
something: held as an ``Evidence`` object each under a tuple key they took most of the candidate stage's 2.3 GB.
Here a pair is a code ``lo << 32 | hi`` (rows ``lo < hi``: sorting the codes sorts the pairs), each channel's
counts a column beside the sorted codes, and the pairs of rows each bucket holds are made and counted a batch at
a time: memory grows with the arrays (24 bytes a pair in a lexical scan: a code and four counts), not with
Python objects (100,000 articles: main process 1,900 MiB and still growing -> 704 MiB at the peak of the stage).
Only the pairs selected become objects, one at a time, when asked for (:class:`Picked`).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

SHIFT = 32  # a row id below 2**31 fits either half of a code
BATCH = 1 << 18  # pairs of rows made at once from buckets (2 MiB of codes)
SLICE = 1 << 16  # pairs turned into Python tuples at once
NO_CODES = np.zeros(0, dtype=np.int64)
NO_COUNTS = np.zeros(0, dtype=np.int32)
FOLD = 1 << 19  # band pairs' codes held before they are folded into the counts (``PairCounts``; 4 MiB)
E = TypeVar("E")
Buckets = tuple[np.ndarray, np.ndarray]  # (sizes, rows): each bucket's rows one after another


def encode(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Codes of the pairs ``(lo, hi)``, ``lo < hi``."""
    return (np.asarray(lo, dtype=np.int64) << SHIFT) | np.asarray(hi, dtype=np.int64)


def decode(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return codes >> SHIFT, codes & ((1 << SHIFT) - 1)


def pairs_of(codes: np.ndarray) -> Iterator[tuple[int, int]]:
    """The pairs of ``codes`` as tuples, in their order, a slice at a time."""
    for k in range(0, len(codes), SLICE):
        lo, hi = decode(codes[k : k + SLICE])
        yield from zip(lo.tolist(), hi.tolist(), strict=True)


@dataclass(frozen=True)
class Shared:
    """Exact keys two or more articles hold, flat: key ``k`` (``keys[k]``, ``kinds[k]``) is held by
    ``rows[starts[k]:starts[k + 1]]``. One array each instead of a tuple and an array per key (100,000
    real-length articles: 764,420 keys)."""

    keys: np.ndarray
    kinds: np.ndarray
    starts: np.ndarray
    rows: np.ndarray

    @classmethod
    def of(cls, items: Iterable[tuple[int, int, np.ndarray]]) -> Shared:
        keys, sizes = array("q"), array("q")  # 8 bytes a key, not a list's Python ints (764,420 keys)
        kinds = bytearray()
        rows = bytearray()
        for key, kind, held in items:
            keys.append(key)
            kinds.append(kind)
            sizes.append(len(held))
            rows += np.asarray(held, dtype=np.int64).tobytes()
        starts = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(sizes, dtype=np.int64), out=starts[1:])
        return cls(
            np.frombuffer(keys, dtype=np.int64).copy(), np.frombuffer(kinds, dtype=np.uint8).copy(), starts,
            np.frombuffer(rows, dtype=np.int64).copy(),
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[tuple[int, int, np.ndarray]]:
        """``(key, kind, rows)`` per key, in the order given."""
        for k, (key, kind) in enumerate(zip(self.keys.tolist(), self.kinds.tolist(), strict=True)):
            yield key, kind, self.rows[self.starts[k] : self.starts[k + 1]]

    def only(self, kind: int) -> Shared:
        """The keys of one kind."""
        k = np.flatnonzero(self.kinds == kind)
        sizes = self.starts[k + 1] - self.starts[k]
        starts = np.zeros(len(k) + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        at = np.repeat(self.starts[k] - starts[:-1], sizes) + np.arange(int(starts[-1]))
        return Shared(self.keys[k], self.kinds[k], starts, self.rows[at])

    def of_kind(self, kind: int) -> Iterator[tuple[int, np.ndarray]]:
        """``(key, rows)`` of the keys of one kind."""
        starts = self.starts
        for k in np.flatnonzero(self.kinds == kind).tolist():
            yield int(self.keys[k]), self.rows[starts[k] : starts[k + 1]]


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


INTS = ("lsh", "sentences", "quotes", "numbers", "vec_lo", "vec_hi", "vec_close")
FLOATS = ("vec_sum", "vec_best")


@dataclass
class Table:
    """Evidence per pair: ``codes`` sorted and distinct, a column per ``Evidence`` field a channel gave (a field
    no channel gave is zero: a lexical scan holds no vector columns)."""

    codes: np.ndarray
    cols: dict[str, np.ndarray]

    @classmethod
    def of(cls, channels: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> Table:
        """The pairs of every channel's ``(codes, counts)`` with their counts."""
        t = cls(NO_CODES, {})
        t.put(channels)
        return t

    def __len__(self) -> int:
        return len(self.codes)

    def col(self, f: str, at: slice | np.ndarray = slice(None)) -> np.ndarray:
        """Field ``f`` of the pairs ``at`` (zeros where no channel gave it)."""
        if f in self.cols:
            return self.cols[f][at]
        return np.zeros(len(self.codes[at]), dtype=np.int32 if f in INTS else np.float64)

    def put(self, channels: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> None:
        """Add these channels' values (pairs not yet held are added; a value already held is replaced)."""
        codes = np.unique(np.concatenate([self.codes, *(c for c, _ in channels.values())]))
        if len(codes) != len(self.codes):
            at = np.searchsorted(codes, self.codes)
            for f, col in self.cols.items():
                wide = np.zeros(len(codes), dtype=col.dtype)
                wide[at] = col
                self.cols[f] = wide
            self.codes = codes
        for f, (c, values) in channels.items():
            if f not in self.cols:
                self.cols[f] = self.col(f)
            self.cols[f][np.searchsorted(self.codes, c)] = values

    def has(self, codes: np.ndarray) -> np.ndarray:
        if not len(self.codes):
            return np.zeros(len(codes), dtype=bool)
        at = np.clip(np.searchsorted(self.codes, codes), 0, len(self.codes) - 1)
        return np.asarray(self.codes[at] == codes, dtype=bool)

    def take(self, idx: np.ndarray) -> Table:
        return Table(self.codes[idx], {f: col[idx] for f, col in self.cols.items()})


class Picked(Mapping[tuple[int, int], E]):
    """The selected pairs, strongest first, each one's evidence made when asked for (``make`` of the columns'
    values by field name)."""

    def __init__(self, ranked: np.ndarray, table: Table, make: Callable[..., E]) -> None:
        self.ranked = ranked  # codes, strongest first
        self.table = table.take(np.searchsorted(table.codes, np.sort(ranked)))
        self.make = make

    def __len__(self) -> int:
        return len(self.ranked)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return pairs_of(self.ranked)

    def codes(self) -> np.ndarray:
        """The pairs' codes, sorted."""
        return self.table.codes

    def __getitem__(self, pair: tuple[int, int]) -> E:
        a, b = pair
        if not 0 <= a < b < 1 << SHIFT:
            raise KeyError(pair)
        code = (a << SHIFT) | b
        t = self.table
        k = int(np.searchsorted(t.codes, code))
        if k == len(t.codes) or int(t.codes[k]) != code:
            raise KeyError(pair)
        at = slice(k, k + 1)
        return self.make(**{f: int(t.col(f, at)[0]) for f in INTS}, **{f: float(t.col(f, at)[0]) for f in FLOATS})


def in_article_order(codes: np.ndarray) -> np.ndarray:
    """``jobs.by_article``'s order of these pairs (codes, in the order given), with arrays for its sets and lists:
    from each pair not yet taken, the pairs of every article met, breadth first."""
    m = len(codes)
    lo, hi = decode(np.asarray(codes, dtype=np.int64))
    ends = np.stack([lo, hi], axis=1).ravel()
    order = np.argsort(ends, kind="stable")  # each article's pairs in the order given
    n_rows = int(ends.max()) + 1 if m else 0
    first = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(ends, minlength=n_rows), out=first[1:])
    adj, start = _ints(order // 2), _ints(first)
    los, his = _ints(lo), _ints(hi)
    taken, met = bytearray(m), bytearray(n_rows)
    out = np.empty(m, dtype=np.int64)
    k = 0
    for i in range(m):
        if taken[i]:
            continue
        queue = deque((los[i], his[i]))
        met[los[i]] = met[his[i]] = 1
        while queue:
            r = queue.popleft()
            for j in adj[start[r] : start[r + 1]]:
                if taken[j]:
                    continue
                taken[j] = 1
                out[k] = j
                k += 1
                for x in (los[j], his[j]):
                    if not met[x]:
                        met[x] = 1
                        queue.append(x)
    return np.asarray(codes, dtype=np.int64)[out]


def _ints(values: np.ndarray) -> array[int]:
    """A compact list of Python ints (an ``array``: 8 bytes each, not a list's 36)."""
    out = array("q")
    out.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
    return out


def codes_of(pairs: np.ndarray) -> np.ndarray:
    """The sorted distinct codes of an ``(n, 2)`` array of pairs, smaller row first (``Store.checked_pairs``)."""
    return np.unique(encode(pairs[:, 0], pairs[:, 1]))


def unchecked(codes: np.ndarray, done: np.ndarray) -> np.ndarray:
    """The codes not in ``done`` (codes, sorted)."""
    if not len(done) or not len(codes):
        return codes
    at = np.clip(np.searchsorted(done, codes), 0, len(done) - 1)
    out: np.ndarray = codes[done[at] != codes]
    return out


def holds(sorted_codes: np.ndarray, pairs: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each pair (either way round) is among ``sorted_codes``."""
    if not pairs or not len(sorted_codes):
        return [False] * len(pairs)
    a, b = np.array(pairs, dtype=np.int64).reshape(-1, 2).T
    codes = encode(np.minimum(a, b), np.maximum(a, b))
    at = np.clip(np.searchsorted(sorted_codes, codes), 0, len(sorted_codes) - 1)
    return (sorted_codes[at] == codes).tolist()  # type: ignore[no-any-return]
