"""One figure written two ways is no changed number: grouped thousands, abbreviated scales, fractions."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.fidelity.numbers import extract
from retold.ingest import article_from_text
from retold.model import Match


def number_flags(a: str, b: str, lang: str = "en") -> list[tuple[str, str | None, str | None]]:
    aa, bb = article_from_text(a, id="a", language=lang), article_from_text(b, id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [(f.kind, f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("number_")]


@pytest.mark.parametrize(
    ("a", "lang"),
    [
        ("Die Firma stellt 12 500 Mitarbeiter ein.", "de"),
        ("Die Firma stellt 12\u00a0500 Mitarbeiter ein.", "de"),
        ("Die Firma stellt 12\u202f500 Mitarbeiter ein.", "de"),
        ("Die Firma stellt 12\u2019500 Mitarbeiter ein.", "de"),
        ("Die Firma stellt 12'500 Mitarbeiter ein.", "de"),
    ],
)
def test_grouped_thousands_are_one_number(a: str, lang: str) -> None:
    assert number_flags(a, "Laut Firma werden 12.500 Mitarbeiter eingestellt.", lang) == []
    assert number_flags(a, "Laut Firma werden 13.500 Mitarbeiter eingestellt.", lang) == [
        ("number_changed", a[17:23], "13.500")
    ]


def test_a_no_break_space_groups_thousands_in_english_and_a_plain_space_does_not() -> None:
    assert number_flags("The firm will hire 12\u202f500 workers.", "The firm is to hire 12,500 workers.") == []
    assert [q.value for q in extract("In 2019 500 people came.", "en")] == [2019, 500]
    assert [q.value for q in extract("The firm will hire 12 500 workers.", "en")] == [12, 500]


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Im Jahr 2019 500 Menschen", "de", [2019, 500]),  # a year, then a count
        ("Rufen Sie 0800 555 111 an.", "de", [800, 555, 111]),  # a phone number's groups
        ("Rufen Sie 859 292 3680 an.", "de", [859, 292, 3680]),
        ("En 2019 1 500 personnes", "fr", [2019, 1500]),
        ("Il y a 12 500 000 habitants", "fr", [12_500_000]),
    ],
)
def test_what_groups_and_what_does_not(text: str, lang: str, values: list[float]) -> None:
    assert [q.value for q in extract(text, lang)] == values


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Some 1m people have fled the fighting.", "Some one million people have fled the fighting."),
        ("Some 1m people have fled the fighting.", "Some 1 million people have fled the fighting."),
        ("It raised $1M from donors.", "It raised 1 million dollars from donors."),
        ("The city has 4mln residents.", "The city has 4 million residents."),
        ("It cost 3bln roubles.", "It cost 3 billion roubles."),
        ("The debt stands at $1.2trn.", "The debt stands at 1.2 trillion dollars."),
        ("The firm has 20K employees.", "The firm has 20,000 employees."),
        ("The council approved £1m for the library.", "The council approved one million pounds for the library."),
        ("She won the 100m final in Rome.", "She won the 100 metres final in Rome."),
    ],
)
def test_an_abbreviated_scale_is_the_same_figure(a: str, b: str) -> None:
    assert number_flags(a, b) == []


def test_an_abbreviated_scale_still_changes() -> None:
    assert number_flags("Some 1m people have fled.", "Some 3 million people have fled.") == [
        ("number_changed", "1m", "3 million")
    ]
    assert number_flags("She won the 100m final.", "She won the 200m final.") == [("number_changed", "100m", "200m")]


def test_a_capital_letter_after_a_figure_without_a_currency_is_no_scale() -> None:
    assert extract("3M said profits rose.", "en") == []
    assert [q.text for q in extract("It aired on 2M television.", "en")] == []
