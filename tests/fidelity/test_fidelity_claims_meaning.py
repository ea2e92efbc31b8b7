"""Clauses added inside matched sentences, and small words that change what a sentence claims."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.fidelity._shared import WORD
from retold.fidelity.claims import clauses
from retold.ingest import article_from_text
from retold.model import Flag, Match


def flags_of(a: str, b: str, kind: str) -> list[Flag]:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind == kind]


def test_clauses() -> None:
    text = "Speaking on Friday, the mayor said the bridge, which is old, will close and the road will open."
    got = [text[s:e] for s, e in clauses(text)]
    assert got == [
        "Speaking on Friday",
        "the mayor said the bridge",
        "which is old",
        "will close",
        "and the road will open.",
    ]


def test_added_clause_with_new_specifics() -> None:
    a = "The mayor said the old bridge over the river would close for repairs."
    b = "Speaking to a local radio station in Leeds on Tuesday, the mayor said the old bridge would close for repairs."
    got = flags_of(a, b, "claim_added")
    assert [f.b_text for f in got] == ["Speaking to a local radio station in Leeds on Tuesday"]
    assert got[0].a is None and got[0].severity == "warning"


def test_rephrasing_is_not_an_added_claim() -> None:
    a = "The mayor said the old bridge over the river would close for repairs, angering drivers."
    b = "According to the mayor, the ageing river crossing is to shut so it can be fixed, which upset motorists."
    assert flags_of(a, b, "claim_added") == []


def test_material_moved_from_another_sentence_is_not_added() -> None:
    aa = article_from_text("The bridge will close. The works start in Leeds on Tuesday next week.", id="a")
    bb = article_from_text("The bridge will close, with works starting in Leeds on Tuesday next week.", id="b")
    fs = analyse(aa, bb, [Match((0,), (0,), "edited", 0.8)], (1,), ())
    assert [f for f in fs if f.kind == "claim_added"] == []


def shifts(a: str, b: str) -> list[tuple[str | None, str | None, str]]:
    return [(f.a_text, f.b_text, f.note) for f in flags_of(a, b, "meaning_shift")]


def test_meaning_shifts() -> None:
    got = shifts("The impact may be limited.", "The impact will be limited.")
    assert len(got) == 1 and "possibility became certainty" in got[0][2]
    got = shifts("The threats will intimidate the alliance.", "The threats will not intimidate the alliance.")
    assert len(got) == 1 and "negation added" in got[0][2]
    got = shifts("Missiles deployed as far as the coast.", "Missiles deployed near the coast.")
    assert len(got) == 1 and "extent became proximity" in got[0][2]
    got = shifts("He allegedly took the money.", "He took the money.")
    assert len(got) == 1 and "hedge removed" in got[0][2]
    got = shifts("At least 40 people came.", "Up to 40 people came.")
    assert len(got) == 1 and "lower became upper" in got[0][2]


def test_the_meaning_and_the_number_checks_read_one_list_of_approximators() -> None:
    """``APPROX_EN``/``APPROX_DE``: "zirka" and "estimated" were the number check's only, "beinahe" the meaning
    check's: each makes a figure approximate for both."""
    for a, b in [
        ("Es kamen zirka 500 Menschen.", "Es kamen mindestens 500 Menschen."),
        ("Estimated 500 people came.", "At least 500 people came."),
    ]:
        got = shifts(a, b)
        assert len(got) == 1 and "approx became lower" in got[0][2], (a, got)
    assert flags_of("Es kamen beinahe 500 Menschen.", "Es kamen 498 Menschen.", "number_changed") == []
    assert flags_of("Es kamen 500 Menschen.", "Es kamen 498 Menschen.", "number_changed")  # no approximator


def test_no_meaning_shift_for_rewording() -> None:
    assert shifts("Around 700 troops will serve.", "About 700 troops will serve.") == []
    assert shifts("He does not get his way.", "He cannot achieve his aims.") == []
    assert shifts("The impact may be limited.", "The impact might be limited.") == []
    assert shifts("They failed to act.", "They did not act.") == []


