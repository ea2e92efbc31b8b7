"""Direct quotes in every common typography, their speakers, and what a retelling did to them."""

from __future__ import annotations

import pytest

from retold.fidelity import analyse
from retold.fidelity.quotes import extract
from retold.ingest import article_from_text
from retold.model import Flag, Match


def texts(t: str) -> list[str]:
    return [q.text for q in extract(t) if not q.nested]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we will stay" and left.', ["we will stay"]),
        ("He said \u201cwe will stay\u201d and left.", ["we will stay"]),
        ("Il a dit \u00ab nous restons \u00bb hier.", ["nous restons"]),
        # French sets guillemets apart with a space, plain or narrow and no-break, before a comma too
        ("\u00ab Nous ne c\u00e9derons pas \u00bb, a d\u00e9clar\u00e9 Dupont.", ["Nous ne c\u00e9derons pas"]),
        ("Il a dit \u00ab\u202fnous restons\u202f\u00bb. Puis il part.", ["nous restons"]),
        ("Er sagte \u201eWir bleiben\u201c und ging.", ["Wir bleiben"]),
        ("Er sagte \u00bbWir bleiben\u00ab und ging.", ["Wir bleiben"]),
        ("\u2018We will stay,\u2019 she said.", ["We will stay,"]),
        ("\u201cWe are here. We stay. We win,\u201d he said.", ["We are here. We stay. We win,"]),
        # a capitalised elided word opens a quote a speaker follows: "'Til death,' she said" lost its opening mark
        ("'Til death do us part,' she said.", ["Til death do us part,"]),
        ("He left. \u2018Tis the season,\u2019 he said.", ["Tis the season,"]),
        ("He wrote: 'Twas the night before Christmas,' she said.", ["Twas the night before Christmas,"]),
        ("'Til the workers' strike ends, we wait,' Smith told reporters.", ["Til the workers' strike ends, we wait,"]),
        # no speaker after the closing mark, an elided word inside a sentence, a quote opened later: no quote there
        ("'Til death,' read the sign.", []),
        ("Rock 'Em Sock 'Em,' he said.", []),
        ("'Tis the season. 'We shop,' he said.", ["We shop,"]),
    ],
)
def test_quote_marks(text: str, quoted: list[str]) -> None:
    assert texts(text) == quoted


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    qs = extract("Sie sagte: \u201eEr rief \u201aHalt\u2018 und lief.\u201c Dann ging sie.")
    outer = [q.text for q in qs if not q.nested]
    inner = [q.text for q in qs if q.nested]
    assert outer == ["Er rief \u201aHalt\u2018 und lief."] and inner == ["Halt"]
    qs = extract("He wrote: \u201cThey called it \u2018the plan\u2019 all along.\u201d")
    assert [q.text for q in qs if q.nested] == ["the plan"]


def test_a_quote_across_paragraphs_by_the_newspaper_convention() -> None:
    text = "\u201cThe first part of what I said.\n\n\u201cAnd the second part,\u201d she added."
    assert texts(text) == ["The first part of what I said.", "And the second part,"]


def test_not_quotes() -> None:
    assert texts("Don't touch NATO's 5\" screen, said the countries\u2019 leaders.") == []
    assert texts("An unclosed 'mark stays alone.\nNext line.") == []  # single marks are apostrophes too


def test_a_plural_possessive_does_not_close_a_single_quoted_quote() -> None:
    """A plural possessive ("the nurses' pay") closes no quote that a later single mark closes."""
    assert texts("'We will not abandon the nurses' pay claim,' she said.") == [
        "We will not abandon the nurses' pay claim,"
    ]
    assert texts("\u2018The workers\u2019 union will strike. We stand firm,\u2019 he said.") == [
        "The workers\u2019 union will strike. We stand firm,"
    ]
    assert texts("Critics called it 'a gift to the bankers' and left.") == ["a gift to the bankers"]  # none later
    assert texts("The 'experts' were wrong about the nurses' pay.") == ["experts"]  # the later mark is one too
    assert texts("He called them 'the bosses' men', and 'a disgrace,' she said.") == ["the bosses' men", "a disgrace,"]
    assert texts("He called them 'the bosses' and 'a disgrace,' she said.") == ["the bosses", "a disgrace,"]  # opens
    # the next mark that can close stands beside a dash or ends the paragraph: it closes
    assert texts("Conway: 'No one likes seeing babies taken from their mothers' arms' \u2013 video") == [
        "No one likes seeing babies taken from their mothers' arms"
    ]
    assert texts("If talks fail, 'it's the North Koreans' fault'\n\nNext.") == ["it's the North Koreans' fault"]
    # a name after the possessive ("the Smiths' Ford", "Jesus' Sermon") is the same possessive
    assert texts("'We back the Smiths' Ford deal,' she said.") == ["We back the Smiths' Ford deal,"]
    assert texts("'He read Jesus' Sermon on the Mount to us,' she said.") == [
        "He read Jesus' Sermon on the Mount to us,"
    ]
    # ... but not where a quote does not end ("Blacks' 2-3-2"): the first mark closes
    assert texts("They were 'The Invincibles' after all, and the Blacks' 2-3-2 pack won.") == ["The Invincibles"]


