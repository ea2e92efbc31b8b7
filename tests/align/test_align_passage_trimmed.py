"""A lifted passage whose first sentence lost a trailing clause on the way is still reuse (the shipped ordered
passage rule of ``retold.align.verdict``), while two outlets quoting one statement, its lead-in trimmed, are not;
so is one whose caption ran into the next sentence (``PASSAGE_COUNT`` "merged"), unless the two are a quote."""

from __future__ import annotations

import pytest

import retold
from retold.align import verdict
from retold.ingest import article_from_text

HOME = " ".join(
    f"Workers on shift {k} at the Calden steel plant were told on Monday that the furnace would stay shut."
    for k in range(12)
)
AWAY = " ".join(
    f"The museum in Ostrava opened room {k} of its new glass collection to visitors this week." for k in range(14)
)
PASSAGE = [
    "The regional water board approved a plan to rebuild the old pumping station on the river, after a decade of "
    "delays and two failed tenders that left the lower town short of clean water for most of every summer.",
    "Engineers expect the first of four new pumps to be running before the spring floods arrive in March.",
    "The project will be paid for by a loan from the national investment bank and a small rise in water bills.",
]
TRIMMED = "The regional water board approved a plan to rebuild the old pumping station on the river."


def _pair(first: str) -> tuple[retold.Article, retold.Article]:
    source = article_from_text(" ".join([HOME, *PASSAGE, HOME.replace("shift", "team")]), id="source")
    copy = article_from_text(" ".join([AWAY, first, *PASSAGE[1:], AWAY.replace("room", "hall")]), id="copy")
    return source, copy


def test_a_passage_with_a_trimmed_first_sentence_is_partial_reuse_in_both_orders() -> None:
    source, copy = _pair(TRIMMED)
    for a, b in ((source, copy), (copy, source)):
        assert retold.compare(a, b, lexical=True).verdict.relation == "partial_reuse"


def test_two_sentences_after_a_trimmed_statement_are_no_passage() -> None:
    """Two outlets quoting one statement trim its lead-in each their own way: the trimmed sentence says who said it
    on one side, so it does not count toward a passage and two shared sentences stay two."""
    said = "The board's chairman said on Tuesday that t" + PASSAGE[0][1:]
    source = article_from_text(" ".join([HOME, said, *PASSAGE[1:], HOME.replace("shift", "team")]), id="source")
    _, copy = _pair(TRIMMED)
    for a, b in ((source, copy), (copy, source)):
        assert retold.compare(a, b, lexical=True).verdict.relation == "same_story"


CAPTIONED = [
    "Image caption Rescue teams searched the flooded valley for the missing hikers through the night",
    "The storm had cut power and phone lines to most of the villages above the river.",
    "Officials said the road to the pass would stay closed until the weekend at the earliest.",
]


def _captioned(quoted: bool = False) -> tuple[retold.Article, retold.Article]:
    """A passage whose first line is a caption without a full stop: a paragraph of its own in the source, run into
    the next sentence in the copy, which lifted the lines as one paragraph and edited each a little (``quoted``: the
    two lines a quoted statement)."""
    lines = list(CAPTIONED)
    if quoted:
        lines[0], lines[1] = "\u201c" + lines[0], lines[1] + "\u201d"
    edited = [
        lines[0].replace("flooded valley", "valley"),
        lines[1].replace("most of the villages", "the villages"),
        lines[2].replace("at the earliest", ""),
    ]
    source = article_from_text("\n\n".join([HOME, lines[0], " ".join(lines[1:]), HOME]), id="source")
    copy = article_from_text("\n\n".join([AWAY, " ".join(edited), AWAY]), id="copy")
    return source, copy


def test_two_sentences_run_into_one_still_count_as_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """``PASSAGE_COUNT`` "merged": the copy's one sentence holding the source's caption and next sentence counts as
    the two it joins, so three edited sentences are a passage on both sides ("min" read two on the copy's side)."""
    source, copy = _captioned()
    merged = [mt for mt in retold.compare(source, copy, lexical=True).matches if len(mt.a) == 2 and len(mt.b) == 1]
    assert [mt.label for mt in merged] == ["edited"]
    for a, b in ((source, copy), (copy, source)):
        assert retold.compare(a, b, lexical=True).verdict.relation == "partial_reuse"
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "min")
    assert retold.compare(source, copy, lexical=True).verdict.relation == "same_story"


def test_a_quoted_statement_run_into_one_counts_once() -> None:
    """Two outlets quoting a statement of several sentences join or split it as they like: a merged sentence holding
    a quote mark counts as one."""
    source, copy = _captioned(quoted=True)
    assert retold.compare(source, copy, lexical=True).verdict.relation == "same_story"
