"""``direction_real_cv.py`` measures candidate signals of real copying beside the shipped direction fit: its
features must read what they say (a copier's own words, a sentence opening or closing its side), its pair
candidates must point to A when B's sentences hold more of their own words, and its default fit must be the
shipped procedure (``direction_lexical_cv.fit``, as ``calibrate_direction.py`` fits)."""

from __future__ import annotations

import numpy as np
import pytest

import retold
from direction_lexical_cv import fit as shipped_fit
from direction_real_cv import fit, tied_model
from evallib.direction_real import ALL, BASE, EXTRA, PAIR_EXTRA, extra_features
from retold.fidelity._shared import doc_for

OWN, EDGE = ALL.index("own_only") - len(BASE), ALL.index("edge") - len(BASE)


def _docs() -> tuple[object, object]:
    a = retold.article_from_text(
        "The council approved the new budget on Monday. The treasurer read the figures aloud. "
        "Officials said taxes would not rise. The mayor praised the budget vote.",
        id="a",
    )
    b = retold.article_from_text(
        "Residents packed the gymnasium downstairs. The council approved the new budget on Monday. "
        "Officials said taxes would not rise. Residents cheered in the gymnasium afterwards.",
        id="b",
    )
    return doc_for(a), doc_for(b)


def test_own_only_reads_words_the_side_repeats_and_the_other_lacks() -> None:
    da, db = _docs()
    rows_b = extra_features(db, da, (0, 3), [1, 2])
    assert rows_b.shape == (2, len(EXTRA))
    # 'residents' and 'gymnasium' recur in B's other own sentence and A has neither
    assert rows_b[0, OWN] >= 0.4
    rows_a = extra_features(da, db, (1, 3), [0, 2])
    # 'budget' recurs in A but B has it too; the rest occurs once
    assert rows_a[1, OWN] == 0.0


def test_edge_marks_sentences_before_the_first_or_after_the_last_match() -> None:
    da, db = _docs()
    assert extra_features(db, da, (0, 3), [1, 2])[:, EDGE].tolist() == [1.0, 1.0]
    assert extra_features(da, db, (1, 3), [0, 2])[:, EDGE].tolist() == [0.0, 1.0]


def test_own_only_pair_candidates_point_to_a_when_b_repeats_its_own_words() -> None:
    ra = np.zeros((2, len(ALL)))
    rb = np.zeros((3, len(ALL)))
    rb[:, ALL.index("own_only")] = 0.5
    assert PAIR_EXTRA["own_only_sum"](ra, rb) == pytest.approx(1.5)
    assert PAIR_EXTRA["own_only_mean"](ra, rb) == pytest.approx(0.5)
    assert PAIR_EXTRA["own_only_mean"](rb, ra) == pytest.approx(-0.5)
    assert PAIR_EXTRA["own_only_mean"](np.zeros((0, len(ALL))), rb) == pytest.approx(0.5)


def _rows(n: int = 12, seed: int = 3) -> list[tuple[object, ...]]:
    """Synthetic training rows: A's unmatched sentences details (class 0) or fragments (2), B's brought in (1)
    or fragments; brought-in ones share fewer words with the story."""
    rng = np.random.default_rng(seed)
    out: list[tuple[object, ...]] = []
    for pos in range(n):
        ya, yb = rng.choice([0, 2], size=4), rng.choice([1, 2], size=3)

        def feats(y: np.ndarray) -> np.ndarray:
            x = rng.uniform(0, 1, (len(y), len(ALL)))
            x[:, 0], x[:, 3] = np.where(y == 1, 0.2, 0.7) + rng.normal(0, 0.15, len(y)), np.where(y == 1, 2, 0)
            return x

        out.append((pos, feats(ya), feats(yb), np.r_[ya, yb], float(rng.integers(-2, 3)), 1.0))
    return out


def test_the_default_fit_is_the_shipped_procedure() -> None:
    rows = _rows()
    cols = [ALL.index(f) for f in BASE]
    model, w = fit(rows, cols)
    ref_model, ref_w = shipped_fit([(*r, (0.0, 0.0)) for r in rows], cols)
    assert np.allclose(model.coef, ref_model.coef)
    assert model.fragment_share == pytest.approx(ref_model.fragment_share)
    assert np.allclose(w, ref_w)
    assert not np.allclose(fit(rows, cols, ("own_only_mean",))[1][:3], 0.0)


def test_a_tied_feature_weighs_the_same_for_detail_and_inserted() -> None:
    rows = _rows()
    cols = [ALL.index(f) for f in BASE]
    tie = BASE.index("new_names")
    tied = tied_model(rows, cols, tie)
    free = fit(rows, cols)[0]
    assert tied.coef[0][tie] == pytest.approx(tied.coef[1][tie])
    assert free.coef[0][tie] != pytest.approx(free.coef[1][tie], abs=0.05)
    # the other features still tell a brought-in sentence (few shared words) from a detail
    assert tied.coef[1][0] < tied.coef[0][0]
    assert tied.fragment_share == pytest.approx(free.fragment_share)
