"""How much of an article its sources carry, each source's part, and the same with sources left out.

A reviewer who accepts a source (the agency the outlet pays for, its own earlier story) excludes it
and reads the figures again. Only reuse counts (verbatim, edited, paraphrase, translation; a
``related`` match shares a topic, not text), measured as coverage is: the share of the article's
sentence characters. Each sentence is credited to the best-ranked kept source that carries it, so
the parts add up to the whole, and a sentence an excluded source held passes to the next one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from retold.align.verdict import SUBSTANTIVE, coverage
from retold.provenance.scan import Found


@dataclass(frozen=True)
class SourceShare:
    """One source: ``share`` of the article reused from it alone; ``own``, the part credited to it (0 when excluded,
    and when ``retells_it``: the direction names the article as this one's source, so it is a later copy)."""

    id: str
    share: float
    own: float
    excluded: bool
    retells_it: bool = False


@dataclass(frozen=True)
class Shares:
    """``reused``: the article's share reused from the kept sources together (the sum of their ``own``)."""

    reused: float
    sources: list[SourceShare]
    excluded: list[str]


def source_shares(found: Sequence[Found], exclude: Collection[str] = ()) -> Shares:
    """The shares of ``found`` (as ``sources`` ranks them, best first), leaving out the ids in ``exclude``."""
    if not found:
        return Shares(0.0, [], [])
    query = found[0].comparison.a
    taken: set[int] = set()
    out = []
    for f in found:
        held = {i for m in f.comparison.matches if m.label in SUBSTANTIVE for i in m.a}
        share = round(coverage(query, held), 4)
        if f.edge.b in exclude:
            out.append(SourceShare(f.edge.b, share, 0.0, True))
            continue
        if f.edge.direction == "a_to_b":  # it took from the article: no part of the article is reused from it
            out.append(SourceShare(f.edge.b, share, 0.0, False, retells_it=True))
            continue
        out.append(SourceShare(f.edge.b, share, round(coverage(query, held - taken), 4), False))
        taken |= held
    return Shares(round(coverage(query, taken), 4), out, [s.id for s in out if s.excluded])
