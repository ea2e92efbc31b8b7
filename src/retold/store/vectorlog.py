"""The vector index on disk as a log: a base snapshot plus one small segment per committed write.

SQLite's ``meta.generation`` names the index state that matches the committed rows. Every write that
changes the index (a batch of ``add``, a ``delete``) writes its own segment, ``seg-<generation>.npz``
(the vectors it adds, the ids it removes), durably *inside* its SQLite transaction and before the
commit. So whenever SQLite holds generation G, the segments up to G are on disk: a crash at any point
leaves a base and segments that rebuild exactly the committed state, and a segment of a transaction
that never committed has a generation above G and is ignored (and removed by the next writer).

Saving a segment costs what the batch added, not the whole index. Once the segments since the base
hold more than a quarter of the index (at least ``COMPACT_MIN``, at most ``COMPACT_MAX`` vectors) the
writer saves a new base at the current generation and drops what it replaces; a reader loads the base and replays the
segments, never re-encoding sentences from SQLite (that took 24-44 s at a few thousand articles).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from retold.store.base import VectorIndex
from retold.store.faiss_index import (
    HNSW_FROM,
    INDEX_FILE,
    META_FILE,
    REMOVED_FILE,
    FaissIndex,
    bases,
    write_durably,
)
from retold.store.tailed import TailedIndex

COMPACT_MIN = 20_000  # vectors in segments before a new base is worth writing
COMPACT_SHARE = 0.25  # ... or this share of the index, whichever is larger,
COMPACT_MAX = 100_000  # ... but never more: the tail is searched exactly (100,000 x 256 floats a sentence)
_SEG = re.compile(r"^seg-(\d{12})\.npz$")
_BASE = re.compile(r"^base-(\d{12})\.")


def seg_name(generation: int) -> str:
    return f"seg-{generation:012d}.npz"


class VectorLog:
    """Bases and segments of one store's vector index (the folder ``<db>.vectors``)."""

    def __init__(self, folder: Path, dim: int, hnsw_from: int = HNSW_FROM) -> None:
        self.folder = folder
        self.dim = dim
        self.hnsw_from = hnsw_from
        self.pending = 0  # vectors in segments after the loaded or written base

    def segments(self) -> list[int]:
        try:
            names = [p.name for p in self.folder.iterdir()]
        except OSError:
            return []
        return sorted(int(m.group(1)) for n in names if (m := _SEG.match(n)))

    def load(self, generation: int) -> TailedIndex | None:
        """The index as of ``generation``: the newest base at or before it with every later segment up
        to it replayed; None when a piece is missing or unreadable (the caller rebuilds from SQLite)."""
        loaded = FaissIndex.load(self.folder, self.dim, hnsw_from=self.hnsw_from, upto=generation)
        if loaded is None:
            return None
        base_index, base = loaded
        index = TailedIndex(base_index)  # segments go into an exact tail: no graph work at load
        have = set(self.segments())
        self.pending = 0
        for g in range(base + 1, generation + 1):
            if g not in have:
                return None
            try:
                with np.load(self.folder / seg_name(g)) as seg:
                    removed, ids, vecs = seg["removed"], seg["ids"], seg["vecs"]
            except (OSError, ValueError, KeyError):
                return None
            index.remove(removed)
            index.add(ids, vecs)
            self.pending += len(ids) + len(removed)
        return index

    def write_segment(
        self, generation: int, ids: np.ndarray, vecs: np.ndarray, removed: np.ndarray | None = None
    ) -> None:
        """Save one write's change to the index durably (call it before committing ``generation``)."""
        gone = np.zeros(0, dtype=np.int64) if removed is None else np.asarray(removed, dtype=np.int64)

        def put(tmp: Path) -> None:
            with open(tmp, "wb") as f:
                np.savez(
                    f,
                    ids=np.asarray(ids, dtype=np.int64),
                    vecs=np.asarray(vecs, dtype=np.float32).reshape(-1, self.dim),
                    removed=gone,
                )

        self.folder.mkdir(parents=True, exist_ok=True)
        write_durably(self.folder / seg_name(generation), put)
        self.pending += len(ids) + len(gone)

    def due(self, index: VectorIndex) -> bool:
        """Whether the segments since the base are worth folding into a new base."""
        return self.pending > max(COMPACT_MIN, min(COMPACT_SHARE * len(index), COMPACT_MAX))

    def write_base(self, index: VectorIndex, generation: int, *, layout: str = "") -> None:
        """Save the whole index as of the committed ``generation`` (``layout``: one of ``graphfile``'s, or "" for
        faiss's own) and drop what it replaces."""
        index.save(self.folder, generation, layout=layout)
        self.pending = 0
        self.prune(generation)

    def prune(self, committed: int) -> None:
        """Remove bases and segments the newest base at or before ``committed`` makes useless, pieces of
        writes that never committed (a generation above ``committed``) and temporary files."""
        keep = max((g for g in bases(self.folder) if g <= committed), default=None)
        try:
            paths = list(self.folder.iterdir())
        except OSError:
            return
        for p in paths:
            n = p.name
            seg, base = _SEG.match(n), _BASE.match(n)
            if ".tmp" in n:
                stale = True
            elif seg:
                g = int(seg.group(1))
                stale = g > committed or (keep is not None and g <= keep)
            elif base:
                g = int(base.group(1))
                stale = g > committed or (keep is not None and g < keep)
            else:
                stale = keep is not None and n in (INDEX_FILE, META_FILE, REMOVED_FILE)
            if stale:
                p.unlink(missing_ok=True)
