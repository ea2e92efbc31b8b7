"""The direction reads a lifted passage with its own model and a whole retelling with the other."""

from __future__ import annotations

import pytest

from retold.fidelity.calibration import DirectionModel, PairModel, direction_model

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
