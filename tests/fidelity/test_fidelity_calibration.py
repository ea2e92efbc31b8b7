"""The direction reads a lifted passage with its own model and a whole retelling with the other."""

from __future__ import annotations

import pytest

from retold import compare
from retold.fidelity.calibration import DirectionModel, PairModel, _pair, direction_model
from retold.fidelity.direction import CREDIT_CONFIDENCE, MAX_CONFIDENCE, evidence
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


# Written for this test (fictional places): a flood report, and a market notice that took two of its sentences.
FLOOD = [
    "A storm flooded the lower town of Aldmoor on Sunday night after the river Wend burst its banks.",
    "The river Wend rose two metres in six hours after heavy rain in the hills above Aldmoor.",
    "Firefighters pumped water from forty flooded cellars in the lower town until Monday morning.",
    "The mayor of Aldmoor said the river defences had held in the upper town.",
    "Engineers will inspect the damaged river wall in the lower town this week.",
    "The council has opened a fund for families whose cellars were flooded.",
    "Shops in the lower town hope to open again by the weekend.",
]
MARKET = [
    "The farmers' market in Pellby moves to the cattle hall from next month.",
    "Stall holders had asked for a roof after a wet spring kept shoppers away.",
    "The cattle hall has room for sixty stalls and parking for two hundred cars.",
    "Cheese makers and bakers from the valley will keep their places near the entrance.",
    "The market will open at seven on Saturdays and close at two.",
    "A new bus stop outside the hall will serve shoppers from the villages.",
]


def test_a_lifted_passage_claims_what_the_passage_model_measured() -> None:
    """A passage lifted into an article on another subject is read by the passage model, whose calls the logistic
    of the score alone, at most 0.9 as for a whole retelling, under-claimed: out of fold, planted lifts so called
    were right 0.99 of the time and claimed 0.84, PAN13's right 0.93 and claimed 0.81 (``benchmarks/direction_cv.py``).
    The passage model's own map claims up to 0.95 (a credit naming the other's outlet claims no more), both ways."""
    source = article_from_text(" ".join(FLOOD), id="flood")
    copy = article_from_text(" ".join(MARKET[:3] + FLOOD[2:4] + MARKET[3:]), id="market")
    for a, b, want in ((source, copy, "a_to_b"), (copy, source, "b_to_a")):
        v = compare(a, b, lexical=True, fidelity=True).verdict
        assert v.direction == want and MAX_CONFIDENCE < v.direction_confidence <= CREDIT_CONFIDENCE, v


@pytest.mark.parametrize("mode", ["lexical", "model"])
def test_only_the_passage_model_has_its_own_confidence_map(mode: str) -> None:
    """Its slope steeper than the plain logistic's, its cap the credit's; the whole-retelling model keeps the plain
    logistic at most ``MAX_CONFIDENCE`` (a map fitted on its training pairs claimed too much on held-out WMT19 and
    Clough), as does a pair model written without a map."""
    m = direction_model(mode)
    assert m.passage is not None and m.passage.slope > 1.0 and m.passage.cap == CREDIT_CONFIDENCE
    assert (m.pair.slope, m.pair.cap) == (1.0, None)
    assert _pair({"features": ["coherence"], "weights": [10.0], "tau": 0.15}) == PASSAGE
