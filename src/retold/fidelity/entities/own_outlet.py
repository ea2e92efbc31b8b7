"""An article's own outlet named where a credit names an outlet: the outlet telling of its own reporting."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity._shared import Doc
from retold.fidelity.attribution import credited_places
from retold.fidelity.entities.tokens import Entity
from retold.fidelity.outlet_names import own_outlet_named
from retold.fidelity.rules import Example, never, rule

# the outlet's tag, its name alone in brackets: "(CNN)" opening its story, with or without a dash after it
_TAG_BEFORE = re.compile(r"\(\s*$")
_TAG_AFTER = re.compile(r"\s*\)")
_TOLD = "The senator backs both bills, an aide told The Hill on Friday."
_SAID = "The senator backs both bills, an aide said on Friday."
_JOINED = "Two senators joined forces on Sunday to block the nominee."


@rule(
    "entities.own_outlet",
    purpose="An article's own outlet named as a credit names an outlet is the outlet telling of its own reporting, "
    "no name of the story: its tag opening the story ('(CNN) Two senators ...' in CNN's), the one a speaker told "
    "('an aide told The Hill' in The Hill's), the one whose figures they are ('according to CNN estimates'). A "
    "retelling by another outlet leaves it out, and one adds its own, without dropping or adding a name (flag "
    "audits 15-26: 5 judged flags, all wrong, withheld; no right one lost). The outlet as a party to the story "
    "('a lawsuit filed by USA TODAY' in USA TODAY's) is a name as any other, and so is another outlet in a credit.",
    examples=[
        Example(_TOLD, _SAID, outlets=("The Hill", "Politico")),
        Example(f"(CNN) {_JOINED}", _JOINED, outlets=("CNN", "NPR")),
        Example(_SAID, _TOLD, outlets=("Politico", "The Hill")),
        Example(_SAID, _TOLD, ("entity_added/warning: - -> Hill",), outlets=("Politico", "NPR")),  # not its own
        Example(  # the outlet as a party to the story
            "The agency released the files on Saturday.",
            "Answering a lawsuit filed by USA TODAY, the agency released the files on Saturday.",
            ("entity_added/warning: - -> USA TODAY",),
            outlets=("The Hill", "USA TODAY"),
        ),
    ],
    off=never,
)
def own_outlet(doc: Doc, e: Entity) -> bool:
    """Whether name ``e`` of ``doc`` is its article's own outlet in a credit's place or its tag (see the rule)."""
    if not own_outlet_named(doc.article, e.text):
        return False
    text = doc.article.text
    if _TAG_BEFORE.search(text[max(0, e.start - 3) : e.start]) and _TAG_AFTER.match(text, e.end):
        return True
    return any(s.start <= e.start and e.end <= s.end for s in credited_places(doc, e.sentence))


def not_own_outlet(doc: Doc, es: Sequence[Entity]) -> list[Entity]:
    """``es`` less the names that are ``doc``'s own outlet in a credit's place (``own_outlet``)."""
    return [e for e in es if not own_outlet(doc, e)]
