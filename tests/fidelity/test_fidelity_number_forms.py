"""One figure written two ways is no changed number: grouped thousands, abbreviated scales, fractions."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.fidelity.numbers import extract
from retold.fidelity.numbers.lexicon import ROMANCE_SCALES, SCALES
from retold.fidelity.numbers.values import scale_of
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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Three quarters of voters backed the plan.", "3/4 of voters backed the plan."),
        ("Two thirds of voters backed the plan.", "2/3 of voters backed the plan."),
        ("Half of the voters backed the plan.", "1/2 of the voters backed the plan."),
        ("Half of the voters backed the plan.", "50% of the voters backed the plan."),
        ("About a third of voters said no.", "Roughly one-third of voters said no."),
        ("Twenty-five people were hurt.", "25 people were hurt."),  # a hyphenated number alone in its sentence
        ("Half a million people fled.", "Some 500,000 people fled."),
        ("The talks lasted two and a half years.", "The talks lasted 2.5 years."),
        ("It cost two and a half million dollars.", "It cost $2.5 million."),
    ],
)
def test_a_fraction_in_digits_or_words_is_the_same_value(a: str, b: str) -> None:
    assert number_flags(a, b) == []


def test_a_fraction_changes_and_what_is_no_fraction() -> None:
    assert number_flags("Two thirds of voters backed it.", "Three quarters of voters backed it.") == [
        ("number_changed", "Two thirds", "Three quarters")
    ]
    assert number_flags("Two-thirds of voters backed it.", "3/4 of voters backed it.") == [
        ("number_changed", "Two-thirds", "3/4")
    ]
    for text in ("open 24/7", "the 9/11 attacks", "a 7/7 memorial", "on 3/4/2020", "5 1/2 months", "a third term"):
        assert all(q.kind != "fraction" for q in extract(text, "en")), text


def test_half_a_million_is_not_a_million() -> None:
    assert number_flags("Half a million people fled.", "A million people fled.") == [
        ("number_changed", "Half a million", "A million")
    ]


@pytest.mark.parametrize(
    ("spelled", "values"),
    [
        ("between two and three weeks", [2, 3]),
        ("twenty and thirty people", [20, 30]),
        ("one hundred and five people", [105]),
        ("two thousand and twenty people", [2020]),
        ("one and a half hours", [1.5]),
    ],
)
def test_an_and_joins_a_spelled_number_only_after_a_scale(spelled: str, values: list[float]) -> None:
    """ "between two and three" was the one number five, so "2 to 3 weeks" read as a changed number (high)."""
    assert [q.value for q in extract(f"It took {spelled}.", "en")] == values


def test_a_range_in_words_and_in_figures_is_one_range() -> None:
    assert number_flags("Repairs will take 2 to 3 weeks, the council said.", "Repairs take two to three weeks.") == []
    assert (
        number_flags("Repairs will take 2 to 3 weeks, the council said.", "Repairs take between two and three weeks.")
        == []
    )
    assert number_flags("Repairs will take 2 to 3 weeks.", "Repairs will take between two and four weeks.") == [
        ("number_changed", "3 weeks", "four weeks")
    ]


SCALE_WORDS = sorted({*SCALES, *ROMANCE_SCALES["es"]})


@pytest.mark.parametrize("word", SCALE_WORDS)
def test_every_scale_word_of_the_one_list_is_read_after_a_figure(word: str) -> None:
    """The pattern after a figure named its scales itself, and missed the list's "millon" ("300 millon de euros",
    Spanish written without its accent): it reads every word of the list (and the Spanish ones)."""
    lang = "es" if word in ROMANCE_SCALES["es"] else "en"
    assert [(q.kind, q.value, q.unit) for q in extract(f"It is 3 {word} euros.", lang)] == [
        ("money", pytest.approx(3 * scale_of(word, lang, True)), "EUR")
    ]


def test_a_figure_glued_to_the_word_before_it_is_still_there() -> None:
    """Flag audits seed 15 n46, seed 16 n49: 'gaben17 Prozent der Arbeitgeber' (a space lost) kept the source's
    '17 Prozent', which was read as dropped."""
    a = "In der Umfrage gaben nur 17 Prozent der Arbeitgeber an, sie seien zufrieden."
    b = "In der Umfrage gaben17 Prozent der Arbeitgeber an, sie seien zufrieden."
    assert number_flags(a, b, "de") == []
    assert number_flags(a, b.replace("17", "19"), "de") == [("number_dropped", "17 Prozent", None)]
    assert number_flags(b, a, "de") == []  # nor added the other way round


def test_a_golf_match_play_result_is_the_score_another_text_gives() -> None:
    """Flag audits 16 and 23: '2&1-Sieg' -> 'siegte 2:1' raised number_added '2:1' (and '2', '1' dropped)."""
    a = "Lindqvist kehrte in den Vierern mit einem 2&1-Sieg über Paul Okoro zurück."
    assert number_flags(a, "Lindqvist war in den Vierern zurück und gewann 2:1 gegen Paul Okoro.", "de") == []
    assert number_flags(a, "Lindqvist war in den Vierern zurück und gewann 3:2 gegen Paul Okoro.", "de") == [
        ("number_changed", "2&1", "3:2")
    ]


def test_a_currency_sign_after_the_figure_keeps_the_scale_word_after_it() -> None:
    """Flag audits 17, 18 and 20: '$35 Millionen' -> '35$ Millionen' raised an amount changed to '35$'."""
    a = "Der Fonds sagt Malawi $35 Millionen zu, um den Brunnenbau auf dem Land voranzubringen."
    assert (
        number_flags(
            a, "Der Fonds will Malawi 35$ Millionen geben, um den Brunnenbau auf dem Land voranzubringen.", "de"
        )
        == []
    )
    assert [(q.text, q.value) for q in extract("mit 35 € Mrd. und", "de")] == [("35 € Mrd.", 35e9)]


def test_a_hyphenated_ratio_holds_both_figures() -> None:
    """Flag audit 19: '3 to 1' -> 'about 3-to-1' raised number '1' left out."""
    a = "Thirty to 40 years ago, the split was 4 to 1, Moreau said, and 10 years back it stood at 3 to 1."
    b = "Thirty to 40 years ago, the split was about 4-to-1, Moreau said, and 10 years back it stood at about 3-to-1."
    assert number_flags(a, b) == []


def test_a_list_items_number_is_no_figure() -> None:
    """Flag audit 19: a list's '1. The Russians didn't steal ...' raised number '1' left out."""
    assert number_flags("1. The Russians didn't steal the election.", "The Russians didn't steal the election.") == []
    assert [q.value for q in extract("1. FC Köln gewann 2:1.", "de")] == [1, 201]


def test_a_named_date_in_figures_is_that_date() -> None:
    """Flag audits 20 and 24: 'our experience on 9-11' -> '... Sept. 11th' raised numbers '9' and '11' left out
    and a date added; '9/11' is the date the same way, and a score or a fraction beside it is still figures."""
    a = '"We built the plan around what we learned on 9-11," the minister said.'
    assert number_flags(a, '"We built the plan around what we learned on Sept. 11th," the minister said.') == []
    assert number_flags("The attacks of 9/11 changed the city.", "The attacks of September 11 changed the city.") == []
    assert [(q.text, q.kind) for q in extract("They won 19-11 on 9/11/2001.")] == [
        ("19", "count"),
        ("11", "count"),
        ("9/11/2001", "date"),
        ("9/11/2001", "year"),
    ]


def test_a_margin_plus_or_minus_is_no_negative_figure() -> None:
    """Flag audits 22, 23 and 24: a margin given as 'plus or minus three to four' points read the margin as the
    number -3; "plus or minus", "plus/minus", "+/-" and "+-" are a margin of the figure, while a
    lone "minus" or minus sign still makes it negative."""
    assert [q.value for q in extract("Its error band runs plus or minus three to four seats.")] == [
        3,
        4,
    ]
    for margin in ("plus or minus 3", "plus-or-minus 3", "plus/minus 3", "+/- 3", "+/-3", "+-3"):
        assert [q.value for q in extract(f"The survey's margin of error is {margin} points.")] == [3], margin
    assert number_flags("The count is good to plus or minus 3 points.", "The count is good to 3 points.") == []
    assert [q.value for q in extract("Overnight it fell to minus 3 degrees.")] == [-3]
    assert number_flags("It fell to minus 3 degrees.", "It fell to 3 degrees.") == [
        ("number_changed", "minus 3 degrees", "3 degrees")
    ]
