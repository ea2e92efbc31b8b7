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


@pytest.mark.parametrize(
    ("fit_a", "fit_b", "tau", "want"),
    [(0.5, 0.2, 0.3, 0.3), (None, 0.2, 0.3, 0.1), (0.5, None, 0.3, 0.2), (None, None, 0.3, 0.0)],
)
def test_a_side_without_neighbours_stands_at_tau(
    fit_a: float | None, fit_b: float | None, tau: float, want: float
) -> None:
    assert oriented(fit_a, fit_b, tau) == pytest.approx(want)
