"""The paraphrase features of listed pairs (``paired_rows``) are exactly the diagonal of the all-pairs ones."""

from __future__ import annotations

import numpy as np
import pytest

from retold.align.features import numbers, pair_matrices
from retold.align.paraphrase import feature_rows, paired_rows

A = [
    "NATO will not give in to Russian threats, Rutte said on Tuesday.",
    "The mission, based in Wiesbaden, has 700 staff.",
    "",
    "Prices rose 3.5% in 2026, the bank said.",
    "Café owners in Zürich protested.",
]
B = [
    "Rutte said NATO will not give in to Russian threats.",
    "It rained in Wiesbaden.",
    "x",
    "The bank said prices rose 3.5 percent in 2025.",
    "Cafe owners protested in Zurich.",
]


@pytest.mark.parametrize("with_vectors", [False, True])
def test_paired_rows_are_the_diagonal_of_feature_rows(with_vectors: bool) -> None:
    rng = np.random.default_rng(0)
    va = vb = None
    if with_vectors:
        va = rng.normal(size=(len(A), 8)).astype(np.float32)
        vb = rng.normal(size=(len(B), 8)).astype(np.float32)
        va /= np.linalg.norm(va, axis=1, keepdims=True)
        vb /= np.linalg.norm(vb, axis=1, keepdims=True)
    na, nb = [numbers(t) for t in A], [numbers(t) for t in B]
    full = feature_rows(pair_matrices(A, B, va, vb), na, nb)
    pairs = paired_rows(A, B, va, vb, na, nb)
    assert set(pairs) == set(full) and ("cos" in pairs) == with_vectors
    for name, matrix in full.items():
        assert pairs[name].dtype == matrix.dtype, name
        assert np.array_equal(pairs[name], np.diag(matrix)), name