# sentences of the audits whose negation was read as added though the statement negated already
BOTH_NEGATIVE = [
    (
        "Niemand konnte fassen, was am Freitag passierte.",
        "Keiner konnte den Ereignissen vom Freitag Glauben schenken.",
    ),
    (
        "Ihre Mail führte aber zu einem roten Punkt statt zwei grünen Punkten.",
        "Aber sie sah neben ihrer Mail nur einen roten Punkt, nicht zwei grüne.",
    ),
    (
        'Harlan said last week in a written statement that "neither I nor my book are racist."',
        "Harlan said in a May statement that he and his book are not racist.",
    ),
]
# a negation standing in for other words: the statement reworded
REWORDED = [
    (
        "State courts have handed down conflicting decisions, permitting prayers at school games in some districts "
        "and forbidding them in others.",
        "Lower courts have split, permitting prayers at school games in some places and not in others.",
    ),
    (
        "Last year Walsh skipped the march because he wanted to walk with two singers.",
        "Last year, Walsh shunned the event after being told he couldn't walk with band members.",
    ),
]
# each must still raise one negation flag
NEGATED = [
    ("The sanctions will intimidate Moscow.", "The sanctions will not intimidate Moscow."),
    ("The sanctions will intimidate Moscow.", "The sanctions won't intimidate Moscow."),
    ("He can attend the summit.", "He cannot attend the summit."),
    ("He and his book are racist.", "He and his book are not racist."),
    ("Meinen Sie, sie sagt dem Volk die Wahrheit?", "Glauben Sie nicht, dass sie das Volk belügt?"),
]


@pytest.mark.parametrize(("a", "b"), BOTH_NEGATIVE + REWORDED)
def test_no_negation_added_where_the_statement_negated_already_or_was_reworded(a: str, b: str) -> None:
    assert shifts(a, b) == [] and shifts(b, a) == []


@pytest.mark.parametrize(("a", "b"), NEGATED)
def test_a_negation_around_the_same_words_is_still_flagged(a: str, b: str) -> None:
    got = shifts(a, b)
    assert [n.split(":")[0] for _, _, n in got] == ["negation added"], got
    assert [n.split(":")[0] for _, _, n in shifts(b, a)] == ["negation removed"]


# number qualifiers that change the bound (source, retelling): each must raise one meaning_shift
BOUND_CHANGED = [
    ("At least 16 ships were waiting.", "At most 16 ships were waiting."),
    ("No fewer than 16 ships were waiting.", "Up to 16 ships were waiting."),
    ("Not less than 5 people were hurt.", "Fewer than 5 people were hurt."),
    ("No more than 40 people came.", "More than 40 people came."),
    ("More than 40 people came.", "Not more than 40 people came."),
    ("Es kamen nicht weniger als 40 Menschen.", "Es kamen höchstens 40 Menschen."),
]
# a negated comparative read as its equivalent: the same bound, no flag; a marker moved, no flag
BOUND_KEPT = [
    ("A council of nine Iraqis probably will lead the government.", "A council of nine Iraqis will probably lead it."),
    (
        "The ruling postpones any refund to customers, potentially for months.",
        "Any refund to customers will be held back, potentially for months.",
    ),
    ("At least 16 ships were waiting.", "No fewer than 16 ships were waiting."),
    ("At least 16 ships were waiting.", "By Tuesday, no fewer than 16 ships were waiting."),
    ("Not less than 5 people were hurt.", "At least 5 people were hurt."),
    ("At most 40 people came.", "No more than 40 people came."),
    ("Up to 40 people came.", "Not more than 40 people came."),
    ("Not more than 40 people came.", "No more than 40 people came."),  # the "not" of a bound is no negation
    ("Es kamen mindestens 40 Menschen.", "Es kamen nicht weniger als 40 Menschen."),
]


@pytest.mark.parametrize(("a", "b"), BOUND_CHANGED)
def test_bound_changed(a: str, b: str) -> None:
    got = shifts(a, b)
    assert len(got) == 1 and ("lower became upper" in got[0][2] or "upper became lower" in got[0][2]), got


@pytest.mark.parametrize(("a", "b"), BOUND_KEPT)
def test_negated_comparative_is_its_equivalent(a: str, b: str) -> None:
    assert shifts(a, b) == []
    assert shifts(b, a) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("as many as 1,500 jobs", ["as", "many", "as", "1,500", "jobs"]),
        ("1,234,567 votes", ["1,234,567", "votes"]),
        ("2,5 Millionen Euro", ["2,5", "Millionen", "Euro"]),
        ("in 2019, 300 people", ["in", "2019", "300", "people"]),
        ("ships, cranes and 4,200 men", ["ships", "cranes", "and", "4,200", "men"]),
    ],
)
def test_a_comma_between_digits_is_part_of_the_number(text: str, words: list[str]) -> None:
    assert WORD.findall(text) == words


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("as many as 1,500 jobs could go, the union said", ["as many as 1,500 jobs could go", "the union said"]),
        ("In 2019, 300 people came", ["In 2019", "300 people came"]),
    ],
)
def test_clauses_keep_numbers_whole(text: str, parts: list[str]) -> None:
    assert [text[s:e] for s, e in clauses(text)] == parts


