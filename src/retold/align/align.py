"""Many-to-many, reorder-tolerant sentence alignment.

Three passes over an all-pairs link score: (1) anchors, the strongest one-to-one pairs in any
order; (2) joins, a sentence whose best partner is already aligned joins that group when it sits
next to the group's sentences on its own side (a sentence split in two, two merged into one) or
when the link is strong on its own, unless the group's own pair already says the same words (a
verbatim pair leaves nothing for a neighbour to explain) or the joiner brings none of the content words
the group's other side holds and its own side lacks (a neighbour of a sentence trimmed on the way explains
nothing of it); (3) merges of neighbouring groups that link across as strongly as within (two pairs
with the same words are complete and stay apart). What is left may pair up as ``related`` when both
sides are each other's best; such a pair takes a neighbour as a join would when the neighbour says mostly the
partner's words (a line split in two whose halves each fall under the anchor).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retold.align.features import Links


@dataclass(frozen=True)
class Thresholds:
    """Link-score bounds for one mode; chosen on the seeds and examples, checked by the evaluation harness."""

    anchor: float
    join: float
    strong_join: float
    related: float


MODEL_THRESHOLDS = Thresholds(anchor=0.65, join=0.5, strong_join=1.1, related=0.5)
LEXICAL_THRESHOLDS = Thresholds(anchor=0.38, join=0.25, strong_join=0.85, related=0.25)
# a neighbour joins a related pair (a split line's other half) when this share of its content words are the partner's:
# chosen in 4 of 5 folds of CV over contiguous blocks of WMT19's even pseudo-articles (benchmarks/split_halves.py --cv)
HALF_WORDS = 0.4


def link_scores(m: Links) -> np.ndarray:
    """One symmetric score per sentence pair: meaning (cosine) plus shared content words."""
    contain = np.maximum(m.word_ab, m.word_ba.T)
    if m.cos is not None:
        return np.asarray(m.cos + 0.3 * contain, dtype=np.float32)
    return np.asarray(np.maximum(m.lexical(), 0.6 * contain), dtype=np.float32)


@dataclass
class Group:
    """Sentences of A and B aligned together; ``seed`` is the link that founded it."""

    a: set[int]
    b: set[int]
    seed: float
    weak: bool = False
    exact: bool = False  # founded by two sentences with the same words: nothing left for a joiner


def _adjacent(k: int, members: set[int]) -> bool:
    return (k - 1) in members or (k + 1) in members


Terms = Sequence[frozenset[str]]


def _explains(terms: tuple[Terms, Terms] | None, k: int, own: set[int], other: set[int], side: int) -> bool:
    """Whether sentence ``k`` of one side (``side`` 0: A, 1: B) holds a content word that the group's
    ``other`` sentences have and its ``own`` sentences on ``k``'s side lack: a join must explain something."""
    if terms is None:
        return True
    mine, theirs = terms[side], terms[1 - side]
    missing = frozenset().union(*(theirs[o] for o in other)) - frozenset().union(*(mine[x] for x in own))
    return bool(missing & mine[k])


