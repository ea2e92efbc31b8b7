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
    a = "\"We'll talk about it again today. I think it'd be a great gesture if they would choose to do so.\""
    b = "\u201cI think it\u2019d be a great gesture if they would choose to do so.\u201d"
    assert quote_flags(a, b) == []
    assert [f.kind for f in quote_flags(a, b.replace("great", "poor"))] == ["quote_altered"]


def test_a_german_low_mark_before_a_space_opens_a_quote() -> None:
    """Flag audits seed 15 n54, seed 18 n56: 'erl\u00e4uterte, dass: \u201e verschiedene Krebsarten ...
    werden.\u201c' was read as no quote (a space after the opening mark), so the source's quote was dropped
    instead of altered."""
    a = (
        "\u201eHER2 f\u00f6rdert das Wachstum mehrerer Krebsarten, einschlie\u00dflich Brust-, Ovarial-, Lungen- und"
        " Kolorektalkrebs\u201d, erkl\u00e4rte Prof. Berzofsky."
    )
    b = (
        "Prof. Berzofsky erl\u00e4uterte, dass: \u201e verschiedene Krebsarten, wie zum Beispiel Brust-, Ovarial-,"
        " Lungen- und Kolorektalkrebs von dem Protein HER2 gef\u00f6rdert werden.\u201c"
    )
    aa, bb = article_from_text(a, id="a", language="de"), article_from_text(b, id="b", language="de")
    m = Match((0,), (0,), "paraphrase", 0.6)
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == ["quote_altered"]


def test_tex_style_marks_make_a_quote() -> None:
    """Flag audit seed 15 n88: MRPC's "``He did a bad job going up there,'' he said." was read as no quote, so the
    source's quote was dropped; `` and '' are double marks."""
    a = '"He did a bad job going up there," Mr. Villalona said.'
    assert quote_flags(a, "Villalona put it more bluntly: ``He did a bad job going up there,'' he said.") == []
    assert quote_flags(a, "Fleischer said Bush wanted ''He did a bad job going up there.''") == []
    assert texts("He used a ``peculiar slipknot,'' the police said, and a 5'' blade.") == ["peculiar slipknot,"]


def test_a_quote_split_around_its_speaker_and_given_whole_adds_nothing() -> None:
    """Flag audits seed 17 n188, seed 19 n153: '"We need the courts to give us back our rights," the president
    said. "We need the Travel Ban as an extra level of safety!"' retold as one quote was read as the second quote
    with words added."""
    a = (
        '"We need the courts to give us back our rights," the president said on Saturday. "We need the Travel Ban'
        ' as an extra level of safety!"'
    )
    b = '"We need the courts to give us back our rights. We need the Travel Ban as an extra level of safety!"'
    assert quote_flags(a, b) == []
    fs = quote_flags(a, b.replace("courts", "judges"))
    assert [f.kind for f in fs] == ["quote_altered"]


def test_a_closing_mark_that_ends_a_paragraph_quotes_its_sentence() -> None:
    """Flag audit seed 15 n99: MRPC's 'I mean, these are violent surgeries, and I wanted to properly convey
    that."' (its opening mark in a sentence left out) was read as no quote, so the source's quote was dropped."""
    a = '"These are violent surgeries and I wanted to convey that," Murphy says.'
    b = 'He later found out. I mean, these are violent surgeries, and I wanted to properly convey that."\n\nThe end.'
    assert [f.kind for f in quote_flags(a, b)] == ["quote_altered"]
    assert texts(b) == ["I mean, these are violent surgeries, and I wanted to properly convey that."]
    assert texts(b.replace("\n\n", " ")) == []  # inside its paragraph, with no speaker after: no quote


def test_a_contraction_written_out_is_the_same_quoted_words() -> None:
    """Flag audit seed 19 n193: '"The newspaper's going to hell," Trump told a rally' and 'Trump said "the
    newspaper is going to hell."' were an altered quote."""
    a = '"The newspaper\'s going to hell," Trump told a rally Saturday.'
    assert quote_flags(a, 'At a rally on Saturday, Trump said "the newspaper is going to hell."') == []
    assert quote_flags('"We won\'t stay," she said.', '"We will not stay," she said.') == []
    fs = quote_flags(a, 'At a rally on Saturday, Trump said "the newspaper is going to win."')
    assert [f.kind for f in fs] == ["quote_altered"]


def test_a_title_with_a_subtitle_in_marks_is_no_quote() -> None:
    """Flag audit seed 18 n95: '"Austin Powers: The Spy Who Shagged Me."' in quote marks was read as speech (the
    colon before the subtitle as a clause's end) and added."""
    a = "The take surpasses the June record of $54.9-million for Austin Powers: The Spy Who Shagged Me."
    b = 'It beat the previous record of $54.9 set by 1999\'s "Austin Powers: The Spy Who Shagged Me."'
    assert quote_flags(a, b) == []
    said = 'The director said: "Warning: the spy who shagged me is back."'
    assert [f.kind for f in quote_flags("The director spoke.", said)] == ["quote_added"]


