"""An HNSW base saved without its empty neighbour slots, and read back into exactly the index faiss wrote.

faiss keeps every node's neighbour list at its full width (64 slots at level 0, 32 above) and marks the unused
ones -1; they are most of the graph (at 2,000 news articles, 58% of 4,350,720 slots) and faiss writes them as
they are. Each list holds its neighbours first and its empty slots after them, so cut into blocks of the width
every list is a multiple of (32), each block is its count of neighbours followed by -1s. A compact base is
faiss's own serialised index with the neighbour array replaced by one count a block (a byte) and the neighbours
alone (int32): 35.87 -> 25.83 MB at 2,000 news articles (66,892 sentence vectors). Reading it puts the -1s back
with two numpy passes and hands faiss the stream it wrote through a reader callback, so the index is the same
bytes ``faiss.read_index`` gives (``faiss.deserialize_index`` took 0.08-0.1 s here on its own: it is not used).

A file that does not open with ``MAGIC`` is faiss's own format (every base written before, every flat base,
and the bases of a store made before ``meta.vector_base``), read with ``faiss.read_index``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"retold-hnsw-compact-1\n"
_HEAD = np.dtype([("start", "<u8"), ("slots", "<u8"), ("block", "<u8"), ("valid", "<u8")])


def _graph(faiss: Any, index: Any) -> Any | None:
    """The HNSW graph inside a saved index (an ``IndexIDMap2`` over an HNSW index), or None."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    return inner.hnsw if isinstance(inner, faiss.IndexHNSW) else None


def write_base(faiss: Any, index: Any, path: Path) -> None:
    """Save the index at ``path`` as a compact base when it is HNSW and its lists keep their neighbours first, in
    faiss's own format otherwise (written by faiss, then read back and compacted: ``faiss.serialize_index`` took
    0.35 s for what ``write_index`` writes in 0.06)."""
    faiss.write_index(index, str(path))
    raw = path.read_bytes()
    compact = compact_bytes(faiss, index, raw)
    if compact is not raw:
        path.write_bytes(compact)


def compact_bytes(faiss: Any, index: Any, raw: bytes) -> bytes:
    """``raw`` (the index as faiss writes it) as a compact base, or ``raw`` itself when it cannot be one."""
    hnsw = _graph(faiss, index)
    if hnsw is None:
        return raw
    nb = faiss.vector_to_array(hnsw.neighbors).astype("<i4", copy=False)
    widths = np.diff(faiss.vector_to_array(hnsw.cum_nneighbor_per_level).astype(np.int64))
    block = math.gcd(*(int(w) for w in widths if w > 0)) if (widths > 0).any() else 0
    if not len(nb) or not 0 < block < 256 or len(nb) % block:
        return raw
    head = np.uint64(len(nb)).tobytes() + nb[: min(len(nb), 64)].tobytes()
    at = raw.find(head)
    start = at + 8
    if at < 0 or raw.find(head, at + 1) >= 0 or raw[start : start + 4 * len(nb)] != nb.tobytes():
        return raw
    full = nb.reshape(-1, block) >= 0
    counts = full.sum(axis=1)
    if not np.array_equal(full, np.arange(block)[None, :] < counts[:, None]):  # a -1 before a neighbour
        return raw
    valid = nb[nb >= 0]
    head_rec = np.array([(start, len(nb), block, len(valid))], dtype=_HEAD).tobytes()
    counts_b = counts.astype(np.uint8).tobytes()
    return b"".join((MAGIC, head_rec, raw[:start], counts_b, valid.tobytes(), raw[start + 4 * len(nb) :]))


class _Pieces:
    """A faiss reader callback over byte arrays read one after another."""

    def __init__(self, parts: list[np.ndarray]) -> None:
        self.parts = [memoryview(np.ascontiguousarray(p).view(np.uint8).ravel().data) for p in parts]
        self.k = 0
        self.at = 0

    def __call__(self, n: int) -> bytes:
        out = []
        while n and self.k < len(self.parts):
            got = self.parts[self.k][self.at : self.at + n]
            out.append(got)
            n -= len(got)
            self.at += len(got)
            if self.at >= len(self.parts[self.k]):
                self.k, self.at = self.k + 1, 0
        return b"".join(out)


def read_base(faiss: Any, path: Path) -> Any:
    """The index saved at ``path``, compact or in faiss's own format."""
    with open(path, "rb") as f:
        opening = f.read(len(MAGIC))
    if opening != MAGIC:
        return faiss.read_index(str(path))
    data = np.fromfile(path, dtype=np.uint8)
    at = len(MAGIC)
    head = np.frombuffer(data[at : at + _HEAD.itemsize].tobytes(), dtype=_HEAD)[0]
    at += _HEAD.itemsize
    start, slots, block, n_valid = (int(head[f]) for f in ("start", "slots", "block", "valid"))
    prefix = data[at : at + start]
    at += start
    counts = data[at : at + slots // block]
    at += slots // block
    valid = data[at : at + 4 * n_valid].view("<i4")
    at += 4 * n_valid
    if len(valid) != n_valid or int(counts.sum(dtype=np.int64)) != n_valid:
        raise ValueError(f"{path}: damaged compact base")
    nb = np.full((slots // block, block), -1, dtype="<i4")
    nb[np.arange(block, dtype=np.uint8)[None, :] < counts[:, None]] = valid
    return faiss.read_index(faiss.PyCallbackIOReader(_Pieces([prefix, nb, data[at:]])))
