"""``direction_abstain_cv.py`` chooses the bound below which the direction names no source: it must abstain
where calls are right less often than ``cost`` times wrong, and decide wherever they are right more often."""

from __future__ import annotations

import direction_abstain_cv as dac


def _rows(score: float, right: int, wrong: int) -> list[dict[str, float]]:
    """Calls of text score ``score`` (> 0 names A), ``right`` of them with A the source, ``wrong`` with B."""
    return [{"shipped": score, "y": 1}] * right + [{"shipped": score, "y": 0}] * wrong


def test_weak_calls_right_less_than_half_the_time_are_left_undecided() -> None:
    rows = _rows(0.3, 2, 6) + _rows(3.0, 40, 2)  # weak calls mostly wrong, strong ones mostly right
    bound = dac.choose(rows, cost=1.0)
    assert 0.3 < bound <= 3.0
    s = dac.scores(rows, bound, cost=1.0)
    assert s["undecided"] == round(8 / 50, 4) and s["accuracy_decided"] == round(40 / 42, 4)
    assert s["utility"] > dac.scores(rows, 0.1, cost=1.0)["utility"]


def test_weak_calls_right_more_often_than_the_cost_are_kept() -> None:
    rows = _rows(0.3, 6, 2) + _rows(3.0, 40, 2)
    assert dac.choose(rows, cost=1.0) == min(dac.GRID)  # right 3 times in 4: deciding pays
    assert dac.choose(rows, cost=4.0) > 0.3  # unless a wrong call weighs more than three right ones
