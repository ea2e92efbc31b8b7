"""The encoder interface: text in, L2-normalised float32 vectors out."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class Encoder(ABC):
    """A sentence encoder. Vectors are unit length, so a dot product is a cosine."""

    name: str
    dim: int

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array of unit vectors."""


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Scale rows to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.asarray(x / np.clip(norms, 1e-12, None), dtype=np.float32)


def quantise(vecs: np.ndarray) -> bytes:
    """``(k, dim)`` vectors as int8 bytes, each row scaled so its largest component is 127: only a
    vector's direction matters, and a byte a component keeps cosines within about 0.002."""
    v = np.asarray(vecs, dtype=np.float32)
    peak = np.clip(np.abs(v).max(axis=1, keepdims=True), 1e-12, None) if len(v) else np.ones((0, 1))
    return np.asarray(np.rint(v / peak * 127), dtype=np.int8).tobytes()


def dequantise(blob: bytes, dim: int) -> np.ndarray:
    """Unit float32 rows back from ``quantise``'s bytes."""
    return unit_rows(np.frombuffer(blob, dtype=np.int8).reshape(-1, dim).astype(np.float32))
