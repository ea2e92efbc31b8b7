"""The default vector index: faiss, exact (flat) while small, HNSW once large.

Below ``HNSW_FROM`` vectors an exact inner-product scan is fast enough (about 1.5 ms a query at
10,000 vectors on 2 cores) and supports real removal. Above it the index is rebuilt once as
HNSW (M=32, efConstruction 80, efSearch 32): on 72,000 real sentences it finds 98% of the neighbours
with cosine >= 0.45, 1.5 times faster than efSearch 64 for 0.5% fewer, and queries stay around a
millisecond at a million vectors. Its vectors are kept as 8-bit codes (``IndexHNSWSQ``, each
dimension's range learnt from the vectors it is built from): 528 bytes a hashed sentence vector
instead of 1,296; on 101,270 real sentences it finds 0.903 of the neighbours with cosine >= 0.45
where float32 finds 0.905, and builds and searches in 0.63 of the time (``benchmarks/vector_codes.py``). A
smaller graph builds faster but finds fewer (``--graphs``, 101,257 sentences): M=16 in 0.60 of the time finds
0.79 (0.90 at efSearch 128), M=32 with efConstruction 40 in 0.71 finds 0.86; neither was taken. Bases written
before keep float32 (``IndexHNSWFlat``) until the index is next rebuilt. HNSW cannot remove in
place, so removed ids become tombstones that searches skip, and the graph is rebuilt without them
once they pass a fifth of the index. A store made with ``meta.vector_base`` saves its HNSW bases without their
empty neighbour slots, a later one (``packed``) also with each neighbour number in as few bits as the largest needs
(``graphfile``), a later one (``zstd``) also with its vector codes compressed (``codesfile``), a new one (``counts``)
with its codes kept as the hashed counts they were quantised from (``countsfile``); every base is read, whichever
layout it has.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from retold.errors import StoreError
from retold.store.base import VectorIndex
from retold.store.basewrite import write_base
from retold.store.graphfile import read_base

# RETOLD_HNSW_FROM moves the switch (exact search for longer costs time per query, not recall)
HNSW_FROM = int(os.environ.get("RETOLD_HNSW_FROM") or 10_000)
HNSW_M = 32
EF_CONSTRUCTION = 80
EF_SEARCH = 32
# A lookup of one article's sentences is a small batch: searched on one thread (measured at 1M
# vectors on 2 cores: 1.6 ms for 11 sentences, against 20 ms when OpenMP wakes a second thread
# for so little work) and with a wider beam (efSearch 128: 4.5 ms, finds 87 of 89 planted sources
# where 32 finds 81), since its latency is what a user waits for.
SMALL_BATCH = 512
EF_SEARCH_SMALL = 128
COMPACT_FRACTION = 0.2
# the layout before per-commit saving: one index, read only by ``load`` (a writer replaces it)
INDEX_FILE = "index.faiss"
META_FILE = "meta.json"
REMOVED_FILE = "removed.npy"
INDEX_SUFFIX = ".faiss"
REMOVED_SUFFIX = ".removed.npy"


def base_name(generation: int) -> str:
    return f"base-{generation:012d}"


def bases(folder: Path) -> list[int]:
    """Generations of the complete bases saved in ``folder``."""
    try:
        names = [p.name for p in folder.iterdir()]
    except OSError:
        return []
    return sorted(int(n[5:17]) for n in names if n.startswith("base-") and n.endswith(INDEX_SUFFIX) and len(n) == 23)


def write_durably(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` so that a crash leaves the old file or the whole new one: ``write`` fills a
    temporary file, which is fsynced and renamed, then the folder is fsynced."""
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError) and e.filename is None and e.errno is not None:  # a write() names no file
            raise OSError(e.errno, e.strerror, str(path)) from e
        raise
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _faiss() -> Any:
    try:
        import faiss
    except ImportError:
        raise StoreError("the corpus vector index needs faiss: pip install 'retold[corpus]'") from None
    return faiss


