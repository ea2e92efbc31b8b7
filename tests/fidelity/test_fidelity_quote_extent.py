"""How far a quote runs and which marks make one: the flag audits' quotes read with the wrong extent or marks."""

from __future__ import annotations

from retold.fidelity import analyse
from retold.fidelity.quotes import extract
from retold.ingest import article_from_text
from retold.model import Flag, Match


def texts(t: str) -> list[str]:
    return [q.text for q in extract(t) if not q.nested]


def quote_flags(a: str, b: str, label: str = "paraphrase") -> list[Flag]:
    """The quote flags of two texts, all of one matched to all of the other."""
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), label, 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")]


def test_a_trimmed_quote_with_another_apostrophe_is_not_altered() -> None:
    """Flag audit seed 19 n148: the retelling quoted the second sentence of the quote word for word, "it\u2019d"
    for "it'd"; the trim test read the retelling's words unnormalised, so "it\u2019d" was two words and the quote
    altered."""
    a = "\"We'll look at it again tomorrow. I think it'd be a fine signal if they decided to go ahead.\""
    b = "\u201cI think it\u2019d be a fine signal if they decided to go ahead.\u201d"
    assert quote_flags(a, b) == []
    assert [f.kind for f in quote_flags(a, b.replace("fine", "bad"))] == ["quote_altered"]


def test_a_german_low_mark_before_a_space_opens_a_quote() -> None:
    """Flag audits seed 15 n54, seed 18 n56: 'erl\u00e4uterte, dass: \u201e verschiedene Tumorarten ...
    werden.\u201c' was read as no quote (a space after the opening mark), so the source's quote was dropped
    instead of altered."""
    a = (
        "\u201eDas Enzym XK7 f\u00f6rdert die Ausbreitung mehrerer Tumorarten, darunter Haut-, Leber-, Nieren- und"
        " Magentumoren\u201d, erkl\u00e4rte Prof. Lindqvist."
    )
    b = (
        "Prof. Lindqvist erl\u00e4uterte, dass: \u201e verschiedene Tumorarten, wie etwa Haut-, Leber-,"
        " Nieren- und Magentumoren von dem Enzym XK7 gef\u00f6rdert werden.\u201c"
    )
    aa, bb = article_from_text(a, id="a", language="de"), article_from_text(b, id="b", language="de")
    m = Match((0,), (0,), "paraphrase", 0.6)
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == ["quote_altered"]


def test_tex_style_marks_make_a_quote() -> None:
    """Flag audit seed 15 n88: MRPC's quote in ``...,'' marks (TeX style) was read as no quote, so the source's
    quote was dropped; `` and '' are double marks."""
    a = '"She made a mess of it out there," Ms. Ortega said.'
    assert quote_flags(a, "Ortega put it more bluntly: ``She made a mess of it out there,'' she said.") == []
    assert quote_flags(a, "Hale said the coach felt ''She made a mess of it out there.''") == []
    assert texts("She tied an ``odd double knot,'' the police said, and used a 6'' rope.") == ["odd double knot,"]


def test_a_quote_split_around_its_speaker_and_given_whole_adds_nothing() -> None:
    """Flag audits seed 17 n188, seed 19 n153: two quoted sentences split around their speaker ('"...," the
    president said. "..."') retold as one quote were read as the second quote with words added."""
    a = (
        '"We need the judges to hand us back our powers," the governor said on Sunday. "We need the new curfew'
        ' as one more layer of protection!"'
    )
    b = '"We need the judges to hand us back our powers. We need the new curfew as one more layer of protection!"'
    assert quote_flags(a, b) == []
    fs = quote_flags(a, b.replace("judges", "courts"))
    assert [f.kind for f in fs] == ["quote_altered"]


def test_a_closing_mark_that_ends_a_paragraph_quotes_its_sentence() -> None:
    """Flag audit seed 15 n99: an MRPC sentence ending in a closing mark at its paragraph's end (its opening mark
    in a sentence left out) was read as no quote, so the source's quote was dropped."""
    a = '"These are brutal storms and I wanted to show that," Keane says.'
    b = 'He later found out. I mean, these are brutal storms, and I wanted to really show that."\n\nThe end.'
    assert [f.kind for f in quote_flags(a, b)] == ["quote_altered"]
    assert texts(b) == ["I mean, these are brutal storms, and I wanted to really show that."]
    assert texts(b.replace("\n\n", " ")) == []  # inside its paragraph, with no speaker after: no quote


