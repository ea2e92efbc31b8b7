"""The store's side of the vector index: loaded from its saved log, built from SQLite when it must be,
and advanced one generation per write inside that write's transaction (see ``retold.store.vectorlog``).

A mixin of ``Store``: it needs the connection, the paths, the encoder and the log the store sets up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from retold.fingerprint import HashedEncoder, indexable
from retold.model import Article, Progress, silent
from retold.store.base import VectorIndex, sentence_id
from retold.store.faiss_index import FaissIndex
from retold.store.graphfile import BaseLayout
from retold.store.reading import Reads
from retold.store.records import chunks
from retold.store.tailed import TailedIndex
from retold.store.vectorlog import VectorLog

# Articles a part when the index is built: the graph takes each part as one insertion, and a part is the
# step the progress moves by. Parts of 250 articles find as many neighbours as parts of 2,000 (0.876-0.879
# against 0.874-0.879 of the true ones at cosine >= 0.45, three article orders of 4,000 real articles;
# ``benchmarks/index_parts.py``) and take 3 s each instead of 16-22 s.
INDEX_PART = 250


class Indexing(Reads):
    """The sentence-vector index of an open store."""

    vectors_dir: Path
    write: bool
    encoder: HashedEncoder
    _hnsw_from: int
    _index: VectorIndex | None
    _log: VectorLog

    def _set_meta(self, key: str, value: object) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(value)))

    def _int_meta(self, key: str) -> int:
        return int(self._meta(key, "0") or 0)

    @property
    def base_layout(self) -> BaseLayout:
        """How this store saves its HNSW bases: what it was created with, ``meta.vector_base``, a
        ``graphfile.BaseLayout``: nibbles (a new store: packed, its codes kept as the hashed counts they were
        quantised from, two a byte, ``countsfile``), counts (one made before: those counts a byte each), zstd (before
        that: packed, its codes compressed), packed (before that: its
        neighbour numbers in as few bits as the largest needs), compact (its graph without the empty neighbour
        slots) or faiss's own (one made before any, or a name this version does not know). Every layout is read."""
        layout = self._meta("vector_base") or ""
        return BaseLayout(layout) if layout in tuple(BaseLayout) else BaseLayout.FAISS

    # -- the vector index ------------------------------------------------------------------------

    @property
    def has_index(self) -> bool:
        """Whether this store keeps a vector index (built by the first model-mode lookup or scan)."""
        return self._index is not None or self._meta("vector_index") == "1"

    @property
    def index(self) -> VectorIndex:
        """The sentence-vector index, loaded on first use; built from SQLite when missing or damaged
        (and then saved, by a writer; a reader keeps it in memory)."""
        return self.open_index()

    def open_index(self, progress: Progress | None = None) -> VectorIndex:
        """:attr:`index`, with ``progress`` ticking after each ``INDEX_PART`` articles if it must be built (the
        first model-mode use of a store, or a damaged one: 2,000 real articles took 31 s on 2 cores)."""
        if self._index is None:
            self._index = self._load_index(progress) if self.has_index else self._build_index(progress)
        return self._index

    def unload_index(self) -> None:
        """Let go of the index in memory (a scan needs it only to find candidates: at 10,000 news
        articles it holds about 400 MB through the verification otherwise). Every write saves its part,
        so the next use loads it again; a reader's index built in memory is built again."""
        self._index = None

    def _load_index(self, progress: Progress | None = None) -> VectorIndex:
        generation = self._int_meta("generation")
        if self._meta("vector_encoder", self.encoder.name) == self.encoder.name:
            index = self._log.load(generation)
            if index is not None and len(index) == self._int_meta("n_vectors"):
                if self.write:
                    self._log.prune(generation)  # pieces of writes that never committed
                return index
        return self._build_index(progress)

    def _build_index(self, progress: Progress | None = None) -> VectorIndex:
        base = FaissIndex(self.encoder.dim, hnsw_from=self._hnsw_from)
        rows = self.all_rows()
        tick = progress or silent
        done = 0
        tick("building the sentence index", done, len(rows))
        for part in chunks(rows, INDEX_PART):
            arts = self.articles_by_row(part)
            ids, vecs = self._vectors([(r, arts[r]) for r in part])
            base.add(ids, vecs)
            done += len(part)
            tick("building the sentence index", done, len(rows))
        index = TailedIndex(base)
        if self.write:
            self._in_transaction(
                lambda g: index.save(self.vectors_dir, g, layout=self.base_layout), n_vectors=len(index)
            )
            self._log.pending = 0
            self._log.prune(self._int_meta("generation"))
        return index

    def _in_transaction(
        self, save: Callable[[int], object] | None = None, *, n_vectors: int | None = None, delta: int = 0
    ) -> int:
        """Advance the generation; ``save(generation)`` runs inside the open transaction (the caller's)
        before its commit. Returns the new generation."""
        g = self._int_meta("generation") + 1
        own = not self.con.in_transaction
        if own:
            self.con.execute("BEGIN IMMEDIATE")
        try:
            if save is not None:
                save(g)
            self._set_meta("generation", g)
            self._set_meta("vector_encoder", self.encoder.name)
            self._set_meta("vector_index", 1)
            self._set_meta("n_vectors", self._int_meta("n_vectors") + delta if n_vectors is None else n_vectors)
            if own:
                self.con.execute("COMMIT")
        except BaseException:
            if own:
                self.con.execute("ROLLBACK")
            raise
        return g

    def _vectors(self, items: Sequence[tuple[int, Article]]) -> tuple[np.ndarray, np.ndarray]:
        ids: list[int] = []
        texts: list[str] = []
        for row, art in items:
            for s in art.sentences:
                if indexable(s):
                    ids.append(sentence_id(row, s.i))
                    texts.append(s.norm)
        return np.array(ids, dtype=np.int64), self.encoder.encode(texts)

    def flush(self) -> None:
        """Fold the saved segments into a new base now (writes save themselves; this only compacts)."""
        if self.write and self._index is not None and self._log.pending:
            self._log.write_base(self._index, self._int_meta("generation"), layout=self.base_layout)

    def _compact_if_due(self, index: VectorIndex, generation: int) -> None:
        if self._log.due(index):
            self._log.write_base(index, generation, layout=self.base_layout)
