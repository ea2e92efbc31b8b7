"""``direction_lexical_refit.py`` compares each candidate with the shipped fit: its default must be that fit
(``direction_lexical_cv.fit``, as ``calibrate_direction.py`` fits), and ``stacked`` must score each training
pseudo-article's sentences with a classifier that did not see them."""

from __future__ import annotations

import numpy as np
import pytest

from direction_lexical_cv import ALL, BASE
from direction_lexical_cv import fit as shipped_fit
from direction_lexical_refit import fit

COLS = [ALL.index(f) for f in BASE]


def _rows(n: int = 12, seed: int = 3) -> list[tuple[object, ...]]:
    """Synthetic training rows: per pseudo-article, A's unmatched sentences details (class 0) or fragments (2),
    B's brought in (1) or fragments; brought-in ones share fewer words with the story."""
    rng = np.random.default_rng(seed)
    out: list[tuple[object, ...]] = []
    for pos in range(n):
        ya, yb = rng.choice([0, 2], size=4), rng.choice([1, 2], size=3)

        def feats(y: np.ndarray) -> np.ndarray:
            cov = np.where(y == 1, 0.2, 0.7) + rng.normal(0, 0.15, len(y))
            x = rng.uniform(0, 1, (len(y), len(ALL)))
            x[:, 0], x[:, 3] = cov, np.where(y == 1, 2, 0)
            return x

        out.append((pos, feats(ya), feats(yb), np.r_[ya, yb], float(rng.integers(-2, 3)), 1.0, (0.0, 0.0)))
    return out


def test_the_default_fit_is_the_shipped_procedure() -> None:
    rows = _rows()
    model, w = fit(rows, COLS)
    ref_model, ref_w = shipped_fit(rows, COLS)
    assert np.allclose(model.coef, ref_model.coef)
    assert model.fragment_share == pytest.approx(ref_model.fragment_share)
    assert np.allclose(w, ref_w)


def test_stacking_scores_the_pair_model_out_of_fold() -> None:
    rows = _rows()
    in_sample = fit(rows, COLS)[1]
    stacked = fit(rows, COLS, stacked=True)[1]
    assert stacked[0] > 0  # topic_sum still points to the source
    assert not np.allclose(stacked, in_sample)
    assert fit(rows, COLS, pair=(0,))[1][1:].tolist() == [0.0, 0.0]
