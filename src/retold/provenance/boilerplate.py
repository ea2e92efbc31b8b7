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
import statistics
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from retold.fingerprint import sentence_key
from retold.model import Article

PER_OUTLET = 5
EVERYWHERE_MIN = 50
EVERYWHERE_SHARE = 0.005
SPREAD_MIN = 4
SPREAD_SHARED = 3


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


def spread(
    holders: Mapping[int, Collection[int]],
    outlets: Mapping[int, str | None],
    n_articles: int,
    least: int = SPREAD_MIN,
    shared: int = SPREAD_SHARED,
) -> set[int]:
    """Sentence keys that unrelated articles hold (the third rule). ``holders``: the articles (rows) holding
    each shared sentence key, every such key of the articles concerned, since a pair's sentences in common
    are counted over them; ``outlets``: each row's outlet."""
    limit = everywhere_threshold(n_articles)
    distinct = [(k, set(rows)) for k, rows in holders.items()]  # each key's articles, once per key
    distinct = [(k, rows) for k, rows in distinct if len(rows) < limit]  # boilerplate already: left out
    wanted = {k: sorted(rows) for k, rows in distinct if len(rows) >= least}
    wanted = {k: rows for k, rows in wanted.items() if sum(outlets.get(r) is not None for r in rows) >= least}
    if not wanted:
        return set()
    rows_of_interest = {r for rows in wanted.values() for r in rows}
    common: Counter[tuple[int, int]] = Counter()
    for _, rows in distinct:
        mine = sorted(rows & rows_of_interest)
        if len(mine) >= 2:
            common.update(itertools.combinations(mine, 2))
    return {
        k
        for k, rows in wanted.items()
        if statistics.median(common[p] for p in itertools.combinations(rows, 2)) <= shared
    }
