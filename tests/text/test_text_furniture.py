"""Page furniture inside sentences: every rule's examples, a case of each rule's own, and what reading
and comparing make of a text that holds a scraped name card."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.fidelity import analyse
from retold.fidelity._shared import Doc
from retold.model import Match
from retold.store.sqlite import Store
from retold.text.furniture import LINE_RULES, RULES, furniture, furniture_line, without

CARD = (
    " Kamala Devi HarrisSenate report finds 30 percent rise in claims Warren goes local in race to build 2020"
    " movement Durbin: 'We will be back' MORE"
)
SENTENCE = "Senator Kamala Harris{card} said on Tuesday that the committee would vote in May."

# one case per rule, written apart from the rule's own examples: deleting a rule fails here
OWN_CASES = {
    "name_card": (
        "Governor Gavin Newsom Gavin Christopher NewsomCalifornia sues over water rules 5 takeaways from the"
        " debate MORE signed the bill.",
        "Governor Gavin Newsom signed the bill.",
    ),
}


@pytest.mark.parametrize(
    ("name", "text", "want"), [(r.name, t, w) for r in RULES for t, w in r.examples], ids=lambda x: str(x)[:40]
)
def test_every_example_reads_as_written(name: str, text: str, want: str) -> None:
    assert without(text) == want, name


def test_each_rule_has_a_case_of_its_own() -> None:
    assert {r.name for r in RULES} == set(OWN_CASES)
    for name, (text, want) in OWN_CASES.items():
        assert without(text) == want, name


def test_text_without_furniture_costs_nothing_and_keeps_everything() -> None:
    plain = "MORE than 500 people marched. Donald Trump said more would come."
    assert furniture(plain) == [] and without(plain) == plain


def test_reading_leaves_the_card_out_of_the_sentence_but_keeps_its_offsets() -> None:
    text = SENTENCE.format(card=CARD)
    art = retold.article_from_text(text, id="hill", title="Vote in May")
    body = art.sentences[1]
    assert body.norm == SENTENCE.format(card="")
    assert body.text == text  # the original is kept whole: spans point into it
    assert art.text[body.start : body.end] == text


def test_a_stored_article_keeps_the_card_out(tmp_path: Path) -> None:
    art = retold.article_from_text(SENTENCE.format(card=CARD), id="hill")
    with Store(tmp_path / "s.db", write=True) as st:
        st.add([art])
    with Store(tmp_path / "s.db") as st:
        assert st.get("hill").sentences == art.sentences


def test_a_card_raises_no_flag_and_reads_as_the_same_text() -> None:
    source = retold.article_from_text(SENTENCE.format(card=""), id="a", published="2019-05-01")
    copy = retold.article_from_text(SENTENCE.format(card=CARD), id="b", published="2019-05-02")
    c = retold.compare(source, copy, lexical=True)
    assert c.flags == (), [(f.kind, f.b_text) for f in c.flags]
    assert c.verdict.relation == "identical"  # read without the card, the two say the same words


# one case per line rule, written apart from its examples: deleting a rule fails here
OWN_LINES = {
    "contributor_line": "Reuters reporter Anna Berg in Harben contributed to this story.",
    "staff_line": "(Additional reporting by Jon Vik; editing by Mia Lund)",
    "pointer_line": "READ MORE: Ferries cancelled as the storm nears",
    "follow_line": "Follow Anna Berg on Twitter: @annaberg",
    "editor_note": "Editor's note: The mayor's name was spelled wrongly when this story first ran.",
    "photo_caption": "Dock workers march through Harben, Norway, March 3, 2026. REUTERS/Anna Berg",
    "site_notice": "The sign-up form is protected by reCAPTCHA; Google's terms apply.",
    "video_caption": "CLOSE Ferries were cancelled in Harben as the storm neared. (March 3) AP",
    "author_note": "Anna Berg is a senior correspondent for the Harben Post. She can be reached at @annaberg.",
}


@pytest.mark.parametrize(
    ("name", "text", "want"),
    [(r.name, t, w) for r in LINE_RULES for t, w in r.examples],
    ids=lambda x: str(x)[:40],
)
def test_every_line_example_reads_as_written(name: str, text: str, want: bool) -> None:
    closing = next(r.closing for r in LINE_RULES if r.name == name)
    if closing:  # a paragraph of an article's closing ones; elsewhere it is prose
        assert furniture_line(text, text, closing=True) == (name if want else None)
        assert furniture_line(text, text) is None
    else:
        assert furniture_line(text) == (name if want else None)


def test_each_line_rule_has_a_case_of_its_own() -> None:
    assert {r.name for r in LINE_RULES} == set(OWN_LINES)
    for name, text in OWN_LINES.items():
        assert furniture_line(text, text, closing=True) == name


def test_an_author_note_is_furniture_only_among_the_closing_paragraphs() -> None:
    """A writer's note ('X is a reporter for Y.') closes the article (flag audit seed 24: read as a claim
    added); the same words opening a paragraph of the story's body, or a sentence inside one, are news."""
    note = "Anna Berg is a reporter for the Harben Post."
    body = "Dock workers in Harben voted to end the strike.\nThe port reopens on Thursday.\nShips wait offshore."
    a = retold.article_from_text(body + "\n" + note + "\nFollow her on Twitter @annaberg", id="a", language="en")
    assert [s.is_furniture for s in Doc(a).sents][-2:] == [True, True]
    b = retold.article_from_text(note + "\n" + body, id="b", language="en")
    assert not Doc(b).sents[0].is_furniture
    c = retold.article_from_text(body.replace("\n", " ") + " " + note, id="c", language="en")
    assert not Doc(c).sents[-1].is_furniture  # one paragraph: no closing ones


