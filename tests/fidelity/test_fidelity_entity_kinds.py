"""A name put for another names a thing of the same kind: the flag audits' wrong and right name swaps."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Match

# statements of the flag audits (benchmarks/results/flag_audit_seed17.jsonl) where a lost name was paired with
# an unrelated new one, judged wrong: a person by title for a name after "the"; a word of a name the other text
# has ("New" of "The New York Times", "The Times" there) for a name far from it
UNLIKE = [
    (
        'This is what Dr. Dean said: "I still want to be the candidate for guys with Confederate flags."',
        'He told the Register: "I still want to be the candidate for guys with Confederate flags."',
    ),
    (
        "In a letter sent to The Times and read to the Associated Press after his resignation, Blair apologized.",
        "In a letter sent to The New York Times after his resignation, Mr Blair apologised.",
    ),
    (
        "Talks were held with Mr. Lavrov on Monday.",
        "Talks were held in New York on Monday.",
    ),
    # seed 19: a US state (the place list lacked them) for a speaker, for a court, for a news agency
    (
        "Under Kansas law, it is illegal for children under the age of 16 to have sexual relations.",
        "In the opinion, Kline noted that it is illegal for children that young to have sexual relations.",
    ),
    (
        "Moore of Alabama says he will appeal his case to the nation's highest court.",
        "Moore has said he plans to appeal the matter to the U.S. Supreme Court.",
    ),
    (
        "Law enforcement sources confirmed to The Associated Press that Limbaugh was being investigated by the Palm"
        " Beach County state attorney's office.",
        "Law enforcement officials confirmed that Limbaugh was being investigated by the Palm Beach County, Fla.,"
        " state attorney's office.",
    ),
]

# real changes the audits judged right, a speaker replaced, and an injected swap of fidelity_eval.py (a place
# for a word the text tells nothing of): still a swap
ALIKE = [
    (
        "Wall Street was also waiting for aluminum maker Alcoa Inc. AA.",
        "Wall Street was also waiting for aluminum maker Alcoa Inc. (nyse: PEP - news - people) to report earnings.",
        ("AA", "PEP"),
    ),
    (
        "A tradition of Labor Day racing was established long ago in the Inland Empire.",
        "There is a tradition of Labor Day racing in the Inland Valley.",
        ("Inland Empire", "Inland Valley"),
    ),
    (
        '"We will explore all of our options," VeriSign spokesman Tom Galvin told Reuters.',
        '"We will explore all of our options," said Russell Lewis, executive vice president of VeriSign.',
        ("Tom Galvin", "Russell Lewis"),
    ),
    (
        "Columbia broke up over Texas upon re-entry on Feb. 1.",
        "Columbia broke apart in the skies above Murphy on Feb. 1.",
        ("Texas", "Murphy"),
    ),
    (
        "Europe led by two points at the Ryder Cup on Saturday.",
        "Europe led by two points at the Ryder Okonjo on Saturday.",
        ("Ryder Cup", "Ryder Okonjo"),
    ),
]


def _changed(a: str, b: str) -> list[tuple[str | None, str | None]]:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [(f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind == "entity_changed"]


@pytest.mark.parametrize(
    ("a", "b"),
    UNLIKE,
    ids=["Dean-Register", "AP-NewYorkTimes", "Lavrov-NewYork", "Kansas-Kline", "Alabama-Court", "AP-Fla"],
)
def test_names_of_another_kind_are_no_swap(a: str, b: str) -> None:
    assert _changed(a, b) == []


@pytest.mark.parametrize(("a", "b", "swap"), ALIKE, ids=[s[0] for _, _, s in ALIKE])
def test_names_of_one_kind_still_swap(a: str, b: str, swap: tuple[str, str]) -> None:
    assert _changed(a, b) == [swap]
