"""Names that only gloss a referent both sides point at (issue 15): the home in a description the retelling gives
by its name. The sentences are the audits' own (MRPC pairs)."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Match

REDMOND = "In a statement, the Redmond, Wash., company said that it was acquiring the technology assets of GeCAD."

# (source, retelling, the entity flags expected as (kind, source's words, retelling's words))
CASES = [
    # seeds 26 n67 and 27 n131-132: 'Redmond' and 'Wash' were raised as left out
    (REDMOND, "Microsoft said Tuesday it intends to acquire the technology assets of antivirus firm GeCAD.", []),
    # seed 15 n131: 'Korean' -> 'Hyundai' was raised as a name changed
    (
        "The key was a 10-year warranty, meant to reassure buyers that they could trust the Korean company.",
        "The solution was a 10-year warranty, meant to reassure buyers that they could trust Hyundai.",
        [],
    ),
    # the description kept unnamed, a home the retelling gives a name the source keeps: still flagged
    (
        REDMOND,
        REDMOND.replace("the Redmond, Wash., company", "the company"),
        [("entity_dropped", "Redmond", None), ("entity_dropped", "Wash", None)],
    ),
    (
        "Motorola had scheduled its earnings report to be released today.",
        "The Schaumburg, Ill.-based company had scheduled its earnings report to be released on Tuesday.",
        [("entity_added", None, "Schaumburg"), ("entity_added", None, "Ill")],
    ),
]


@pytest.mark.parametrize(("a", "b", "want"), CASES)
def test_a_gloss_on_a_referent_both_name_is_no_name_lost_or_changed(
    a: str, b: str, want: list[tuple[str, str | None, str | None]]
) -> None:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    got = [(f.kind, f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("entity_")]
    assert got == want