class FaissIndex(VectorIndex):
    """faiss ``IndexIDMap2`` over a flat or HNSW inner-product index, with tombstones for HNSW."""

    def __init__(self, dim: int, *, hnsw_from: int = HNSW_FROM) -> None:
        self.dim = dim
        self.hnsw_from = hnsw_from
        self._faiss = _faiss()
        self._index = self._new(hnsw=False)
        self._removed = np.zeros(0, dtype=np.int64)
        self._ids: np.ndarray | None = None

    @property
    def kind(self) -> str:
        return "hnsw" if self._is_hnsw(self._index) else "flat"

    def _is_hnsw(self, idmap: Any) -> bool:
        return isinstance(self._faiss.downcast_index(idmap.index), self._faiss.IndexHNSW)

    def _new(self, hnsw: bool) -> Any:
        f = self._faiss
        if hnsw:
            inner = f.IndexHNSWSQ(self.dim, f.ScalarQuantizer.QT_8bit, HNSW_M, f.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = EF_CONSTRUCTION
            inner.hnsw.efSearch = EF_SEARCH
        else:
            inner = f.IndexFlatIP(self.dim)
        return f.IndexIDMap2(inner)  # faiss's wrapper keeps ``inner`` alive with the id map

    def _all_ids(self) -> np.ndarray:
        if self._ids is None:
            self._ids = self._faiss.vector_to_array(self._index.id_map).astype(np.int64)
        return self._ids

    def _live(self) -> tuple[np.ndarray, np.ndarray]:
        ids = self._all_ids()
        vecs = self._index.index.reconstruct_n(0, self._index.ntotal) if len(ids) else np.zeros((0, self.dim))
        keep = ~np.isin(ids, self._removed)
        return ids[keep], np.ascontiguousarray(vecs[keep], dtype=np.float32)

    def _rebuild(self, hnsw: bool, extra: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        ids, vecs = self._live()
        if extra is not None:
            ids, vecs = np.concatenate([ids, extra[0]]), np.vstack([vecs, extra[1]])
        self._index = self._new(hnsw)
        self._removed = np.zeros(0, dtype=np.int64)
        self._ids = None
        if len(ids):
            if not self._index.is_trained:  # the 8-bit codes learn each dimension's range from these vectors
                self._index.train(vecs)
            self._index.add_with_ids(vecs, ids)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise StoreError(f"vector index: got vectors of shape {vectors.shape}, expected ({len(ids)}, {self.dim})")
        if self.kind == "flat" and len(self) + len(ids) >= self.hnsw_from:
            self._rebuild(hnsw=True, extra=(ids, vectors))
            return
        if not self._index.is_trained:
            self._index.train(vectors)
        self._index.add_with_ids(vectors, ids)
        self._ids = None

    def remove(self, ids: np.ndarray) -> int:
        ids = np.asarray(ids, dtype=np.int64)
        present = ids[np.isin(ids, self._all_ids()) & ~np.isin(ids, self._removed)]
        if len(present) == 0:
            return 0
        if self.kind == "flat":
            self._index.remove_ids(self._faiss.IDSelectorBatch(present))
            self._ids = None
        else:
            self._removed = np.union1d(self._removed, present)
            if len(self._removed) > COMPACT_FRACTION * self._index.ntotal:
                self._rebuild(hnsw=self._index.ntotal - len(self._removed) >= self.hnsw_from)
        return len(present)

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n = len(vectors)
        if n == 0 or self._index.ntotal == 0:
            return np.zeros((n, k), dtype=np.float32), np.full((n, k), -1, dtype=np.int64)
        extra = min(len(self._removed), 4 * k)
        small = n < SMALL_BATCH
        inner = self._faiss.downcast_index(self._index.index)
        hnsw = inner.hnsw if isinstance(inner, self._faiss.IndexHNSW) else None
        threads = self._faiss.omp_get_max_threads()
        if small:
            self._faiss.omp_set_num_threads(1)
        if hnsw is not None:
            hnsw.efSearch = EF_SEARCH_SMALL if small else EF_SEARCH
        try:
            scores, ids = self._index.search(vectors, k + extra)
        finally:
            self._faiss.omp_set_num_threads(threads)
        if extra:
            dead = np.isin(ids, self._removed)
            scores = np.where(dead, -np.inf, scores)
            order = np.argsort(-scores, axis=1, kind="stable")
            scores = np.take_along_axis(scores, order, axis=1)
            ids = np.where(np.isinf(scores), -1, np.take_along_axis(ids, order, axis=1))
        return scores[:, :k].astype(np.float32), ids[:, :k].astype(np.int64)

    def vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """The live ids and their vectors (what a check that two indexes hold the same compares)."""
        return self._live()

    def contains(self, id: int) -> bool:
        return bool(np.isin(id, self._all_ids())) and not bool(np.isin(id, self._removed))

    def __len__(self) -> int:
        return int(self._index.ntotal) - len(self._removed)

    def save(self, folder: Path, generation: int, *, layout: str = "") -> None:
        """Write the whole index as the base of ``generation``: each file durable before it is named,
        the index file last, so a base whose index file exists is complete. ``layout``: a ``graphfile.BaseLayout``, as
        ``meta.vector_base`` says ("": faiss's own; another name raises StoreError)."""
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / base_name(generation)

        def put_removed(tmp: Path) -> None:
            with open(tmp, "wb") as f:
                np.save(f, self._removed)

        write_durably(Path(f"{stem}{REMOVED_SUFFIX}"), put_removed)
        write_durably(Path(f"{stem}{INDEX_SUFFIX}"), lambda tmp: write_base(self._faiss, self._index, tmp, layout))

    @classmethod
    def load(
        cls, folder: Path, dim: int, *, hnsw_from: int = HNSW_FROM, upto: int | None = None
    ) -> tuple[FaissIndex, int] | None:
        """The newest saved base at or before generation ``upto`` (any when None) and its generation, or
        None when there is none or it cannot be read (the caller rebuilds)."""
        found = [g for g in bases(folder) if upto is None or g <= upto]
        try:
            if found:
                g = max(found)
                stem = folder / base_name(g)
                raw, removed = Path(f"{stem}{INDEX_SUFFIX}"), Path(f"{stem}{REMOVED_SUFFIX}")
            else:  # the single-file layout of stores written before the index was saved per commit
                meta = json.loads((folder / META_FILE).read_text())
                g = int(meta["generation"])
                if meta.get("dim") != dim or (upto is not None and g > upto):
                    return None
                raw, removed = folder / INDEX_FILE, folder / REMOVED_FILE
            self = cls(dim, hnsw_from=hnsw_from)
            self._index = read_base(self._faiss, raw)
            if self._index.d != dim:
                return None
            if self._is_hnsw(self._index):
                self._faiss.downcast_index(self._index.index).hnsw.efSearch = EF_SEARCH
            self._removed = np.load(removed)
            return self, g
        except (OSError, ValueError, KeyError, RuntimeError):
            return None

    def nbytes(self, folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0
