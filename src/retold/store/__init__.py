"""The embedded store: SQLite (articles, sentences, fingerprints, edges) plus an on-disk vector index.

``Store`` is the SQLite side and owns the index; ``VectorIndex`` is the backend interface
(``FaissIndex`` by default, faiss imported lazily).
"""

from __future__ import annotations

from retold.store.base import VectorIndex, sentence_id, split_id
from retold.store.sqlite import Added, Info, Store, StoredEdge

__all__ = ["Added", "Info", "Store", "StoredEdge", "VectorIndex", "sentence_id", "split_id"]