def test_a_changed_number_is_not_an_added_claim() -> None:
    a = "The union says the plan would eliminate up to 1,100 jobs."
    b = "According to the union, as many as 1,500 jobs could disappear as a result."
    assert flags_of(a, b, "claim_added") == []
    assert [(f.a_text, f.b_text) for f in flags_of(a, b, "number_changed")] == [("1,100", "1,500")]
    # a clause that adds a name besides the changed number is still an added claim
    c = "According to the union, as many as 1,500 jobs could disappear, Norbank analysts warned in Leeds."
    assert any("Norbank" in (f.b_text or "") for f in flags_of(a, c, "claim_added"))


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        # audits (seeds 15-17, wmt19): an age the source gives as "19-jähriger" read as a new "19"
        (
            "Zwei Jugendliche und ein 19-jähriger Mann wurden wegen Verdachts auf schweren Raub festgenommen.",
            "Wegen Verdachts auf schweren Raub wurden zwei Jugendliche festgenommen, so dass ein 19 Jahre alter Mann",
            "de",
        ),
        # audits (seeds 17, 18): "sechs Punkte hinter" retold as a "6-Punkte-Rückstand", one word with the figure
        (
            "Das Remis ließ ihren Verein sechs Punkte hinter dem Spitzenreiter der Bundesliga zurück.",
            "Das Remis ließ ihren Verein zurück, so dass ihre Elf einen 6-Punkte-Rückstand auf den klar "
            "führenden Tabellenersten hat.",
            "de",
        ),
    ],
)
def test_a_number_the_source_states_in_other_words_is_not_an_added_claim(a: str, b: str, lang: str) -> None:
    aa, bb = article_from_text(a, id="a", language=lang), article_from_text(b, id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    assert [f.b_text for f in analyse(aa, bb, [m], (), ()) if f.kind == "claim_added"] == []
    # the same clause naming a day the source never gives is still an added claim, for the day alone
    bo = article_from_text(b.removesuffix(".") + " am Montag.", id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bo.sentences), "paraphrase", 1.0)
    notes = [f.note.split(": ", 1)[1] for f in analyse(aa, bo, [m], (), ()) if f.kind == "claim_added"]
    assert notes == ["Montag"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # audit seed 15 (MRPC): a judge the source calls by her surname given her full name and title
        (
            "Mendez was backed in full by Carver, and in parts by Whitlock and Ames.",
            "Mendez was backed in full by Chief Judge Paul Carver and Judge Rosa Ann Whitlock.",
        ),
        # audit seed 17 (MRPC): a surname retold as "former finance chief Leo Orbach"
        (
            "The complaint, brought after a two-year inquiry, names Vance and Orbach among others.",
            "The complaint, brought after a two-year inquiry, names Vance and former finance chief Leo Orbach.",
        ),
    ],
)
def test_a_name_the_source_gives_in_part_is_not_an_added_claim(a: str, b: str) -> None:
    assert flags_of(a, b, "claim_added") == []
    # the same clause about someone the source never names is an added claim
    other = b.replace("Whitlock", "Kessler").replace("Orbach", "Kessler")
    assert ["Kessler" in f.note for f in flags_of(a, other, "claim_added")] == [True]


def test_a_language_without_marker_phrases_has_none() -> None:
    # French, Russian, ...: no marker list, so no meaning flag and no KeyError
    import retold

    for lang in ("fr", "ru"):
        a = retold.article_from_text("Le conseil a approuvé 40 logements lundi.", id="a", language=lang)
        b = retold.article_from_text("Le conseil a approuvé 45 logements lundi.", id="b", language=lang)
        c = retold.compare(a, b, lexical=True)
        assert [f.kind for f in c.flags] == ["number_changed"]


def test_a_name_the_source_gives_elsewhere_for_a_name_it_gives_here_is_no_added_claim() -> None:
    """claims.name_for_name: audit seeds 18 n49, 19 n42, 20 n45 (WMT19), the source's 'Pyongyang' retold as
    'Nordkorea', a name the source gives in other sentences; a name it gives nowhere is still an added claim."""
    source = (
        "Trump hatte damit gedroht, Nordkorea auszulöschen. China und Russland meinen, der Sicherheitsrat solle "
        "Pyongyang für seine jüngsten Schritte Lob aussprechen."
    )
    told = (
        "Trump hatte damit gedroht, Nordkorea auszulöschen. Russland und China vertreten die Auffassung, der "
        "UN-Sicherheitsrat solle {} für seine bisherigen Schritte Anerkennung zollen."
    )
    aa = article_from_text(source, id="a", language="de")
    ms = [Match((0,), (0,), "verbatim", 1.0), Match((1,), (1,), "paraphrase", 1.0)]
    for name, added in (("Nordkorea", []), ("Südkorea", ["Südkorea"])):
        bb = article_from_text(told.format(name), id="b", language="de")
        notes = [f.note.split(": ", 1)[1] for f in analyse(aa, bb, ms, (), ()) if f.kind == "claim_added"]
        assert notes == added
