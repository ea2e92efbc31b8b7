"""Names in a retelling's clause that the source gives too: in part, under another spelling or as another name.

A clause of a matched sentence is a claim added only when it carries a specific the source lacks
(``retold.fidelity.claims``); a name the source has in another form, or one standing where the
source names the same party otherwise, is no such specific.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise

from retold.fidelity._lexicon import TITLES
from retold.fidelity._shared import Doc, SentView
from retold.fidelity._stems import stem
from retold.fidelity.entities import Entity, entities, named_in
from retold.fidelity.rules import Example, nothing, rule
from retold.model import Match, Span

_TITLE_STEMS = frozenset(stem(w) for w in TITLES)


def norm_spans(sv: SentView, es: Sequence[Entity | Span]) -> list[tuple[int, int]]:
    """Entity (or other) spans in original offsets as normal offsets of the sentence."""
    out = []
    offsets = sv.offsets[:-1]
    ordered = all(x <= y for x, y in pairwise(offsets))
    for e in es:
        if ordered:  # the normal characters inside the name: one stretch, found by bisection
            lo, hi = bisect_left(offsets, e.start), bisect_left(offsets, e.end)
            if lo < hi:
                out.append((lo, hi))
            continue
        ks = [k for k, o in enumerate(offsets) if e.start <= o < e.end]
        if ks:
            out.append((ks[0], ks[-1] + 1))
    return out


@rule(
    "claims.name_in_source",
    purpose="A name the matched source sentences give in part or under another spelling ('O'Brien' / 'Justice "
    "Aileen Ruth O'Brien', 'Castell' / 'Paul Castell') is no new specific: the clause names someone the source "
    "names.",
    examples=[
        Example(
            "Moreno was joined in full by Castell, and in parts by O'Brien and Lindqvist.",
            "Moreno was joined by Chief Justice Paul Castell and Justice Aileen Ruth O'Brien.",
            (),
        ),
        Example(
            "Moreno was joined in full by Castell, and in parts by Lindqvist.",
            "Moreno was joined by Chief Justice Paul Castell and Justice Aileen Ruth O'Brien.",
            ("claim_added/warning: - -> and Justice Aileen Ruth O'Brien.",),
        ),
    ],
    off=nothing,
)
def named_in_source(da: Doc, db: Doc, m: Match, j: int) -> list[tuple[int, int]]:
    """Normal spans of the names of B's sentence ``j`` that the match's source sentences hold by any variant
    (``named_in``), each with the titles just before it ("Justice Sandra Day O'Connor")."""
    sv = db.sents[j]
    spans = norm_spans(sv, [e for e in entities(db, [j]) if named_in(e, da, m.a)])
    toks = sv.tokens
    out = []
    for s, e in spans:
        k = next((k for k, t in enumerate(toks) if t.start >= s), len(toks))
        while k > 0 and stem(toks[k - 1].text) in _TITLE_STEMS and not sv.norm[toks[k - 1].end : s].strip(". "):
            k -= 1
            s = toks[k].start
        out.append((s, e))
    return out


@rule(
    "claims.name_for_name",
    purpose="A name the source gives in sentences other than the matched ones, standing where the matched source "
    "sentences have a name the retelling's lack ('Nordkorea', named in five of the source's sentences, for the "
    "matched one's 'Pyongyang'), is no new specific: the clause names the source's party by another of its names. "
    "A name from elsewhere with no name of the source left unsaid ('American', 'Rand Paul' in a clause of the "
    "retelling's own) still is.",
    examples=[
        Example(
            "Die Sanktionen gegen Venezuela bleiben. Brasilien und Kolumbien meinen, dass der Weltsicherheitsrat "
            "Caracas für die eingeleiteten Reformen Lob aussprechen sollte.",
            "Die Sanktionen gegen Venezuela bleiben. Kolumbien und Brasilien finden, der UN-Sicherheitsrat "
            "sollte Venezuela für seine begonnenen Reformen Respekt zollen.",
            (),
            lang="de",
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
        Example(
            "Die Sanktionen gegen Venezuela bleiben. Brasilien und Kolumbien meinen, dass der Weltsicherheitsrat "
            "die eingeleiteten Reformen loben sollte.",
            "Die Sanktionen gegen Venezuela bleiben. Kolumbien und Brasilien finden, der UN-Sicherheitsrat "
            "sollte Venezuela für seine begonnenen Reformen Respekt zollen.",
            (
                "claim_added/warning: - -> der UN-Sicherheitsrat sollte Venezuela für seine begonnenen Reformen "
                "Respekt zollen.",
            ),
            lang="de",
            matched=(((0,), (0,)), ((1,), (1,))),
        ),
    ],
    off=nothing,
)
def name_for_name(da: Doc, db: Doc, m: Match, j: int) -> list[tuple[int, int]]:
    """Normal spans of the names of B's sentence ``j`` that the source gives elsewhere but not in the match, when
    the match's source sentences have at least as many names its retold sentences give under no spelling."""
    found = [e for e in entities(db, [j]) if named_in(e, da) and not named_in(e, da, m.a)]
    unsaid = sum(1 for e in entities(da, m.a) if not named_in(e, db, m.b))
    return norm_spans(db.sents[j], found) if 0 < len(found) <= unsaid else []
