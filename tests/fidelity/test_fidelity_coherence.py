"""A lifted passage fits the article it was written for: the sentences around it there carry on its story."""

from __future__ import annotations

import pytest

from retold.fidelity._shared import doc_for
from retold.fidelity.coherence import neighbour_fit, oriented
from retold.ingest import article_from_text

# Written for this test (fictional places and people).
STORM = [
    "A storm flooded the lower town of Aldmoor on Sunday night after the river Wend burst its banks.",
    "The river Wend rose two metres in six hours after heavy rain in the hills above Aldmoor.",
    "Firefighters pumped water from forty flooded cellars in the lower town until Monday morning.",
    "The mayor of Aldmoor said the river defences had held in the upper town.",
    "Engineers will inspect the damaged river wall in the lower town this week.",
]
MARKET = [
    "The farmers' market in Pellby moves to the cattle hall from next month.",
    "Stall holders had asked for a roof after a wet spring kept shoppers away.",
    "The cattle hall has room for sixty stalls and parking for two hundred cars.",
    "Cheese makers and bakers from the valley will keep their places near the entrance.",
]


def _docs() -> tuple[object, object, set[int], set[int]]:
    source = doc_for(article_from_text(" ".join(STORM), id="storm"))
    copier = doc_for(article_from_text(" ".join(MARKET[:2] + STORM[1:3] + MARKET[2:]), id="market"))
    return source, copier, {1, 2}, {2, 3}


def test_the_neighbours_of_a_passage_continue_it_in_its_source_only() -> None:
    source, copier, in_source, in_copier = _docs()
    fit_source = neighbour_fit(source, in_source)  # type: ignore[arg-type]
    fit_copier = neighbour_fit(copier, in_copier)  # type: ignore[arg-type]
    assert fit_source is not None and fit_copier is not None
    assert fit_source >= 0.3 > fit_copier, (fit_source, fit_copier)


def test_a_side_shared_throughout_has_no_neighbours() -> None:
    source, _, _, _ = _docs()
    assert neighbour_fit(source, set(range(len(STORM)))) is None  # type: ignore[arg-type]


# A longer storm report whose passage (sentences 6-7) sits inside its story, and a market report that took the
# passage with reworded pieces of the sentences around it (the obfuscation an alignment leaves unmatched).
STORM_LONG = [
    "Heavy rain fell on the hills above Aldmoor for most of Saturday.",
    "Forecasters had warned farmers in the valley to move their sheep to higher fields.",
    "By Sunday evening the river was running fast past the upper town of Aldmoor.",
    "Residents of the lower town carried furniture out of their cellars before dark.",
    "The river Wend burst its banks at the quay shortly before midnight.",
    "Water poured into the streets of the lower town within minutes.",
    "Firefighters pumped water from forty flooded cellars in the lower town until Monday morning.",
    "The mayor of Aldmoor said the river defences had held in the upper town.",
    "Engineers will inspect the damaged river wall this week.",
    "The council has opened a fund for families whose cellars were flooded.",
    "On Monday morning the mayor thanked the firefighters who had pumped the cellars.",
    "The upper town kept its water supply while the lower town went without.",
]
MARKET_LONG = [
    *MARKET,
    "Pellby's market has run every Saturday since the railway reached the town.",
    "Traders will pay the same rent for a stall as they did in the square.",
    "The square will be repaved over the summer and reopened for concerts.",
    "A shuttle bus will run from the station to the hall on market days.",
]
REWORDED = [
    "Shortly before midnight the Wend burst its banks in the lower town of Aldmoor.",
    "Within minutes water poured into the lower town's cellars and streets.",
    "Engineers are to inspect the river wall of Aldmoor, damaged by the Wend, this week.",
    "A fund is open from the council for Aldmoor families with flooded cellars.",
]
TAKEN = MARKET_LONG[:4] + REWORDED[:2] + STORM_LONG[6:8] + REWORDED[2:] + MARKET_LONG[4:]


def test_the_story_around_a_passage_is_read_beyond_its_reworded_edges() -> None:
    """The copier's sentences next to the passage are reworded pieces of it and fit it better than the source's:
    only the sentences farther out tell which story the passage belongs to."""
    source = doc_for(article_from_text(" ".join(STORM_LONG), id="storm"))
    copier = doc_for(article_from_text(" ".join(TAKEN), id="market"))
    fit_source, fit_copier = neighbour_fit(source, {6, 7}), neighbour_fit(copier, {6, 7})
    assert fit_source is not None and fit_copier is not None
    assert fit_source > fit_copier, (fit_source, fit_copier)


@pytest.mark.parametrize(
    ("fit_a", "fit_b", "tau", "want"),
    [(0.5, 0.2, 0.3, 0.3), (None, 0.2, 0.3, 0.1), (0.5, None, 0.3, 0.2), (None, None, 0.3, 0.0)],
)
def test_a_side_without_neighbours_stands_at_tau(
    fit_a: float | None, fit_b: float | None, tau: float, want: float
) -> None:
    assert oriented(fit_a, fit_b, tau) == pytest.approx(want)
