"""``direction_clough_causes.py`` sorts a wrong Clough answer into one cause by rules in order, and finds an answer's
sentence of the full article by the other students' answers: both checked on records and texts written here."""

from __future__ import annotations

from typing import Any

import direction_clough_causes as dcc

# Written for this test: a task's text, and sentences two students took from the longer article it was cut from.
SOURCE = "A lighthouse keeper tends the lamp every night. The lamp turns once every ten seconds above the harbour."
FULL = "Keepers once wound the clockwork that turned the lens by hand every four hours through the night."


def _record(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "shared_text": True,
        "model": "whole",
        "unmatched_source": 2,
        "unmatched_answer": 2,
        "fit_source": None,
        "fit_answer": None,
        "full_article": [],
        "classes_source": {"detail": 2},
        "classes_answer": {"detail": 2},
        "parts": {"topic_sum": -1.0},
    }
    return {**base, **kw}


def test_a_sentence_other_answers_hold_and_the_source_lacks_is_of_the_full_article() -> None:
    others = dcc.trigrams("My answer. " + FULL + " Something else entirely.")
    assert dcc.from_full_article(FULL, SOURCE, others)
    assert not dcc.from_full_article(FULL, SOURCE + " " + FULL, others)  # the task's text has it
    assert not dcc.from_full_article(FULL, SOURCE, dcc.trigrams("Nothing of it here at all."))
    assert not dcc.from_full_article("Keepers wound it.", SOURCE, others)  # under three trigrams


def test_the_causes_are_read_in_order() -> None:
    assert dcc.cause(_record(shared_text=False, model="passage")) == "another text"
    # with shared text somewhere, the same passage pair is read by its fits
    passage = _record(model="passage", fit_source=0.30, fit_answer=0.32)
    assert dcc.cause(passage) == "passage fits the answer, by <= 3 points"
    assert dcc.cause({**passage, "fit_answer": 0.50}) == "passage fits the answer, by more"
    assert dcc.cause({**passage, "fit_source": None}) == "passage fits the answer, by more"
    assert dcc.cause(_record(unmatched_source=0, unmatched_answer=0, full_article=[FULL])) == "nothing unmatched"
    assert dcc.cause(_record(full_article=[FULL])) == "the full article"
    brought = _record(unmatched_answer=0, classes_answer={}, classes_source={"inserted": 1, "detail": 1})
    assert dcc.cause(brought) == "a source line read as brought in"
    assert dcc.cause(_record()) == "own sentences read as details"
    assert dcc.cause(_record(parts={"topic_sum": 1.0})) == "other"
