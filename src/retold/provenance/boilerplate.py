"""Sentences an outlet repeats across many of its articles (bylines, promos, copyright lines).

Two articles that share only such a sentence have not retold each other. A sentence key is
boilerplate for an outlet when at least ``per_outlet`` of that outlet's articles carry it, and
boilerplate everywhere when at least ``everywhere`` articles do (``max(50, 0.5%)`` of the store by
default; "All rights reserved." needs no outlet). Articles with no known outlet (no source, no URL)
count towards the second rule only: a wire story printed by several unnamed outlets is reuse.

A third rule finds furniture too rare for the second (a columnist's biography, a newsletter sign-up box, a
wire footer): a key is boilerplate everywhere when ``SPREAD_MIN`` articles of known outlets hold it and they
share little else, the median pair of them no more than ``SPREAD_SHARED`` sentences in all. Articles that ran
one story share its run of sentences, so wire copy stays reuse however many outlets print it. Both numbers
were chosen by cross-validation over three contiguous blocks of 4,000 news_allsides articles
(``benchmarks/boilerplate_spread.py``): no held-out block lost a pair read as real reuse, and a scan of the
three drops 7 of 141 edges (a columnist's biography, an AP footer, a slideshow's credits).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from retold.fingerprint import KIND_SENTENCE, sentence_key
from retold.model import Article
from retold.provenance.pair_table import Shared
from retold.store.records import Info

PER_OUTLET = 5
EVERYWHERE_MIN = 50
EVERYWHERE_SHARE = 0.005
SPREAD_MIN = 4
SPREAD_SHARED = 3
PAIRS_AT_ONCE = 1 << 18  # pairs of rows made at once (2 MiB of each of two columns)


@dataclass
class Boilerplate:
    """Sentence keys to ignore, per outlet and everywhere."""

    by_outlet: dict[str, set[int]] = field(default_factory=dict)
    everywhere: set[int] = field(default_factory=set)

    def is_boilerplate(self, key: int | None, outlet: str | None) -> bool:
        if key is None:
            return False
        return key in self.everywhere or (outlet is not None and key in self.by_outlet.get(outlet, ()))

    def sentences(self, article: Article, outlet: str | None) -> set[int]:
        """Indices of the article's boilerplate sentences."""
        if not self.everywhere and not (outlet and self.by_outlet.get(outlet)):
            return set()
        return {s.i for s in article.sentences if self.is_boilerplate(sentence_key(s.norm), outlet)}

    def held(
        self, postings: Mapping[int, Iterable[tuple[int, int, int]]], outlets: Mapping[int, str | None]
    ) -> dict[int, set[int]]:
        """:meth:`sentences` of every article that holds one of these keys, from the store's postings of them
        (``Store.key_postings``: ``key -> [(article, sentence, kind)]``, the keys the add hashed from the same
        normal forms); an article not named has none. A scan hashed every sentence of every article it verified
        again (10,000 real articles: 3,354 articles, 125,140 sentences, 0.9 s of CPU; 277 of them hold any)."""
        out: dict[int, set[int]] = {}
        for key, held in postings.items():
            for row, i, kind in held:
                if kind == KIND_SENTENCE and self.is_boilerplate(key, outlets.get(row)):
                    out.setdefault(row, set()).add(i)
        return out

    def keys(self) -> set[int]:
        """Every key, of an outlet or everywhere."""
        return self.everywhere.union(*self.by_outlet.values())

    def __len__(self) -> int:
        return len(self.everywhere) + sum(len(v) for v in self.by_outlet.values())

    def entries(self) -> set[tuple[str | None, int]]:
        """``(outlet, key)`` for each key (outlet None: boilerplate everywhere), as a store keeps them."""
        out: set[tuple[str | None, int]] = {(None, k) for k in self.everywhere}
        out.update((o, k) for o, keys in self.by_outlet.items() for k in keys)
        return out


def everywhere_threshold(n_articles: int) -> int:
    return max(EVERYWHERE_MIN, int(EVERYWHERE_SHARE * n_articles))


