"""``direction_cv.py`` fits the passage model's confidence map (``evallib.direction_fit``): the slope of the logistic
that makes a score's claimed confidence match how often its calls are right, and the cap that the blocked CV prefers."""

from __future__ import annotations

import numpy as np

from evallib.direction_fit import calibrate, confidence, figures, fit_slope
from retold.fidelity.direction import CREDIT_CONFIDENCE, MAX_CONFIDENCE


def _calls(slope: float, n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """Scores whose calls are right with probability logistic(slope x |score|), A the source of every pair."""
    rng = np.random.default_rng(0)
    s = rng.uniform(0.1, 2.0, n)
    right = rng.random(n) < 1 / (1 + np.exp(-slope * s))
    return np.where(right, s, -s), np.ones(n, dtype=int)


def test_the_slope_is_the_one_the_calls_were_drawn_with() -> None:
    s, y = _calls(3.0)
    assert abs(fit_slope(s, y, 0.1) - 3.0) < 0.3


def test_the_plain_map_is_the_logistic_at_most_the_text_cap() -> None:
    s = np.array([0.5, -0.5, 5.0])
    assert np.allclose(confidence(s), [1 / (1 + np.exp(-0.5))] * 2 + [MAX_CONFIDENCE])
    mapped = confidence(s, np.array([True, False, True]), 3.0, CREDIT_CONFIDENCE)
    assert np.allclose(mapped, [1 / (1 + np.exp(-1.5)), 1 / (1 + np.exp(-0.5)), CREDIT_CONFIDENCE])


def test_calls_more_often_right_than_the_logistic_says_claim_more() -> None:
    """Drawn with slope 3: the plain logistic under-claims; the fitted map, with the cap the CV chose, comes within
    0.05 of the calls' accuracy and lowers their Brier score."""
    s, y = _calls(3.0)
    slope, cap, cv = calibrate(s, y, np.ones(len(s), dtype=bool), np.arange(len(s)) * 5 // len(s), 0.1)
    assert cap == CREDIT_CONFIDENCE and set(cv) == {"0.90", "0.95"}
    before = figures(s, y, 0.1)
    after = figures(s, y, 0.1, confidence(s, np.ones(len(s), dtype=bool), slope, cap))
    assert before["calls_claimed_minus_actual"] < -0.1 and abs(after["calls_claimed_minus_actual"]) < 0.05
    assert after["calls_brier"] < before["calls_brier"]
