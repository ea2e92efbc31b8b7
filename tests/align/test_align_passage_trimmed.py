"""A lifted passage whose first sentence lost a trailing clause on the way is still reuse (the shipped ordered
passage rule of ``retold.align.verdict``), while two outlets quoting one statement, its lead-in trimmed, are not."""

from __future__ import annotations

import retold
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
