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
        'This is what Dr. Hale said: "I would still like to be the one candidate for farmers with old tractors."',
        'He told the Register: "I would still like to be the one candidate for farmers with old tractors."',
    ),
    (
        "In a note sent to The Times and shown to the Associated Press after she quit, Lorne apologized.",
        "In a note sent to The New York Times after she quit, Ms Lorne apologised.",
    ),
    (
        "Talks were held with Mr. Lavrov on Monday.",
        "Talks were held in New York on Monday.",
    ),
    # seed 19: a US state (the place list lacked them) for a speaker, for a court, for a news agency
    (
        "Under Oregon law, it is unlawful for minors under the age of 18 to place bets.",
        "In the ruling, Abbott noted that it is unlawful for minors that young to place bets.",
    ),
    (
        "Pruitt of Nevada says she will take her case to the nation's highest court.",
        "Pruitt has said she plans to go to the U.S. Supreme Court over it.",
    ),
    (
        "Police sources told The Associated Press that Varnell was under investigation by the Marion County state"
        " attorney's office.",
        "Police officials said that Varnell was under investigation by the Marion County, Fla., state attorney's"
        " office.",
    ),
]

# real changes the audits judged right, a speaker replaced, and an injected swap of fidelity_eval.py (a place
# for a word the text tells nothing of): still a swap
ALIKE = [
    (
        "Investors were also watching for steel maker Norsteel Corp. NSC.",
        "Investors were also watching for steel maker Norsteel Corp. (nyse: KLT - news - people) to post results.",
        ("NSC", "KLT"),
    ),
    (
        "A tradition of Easter Monday rowing took hold long ago in the Inland Empire.",
        "There is a tradition of Easter Monday rowing in the Inland Valley.",
        ("Inland Empire", "Inland Valley"),
    ),
    (
        '"We will weigh every choice we have," Corvane spokesman Jon Mehta told Reuters.',
        '"We will weigh every choice we have," said Alma Reid, executive vice president of Corvane.',
        ("Jon Mehta", "Alma Reid"),
    ),
    (
        "Endeavour came apart over Nevada during descent on March 9.",
        "Endeavour broke apart in the skies above Dalton on March 9.",
        ("Nevada", "Dalton"),
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
    ids=["Hale-Register", "AP-NewYorkTimes", "Lavrov-NewYork", "Oregon-Abbott", "Nevada-Court", "AP-Fla"],
)
def test_names_of_another_kind_are_no_swap(a: str, b: str) -> None:
    assert _changed(a, b) == []


@pytest.mark.parametrize(("a", "b", "swap"), ALIKE, ids=[s[0] for _, _, s in ALIKE])
def test_names_of_one_kind_still_swap(a: str, b: str, swap: tuple[str, str]) -> None:
    assert _changed(a, b) == [swap]
