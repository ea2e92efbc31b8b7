"""The direction reads a lifted passage with its own model and a whole retelling with the other."""

from __future__ import annotations

import pytest

from retold.fidelity.calibration import DirectionModel, PairModel, direction_model
from retold.fidelity.direction import evidence
from retold.fidelity.direction_score import weighs_topic
from retold.ingest import article_from_text
from retold.model import Match

WHOLE = PairModel(("topic_sum",), (1.0,), 0.3)
PASSAGE = PairModel(("coherence",), (10.0,), 0.15)


def _model(passage: PairModel | None, below: float) -> DirectionModel:
    return DirectionModel(("cov",), ((0.0,),), (0.0,), (1.0,), 0.0, WHOLE, 0.1, passage, below)


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.05, PASSAGE), (0.29, PASSAGE), (0.3, WHOLE), (0.9, WHOLE)],
)
def test_the_passage_model_reads_pairs_under_its_share(share: float, expected: PairModel) -> None:
    assert _model(PASSAGE, 0.3).pair_for(share) == expected


def test_without_a_passage_model_every_pair_is_read_whole() -> None:
    m = _model(None, 0.3)
    assert m.pair_for(0.01) == WHOLE
    assert m.pair_features == ("topic_sum",)
    assert _model(PASSAGE, 0.3).pair_features == ("topic_sum", "coherence")


def test_the_shipped_lexical_model_reads_passages_by_their_fit() -> None:
    m = direction_model("lexical")
    assert m.passage is not None and "coherence" in m.passage.features
    assert 0.0 < m.passage_below < 1.0


def test_the_unmatched_sentences_are_read_only_when_the_pair_model_weighs_them() -> None:
    """``evidence`` reads the unmatched sentences (the dearest part) only for a pair model with a topic feature:
    the lexical passage model has none, the whole-retelling model has ``topic_sum``; asked, it reads them anyway."""
    lexical = direction_model("lexical")
    assert not weighs_topic(lexical.pair_for(0.0)) and weighs_topic(lexical.pair_for(1.0))
    a = article_from_text(
        "The mayor of Olden opened a new library on Monday. It holds forty thousand books. "
        "Builders finished it two months early. The old library will become a museum.",
        id="a",
    )
    b = article_from_text(
        "A football club in Brenn signed a new coach. The mayor of Olden opened a new library on Monday. "
        "It holds forty thousand books. Fans gathered at the stadium to meet him. The season starts next month. "
        "Tickets went on sale yesterday. The coach promised attacking football. The club finished ninth.",
        id="b",
    )
    matches = [Match((0,), (1,), "verbatim", 1.0), Match((1,), (2,), "verbatim", 1.0)]
    lazy = evidence(a, b, matches, (2, 3), (0, 3, 4, 5, 6, 7), [])
    assert lazy.shared_share < lexical.passage_below
    assert lazy.unmatched_a.rows.shape[0] == 0 and lazy.unmatched_b.rows.shape[0] == 0
    full = evidence(a, b, matches, (2, 3), (0, 3, 4, 5, 6, 7), [], topical=True)
    assert full.unmatched_b.rows.shape[0] == 6