def test_an_elision_or_a_decade_opens_no_quote() -> None:
    """An apostrophe starting an elided word or a decade is no opening mark, so a later apostrophe (a plural
    possessive) closes nothing; a quote around them still reads whole."""
    for t in (
        "He loves rock 'n roll and the Smiths' records.",
        "He loves rock \u2019n\u2019 roll and the Smiths\u2019 records.",
        "Wait 'til the bosses' meeting ends.",
        "Give 'em the Smiths' records.",
        "He stayed 'cause the workers' union asked.",
        "Rock \u2018Em Sock \u2018Em, the Joneses' game.",
        "Back in the '90s the Smiths' records sold.",
    ):
        assert texts(t) == [], t
    assert texts("'I love rock 'n' roll,' he said.") == ["I love rock 'n' roll,"]
    assert texts("'We loved the Smiths' records of the '80s,' she said.") == [
        "We loved the Smiths' records of the '80s,"
    ]
    # a capitalised word that is a word too opens a quote ("'Cause for concern"), as does an all-capitals one
    assert texts("'Cause for concern,' he said.") == ["Cause for concern,"]
    assert texts("\u2018CAUSE TROUBLE\u2019 TO SPARK CHANGE") == ["CAUSE TROUBLE"]


def test_an_unclosed_double_mark_quotes_to_the_paragraph_end() -> None:
    assert texts('He said: "We stay here.\nNext line.') == ["We stay here."]
    assert texts('He said: "We stay here. Then he left.\nNext line.') == ["We stay here."]  # its sentence only
    assert texts("He said: \u201eWir bleiben.") == ["Wir bleiben."]
    assert texts('The minister said "><img src=x> that the strike ended.') == []  # no word after the mark


def test_a_closing_mark_with_nothing_open_quotes_its_sentence_when_a_speaker_follows() -> None:
    """The opening mark lost on the way (scraped or pasted text): the closing one and who said it still mark
    the speaker's words, from the sentence's start; an inch mark or a mark no speech verb follows is no quote."""
    assert texts('The port is shut. We will rebuild it," the mayor said.') == ["We will rebuild it,"]
    assert texts('We will accede," VeriSign spokesman Tom Galvin told Reuters.') == ["We will accede,"]
    assert texts("Wir bleiben hier\u201c, bemerkte er.") == ["Wir bleiben hier"]
    assert texts('It was 5" long and he said so.') == []
    assert texts('We will rebuild it," the mayor wrote.') == ["We will rebuild it,"]
    assert texts('We will rebuild it," and then left.') == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("\u201cWe stay,\u201d said Anna Berg.", "Anna Berg"),
        ("\u201cWe stay,\u201d Berg said.", "Berg"),
        ("Minister Anna Berg spoke on Friday. \u201cWe stay,\u201d she said.", "Anna Berg"),
        # "General" after another title is part of the post, not of the name
        ("UN Secretary General Anna Berg said so. \u201cWe stay,\u201d she said.", "Anna Berg"),
        ("\u201cWe stay,\u201d said General Motors.", "General Motors"),
        ("Anna Berg said: \u201cWe stay.\u201d", "Anna Berg"),
        ("On Friday, Berg sent a message to the council: \u201cWe stay.\u201d", "Berg"),
        ("\u201eWir bleiben\u201c, sagte Berg.", "Berg"),
        ("Berg erkl\u00e4rte: \u201eWir bleiben.\u201c", "Berg"),
        # a German adverb opens the sentence, capitalised there: it names no one
        ("Danach kam eine Frau zu ihm und fragte: \u201eWarum erst jetzt?\u201c", None),
        # a pronoun is a whole word: "officer" ends in the German "er"
        ('A police officer said: "We need witnesses."', None),
    ],
)
def test_speakers(text: str, speaker: str | None) -> None:
    q = next(q for q in extract(text) if not q.nested)
    assert q.speaker == speaker


def quote_flags(a: str, b: str) -> list[Flag]:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")]


def test_quote_kept_in_other_typography_is_not_flagged() -> None:
    assert quote_flags('"We will stay," the mayor said.', "\u201cWe will stay!\u201d said the mayor.") == []


