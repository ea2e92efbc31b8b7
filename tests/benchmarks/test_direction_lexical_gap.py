"""``direction_lexical_gap.py --disagree`` says which term of the score moved a call: its terms must add up to the
score the direction ships, read here from real comparisons in both pair models (a new term in ``direction_score``
would otherwise leave the causes counted on a part of the score unseen)."""

from __future__ import annotations

import pytest

import retold
from direction_lexical_gap import term_cause, terms
from evallib.common import Options
from evallib.direction_pairs import pair_row

# Written for this test (fictional places and people): a report, its retelling (three sentences dropped, one of
# another story added) and an article on another subject that took two of its sentences (a passage).
FLOOD = [
    "The river Tarn burst its banks at Kelham on Sunday night after three days of heavy rain.",
    "About forty homes in the lower town were flooded and their owners spent the night in the school hall.",
    "Firefighters pumped water from the streets until the early hours of Monday.",
    "The mayor of Kelham, Ruth Ashby, said the town had not seen such a flood since 1968.",
    "The council will open a fund for families whose homes were damaged by the water.",
    "Engineers will inspect the old stone bridge before it opens to traffic again.",
    "Forecasters expect the rain to ease by Wednesday, when the river should begin to fall.",
    "Shops in the market square stayed closed on Monday while their owners cleared the mud.",
]
RETOLD = [
    FLOOD[0],
    FLOOD[1],
    FLOOD[3],
    FLOOD[5],
    "A new cinema opened in Dunsby on Saturday with a free show.",
    FLOOD[6],
]
SCHOOL = [
    "Pupils at Harwood primary school will start lessons half an hour later from September.",
    "The head teacher said the later start would give families more time in the morning.",
    "A breakfast club will open in the school hall at eight for parents who work early.",
    FLOOD[0],
    FLOOD[1],
    "Teachers voted for the change after a survey of parents last term.",
    "Bus companies have agreed to change their timetables to match the new hours.",
    "The school will review the new hours after one year.",
]


@pytest.mark.parametrize(("copy", "model"), [(RETOLD, "whole"), (SCHOOL, "passage")])
def test_the_terms_add_up_to_the_shipped_score(copy: list[str], model: str) -> None:
    opts = Options(lexical=True, quiet=True)
    a = retold.article_from_text("\n\n".join(FLOOD), id="a")
    b = retold.article_from_text("\n\n".join(copy), id="b")
    row = pair_row(retold.compare(a, b, lexical=True, fidelity=True), True, opts)
    kind, parts = terms(row, "lexical")
    assert kind == model
    assert sum(parts.values()) == pytest.approx(row["shipped"])


def test_the_cause_is_the_term_that_moved_most_toward_the_truth() -> None:
    base = {"y": 1, "topic_mean": 0.0, "specifics": 0.0, "fit_a": None, "fit_b": None, "fixed": 0.0}
    lexical = {**base, "topic_sum": -1.0, "plainer": 1.0, "cov_a": 0.9, "cov_b": 0.9}
    model = {**base, "topic_sum": 2.0, "plainer": 0.0, "cov_a": 0.9, "cov_b": 0.9}
    assert term_cause(lexical, model, "model") == "topic_sum"
    assert term_cause(lexical, {**model, "cov_a": 0.1}, "model") == "pair model differs (lexical whole, model passage)"
