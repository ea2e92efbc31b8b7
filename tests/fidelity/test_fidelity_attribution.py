"""Credits to outlets and sources: the patterns, and what a retelling did with them."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.fidelity.attribution import extract, outlet_like
from retold.fidelity.outlet_names import same_outlet
from retold.ingest import article_from_text
from retold.model import Flag, Match


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The council will vote on Friday, reports Reuters.", "Reuters", "outlet"),
        ("The council will vote on Friday, according to AP.", "AP", "outlet"),
        ("The council will vote on Friday, the Harbour Gazette reported.", "the Harbour Gazette", "outlet"),
        ("WASHINGTON (AP) -- The council will vote on Friday.", "AP", "dateline"),
        ("LONDON, Oct 14 (Reuters) - The council will vote on Friday.", "Reuters", "dateline"),
        ("KIEW, 3. März (Reuters) - Der Rat stimmt am Freitag ab.", "Reuters", "dateline"),
        ("BERLIN, 12. Mai (dpa) - Der Rat stimmt am Freitag ab.", "dpa", "dateline"),
        ("PARIS, 1er mars (AFP) - Le conseil votera vendredi.", "AFP", "dateline"),
        ("MADRID, 3 de marzo (EFE) - El consejo votará el viernes.", "EFE", "dateline"),
        ("LONDON, 14 Oct (Reuters) - The council will vote on Friday.", "Reuters", "dateline"),
        ("The mayor told the BBC that the council would vote.", "the BBC", "outlet"),
        ("The ministry said in a statement that the council would vote.", "statement", "statement"),
        # any verb of SPEECH_VERBS, the one list of them (the pattern had six of its own)
        ("The ministry warned in a statement that the council would vote.", "statement", "statement"),
        ("The mayor explained in an interview that the council would vote.", "interview", "statement"),
        ("The council will vote, according to officials.", "officials", "source"),
        ("Der Rat stimmt am Freitag ab, berichtete Radio Nordwest.", "Radio Nordwest", "outlet"),
        ("Der Rat stimmt am Freitag ab, wie die Harbour Times berichtete.", "die Harbour Times", "outlet"),
        ("Der Rat stimmt am Freitag ab, so dpa.", "dpa", "outlet"),
        ("Dem Spiegel zufolge stimmt der Rat am Freitag ab.", "Dem Spiegel", "outlet"),
        ("Laut der Polizei stimmt der Rat am Freitag ab.", "der Polizei", "source"),
        ("Совет проголосует в пятницу, сообщает агентство Рейтер.", "Рейтер", "outlet"),
        ("По данным Reuters, совет проголосует в пятницу.", "Reuters", "outlet"),
        ("По информации ТАСС, совет проголосует в пятницу.", "ТАСС", "outlet"),
        ("Совет проголосует в пятницу, передает ТАСС.", "ТАСС", "outlet"),
        ("Рада проголосує в п'ятницю, повідомляє Укрінформ.", "Укрінформ", "outlet"),
        ("Совет проголосует в пятницу, сообщила Анна Петрова.", "Анна Петрова", "source"),
        ("ТАСС сообщает, что совет проголосует в пятницу.", "ТАСС", "outlet"),
        ("В Москве агентство Рейтер передает, что совет проголосует.", "Рейтер", "outlet"),
        ("Укрінформ повідомляє, що рада проголосує в п'ятницю.", "Укрінформ", "outlet"),
        ("L'AFP rapporte que le conseil votera vendredi.", "AFP", "outlet"),
        ("La agencia EFE informó que el consejo votará el viernes.", "EFE", "outlet"),
        # the verb first: any speech verb starting a clause, and a credit opening its sentence with a capital
        ("The council will vote on Friday, said Reuters.", "Reuters", "outlet"),
        ('"The council will vote," added the Harbour Gazette.', "the Harbour Gazette", "outlet"),
        ("Der Rat stimmt am Freitag ab, erklärte die dpa.", "die dpa", "outlet"),
        ("Reports Reuters.", "Reuters", "outlet"),
        ("According to AP, the council will vote on Friday.", "AP", "outlet"),
        ("Told CNN on Sunday, the mayor said the council would vote.", "CNN", "outlet"),
        ("Writes the Guardian: the council will vote on Friday.", "the Guardian", "outlet"),
        ("Said the BBC: the council will vote on Friday.", "the BBC", "outlet"),
        ("Berichtet die dpa.", "die dpa", "outlet"),
        ("Wie die dpa berichtet, stimmt der Rat am Freitag ab.", "die dpa", "outlet"),
        ("Laut dpa stimmt der Rat am Freitag ab.", "dpa", "outlet"),
        # when, between "first reported" and "by"
        ("The council was first reported Friday by MSNBC to vote.", "MSNBC", "outlet"),
        ("The vote was first reported earlier this week by the Harbour Gazette.", "the Harbour Gazette", "outlet"),
        # whose words or figures, opening the sentence: the owner, not "Angaben"
        ("Laut Angaben des Ministers stimmt der Rat am Freitag ab.", "Ministers", "source"),
        ("Laut Angaben der Polizei stimmt der Rat am Freitag ab.", "Polizei", "source"),
        # the German outlet before its verb, as "Reuters reported"
        ("Die West Virginia News berichtete, der Rat stimme am Freitag ab.", "Die West Virginia News", "outlet"),
        ("Der Spiegel berichtete, der Rat stimme am Freitag ab.", "Der Spiegel", "outlet"),
        ("Die Zeit berichtete, der Rat stimme am Freitag ab.", "Die Zeit", "outlet"),
        ("Am Montag stand fest, Der Standard hatte berichtet, dass der Rat abstimmt.", "Der Standard", "outlet"),
    ],
)
def test_credit_patterns(sentence: str, name: str, kind: str) -> None:
    found = [(n, k) for _s, _e, n, k, _ns in extract(sentence) if k != "city"]
    assert found == [(name, kind)]


def test_a_lower_case_word_after_a_russian_credit_verb_is_no_credit() -> None:
    assert extract("Совет проголосует в пятницу, сообщил министр.") == []


@pytest.mark.parametrize(
    "sentence",
    ["Песков сообщил, что совет проголосует.", "Macron a indiqué que le conseil votera.", "Совет, ТАСС и РИА."],
)
def test_a_person_before_a_credit_verb_is_a_speaker_not_a_credit(sentence: str) -> None:
    """With the name first, only an outlet is a credit: a person who "сообщил" something is quoted, not cited."""
    assert extract(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["The mayor posted the vote via Twitter.", "The council will vote, she said via Facebook on Monday."],
)
def test_a_social_platform_after_via_is_a_channel_not_a_credit(sentence: str) -> None:
    assert extract(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    ["Die Zeitung berichtete, der Rat stimme am Freitag ab.", "Der Rat stimmt am Freitag ab, meldete der Sender."],
)
def test_a_common_noun_of_the_press_is_no_outlets_name(sentence: str) -> None:
    """German writes "die Zeitung" with a capital; it names no outlet, as "the newspaper" names none."""
    assert extract(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Seiner Aussage zufolge ist die Gruppe nicht froh.",
        "Berichten zufolge wurde der Mann verhaftet.",
        "Der Minister erklärte gegenüber der Presse, die Lage sei ernst.",
    ],
)
def test_a_noun_of_saying_or_the_press_alone_credits_no_one(sentence: str) -> None:
    """ "According to reports" and "told the press" name no one; German writes those nouns with a capital."""
    assert extract(sentence) == []


def test_whose_words_still_credit_their_owner_where_the_noun_alone_credits_no_one() -> None:
    found = [(n, k) for _s, _e, n, k, _ns in extract("Laut Angaben der Polizei wurde der Mann verhaftet.")]
    assert found == [("Polizei", "source")]
    found = [(n, k) for _s, _e, n, k, _ns in extract("Der Mann wurde nach Meldungen der Polizei verhaftet.")]
    assert found == [("Polizei", "source")]


def test_a_name_first_credit_starts_at_its_name() -> None:
    s = "В Москве ТАСС сообщает, что совет проголосует."
    assert [(s[a:b], n) for a, b, n, _k, _ns in extract(s)] == [("ТАСС сообщает", "ТАСС")]


def test_speech_is_not_a_credit() -> None:
    assert extract("Anna Berg said the council would vote.") == []
    assert extract("Said the mayor: the council will vote on Friday.") == []  # a speaker, not an outlet
    assert extract("The mayor said Reuters had erred.") == []  # inside a clause the name is spoken of
    assert extract("The council will vote on Friday.") == []


def test_outlet_like() -> None:
    assert outlet_like("Reuters") and outlet_like("the Daily Clarion") and outlet_like("Radio Nordwest")
    assert not outlet_like("Anna Berg")


def credit_flags(a: str, b: str) -> list[Flag]:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("attribution_")]


def test_credit_dropped_changed_added_kept() -> None:
    base = "The council will vote on the new bridge on Friday"
    dropped = credit_flags(f"{base}, reports Reuters.", f"{base}.")
    assert [(f.kind, f.a_text, f.severity) for f in dropped] == [("attribution_dropped", "reports Reuters", "warning")]
    changed = credit_flags(f"{base}, reports Reuters.", f"{base}, according to AFP.")
    assert [(f.kind, f.a_text, f.b_text) for f in changed] == [
        ("attribution_changed", "reports Reuters", "according to AFP")
    ]
    added = credit_flags(f"{base}.", f"{base}, the Valley Times reported.")
    assert [f.kind for f in added] == ["attribution_added"]
    assert credit_flags(f"{base}, reports Reuters.", f"Reuters reports that {base.lower()}.") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # audit seed 20 n71 (MRPC): the speaker the source credits, now "in a statement"
        (
            '"Just as we feared, third-quarter orders were soft because dealers cut their stock and rivals took '
            'customers from us," said Helen B. Marsh, chief executive.',
            '"Just as we feared, third-quarter orders were soft because dealers cut their stock and rivals took '
            'customers from us," Chief Executive Helen Marsh said in a statement.',
        ),
        # audit seed 19 n150 (news_allsides): the interview the source mentions, its network named
        (
            'In a radio interview Thursday, Brennan said U.S. sanctions were "likely" against Nicaragua though '
            "the White House would rather see talks succeed first.",
            "\u201cSanctions are likely. If that\u2019s what it takes, that\u2019s the road the United "
            "States will take,\u201d U.S. Trade Representative Tom Brennan told Fox Business Network.",
        ),
        # audit seed 20 n99 (MRPC): the source's "She said" named
        (
            "She said the senator's voice broke when she told him he would need to tell their young son "
            "the whole story too.",
            "Mrs Dalton writes her husband's voice broke when she told him he would need to tell "
            "Oliver the whole story too.",
        ),
    ],
)
def test_a_speaker_the_source_credits_named_or_given_a_medium_is_no_credit_added(a: str, b: str) -> None:
    """attribution.speaker_credited: the credited party is the source's own speaker."""
    assert credit_flags(a, b) == []


