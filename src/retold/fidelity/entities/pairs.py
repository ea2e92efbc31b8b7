"""One name put for another in a statement: by the words around both, or as the one name lost and the one gained."""

from __future__ import annotations

from retold.fidelity._shared import Doc
from retold.fidelity.entities.kinds import unlike
from retold.fidelity.entities.lexicon import _NATIONAL, _PUNCT
from retold.fidelity.entities.tokens import Entity
from retold.fidelity.rules import Example, never, nothing, rule


def _context(doc: Doc, e: Entity) -> set[str]:
    """The words around a name (three each side): a swapped name keeps its neighbours."""
    t = doc.article.text
    left = t[max(0, e.start - 50) : e.start].lower().split()[-3:]
    right = t[e.end : e.end + 50].lower().split()[:3]
    words = {w.strip(_PUNCT) for w in left + right}
    return words - {"", "the", "a", "an", "and", "of"}


@rule(
    "entities.single_swap",
    purpose="When a statement lost one name and gained one of the same shape (both acronyms or neither, both places "
    "or neither), the one most likely replaced the other.",
    examples=[
        Example(
            "Talks were held with Sergei Lavrov.",
            "Antony Blinken attended the talks.",
            ("entity_changed/warning: Sergei Lavrov -> Antony Blinken",),
        ),
        Example(
            "Talks were held with Sergei Lavrov.",
            "Geneva hosted the talks.",
            (
                "entity_dropped/info: Sergei Lavrov -> -",
                "entity_added/warning: - -> Geneva",
            ),
        ),
    ],
    off=never,
)
def _alike(da: Doc, x: Entity, db: Doc, y: Entity) -> bool:
    """Whether one name could have replaced the other: both acronyms or neither, not a country or city for
    something else ("Ghulam Mahaiuddin" and "Helmand" are not one put for the other), no clash of kinds."""
    place = [len(e.keys) == 1 and e.keys[0] in _NATIONAL for e in (x, y)]
    return x.acronym == y.acronym and place[0] == place[1] and not unlike(da, x, db, y)


@rule(
    "entities.context_swap",
    purpose="A name lost and one gained that share a neighbouring word (three each side) and are of one kind are one "
    "put for the other; a weaker sign than the same place, so a warning.",
    examples=[
        Example(
            "Tom Brady said on Monday that Jane Doe left.",
            "On Monday, Lionel Messi said people left with Anna Berg, and Paris cheered.",
            (
                "entity_changed/high: Tom Brady -> Lionel Messi",
                "entity_changed/warning: Jane Doe -> Anna Berg",
                "entity_added/warning: - -> Paris",
            ),
        ),
        Example(
            "Tom Brady arrived on Monday.",
            "The rain began in Paris.",
            (
                "entity_dropped/info: Tom Brady -> -",
                "entity_added/warning: - -> Paris",
            ),
        ),
    ],
    off=nothing,
)
def _context_swaps(da: Doc, db: Doc, dropped: list[Entity], added: list[Entity]) -> list[tuple[Entity, Entity]]:
    """Pairs of a lost and a gained name with a neighbour word in common; both are taken out of their lists."""
    out: list[tuple[Entity, Entity]] = []
    for d in list(dropped):
        cands = [x for x in added if x.acronym == d.acronym and not unlike(da, d, db, x)]
        if not cands:
            continue
        cd = _context(da, d)
        best = max(cands, key=lambda x: len(cd & _context(db, x)))
        if not cd & _context(db, best):
            continue
        # a shared neighbour word is weaker evidence than the same place: on faithful paraphrases such a
        # pair is most often two names that both stand near "said" or "in" (so a warning, not high)
        out.append((d, best))
        dropped.remove(d)
        added.remove(best)
    return out