def test_a_contraction_written_with_another_apostrophe_is_the_same_quoted_word() -> None:
    """Flag audit seed 18: "He'll" in one outlet's quote and "He\u2019ll" in the other's were two words and one."""
    a = 'Romney told donors: "He\'ll speak with great eloquence. But actions speak louder than words."'
    b = "Romney told donors, \u201cHe\u2019ll speak with great eloquence, but actions speak louder than words.\u201d"
    assert quote_flags(a, b) == []
    fs = quote_flags(a, b.replace("louder", "softer"))
    assert [f.kind for f in fs] == ["quote_altered"]


def test_an_editors_insertion_in_a_quote_is_no_word_of_the_speaker() -> None:
    """Flag audit seed 19: 'I have recommended him [Mr. Cheney] to ...' and the same words without the editor's
    bracket were an altered quote."""
    a = 'Bush said: "I have recommended him [Mr. Cheney] to the committee, and he will serve well."'
    b = 'Bush said: "I have recommended him to the committee, and he will serve well."'
    assert quote_flags(a, b) == []
    assert quote_flags(b, a.replace("[Mr. Cheney]", "(Cheney)")) == []
    fs = quote_flags(a, b.replace("serve well", "fail"))
    assert [f.kind for f in fs] == ["quote_altered"]


def test_quote_altered() -> None:
    fs = quote_flags('"We will stay until the work is done," the mayor said.', '"We will stay," the mayor said.')
    assert fs == []  # fewer of the same words: trimmed, not altered
    fs = quote_flags('"We will stay," the mayor said.', '"We shall remain," the mayor said.')
    assert [(f.kind, f.a_text, f.b_text) for f in fs] == [("quote_altered", "We will stay,", "We shall remain,")]


def test_quote_trimmed_with_an_ellipsis_is_not_altered() -> None:
    a = '"We will stay in the city until the work is done," the mayor said.'
    assert quote_flags(a, '"We will stay ... until the work is done," the mayor said.') == []


def test_quote_dropped_into_paraphrase() -> None:
    fs = quote_flags(
        '"We will rebuild every bridge in the valley," the mayor said.',
        "The mayor said they would rebuild every bridge in the valley.",
    )
    assert [(f.kind, f.severity) for f in fs] == [("quote_dropped", "warning")]


def test_quote_added_is_high() -> None:
    fs = quote_flags(
        "The mayor said the bridges would be repaired.",
        'The mayor said: "Every bridge will be rebuilt by spring, I promise."',
    )
    assert [(f.kind, f.severity) for f in fs] == [("quote_added", "high")]


def test_quoted_names_are_not_speech() -> None:
    fs = quote_flags(
        "The new Valley Recovery Programme starts today.",
        "The new programme, called \u201cValley Recovery Programme\u201d, starts today.",
    )
    assert fs == []


def test_words_quoted_inside_a_mark_never_closed_are_quoted_too() -> None:
    """A quote nested in a mark that never closes is still the speaker's words: the other text quoting them is
    no added quote (``quotes.quoted_elsewhere`` reads every quote, nested ones too)."""
    a = article_from_text(
        'Lena Holm said: "It came as a real blow. Every one of us had handled the horses. "We will go along with'
        ' that demand while we weigh each choice we have," a Cortexa spokeswoman told Reuters.',
        id="a",
    )
    b = article_from_text(
        'We will go along with that demand while we weigh each choice we have," said Maria Quist of Cortexa.',
        id="b",
    )
    m = Match((len(a.sentences) - 1,), tuple(s.i for s in b.sentences), "paraphrase", 0.8)
    assert [f.kind for f in analyse(a, b, [m], (), ()) if f.kind.startswith(("quote_", "claim_"))] == []


def test_a_quote_inflected_in_the_other_text_is_quoted_there() -> None:
    """German inflects quoted words to fit the sentence ("ein unersetzliches Instrument" -> "einem unersetzlichen
    Instrument"): the other text still quotes them, so nothing is dropped (words compared by their stems)."""
    a = article_from_text(
        "Der Experte nannte es „ein Kulturgut“ und „ein unersetzliches historisches Instrument“.", id="a", language="de"
    )
    b = article_from_text(
        "Er sprach von „einem Kulturgut“ und „einem unersetzlichen historischen Instrument“.", id="b", language="de"
    )
    m = Match((0,), (0,), "related", 0.4)
    assert [f.kind for f in analyse(a, b, [m], (), ()) if f.kind in ("quote_dropped", "quote_added")] == []