def test_a_speaker_the_source_does_not_have_say_it_is_still_a_credit_added() -> None:
    # audit seeds 15 n89 / 17 n114 (MRPC), judged right: the source has only "He added"
    a = 'He added, "Stepping down is not something I am thinking about."'
    b = '"Stepping down is not something I am thinking about," Brannock said in a statement.'
    assert [(f.kind, f.b_text) for f in credit_flags(a, b)] == [("attribution_added", "said in a statement")]
    # a pronoun's speaker named is no credit, an outlet's report is one
    assert [
        f.kind for f in credit_flags("She said the port would close.", "The port would close, Reuters reported.")
    ] == ["attribution_added"]


def test_an_outlets_web_address_is_the_outlet() -> None:
    """ "MSNBC.com" and "MSNBC" are one outlet, for the credit check and for the direction's ``same_outlet``."""
    base = "The council will vote on the new bridge on Friday"
    assert credit_flags(f"{base}, MSNBC.com reported.", f"{base}, MSNBC reported.") == []
    assert credit_flags(f"{base}, MSNBC reported.", f"{base}, according to CNN.com.")[0].kind == "attribution_changed"
    assert same_outlet("MSNBC.com", "MSNBC") and same_outlet("news.bbc.co.uk", "BBC")
    assert not same_outlet("U.S.", "US")


