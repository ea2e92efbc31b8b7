"""What scans write: checked pairs (edges), the articles done, and the transformer's vectors.

A writer caches model vectors in ``model_vectors``, a byte a component (``embed.base.quantise``: half
the bytes of float16, cosines within about 0.002), in parts of ``PART_BYTES`` in a rowid table. A store made
before parts keeps an article's vectors in one row of a WITHOUT ROWID table, which keeps 2 KB of a row of
6-17 KB in the b-tree (and copies of whole rows in its interior pages) and the rest on an overflow page of its
own, mostly empty: 1.53 times the bytes, 8.5 MB for 5.6 at 2,000 real articles; parts take 1.14 times.
A store made since ``meta.model_vectors = zstd`` keeps an article's int8 bytes compressed (zstd 3, pyarrow's; their
length first, 4 bytes) before cutting them in parts: the very bytes back, 5.73 -> 5.31 MB at 2,000 real articles
(the bytes' order-0 entropy is 5.26 MB: int8 components of unit vectors are nearly as dense as they come; brotli
11 5.28 MB, zlib 9 5.31, transposed 5.31). Where pyarrow has no zstd such a store's vectors are embedded again.
A reader never writes, so the vectors it computes stay in this process, keyed by the store file, the
model, the row and the article's content hash (a row number can come back after a delete; its content
cannot be mistaken): a server answering ``sources`` embeds a stored article once, as before, without
writing to the store.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from retold.embed.base import dequantise, quantise
from retold.fingerprint import KIND_SENTENCE
from retold.store import codesfile
from retold.store.connect import transaction
from retold.store.records import StoredEdge, chunks

# bytes of an article's vectors a row holds: rows of a rowid table fill its pages (parts of 4,000 bytes left
# more room unused, 1.17 times the bytes, 1,000 more rows in the key index, 1.16; 2,000: 1.14)
PART_BYTES = 2_000
MEMORY_BYTES = 256 << 20  # model vectors a reading process keeps (int8), least recently used dropped first

ZSTD = "zstd"  # ``meta.model_vectors`` of a store that compresses them

_Key = tuple[str, str, int, str]
_memory: OrderedDict[_Key, bytes] = OrderedDict()
_memory_lock = threading.Lock()
_memory_size = [0]


def _inflated(codec: Any, blob: bytes) -> bytes:
    """An article's int8 bytes back from their length (4 bytes) and zstd frame."""
    return bytes(codec.decompress(blob[4:], decompressed_size=int.from_bytes(blob[:4], "little"), asbytes=True))