def test_a_quote_with_page_furniture_inside_is_shown_without_it() -> None:
    """The Hill's hover card after a name sits inside a quote: the flag shows the quote as a reader sees it,
    not the NUL characters that stand for the card while the checks read the text."""
    from retold import compare

    card = "Donald John TrumpSenators balk at long trial Warren goes local 2020 Democrats make play for votes MORE"
    head = "The manager of a diner in Dayton told the aide to go on Saturday evening. "
    tail = " the aide posted. The manager said afterwards that she had no regrets."
    a = article_from_text(
        head + '"I was asked to go since I am on the staff of President Trump, so I went,"' + tail, id="a"
    )
    b = article_from_text(
        head
        + f'"On Saturday I was asked to go since I am on the staff of President Trump {card} so I quietly went,"'
        + tail,
        id="b",
    )
    (flag,) = [f for f in compare(a, b, lexical=True).flags if f.kind == "quote_altered"]
    assert flag.b_text == "On Saturday I was asked to go since I am on the staff of President Trump so I quietly went,"


def test_a_german_quote_declined_for_its_new_sentence_is_not_altered() -> None:
    """Flag audits 20 and 23: '\u201eEin Kulturschatz\u201c' -> '\u201eeinem Kulturschatz\u201c gleich' read as
    altered."""
    de = {"language": "de"}
    a = article_from_text("\u201eEin Kulturschatz\u201c, sagte der Bischof über die Orgel.", id="a", **de)
    b = article_from_text("Der Bischof stellte die Orgel \u201eeinem Kulturschatz\u201c gleich.", id="b", **de)
    c = article_from_text("Der Bischof stellte die Orgel \u201eeinem Weltwunder\u201c gleich.", id="c", **de)
    assert [f.kind for f in analyse(a, b, [Match((0,), (0,), "paraphrase", 1.0)], (), ())] == []
    assert [f.kind for f in analyse(a, c, [Match((0,), (0,), "paraphrase", 1.0)], (), ())] == ["quote_altered"]


def test_the_only_quotes_of_two_related_sentences_each_mostly_quote_are_one_quote_retold() -> None:
    """Flag audits 19 and 20: a short quoted warning reworded was read as one quote dropped and another added
    where the aligner called the sentences related."""
    de = {"language": "de"}
    a = article_from_text("Sie riefen: \u201elauf nicht mit dieser Mütze hinaus.\u201c", id="a", **de)
    b = article_from_text(
        "\u201eWenn du diese Mütze trägst, solltest du nicht nach draußen laufen\u201c, riefen sie.", id="b", **de
    )
    kinds = [f.kind for f in analyse(a, b, [Match((0,), (0,), "related", 0.4)], (), ()) if f.kind.startswith("quote")]
    assert kinds == ["quote_altered"]


def test_a_mark_never_closed_around_quotes_retold_adds_no_quote() -> None:
    """Flag audits 16, 18, 21, 22 and 23: a stray \u201e before nested quotes read as a quote added."""
    de = {"language": "de"}
    a = article_from_text(
        "Dienstag bekommt Paraguay \u201eeine seltene Gelegenheit für den Anfang einer neuen Phase der Zusammenarbeit "
        "mit Peru\u201c sowie die Chance, \u201e82 Jahre des Streits zum Vorteil beider Länder abzuschließen,\u201c "
        "sagte sie.",
        id="a",
        **de,
    )
    b = article_from_text(
        "Sie meinte: \u201eAm Dienstag erhält Paraguay \u201eeine besondere Möglichkeit, eine neue Phase der "
        "Zusammenarbeit mit Peru zu beginnen\u201c und die Gelegenheit, \u201e82 Jahre Streit so abzuschließen, dass "
        "beide Länder gewinnen\u201c.\n\n\u201eDas Urteil erlaubt es, den alten Zwist hinter sich zu lassen.\u201c",
        id="b",
        **de,
    )
    kinds = [
        f.kind for f in analyse(a, b, [Match((0,), (0,), "paraphrase", 0.6)], (), ()) if f.kind.startswith("quote")
    ]
    assert "quote_added" not in kinds


def test_a_speakers_quote_reworded_in_related_sentences_is_altered() -> None:
    """Flag audits 17, 21, 23, 24: a speaker's short quoted phrase, retold as a whole quoted sentence of his,
    raised one quote dropped and another added ('possibly invented')."""
    a = article_from_text(
        "Die Telefonleitungen waren „völlig unterbrochen, ohne Nachrichten“ aus Palu, sagte Wibowo.",
        id="a",
        language="de",
    )
    b = article_from_text(
        "Wibowo erklärte: „Es gelang nicht, eine Verbindung nach Palu herzustellen oder Nachrichten von dort zu "
        "bekommen“.",
        id="b",
        language="de",
    )
    flags = analyse(a, b, [Match((0,), (0,), "related", 0.29)], (), ())
    assert [f.kind for f in flags if f.kind.startswith("quote_")] == ["quote_altered"]