def test_wire_dateline_dropped_and_not_reported_as_a_name() -> None:
    aa = article_from_text("BERLIN (Reuters) - The council will vote on the bridge on Friday.", id="a")
    bb = article_from_text("The council will vote on the bridge on Friday.", id="b")
    fs = analyse(aa, bb, [Match((0,), (0,), "edited", 0.9)], (), ())
    assert [f.kind for f in fs] == ["attribution_dropped"]
    assert "wire credit" in fs[0].note


@pytest.mark.parametrize(
    ("dateline", "body", "lang"),
    [
        ("KIEW, 3. März (Reuters) - ", "Die Regierung hat am Montag neue Sanktionen beschlossen.", "de"),
        ("BERLIN, 12. Mai (dpa) - ", "Die Regierung hat am Montag neue Regeln beschlossen.", "de"),
        ("PARIS, 3 mars (AFP) - ", "Le gouvernement a annoncé lundi de nouvelles mesures.", "fr"),
    ],
)
def test_a_dateline_with_the_day_before_the_month_is_a_wire_credit(dateline: str, body: str, lang: str) -> None:
    aa = article_from_text(dateline + body, id="a", language=lang)
    bb = article_from_text(body, id="b", language=lang)
    fs = [
        f for f in analyse(aa, bb, [Match((0,), (0,), "edited", 0.9)], (), ()) if f.kind.startswith(("attri", "entity"))
    ]
    assert [(f.kind, f.a_text) for f in fs] == [("attribution_dropped", dateline)]  # the city is no name dropped
    assert "wire credit" in fs[0].note


