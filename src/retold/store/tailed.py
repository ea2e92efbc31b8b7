"""The index as the log leaves it: the saved base plus an exact (flat) tail of what came since.

Inserting into HNSW costs about as much as building it, so replaying segments into the base would
make a reader after a crash nearly as slow as a rebuild from SQLite. The segments' vectors go into a
flat tail instead (a copy, no graph work) and a search asks both and keeps the best ``k``. The tail
stays small: the writer folds it into the base when it saves a new one (``VectorLog.due``: a quarter
of the index, at least 20,000 and at most 100,000 vectors; exact search took about 1.5 ms a query
sentence at 10,000 vectors, see ``faiss_index``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retold.store.base import VectorIndex
from retold.store.faiss_index import FaissIndex

_EXACT = 1 << 62  # a tail never becomes HNSW


class TailedIndex(VectorIndex):
    """A base index and a flat tail searched together."""

    def __init__(self, base: FaissIndex) -> None:
        self.base = base
        self.dim = base.dim
        self.tail = FaissIndex(base.dim, hnsw_from=_EXACT)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.tail.add(ids, vectors)

    def remove(self, ids: np.ndarray) -> int:
        return self.tail.remove(ids) + self.base.remove(ids)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.tail) == 0:
            return self.base.search(vectors, k)
        s1, i1 = self.base.search(vectors, k)
        s2, i2 = self.tail.search(vectors, k)
        scores = np.concatenate([np.where(i1 < 0, -np.inf, s1), np.where(i2 < 0, -np.inf, s2)], axis=1)
        ids = np.concatenate([i1, i2], axis=1)
        order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        best = np.take_along_axis(scores, order, axis=1)
        found = np.take_along_axis(ids, order, axis=1)
        missing = np.isinf(best)
        return np.where(missing, 0.0, best).astype(np.float32), np.where(missing, -1, found).astype(np.int64)

    def contains(self, id: int) -> bool:
        return self.tail.contains(id) or self.base.contains(id)

    def __len__(self) -> int:
        return len(self.base) + len(self.tail)

    def fold(self) -> None:
        """Move the tail into the base (the graph work a new base needs)."""
        if len(self.tail):
            self.base.add(*self.tail.vectors())
            self.tail = FaissIndex(self.dim, hnsw_from=_EXACT)

    def save(self, folder: Path, generation: int, *, layout: str = "") -> None:
        self.fold()
        self.base.save(folder, generation, layout=layout)

    def vectors(self) -> tuple[np.ndarray, np.ndarray]:
        (a, va), (b, vb) = self.base.vectors(), self.tail.vectors()
        return np.concatenate([a, b]), np.vstack([va, vb])

    def nbytes(self, folder: Path) -> int:
        return self.base.nbytes(folder)