def ranked_links(link: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    """``(row, column, score)`` of the links from ``floor`` up, strongest first, ties in index order: what the passes
    read, the head of a stable sort of every link (only those from the floor up are sorted: most candidate pairs of a
    scan have few)."""
    flat = link.reshape(-1)
    order = np.flatnonzero(flat >= floor)
    order = order[np.argsort(-flat[order], kind="stable")]
    rows, cols = np.divmod(order, link.shape[1])
    return list(zip(rows.tolist(), cols.tolist(), flat[order].tolist(), strict=True))


def align(
    link: np.ndarray,
    t: Thresholds,
    exact: np.ndarray | None = None,
    terms: tuple[Terms, Terms] | None = None,
) -> list[Group]:
    """Group sentence indices of A (rows) and B (columns) by the three passes.

    ``exact[i, j]`` marks pairs with the same words (case, punctuation and spacing aside); ``terms``
    holds each sentence's content words (A's, B's) for the rule that a join must explain something.
    """
    n, m = link.shape
    ga = [-1] * n
    gb = [-1] * m
    groups: list[Group] = []

    if n == 0 or m == 0:
        return groups
    best_b = np.argmax(link, axis=1).tolist()  # each A sentence's best partner in B
    best_a = np.argmax(link, axis=0).tolist()
    cells = ranked_links(link, min(t.anchor, t.join))
    changed = True
    while changed:
        changed = False
        for i, j, s in cells:
            if ga[i] < 0 and gb[j] < 0:
                if s >= t.anchor:
                    ga[i] = gb[j] = len(groups)
                    groups.append(Group({i}, {j}, s, exact=exact is not None and bool(exact[i, j])))
                    changed = True
            elif ga[i] < 0 and best_b[i] == j and s >= t.join:
                g = groups[gb[j]]
                if not g.exact and (_adjacent(i, g.a) or s >= t.strong_join) and _explains(terms, i, g.a, g.b, 0):
                    g.a.add(i)
                    ga[i] = gb[j]
                    changed = True
            elif gb[j] < 0 and ga[i] >= 0 and best_a[j] == i and s >= t.join:
                g = groups[ga[i]]
                if not g.exact and (_adjacent(j, g.b) or s >= t.strong_join) and _explains(terms, j, g.b, g.a, 1):
                    g.b.add(j)
                    gb[j] = ga[i]
                    changed = True

    merged = True
    while merged:
        merged = False
        for g1 in range(len(groups)):
            for g2 in range(len(groups)):
                x, y = groups[g1], groups[g2]
                if g1 == g2 or not x.a or not y.a:
                    continue
                if not (any(_adjacent(k, y.a) for k in x.a) and any(_adjacent(k, y.b) for k in x.b)):
                    continue
                if x.exact and y.exact:  # two pairs with the same words (a line repeated down both articles)
                    continue
                cross = max(float(link[i, j]) for i in x.a for j in y.b)
                if cross >= t.anchor and cross >= min(x.seed, y.seed):
                    x.a |= y.a
                    x.b |= y.b
                    x.seed = max(x.seed, y.seed)
                    y.a, y.b = set(), set()
                    merged = True
        groups = [g for g in groups if g.a]

    ga = [-1] * n
    gb = [-1] * m
    for gi, g in enumerate(groups):
        for i in g.a:
            ga[i] = gi
        for j in g.b:
            gb[j] = gi
    free_a = [i for i in range(n) if ga[i] < 0]
    free_b = [j for j in range(m) if gb[j] < 0]
    if free_a and free_b:
        sub = link[np.ix_(free_a, free_b)]
        best_col, best_row = sub.argmax(axis=1).tolist(), sub.argmax(axis=0).tolist()  # ``sub`` stays as it is
        for r, i in enumerate(free_a):
            c = best_col[r]
            if ga[i] >= 0 or gb[free_b[c]] >= 0:  # joined a pair before as its half
                continue
            if best_row[c] == r and float(sub[r, c]) >= t.related:
                ga[i] = gb[free_b[c]] = len(groups)
                groups.append(Group({i}, {free_b[c]}, float(sub[r, c]), weak=True))
                _join_halves(groups[-1], ga, gb, link, t, terms, (best_b, best_a))
    return groups


def _join_halves(
    g: Group,
    ga: list[int],
    gb: list[int],
    link: np.ndarray,
    t: Thresholds,
    terms: tuple[Terms, Terms] | None,
    best: tuple[list[int], list[int]],
) -> None:
    """The join pass for a pair the last pass paired up: a line split in two may leave each half under the anchor,
    its stronger half then pairs up as ``related`` and the other, next to it and best linked to the same partner,
    joins it as a half joins an anchored group, when it also says mostly what the partner says (a share
    ``HALF_WORDS`` of its content words are the partner's: a half of the partner, not a neighbour on its topic).
    Across languages (no words) nothing joins such a pair. ``best``: each A sentence's best partner in B (the
    argmax of its row of ``link``) and each B sentence's in A."""
    if terms is None:
        return
    (i,), (j,) = g.a, g.b
    for side, k0, own, mine, partner in ((0, i, ga, g.a, j), (1, j, gb, g.b, i)):
        words = terms[side]
        for k in (k0 - 1, k0 + 1):
            if not 0 <= k < len(own) or own[k] >= 0:
                continue
            if best[side][k] != partner or float(link[k, partner] if side == 0 else link[partner, k]) < t.join:
                continue
            # the words last: most neighbours are not best linked to the partner, and their terms need not be made
            if (
                words[k]
                and len(words[k] & terms[1 - side][partner]) >= HALF_WORDS * len(words[k])
                and _explains(terms, k, mine, g.b if side == 0 else g.a, side)
            ):
                mine.add(k)
                own[k] = own[k0]
