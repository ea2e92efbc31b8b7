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
SLICE = 1 << 16  # pairs turned into Python tuples at once
NO_CODES = np.zeros(0, dtype=np.int64)
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