def test_a_credit_named_elsewhere_in_the_other_text_is_not_dropped() -> None:
    aa = article_from_text("The council will vote on Friday, reports Reuters. The bridge is old.", id="a")
    bb = article_from_text("The council will vote on Friday. Reuters says the bridge is old.", id="b")
    ms = [Match((0,), (0,), "edited", 0.9), Match((1,), (1,), "paraphrase", 0.7)]
    assert [f for f in analyse(aa, bb, ms, (), ()) if f.kind.startswith("attribution_")] == []


@pytest.mark.parametrize(
    ("sentence", "credit"),
    [
        ("Die Regierung will sparen, zitiert Reuters den Minister.", "zitiert Reuters"),
        ("Der Hafen schließt, berichtete Reuters des Abends.", "berichtete Reuters"),
        ("The port will close, according to Banco de Portugal.", "according to Banco de Portugal"),
    ],
)
def test_a_credit_ends_at_a_word_end(sentence: str, credit: str) -> None:
    """A name's joining word ("of", "de") was matched at the start of a longer one ("den", "des"): the credit read
    "zitiert Reuters de", and flags showed it so."""
    assert [sentence[s:e] for s, e, *_ in extract(sentence)] == [credit]


def test_a_german_credit_with_the_outlet_first() -> None:
    """ "Der Spiegel berichtete, ..." was no credit (only "berichtete der Spiegel" was): its loss went unflagged and
    the same credit with the verb first read as one brought in."""
    claim = "der Rat stimme am Freitag über die neue Brücke ab"
    first = f"Die West Virginia News berichtete, {claim}."
    assert [(f.kind, f.a_text) for f in credit_flags(first, "Der Rat stimmt am Freitag über die neue Brücke ab.")] == [
        ("attribution_dropped", "Die West Virginia News berichtete")
    ]
    assert credit_flags(first, f"{claim[0].upper()}{claim[1:]}, berichtete die West Virginia News.") == []
    assert credit_flags(f"Der Minister berichtete, {claim}.", f"{claim[0].upper()}{claim[1:]}.") == []