def test_a_contraction_written_out_is_the_same_quoted_words() -> None:
    """Flag audit seed 19 n193: a quoted "X's going to ..." retold as "X is going to ..." was an altered
    quote."""
    a = '"The league\'s going to collapse," Horn told a crowd Sunday.'
    assert quote_flags(a, 'Speaking to a crowd on Sunday, Horn said "the league is going to collapse."') == []
    assert quote_flags('"We won\'t stay," she said.', '"We will not stay," she said.') == []
    fs = quote_flags(a, 'Speaking to a crowd on Sunday, Horn said "the league is going to thrive."')
    assert [f.kind for f in fs] == ["quote_altered"]


def test_a_title_with_a_subtitle_in_marks_is_no_quote() -> None:
    """Flag audit seed 18 n95: a film's title and subtitle in quote marks was read as speech (the colon before
    the subtitle as a clause's end) and added."""
    a = "The haul beats the May record of $41.2-million for Ocean Tales: The Reef That Sang Twice."
    b = 'It beat the previous record of $41.2 set by 2001\'s "Ocean Tales: The Reef That Sang Twice."'
    assert quote_flags(a, b) == []
    said = 'The director said: "Warning: the reef that sang twice is back."'
    assert [f.kind for f in quote_flags("The director spoke.", said)] == ["quote_added"]


def test_a_straight_mark_between_spaces_closes_the_open_quote_or_opens_one() -> None:
    """Flag audit seed 17 n89: an MRPC sentence with a quote closed by a spaced mark ('... " Here's what ...," he
    said.') was one quote across both (the spaced mark read as neither), dropped whole."""
    t = (
        'Harlan said that "neither I nor my book are racist. " Here\'s what went on: I went to their office'
        ' and started to object," he said. "'
    )
    assert texts(t) == [
        "neither I nor my book are racist.",
        "Here's what went on: I went to their office and started to object,",
    ]
    assert texts('"The recovery will take hold,\' " said Michael Strain.') == ["The recovery will take hold,'"]


def test_an_unclosed_quote_with_a_quote_of_its_own_marks_inside_stays_a_quote() -> None:
    """Flag audit seed 16 n99: 'said: "There are signs ... beach. But he added that Rourke is "a quiet man ..."'
    quotes the first sentence (its closing mark left out); reading the unclosed
    mark as stray lost that quote, and the source's quote of it was dropped."""
    t = (
        'Dunmore said: "There are signs that a boat or boats have landed on this beach. But he added that Rourke is'
        ' "a quiet man and keeps to himself."\n\nShe met Lord Alan.'
    )
    assert texts(t) == ["There are signs that a boat or boats have landed on this beach."]


def test_a_quote_nested_in_the_other_sides_quote_is_its_partner() -> None:
    """fidelity_eval's WMT19 quote edit (wmt19-ar-arp-845): once '\u201e Und sie ...' opened a quote, the
    edited quote inside it was nested in it and the source's quote was read as dropped,
    not altered."""
    a = "Und dann erklärten sie mir, dass ich mich \u201eim kalten und stillen Keller\u201c aufhalte, sagte sie."
    b = "Sie sagte: \u201e Und sie erklären mir dann, dass ich \u201eim kalten und stillen Keller\u201c bin."
    aa, bb = article_from_text(a, id="a", language="de"), article_from_text(b, id="b", language="de")
    m = Match((0,), (0,), "paraphrase", 0.7)
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == []
    bb = article_from_text(b.replace("Keller", "mitverfolgen"), id="b", language="de")
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == ["quote_altered"]


