"""Sentences an outlet repeats across many of its articles (bylines, promos, copyright lines).

Two articles that share only such a sentence have not retold each other. A sentence key is
boilerplate for an outlet when at least ``per_outlet`` of that outlet's articles carry it, and
boilerplate everywhere when at least ``everywhere`` articles do (``max(50, 0.5%)`` of the store by
default; "All rights reserved." needs no outlet). Articles with no known outlet (no source, no URL)
are only ever judged by the second rule: a wire story printed by several unnamed outlets is reuse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from retold.fingerprint import sentence_key
from retold.model import Article

PER_OUTLET = 5
EVERYWHERE_MIN = 50
EVERYWHERE_SHARE = 0.005


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
    counts: Iterable[tuple[int, str | None, int]], n_articles: int, per_outlet: int = PER_OUTLET
) -> Boilerplate:
    """Build from ``(sentence key, outlet, articles of that outlet holding it)`` rows."""
    bp = Boilerplate()
    total: dict[int, int] = defaultdict(int)
    for key, outlet, n in counts:
        total[key] += n
        if outlet is not None and n >= per_outlet:
            bp.by_outlet.setdefault(outlet, set()).add(key)
    limit = everywhere_threshold(n_articles)
    bp.everywhere = {k for k, n in total.items() if n >= limit}
    return bp
