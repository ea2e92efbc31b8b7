"""The paraphrase decision: a logistic model over pair evidence, its weights calibrated on MRPC.

The weights live in ``paraphrase.json`` beside this module, written by
``benchmarks/calibrate_paraphrase.py`` (cross-validated on MRPC train); this module only reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from retold.align.features import PairMatrices

FEATURES_MODEL = ("cos", "word_min", "word_max", "char_min", "edit", "len_ratio", "num_agree")
FEATURES_LEXICAL = ("word_min", "word_max", "char_min", "char_max", "edit", "len_ratio", "num_agree")


@dataclass(frozen=True)
class LogisticModel:
    """``p = sigmoid(w . x + b)``, ``x`` standardised with ``mean``/``scale``; ``threshold`` decides."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def prob(self, x: np.ndarray) -> np.ndarray:
        z = ((x - np.array(self.mean)) / np.array(self.scale)) @ np.array(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


@lru_cache(maxsize=1)
def _params() -> dict[str, LogisticModel]:
    raw = json.loads((Path(__file__).with_name("paraphrase.json")).read_text())
    out = {}
    for mode in ("model", "lexical"):
        m = raw[mode]
        out[mode] = LogisticModel(
            features=tuple(m["features"]),
            weights=tuple(m["weights"]),
            bias=float(m["bias"]),
            mean=tuple(m["mean"]),
            scale=tuple(m["scale"]),
            threshold=float(m["threshold"]),
        )
    return out


def paraphrase_model(mode: str) -> LogisticModel:
    """The calibrated model for ``"model"`` (with cosine) or ``"lexical"`` mode."""
    return _params()[mode]


def feature_rows(m: PairMatrices, nums_a: list[frozenset[str]], nums_b: list[frozenset[str]]) -> dict[str, np.ndarray]:
    """Per-pair feature matrices (N x M) by name, from the pair evidence."""
    w_ab, w_ba = m.word_ab, m.word_ba.T
    c_ab, c_ba = m.char_ab, m.char_ba.T
    la, lb = m.len_a[:, None], m.len_b[None, :]
    agree = np.zeros_like(w_ab)
    for i, na in enumerate(nums_a):
        for j, nb in enumerate(nums_b):
            agree[i, j] = 1.0 if na == nb else (0.5 if (na & nb) else (0.0 if (na or nb) else 1.0))
    rows = {
        "word_min": np.minimum(w_ab, w_ba),
        "word_max": np.maximum(w_ab, w_ba),
        "char_min": np.minimum(c_ab, c_ba),
        "char_max": np.maximum(c_ab, c_ba),
        "edit": m.edit,
        "len_ratio": np.minimum(la, lb) / np.clip(np.maximum(la, lb), 1, None),
        "num_agree": agree,
    }
    if m.cos is not None:
        rows["cos"] = m.cos
    return rows


def paraphrase_prob(rows: dict[str, np.ndarray], mode: str) -> np.ndarray:
    """Probability that each pair is a paraphrase, shape of the feature matrices."""
    model = paraphrase_model(mode)
    shape = next(iter(rows.values())).shape
    x = np.stack([rows[f].reshape(-1) for f in model.features], axis=1)
    return model.prob(x).reshape(shape)