class ScanWrites:
    """Edges, scanned marks and model vectors (``con``, ``path``, ``write``, ``_require_write``)."""

    con: sqlite3.Connection
    path: Path
    write: bool

    def _require_write(self) -> None:
        raise NotImplementedError

    def _hashes(self, rows: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for part in chunks(sorted(set(rows))):
            q = f"SELECT row, hash FROM articles WHERE row IN ({','.join('?' * len(part))})"
            out.update({int(r): str(h) for r, h in self.con.execute(q, list(part))})
        return out

    def _memory_key(self, model: str, row: int, h: str) -> _Key:
        return (str(self.path.resolve()), model, row, h)

    @cached_property
    def _vectors_in_parts(self) -> bool:
        """Whether this store's ``model_vectors`` holds an article's vectors in parts (a store made since): fixed
        when the file is made, so asked once an open store, not at every read and write of vectors."""
        return any(c[1] == "part" for c in self.con.execute("PRAGMA table_info(model_vectors)"))

    @cached_property
    def _vectors_zstd(self) -> bool:
        """Whether this store compresses the model vectors it caches (``meta.model_vectors = zstd``)."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'model_vectors'").fetchone()
        return row is not None and row[0] == ZSTD

    def model_vectors(self, rows: Iterable[int], model: str, dim: int) -> dict[int, np.ndarray]:
        """Cached vectors (``(sentences, dim)`` unit float32, kept as int8) of these articles: the
        store's, then this process's."""
        want = sorted(set(rows))
        out: dict[int, np.ndarray] = {}
        order = " ORDER BY article, part" if self._vectors_in_parts else ""
        for part in chunks(want):
            marks = ",".join("?" * len(part))
            q = f"SELECT article, vectors FROM model_vectors WHERE model = ? AND article IN ({marks}){order}"
            blobs: dict[int, list[bytes]] = {}
            for r, blob in self.con.execute(q, [model, *part]):
                blobs.setdefault(int(r), []).append(blob)
            if self._vectors_zstd:
                codec = codesfile.codec()
                if codec is None:  # pyarrow without zstd: these are embedded again
                    break
                out.update({r: dequantise(_inflated(codec, b"".join(bs)), dim) for r, bs in blobs.items()})
            else:
                out.update({r: dequantise(b"".join(bs), dim) for r, bs in blobs.items()})
        missing = [r for r in want if r not in out]
        if missing and _memory:
            hashes = self._hashes(missing)
            with _memory_lock:
                for r in missing:
                    key = self._memory_key(model, r, hashes.get(r, ""))
                    if key in _memory:
                        _memory.move_to_end(key)
                        out[r] = dequantise(_memory[key], dim)
        return out

    def put_model_vectors(self, items: dict[int, np.ndarray], model: str) -> None:
        """Cache the transformer's vectors of these articles: in the store when writing, else in memory."""
        if not items:
            return
        coded = {r: quantise(v) for r, v in items.items()}
        if not self.write:
            hashes = self._hashes(list(coded))
            with _memory_lock:
                for r, v in coded.items():
                    if r in hashes:
                        key = self._memory_key(model, r, hashes[r])
                        _memory_size[0] += len(v) - (len(_memory[key]) if key in _memory else 0)
                        _memory[key] = v
                while _memory and _memory_size[0] > MEMORY_BYTES:
                    _memory_size[0] -= len(_memory.popitem(last=False)[1])
            return
        rows: list[tuple[object, ...]]
        if self._vectors_zstd:
            codec = codesfile.codec()
            if codec is None:
                return
            coded = {r: len(v).to_bytes(4, "little") + codec.compress(v, asbytes=True) for r, v in coded.items()}
        if self._vectors_in_parts:
            sql = "INSERT INTO model_vectors (article, model, vectors, part) VALUES (?,?,?,?)"
            size = PART_BYTES
            rows = [
                (r, model, v[k : k + size], k // size) for r, v in coded.items() for k in range(0, len(v) or 1, size)
            ]
        else:
            sql = "INSERT INTO model_vectors (article, model, vectors) VALUES (?,?,?)"
            rows = [(r, model, v) for r, v in coded.items()]
        with transaction(self.con):
            self.con.executemany(
                "DELETE FROM model_vectors WHERE article = ? AND model = ?", [(r, model) for r in coded]
            )
            self.con.executemany(sql, rows)

    def settle_boilerplate(self, mode: str, entries: set[tuple[str | None, int]]) -> int:
        """Record the boilerplate (``(outlet, sentence key)``) a scan of ``mode`` now leaves out, and forget what
        earlier scans settled with another: the articles holding a key that became boilerplate, or stopped
        being it (more articles of an outlet carry a byline; one was deleted), are asked again, and the pairs
        among them are checked again, so the edges are what a fresh store gives. Returns the articles asked
        again. A store whose scans predate the record keeps its pairs (what they left out is not known)."""
        key = f"boilerplate:{mode}"
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        before = {(o, int(k)) for o, k in json.loads(row[0])} if row else None
        if before == entries or not self.write:
            return 0
        changed = sorted({k for _, k in (before or set()) ^ entries}) if before is not None else []
        with transaction(self.con):
            rows: set[int] = set()
            for part in chunks(changed):
                q = f"SELECT DISTINCT article FROM keys WHERE kind = ? AND key IN ({','.join('?' * len(part))})"
                rows.update(int(r) for (r,) in self.con.execute(q, [KIND_SENTENCE, *part]))
            self.con.execute("CREATE TEMP TABLE IF NOT EXISTS recheck (row INTEGER PRIMARY KEY)")
            self.con.execute("DELETE FROM recheck")
            self.con.executemany("INSERT INTO recheck VALUES (?)", [(r,) for r in rows])
            among = "IN (SELECT row FROM recheck)"
            self.con.execute(f"DELETE FROM scanned WHERE mode = ? AND article {among}", (mode,))
            self.con.execute(f"DELETE FROM edges WHERE mode = ? AND a {among} AND b {among}", (mode,))
            value = json.dumps(sorted(entries, key=lambda e: (e[0] or "", e[1])), separators=(",", ":"))
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        return len(rows)

    def put_edges(
        self, edges: Sequence[StoredEdge], scanned: Sequence[int] = (), mode: str = "", window: float | None = None
    ) -> None:
        """Record checked pairs (any verdict) and mark ``scanned`` articles as done in ``mode``, with the date
        ``window`` (days, None: none) they are now done for; with nothing to record it writes nothing (a scan of a
        finished, read-only store still answers)."""
        if not edges and not scanned:
            return
        self._require_write()
        with transaction(self.con):
            self.con.executemany(
                "INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (e.a_row, e.b_row, e.mode, e.edge.relation, e.edge.score, e.edge.coverage_a, e.edge.coverage_b,
                     e.edge.direction, e.edge.direction_confidence, json.dumps(e.evidence, separators=(",", ":")))
                    for e in edges
                ],
            )  # fmt: skip
            self.con.executemany("INSERT OR IGNORE INTO scanned VALUES (?, ?)", [(r, mode) for r in scanned])
            if scanned:
                value = "none" if window is None else repr(float(window))
                self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"scan_window:{mode}", value))