def _flags(a: str, b: str, lang: str) -> list[tuple[str, str | None]]:
    aa, bb = article_from_text(a, id="a", language=lang), article_from_text(b, id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [(f.kind, f.a_text or f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("attribution_")]


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        (  # audit seeds 19 n7, 23 n9: another noun for the same officials
            "Laut den bayerischen Behörden gab es im Vorjahr fast 400 Unfälle.",
            "Den bayerischen Ämtern zufolge kam es im vorigen Jahr zu beinahe 400 Unfällen.",
            "de",
        ),
        (  # seed 23 n42: the outlet's name with a word left out
            "Nach Auskunft der Ohio Valley Metro News dürfte der Marsch viele Teilnehmer anlocken.",
            "Die Ohio Valley News berichtete, dass der Marsch viele Mitläufer anlocken dürfte.",
            "de",
        ),
        (  # seed 21 n7: a compound told in its parts
            "In einem Hochsicherheitsgefängnis wurden laut der Gefängnisbehörde sechs Beamte verletzt.",
            "Wie die Behörde des Gefängnisses mitteilte, trugen sechs Funktionäre Verletzungen davon.",
            "de",
        ),
        (  # seed 21 n84: the same officials, less specific
            "The men were flown to Botswana on a chartered flight, Malawi intelligence officials said.",
            "The men were flown to Botswana on a flight, the officials said.",
            "en",
        ),
        (  # seeds 22 n97, 23 n128: the speaker kept, the outlet he told left out
            "Police were going through his office when word of his arrest came, prosecutor Anke Brandt told "
            "The Associated Press.",
            "A prosecutor said police were going through his office when word of his arrest reached them.",
            "en",
        ),
        (  # seed 21 n130: the source's name given by a pronoun
            'Dorsey said only "No, not now," in the moments that followed, according to Pelham.',
            'In the moments after the collision, she added, Captain Dorsey said only, "No, not now."',
            "en",
        ),
    ],
)
def test_a_credit_kept_in_other_words_is_neither_dropped_nor_changed(a: str, b: str, lang: str) -> None:
    """Flag audits (issue 15, 'same fact in other words'): each of these read as a credit dropped."""
    assert _flags(a, b, lang) == []


@pytest.mark.parametrize(
    ("a", "b", "lang", "flags"),
    [
        (
            "Laut den katalanischen Behörden gab es fast 1000 Verletzte.",
            "Den spanischen Ämtern zufolge gab es fast 1000 Verletzte.",
            "de",
            [("attribution_changed", "Laut den katalanischen Behörden")],
        ),
        (
            "Im Gefängnis wurden laut der Gefängnisbehörde sechs Beamte verletzt.",
            "Im Gefängnis wurden sechs Beamte verletzt.",
            "de",
            [("attribution_dropped", "laut der Gefängnisbehörde")],
        ),
        (
            "The port will close, prosecutor Wolfgang Schweer told The Associated Press.",
            "The port will close, the mayor said.",
            "en",
            [("attribution_dropped", "told The Associated Press")],
        ),
        (
            "The port will close, according to Reuters.",
            "The port will close, she added.",
            "en",
            [("attribution_dropped", "according to Reuters")],
        ),
    ],
)
def test_a_credit_to_another_source_or_none_is_still_flagged(
    a: str, b: str, lang: str, flags: list[tuple[str, str]]
) -> None:
    assert _flags(a, b, lang) == flags
