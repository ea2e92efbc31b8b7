"""An article of a word or two is too little text to judge: ``unrelated``, score 0, and a note saying why.

Found by a new user's pass: "strike" alone against a wire report about a strike was ``same_story`` (score 0.5)
with a direction at 61% (lexical) or 64% (model)."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.align.verdict import MIN_WORDS
from retold.ingest import article_from_text, read_article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def report() -> retold.Article:
    return read_article(EXAMPLES / "01_wire_original.txt")


@pytest.mark.parametrize("lexical", [True, False])
def test_one_word_against_a_report_is_unrelated_with_a_note(report: retold.Article, lexical: bool) -> None:
    c = retold.compare(article_from_text("strike", id="w"), report, lexical=lexical)
    v = c.verdict
    assert (v.relation, v.score, v.direction, v.direction_confidence) == ("unrelated", 0.0, "undetermined", 0.0)
    assert any(n.startswith("A has 1 word: too little text to judge a retelling") for n in c.notes), c.notes
    assert c.flags == ()


def test_the_note_names_the_short_side_and_its_words(report: retold.Article) -> None:
    c = retold.compare(report, article_from_text("Dockworkers strike in Harben", id="w"), lexical=True)
    assert c.verdict.relation == "unrelated"
    assert [n for n in c.notes if "too little text" in n] == [
        "B has 4 words: too little text to judge a retelling (it takes 5 words at least), so the pair is called"
        " unrelated unless the two texts are the same"
    ]


def test_the_same_word_twice_is_identical_without_the_note() -> None:
    c = retold.compare(article_from_text("Strike!", id="a"), article_from_text("strike", id="b"), lexical=True)
    assert (c.verdict.relation, c.verdict.score) == ("identical", 1.0)
    assert not any("too little text" in n for n in c.notes)


def test_five_words_are_judged_as_before(report: retold.Article) -> None:
    text = "About 4,200 dockworkers walked off"
    assert len(text.split()) == MIN_WORDS
    c = retold.compare(article_from_text(text, id="w"), report, lexical=True)
    assert c.verdict.relation != "unrelated" and c.verdict.score > 0
    assert not any("too little text" in n for n in c.notes)