def from_counts(
    counts: Iterable[tuple[int, str | None, int]],
    n_articles: int,
    per_outlet: int = PER_OUTLET,
    spread: Iterable[int] = (),
) -> Boilerplate:
    """Build from ``(sentence key, outlet, articles of that outlet holding it)`` rows and the keys
    :func:`spread` found (boilerplate everywhere)."""
    bp = Boilerplate()
    total: dict[int, int] = defaultdict(int)
    for key, outlet, n in counts:
        total[key] += n
        if outlet is not None and n >= per_outlet:
            bp.by_outlet.setdefault(outlet, set()).add(key)
    limit = everywhere_threshold(n_articles)
    bp.everywhere = {k for k, n in total.items() if n >= limit} | set(spread)
    return bp


Holders = Mapping[int, Collection[int]] | Shared  # the articles (rows) holding each sentence key


def _flat(holders: Holders) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The keys, how many rows each has, and the rows one after another."""
    if isinstance(holders, Shared):
        return holders.keys, np.diff(holders.starts), holders.rows
    keys = np.fromiter(holders, dtype=np.int64, count=len(holders))
    sizes = np.fromiter((len(v) for v in holders.values()), dtype=np.int64, count=len(keys))
    return keys, sizes, np.fromiter(itertools.chain.from_iterable(holders.values()), np.int64, int(sizes.sum()))


def per_outlet(
    holders: Holders, outlets: Mapping[int, str | None]
) -> tuple[np.ndarray, list[str | None], np.ndarray, np.ndarray]:
    """How many articles of each outlet hold each key (a row not in ``outlets``: outlet None), as arrays of
    ``(key, outlet, n)`` with the outlets as codes into the list of their names."""
    keys, sizes, flat = _flat(holders)
    owner = np.repeat(np.arange(len(keys), dtype=np.int64), sizes)
    ids, row = _renumber(flat)
    names: dict[str | None, int] = {}
    code = np.array([names.setdefault(outlets.get(r), len(names)) for r in ids.tolist()], dtype=np.int64)
    n_ids, n_names = max(len(ids), 1), max(len(names), 1)
    own, row = np.divmod(np.unique(owner * n_ids + row), n_ids)  # each key's articles, once
    held, n = np.unique(own * n_names + code[row], return_counts=True)
    k, o = np.divmod(held, n_names)
    return keys[k], list(names), o, n


def deciding_counts(
    holders: Holders, outlets: Mapping[int, str | None], n_articles: int, per_outlet_: int = PER_OUTLET
) -> list[tuple[int, str | None, int]]:
    """The rows of :func:`from_counts`' input that decide (its answer is the same): those of ``per_outlet_`` or
    more articles, and each key's total where it makes the key boilerplate everywhere. 100,000 real-length
    articles hold 601,319 shared sentence keys, most in two articles: their rows as tuples took some 100 MB."""
    keys, names, o, n = per_outlet(holders, outlets)
    first = np.flatnonzero(_firsts(keys))
    total = np.add.reduceat(n, first) if len(first) else n
    every = total >= everywhere_threshold(n_articles)
    out = [(key, names[c], m) for key, c, m in zip(*(x[n >= per_outlet_].tolist() for x in (keys, o, n)), strict=True)]
    return out + [(key, None, m) for key, m in zip(keys[first][every].tolist(), total[every].tolist(), strict=True)]


def outlet_counts(rows_by_key: dict[int, list[int]], info: dict[int, Info]) -> list[tuple[int, str | None, int]]:
    """``(key, outlet, n)``: how many articles of each outlet hold each sentence key (boilerplate's input)."""
    keys, names, o, n = per_outlet(rows_by_key, {r: i.outlet for r, i in info.items()})
    return [(key, names[c], m) for key, c, m in zip(keys.tolist(), o.tolist(), n.tolist(), strict=True)]


def spread(
    holders: Holders,
    outlets: Mapping[int, str | None],
    n_articles: int,
    least: int = SPREAD_MIN,
    shared: int = SPREAD_SHARED,
) -> set[int]:
    """Sentence keys that unrelated articles hold (the third rule). ``holders``: the articles (rows) holding
    each shared sentence key, every such key of the articles concerned, since a pair's sentences in common
    are counted over them; ``outlets``: each row's outlet.

    Each key's pairs of articles are written as codes ``a * n + b`` (``a < b``, rows renumbered 0..n-1) in
    one array, sorted once to count how many keys each pair shares: memory grows with those pairs, some 60
    bytes each at the peak, all told (a ``Counter`` of tuples took some 180)."""
    limit = everywhere_threshold(n_articles)
    keys, sizes, flat = _flat(holders)
    ids, row = _renumber(flat)
    del flat
    n = max(len(ids), 1)
    held = np.repeat(np.arange(len(keys), dtype=np.int64), sizes) * n + row
    held.sort()
    owner, row = np.divmod(held[_firsts(held)], n)  # each key's articles, once per key, in order
    del held
    n_rows = np.bincount(owner, minlength=len(keys))
    small = n_rows[owner] < limit  # boilerplate already: left out
    owner, row = owner[small], row[small]
    known = np.fromiter((outlets.get(r) is not None for r in ids.tolist()), dtype=bool, count=len(ids))
    wanted = (n_rows >= least) & (n_rows < limit) & (np.bincount(owner[known[row]], minlength=len(keys)) >= least)
    if not wanted.any():
        return set()
    of_interest = np.zeros(len(ids), dtype=bool)
    of_interest[row[wanted[owner]]] = True
    mine = of_interest[row]
    codes, blocks = _pair_codes(owner[mine], row[mine], n)
    common = _times_each(codes)  # for every pair written, how many keys its two articles share
    del codes
    out: set[int] = set()
    for group, at, width in blocks:
        these = wanted[group]
        if these.any():
            median = np.median(common[at : at + len(group) * width].reshape(len(group), width)[these], axis=1)
            out.update(keys[group[these][median <= shared]].tolist())
    return out


def _firsts(sorted_: np.ndarray) -> np.ndarray:
    """Where each run of equal values of a sorted array begins."""
    first = np.ones(len(sorted_), dtype=bool)
    first[1:] = sorted_[1:] != sorted_[:-1]
    return first


def _renumber(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and each value's place among them."""
    order = np.argsort(values)
    sorted_ = values[order]
    first = _firsts(sorted_)
    place = np.empty(len(values), dtype=np.int64)
    place[order] = np.cumsum(first) - 1
    return sorted_[first], place


def _times_each(codes: np.ndarray) -> np.ndarray:
    """For each element, how many times its value comes in ``codes``."""
    order = np.argsort(codes)
    start = np.flatnonzero(_firsts(codes[order]))
    times = np.diff(np.append(start, len(codes))).astype(np.int32)
    out = np.empty(len(codes), dtype=np.int32)
    out[order] = np.repeat(times, times)
    return out


def _pair_codes(owner: np.ndarray, row: np.ndarray, n: int) -> tuple[np.ndarray, list[tuple[np.ndarray, int, int]]]:
    """Every pair of rows each key holds as a code ``a * n + b`` (``a < b``), and the blocks they were written
    in: ``(keys, offset, width)``, keys (``owner`` values) of one size ``m``, each one's ``width`` =
    ``m * (m - 1) / 2`` pairs in a line. ``owner`` sorted, each key's ``row`` sorted and distinct."""
    first = np.flatnonzero(_firsts(owner))
    group, start, size = owner[first], first, np.diff(np.append(first, len(owner)))
    codes = np.empty(int((size * (size - 1) // 2).sum()), dtype=np.int64)
    blocks: list[tuple[np.ndarray, int, int]] = []
    at = 0
    for m in np.unique(size[size >= 2]).tolist():
        these = size == m
        i, j = np.triu_indices(m, 1)
        step = max(1, PAIRS_AT_ONCE // len(i))
        for s in range(0, int(these.sum()), step):
            block = row[start[these][s : s + step, None] + np.arange(m)]
            line = codes[at : at + block.shape[0] * len(i)].reshape(block.shape[0], len(i))
            np.multiply(block[:, i], n, out=line)
            line += block[:, j]
            blocks.append((group[these][s : s + step], at, len(i)))
            at += line.size
    return codes, blocks