def test_the_same_spoken_words_written_differently_are_not_altered() -> None:
    """Flag audits seed 22 n110 and n127, seeds 20 n130 / 21 n78: 'March the 3rd' / 'March 3', 'cyber
    assets' / 'cyberassets', "Texas's" / "Texas'" were read as altered quotes."""
    pairs = [
        (
            '"That refusal to listen led to March the 3rd and still leaves (our) towns at risk," Pryor said.',
            '"That refusal to listen led to March 3 and still leaves [our] towns at risk," said Pryor.',
        ),
        (
            '"It will guard the state\'s cyber assets so that we can guard the state\u2019s power grid."',
            "\"It will guard the state's cyberassets so that we can guard the state's power grid,\" he added.",
        ),
        (
            '"We firmly objected to Texas\'s claim for costs," she said.',
            '"We firmly objected to Texas\' claim for costs."',
        ),
    ]
    for a, b in pairs:
        assert quote_flags(a, b) == [], a
    assert [f.kind for f in quote_flags(*pairs[1][:1], pairs[1][1].replace("cyberassets", "cyberarms"))] == [
        "quote_altered"
    ]


def test_quote_marks_moved_over_the_sources_own_words_alter_nothing() -> None:
    """Flag audits seed 22 n77 and seed 20 n70: '\u201csteady\u201d and \u201csettled\u201d' -> '\u201csteady
    and settled\u201d' and 'is a "ruthless, scheming liar."' -> 'is, "a ruthless, scheming liar"' were read as
    quotes that add words; the added words are the source's, beside its marks."""
    a = "Her state was reported as \u201csteady\u201d and \u201csettled\u201d."
    b = "With her state last night reported as \u201csteady and settled\u201d."
    assert quote_flags(a, b) == []
    a = 'She told the court Rowe is a "ruthless, scheming liar."'
    assert quote_flags(a, 'The prosecutor reminded jurors that Rowe is, "a ruthless, scheming liar".') == []
    assert [f.kind for f in quote_flags(a, 'Rowe is, "a ruthless, scheming and vicious liar".')] == ["quote_altered"]


def test_a_post_embedded_in_the_page_is_a_quote_of_its_words() -> None:
    """Flag audits seed 20 n153, 21 n141 and n191, 22 n177, 18 n193: one outlet quotes a tweet in marks, the
    other embeds the same tweet (its words, then '\u2014 Senator Ida Lane (@IdaLane) June 4, 2019'); the
    quote was read as added (or dropped) for want of marks around the embed."""
    a = (
        "Lane urged a no vote.\n\nI hope @GovMarshall will block this sorry bill because it's"
        " $4.2 billion in spending that (nearly) nobody read. \u2014 Senator Ida Lane (@IdaLane) June 4, 2019"
    )
    b = (
        'Lane urged a no vote: "I hope @GovMarshall will block this sorry bill because it\u2019s'
        ' $4.2 billion in spending that (nearly) nobody read," she wrote.'
    )
    assert quote_flags(a, b) == []
    assert [f.kind for f in quote_flags(a.split(" \u2014 ")[0], b)] == ["quote_added"]


def test_a_quote_reopened_after_a_full_stop_ends_the_one_left_open() -> None:
    """Flag audit seed 25 n107 and n133 (MRPC pseudo-articles, one sentence's opening mark never closed): 'said:
    "There is evidence ... area. "I still want ...," he told' was read as one quote running across the next
    sentence's, so a quote the other text kept word for word read as altered."""
    b = 'The chief inspector said: "There is a body in this area. "We still dig here for weeks," he told the Courier.'
    assert texts(b) == ["There is a body in this area.", "We still dig here for weeks,"]
    a = 'The chief inspector said: "There is a body in this area." "We still dig here for weeks," he told the Courier.'
    assert quote_flags(a, b) == []
    # a quote that is not closed and is followed by no other quote still runs to its sentence's end
    assert texts('He said: "There is a body in this area. The dig goes on.') == ["There is a body in this area."]


def test_a_subject_moved_inside_the_marks_alters_no_quote() -> None:
    """Flag audits seed 21 n83, seed 24 n76: a demonstrative before the marks moved inside them ('those "are not ...' ->
    '"These are not ...'): only the subject went inside the marks; the speaker's words are all kept."""
    a = 'She said those "are not our principles alone, nor are they only Western."'
    b = 'She said: "These are not our principles alone, nor are they only Western."'
    assert quote_flags(a, b) == []
    assert [f.kind for f in quote_flags(a, b.replace("These are", "Truly these are"))] == ["quote_altered"]
    # flag audit seed 22 n115 (right): a subject put in front of a quote the source gives whole is added
    whole = quote_flags(
        'She said: "Sounds like the race started early."', 'She said: "It sounds like the race started early."'
    )
    assert [f.kind for f in whole] == ["quote_altered"]
