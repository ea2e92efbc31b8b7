"""Kept sentence vectors: the same vectors and so the same comparison, computed once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import retold
from retold.embed import get_encoder
from retold.embed.base import Encoder, unit_rows
from retold.embed.cache import CachedEncoder, batch_free
from retold.report.json import comparison_dict


@pytest.fixture(scope="module")
def model() -> Encoder:
    return get_encoder(None)


def test_the_default_model_is_batch_free_and_the_cache_changes_nothing(
    model: Encoder, seeds: tuple[Path, Path]
) -> None:
    assert batch_free(model)
    cached = CachedEncoder(model)
    a, b = (retold.read_article(str(p)) for p in seeds)
    texts = [s.norm for s in (*a.sentences, *b.sentences)]
    assert np.array_equal(cached.encode(texts), model.encode(texts)) and cached.misses == len(set(texts))
    assert np.array_equal(cached.encode(texts[::-1]), model.encode(texts[::-1])) and cached.hits == len(set(texts))
    plain = comparison_dict(retold.compare(a, b, encoder=model))
    assert comparison_dict(retold.compare(a, b, encoder=cached)) == plain
    assert cached.misses == len(set(texts))  # the comparison encoded nothing again


class BatchMean(Encoder):
    """An encoder whose vectors depend on the batch (each row moved by the batch's mean), as some are."""

    name, dim = "batch-mean", 3

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        x = np.array([[len(t), t.count(" ") + 1, 1.0] for t in texts], dtype=np.float32)
        return unit_rows(x - 0.5 * x.mean(axis=0))


def test_an_encoder_that_depends_on_the_batch_is_never_cached() -> None:
    cached = CachedEncoder(BatchMean())
    assert not cached.active
    texts = ["One two three.", "Four.", "Five six seven eight nine."]
    assert np.array_equal(cached.encode(texts), BatchMean().encode(texts)) and cached.hits == 0


def test_the_cache_is_bounded(model: Encoder) -> None:
    cached = CachedEncoder(model, max_items=3)
    cached.encode([f"Sentence number {i} about the strike." for i in range(5)])
    assert len(cached._kept) == 3
    assert cached.encode([]).shape == (0, model.dim)