def test_a_straight_mark_between_spaces_closes_the_open_quote_or_opens_one() -> None:
    """Flag audit seed 17 n89: MRPC's '"neither I nor my film are anti-Semitic. " Here's what happened: I go to
    their Web site ...," he said.' was one quote across both (the spaced mark read as neither), dropped whole."""
    t = (
        'Gibson said that "neither I nor my film are anti-Semitic. " Here\'s what happened: I go to their Web site'
        ' and start complaining," he said. "'
    )
    assert texts(t) == [
        "neither I nor my film are anti-Semitic.",
        "Here's what happened: I go to their Web site and start complaining,",
    ]
    assert texts('"The recovery will take hold,\' " said Michael Strain.') == ["The recovery will take hold,'"]


def test_an_unclosed_quote_with_a_quote_of_its_own_marks_inside_stays_a_quote() -> None:
    """Flag audit seed 16 n99: 'said: "There is evidence a body or bodies have been in this area. But he added that
    De Niro is "a private person ..."' quotes the first sentence (its closing mark left out); reading the unclosed
    mark as stray lost that quote, and the source's quote of it was dropped."""
    t = (
        'McKinlay said: "There is evidence a body or bodies have been in this area. But he added that De Niro is'
        ' "a private person and does not care."\n\nShe met Lady Mary.'
    )
    assert texts(t) == ["There is evidence a body or bodies have been in this area."]


def test_a_quote_nested_in_the_other_sides_quote_is_its_partner() -> None:
    """fidelity_eval's WMT19 quote edit (wmt19-ar-arp-845): once '\u201e Und sie teilen ...' opened a quote, the
    edited '\u201eim versunkenen mitverfolgen\u201c' was nested in it and the source's quote was read as dropped,
    not altered."""
    a = "Und dann sagten sie mir, dass ich mich \u201eim versunkenen und dunklen Bereich\u201c befinde, sagte er."
    b = "Er sagte: \u201e Und sie teilen mir dann mit, dass ich \u201eim versunkenen und dunklen Bereich\u201c bin."
    aa, bb = article_from_text(a, id="a", language="de"), article_from_text(b, id="b", language="de")
    m = Match((0,), (0,), "paraphrase", 0.7)
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == []
    bb = article_from_text(b.replace("Bereich", "mitverfolgen"), id="b", language="de")
    assert [f.kind for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("quote_")] == ["quote_altered"]


def test_the_same_spoken_words_written_differently_are_not_altered() -> None:
    """Flag audits seed 22 n110 and n127, seeds 20 n130 / 21 n78: 'September the 11th' / 'September 11', 'cyber
    assets' / 'cyberassets', "Massachusetts's" / "Massachusetts'" were read as altered quotes."""
    pairs = [
        (
            '"That failure to act contributed to September the 11th and continues (to put) Americans at risk,"'
            " Graham said.",
            '"That failure to act contributed to September 11 and continues [to put] Americans at risk," said Graham.',
        ),
        (
            '"It will protect the nation\'s cyber assets so that we may protect the nation\u2019s infrastructure."',
            "\"It will protect the nation's cyberassets so that we may protect the nation's infrastructure,\""
            " he added.",
        ),
        (
            '"We respectfully disagreed with Massachusetts\'s request for fees," he said.',
            '"We respectfully disagreed with Massachusetts\' request for fees."',
        ),
    ]
    for a, b in pairs:
        assert quote_flags(a, b) == [], a
    assert [f.kind for f in quote_flags(*pairs[1][:1], pairs[1][1].replace("cyberassets", "cyberarms"))] == [
        "quote_altered"
    ]


def test_quote_marks_moved_over_the_sources_own_words_alter_nothing() -> None:
    """Flag audits seed 22 n77 and seed 20 n70: '\u201cstable\u201d and \u201ccomfortable\u201d' -> '\u201cstable
    and comfortable\u201d' and 'is a "cold, calculating killer."' -> 'is, "a cold, calculating killer"' were read as
    quotes that add words; the added words are the source's, beside its marks."""
    a = "His condition was described as \u201cstable\u201d and \u201ccomfortable\u201d."
    b = "With his condition last night described as \u201cstable and comfortable\u201d."
    assert quote_flags(a, b) == []
    a = 'He told the jury Stubbs is a "cold, calculating killer."'
    assert quote_flags(a, 'The prosecutor reminded jurors that Stubbs is, "a cold, calculating killer".') == []
    assert [f.kind for f in quote_flags(a, 'Stubbs is, "a cold, calculating and cruel killer".')] == ["quote_altered"]


def test_a_post_embedded_in_the_page_is_a_quote_of_its_words() -> None:
    """Flag audits seed 20 n153, 21 n141 and n191, 22 n177, 18 n193: one outlet quotes a tweet in marks, the
    other embeds the same tweet (its words, then '\u2014 Senator Rand Paul (@RandPaul) March 23, 2018'); the
    quote was read as added (or dropped) for want of marks around the embed."""
    a = (
        "Paul urged a veto.\n\nI agree @realDonaldTrump should veto this sad excuse for legislation because it's"
        " $1.3 trillion in spending that (almost) no one read. \u2014 Senator Rand Paul (@RandPaul) March 23, 2018"
    )
    b = (
        'Paul urged a veto: "I agree @realDonaldTrump should veto this sad excuse for legislation because it\u2019s'
        ' $1.3 trillion in spending that (almost) no one read," he wrote.'
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
