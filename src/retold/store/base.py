"""The vector-index interface the store talks to, so a backend can be swapped without touching it.

Ids are int64 sentence ids (``sentence_id``: the article's row id shifted left by 20 bits plus the
sentence index), so a hit names its article without a lookup.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

SENTENCE_BITS = 20
MAX_SENTENCES = 1 << SENTENCE_BITS


def sentence_id(article_row: int, i: int) -> int:
    """The vector id of sentence ``i`` of the article stored at ``article_row``."""
    return (article_row << SENTENCE_BITS) | i


def split_id(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Article rows and sentence indices of an array of vector ids."""
    ids = np.asarray(ids, dtype=np.int64)
    return ids >> SENTENCE_BITS, ids & (MAX_SENTENCES - 1)


class VectorIndex(ABC):
    """Unit vectors by int64 id, inner-product search, saved to and loaded from one folder."""

    dim: int

    @abstractmethod
    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``(n, dim)`` float32 unit vectors under ``n`` new ids."""

    @abstractmethod
    def remove(self, ids: np.ndarray) -> int:
        """Remove these ids (unknown ones are ignored); return how many were present."""

    @abstractmethod
    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, ids)``, each ``(n, k)``, best first; missing neighbours have id ``-1``."""

    @abstractmethod
    def contains(self, id: int) -> bool:
        """Whether ``id`` is live in the index."""

    @abstractmethod
    def __len__(self) -> int:
        """Live vectors."""

    @abstractmethod
    def save(self, folder: Path, generation: int, *, layout: str = "") -> None:
        """Write the index atomically; ``generation`` ties it to the SQLite file's state; ``layout``: how an
        HNSW graph is saved ("compact", "packed" or "zstd": ``retold.store.graphfile``; "": as faiss writes it)."""

    @abstractmethod
    def nbytes(self, folder: Path) -> int:
        """Bytes the saved index takes on disk."""
