"""``piece_cv.py`` reads a ``related`` match as shared text only when it is a piece of a shared sentence split at
other places (a line break inside a sentence): a match of the same subject alone stays the side's own sentence."""

from __future__ import annotations

import piece_cv
from retold.fidelity._shared import doc_for
from retold.ingest import article_from_text
from retold.model import Match

# Written for this test (fictional places and people).
NOTICE = [
    "The river Wend burst its banks at Aldmoor quay on Sunday night.",
    "The mayor of Aldmoor said the river wall at the quay would be rebuilt.",
]


def test_a_piece_of_a_shared_sentence_is_shared_text_and_a_subject_match_is_not() -> None:
    whole = doc_for(article_from_text(" ".join(NOTICE), id="notice"))
    broken = doc_for(
        article_from_text("The mayor of Aldmoor said the river wall at the quay\nwould be rebuilt.", id="b")
    )
    assert broken.article.sentences[0].norm.endswith("at the quay")  # the line break ends a sentence
    piece = Match((1,), (0,), "related", 0.3)
    subject = Match((0,), (0,), "related", 0.2)
    copy = Match((1,), (0, 1), "edited", 0.9)
    assert piece_cv.is_piece(whole, broken, piece, 0.7)
    assert not piece_cv.is_piece(whole, broken, subject, 0.7)
    assert piece_cv.is_piece(whole, broken, copy, 0.7)
    assert piece_cv.copied(whole, broken, [piece, subject], 0.7) == ({1}, {0})
    assert piece_cv.copied(whole, broken, [piece, subject], 2.0) == (set(), set())