def test_a_long_sentence_is_prose_whatever_words_it_holds() -> None:
    prose = "Read more: " + " ".join(["the port will reopen"] * 16)
    assert furniture_line(prose) is None


def test_a_paragraph_rule_makes_each_sentence_of_its_paragraph_furniture() -> None:
    """A pointer's headline cut in two by the sentence splitter ("More: Harben Says U.S." | "S. Ships ...") and a
    video caption's second sentence (flag audit seed 22 n155) are furniture with the paragraph they stand in; the
    same sentence in a paragraph of prose is not."""
    pointer = "More: Harben Says U.S. Ships Are Skipping the One Port That Counts -- Dock Boss"
    assert furniture_line("S. Ships Are Skipping the One Port That Counts -- Dock Boss", pointer) == "pointer_line"
    caption = "CLOSE Edna Marsh built a cooking empire. But her 40-year career took many other turns. USA TODAY"
    assert furniture_line("But her 40-year career took many other turns.", caption) == "video_caption"
    prose = "Edna Marsh built a cooking empire. But her 40-year career took many other turns."
    assert furniture_line("But her 40-year career took many other turns.", prose) is None


PORT = (
    "Dock workers in Harben voted on Tuesday to end a two-week strike.\n"
    "The port authority said ships would be unloaded again from Thursday.\n"
    "The union had demanded a pay rise of 8 percent."
)


def test_furniture_lines_raise_no_flag_but_an_added_claim_still_does() -> None:
    """A retelling that adds its staff lines, a wire-material note, a pointer, a follow line, an editor's note, a
    photo caption, a video caption and a newsletter box adds nothing to the story; the one sentence of news it adds
    is still a claim."""
    added = (
        "\nBread prices in Harben rose 12 percent in March, the statistics office said."
        "\nAssociated Press writer Jon Vik in Oslo contributed to this report."
        "\n(Material from Reuters and the Associated Press was used in this story.)"
        "\n(Reporting by Mia Lund; Editing by Tor Berg)"
        "\nRead more: Ferries cancelled in Kvalsund as the storm nears"
        "\nFollow Mia Lund on Twitter @mialund"
        "\n\u2014 With assistance by Jon Vik and Tor Berg"
        "\nEditor's note: This story was updated on Tuesday with the union's vote in Kvalsund."
        "\nDock workers march through Kvalsund, Norway, March 3, 2026. REUTERS/Anna Berg"
        "\nMore: Kvalsund Ferries Stop as U.S. Storm Warning Reaches Norway"
        "\nCLOSE Fishermen in Kvalsund lost 40 boats to the storm. Tor Berg has the story. USA TODAY"
        "\nKvalsund Morning: the fjord's news, weekday mornings, in your inbox."
        "\nLISTEN TO ARTICLE 3:41 SHARE THIS ARTICLE Share Tweet Post Email"
    )
    a = retold.article_from_text(PORT, id="a", published="2026-03-01")
    b = retold.article_from_text(PORT + added, id="b", published="2026-03-02")
    c = retold.compare(a, b, lexical=True)
    assert [(f.kind, f.b_text) for f in c.flags] == [
        ("claim_added", "Bread prices in Harben rose 12 percent in March, the statistics office said.")
    ]


def test_a_sentence_matched_only_to_a_photo_caption_is_still_read_for_new_claims() -> None:
    """The aligner may pair a retelling's own sentence with the source's photo caption; the caption tells
    nothing, so the sentence is read as one only the retelling has (flag audit seed 17: an IJR clause paired with
    a Reuters caption)."""
    a = retold.article_from_text(
        PORT + "\nMitch Lund walks to the port office in Harben, Norway, March 3, 2026.", id="a", language="en"
    )
    b = retold.article_from_text(
        PORT + "\nIt was not clear when the Calder Bay ferry company would resume sailings to Kvalsund.", id="b"
    )
    ms = [Match((i,), (i,), "verbatim", 1.0) for i in range(4)]
    got = [(f.kind, f.b_text) for f in analyse(a, b, ms, (), ()) if f.kind in ("claim_added", "story_added")]
    assert got == [
        ("claim_added", "It was not clear when the Calder Bay ferry company would resume sailings to Kvalsund.")
    ]


def test_a_site_notice_beside_the_article_is_no_claim_the_retelling_added() -> None:
    notice = "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply."
    source = retold.article_from_text(PORT, id="a", published="2026-03-01")
    copy = retold.article_from_text(PORT + "\n" + notice, id="b", published="2026-03-02")
    c = retold.compare(source, copy, lexical=True)
    assert [f for f in c.flags if f.kind in ("claim_added", "story_added")] == []


def test_earlier_and_also_read_open_a_pointer() -> None:
    """Bloomberg's "Earlier: <headline>" and "Also read: <headline>" point to another piece (seed 22 n=175 read the
    headline's tail as a claim); "Earlier, the minister said ..." is prose."""
    assert furniture_line("Earlier: Harben-U.S. Talks Missing the Only Guy Who Matters") == "pointer_line"
    assert furniture_line("Also read: 5 ways to support the port's small businesses") == "pointer_line"
    assert furniture_line("Earlier, the minister said the port would stay shut.") is None
