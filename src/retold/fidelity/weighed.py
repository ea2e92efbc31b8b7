"""Only the changes the direction weighs, for a scan that stores verdicts and no flags.

The direction counts dropped and added names, numbers, quotes and credits (``direction.SPECIFIC_FAMILIES``
and attribution); claims, meaning shifts and disguise never enter it. A scan keeps the edge and its
evidence, not the flags (a pair's flags are read again when it is viewed), so it asks only for these:
the direction comes out the same as after the full :func:`retold.fidelity.analyse`, for about two thirds
of its cost (``benchmarks/pair_speed.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from retold.fidelity import attribution, entities, numbers, quotes
from retold.fidelity._shared import doc_for, valid_matches
from retold.model import Article, Flag, Match


def weighed(
    a: Article, b: Article, matches: Sequence[Match], only_in_a: Sequence[int], only_in_b: Sequence[int]
) -> list[Flag]:
    """The flags of ``analyse`` that the direction counts (kinds ending in ``_dropped`` or ``_added`` of the
    families it weighs), each once; no others."""
    from retold.fidelity import RELATED_FLOOR

    valid = valid_matches(a, b, matches)
    if not valid:
        return []
    ms = [m for m in valid if m.label != "related" or m.score >= RELATED_FLOOR]
    da, db = doc_for(a), doc_for(b)
    found = [
        *quotes.compare(da, db, ms),
        *numbers.compare(da, db, ms),
        *entities.compare(da, db, ms, attribution.name_spans(da), attribution.name_spans(db)),
        *attribution.compare(da, db, ms),
    ]
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in found:
        key = (f.kind, f.a, f.b)
        if f.kind.endswith(("_dropped", "_added")) and key not in seen:
            seen.add(key)
            out.append(f)
    return out
