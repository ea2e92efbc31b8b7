"""Flags told from the source's side, whichever order the two articles were given in.

Every check reads its first article as the source: ``*_dropped`` is what the source has and the
retelling lacks, ``claim_added`` a clause only the retelling has. Read in argument order, a
retelling given first would be told as "credit added" and its added clauses would go unseen. So
once the direction says B came first, the checks run again with the articles swapped and each
flag's sides are swapped back: ``compare(a, b)`` and ``compare(b, a)`` report the same findings,
with the spans of A and B mirrored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from retold.model import Article, DiffOp, Direction, Flag, Match, Side

SWAPPED_OP: dict[str, Literal["equal", "replace", "delete", "insert"]] = {
    "equal": "equal",
    "replace": "replace",
    "delete": "insert",
    "insert": "delete",
}

UNDECIDED_NOTE = "direction {direction}: the flags read A as the source and B as the retelling, by argument order alone"
# Flags say what a retelling did to its source; two reports of one event written independently retell nothing.
# (Flag audits: 4 of the 14 judged flags raised on such pairs were right, against 0.54-0.70 of all flags.)
INDEPENDENT_NOTE = "same story, written independently: no flags (flags say what a retelling changed in its source)"

Analyse = Callable[[Article, Article, Sequence[Match], Sequence[int], Sequence[int]], list[Flag]]


def swap_match(m: Match) -> Match:
    """The same match seen from the other article: sides swapped, the word diff turned round."""
    diff = tuple(DiffOp(SWAPPED_OP[d.op], d.b, d.a) for d in m.diff)
    return Match(m.b, m.a, m.label, m.score, diff, dict(m.evidence))


def source_of(direction: Direction) -> Side | None:
    """The article that came first, when the direction names one."""
    return "a" if direction == "a_to_b" else "b" if direction == "b_to_a" else None


def from_source(
    analyse: Analyse,
    a: Article,
    b: Article,
    matches: Sequence[Match],
    only_in_a: Sequence[int],
    only_in_b: Sequence[int],
    direction: Direction,
    forward: Sequence[Flag],
) -> tuple[tuple[Flag, ...], Side, bool]:
    """The flags read from the source to the retelling, which side that source is, and whether the
    direction decided it (``forward``: the flags already read from A to B)."""
    source = source_of(direction)
    if source != "b":
        return tuple(forward), "a", source == "a"
    back = analyse(b, a, [swap_match(m) for m in matches], only_in_b, only_in_a)
    return tuple(f.mirrored() for f in back), "b", True
