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
from rapidfuzz.distance import Indel

from retold.align.features import PairMatrices, paired_gram_shares
from retold.align.terms import sentence_words

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


def _agreement(na: frozenset[str], nb: frozenset[str]) -> float:
    """How far two sentences' numbers agree: the same (or none on either side) 1, some shared 0.5, else 0."""
    return 1.0 if na == nb else (0.5 if (na & nb) else (0.0 if (na or nb) else 1.0))


def _named(
    w_ab: np.ndarray,
    w_ba: np.ndarray,
    c_ab: np.ndarray,
    c_ba: np.ndarray,
    edit: np.ndarray,
    la: np.ndarray,
    lb: np.ndarray,
    agree: np.ndarray,
    cos: np.ndarray | None,
) -> dict[str, np.ndarray]:
    """The features by name from the evidence, all of one shape (or broadcasting to it, as the lengths)."""
    rows = {
        "word_min": np.minimum(w_ab, w_ba),
        "word_max": np.maximum(w_ab, w_ba),
        "char_min": np.minimum(c_ab, c_ba),
        "char_max": np.maximum(c_ab, c_ba),
        "edit": edit,
        "len_ratio": np.minimum(la, lb) / np.clip(np.maximum(la, lb), 1, None),
        "num_agree": agree,
    }
    if cos is not None:
        rows["cos"] = cos
    return rows


def feature_rows(m: PairMatrices, nums_a: list[frozenset[str]], nums_b: list[frozenset[str]]) -> dict[str, np.ndarray]:
    """Per-pair feature matrices (N x M) by name, from the pair evidence."""
    agree = np.zeros_like(m.word_ab)
    for i, na in enumerate(nums_a):
        for j, nb in enumerate(nums_b):
            agree[i, j] = _agreement(na, nb)
    la, lb = m.len_a[:, None], m.len_b[None, :]
    return _named(m.word_ab, m.word_ba.T, m.char_ab, m.char_ba.T, m.edit, la, lb, agree, m.cos)


def paired_rows(
    a_texts: list[str],
    b_texts: list[str],
    vec_a: np.ndarray | None,
    vec_b: np.ndarray | None,
    nums_a: list[frozenset[str]],
    nums_b: list[frozenset[str]],
) -> dict[str, np.ndarray]:
    """:func:`feature_rows` of the pairs ``(a_texts[k], b_texts[k])`` only, one value each (shape ``(K,)``,
    the same float32 values as the diagonal of the full matrices): labelling K matched groups needs K
    pairs, not the K x K all-pairs matrices."""
    sa, sb = list(map(sentence_words, a_texts)), list(map(sentence_words, b_texts))
    one = np.float32(1)
    # divided as ``features._divide`` divides: float32 by float32
    inter = np.array([len(x & y) for (x, _), (y, _) in zip(sa, sb, strict=True)], dtype=np.float32)
    w_ab = inter / np.maximum(np.array([len(x) for x, _ in sa], dtype=np.float32), one)
    w_ba = inter / np.maximum(np.array([len(y) for y, _ in sb], dtype=np.float32), one)
    ca, cb = [c for _, c in sa], [c for _, c in sb]
    c_ab, c_ba = paired_gram_shares(ca, cb)
    edit = np.array([Indel.normalized_similarity(x, y) for x, y in zip(ca, cb, strict=True)], dtype=np.float32)
    la = np.array([len(t) for t in a_texts], dtype=np.float32)
    lb = np.array([len(t) for t in b_texts], dtype=np.float32)
    agree = np.array([_agreement(x, y) for x, y in zip(nums_a, nums_b, strict=True)], dtype=np.float32)
    cos = None
    if vec_a is not None and vec_b is not None:  # the full product, so each value is the one the matrix holds
        cos = np.diag(np.clip(vec_a @ vec_b.T, -1.0, 1.0).astype(np.float32)).copy()
    return _named(w_ab, w_ba, c_ab, c_ba, edit, la, lb, agree, cos)


def paraphrase_prob(rows: dict[str, np.ndarray], mode: str) -> np.ndarray:
    """Probability that each pair is a paraphrase, shape of the feature matrices."""
    model = paraphrase_model(mode)
    shape = next(iter(rows.values())).shape
    x = np.stack([rows[f].reshape(-1) for f in model.features], axis=1)
    return model.prob(x).reshape(shape)
