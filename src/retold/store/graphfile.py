"""An HNSW base saved without its empty neighbour slots, and read back into exactly the index faiss wrote.

faiss keeps every node's neighbour list at its full width (64 slots at level 0, 32 above) and marks the unused
ones -1; they are most of the graph (at 2,000 news articles, 58% of 4,350,720 slots) and faiss writes them as
they are. Each list holds its neighbours first and its empty slots after them, so cut into blocks of the width
every list is a multiple of (32), each block is its count of neighbours followed by -1s. A compact base is
faiss's own serialised index with the neighbour array replaced by one count a block (a byte) and the neighbours
alone (int32): 35.87 -> 25.83 MB at 2,000 news articles (66,892 sentence vectors). Reading it puts the -1s back
with two numpy passes and hands faiss the stream it wrote through a reader callback, so the index is the same
bytes ``faiss.read_index`` gives (``faiss.deserialize_index`` took 0.08-0.1 s here on its own: it is not used).

A packed base (``PACKED``, ``meta.vector_base = packed``) goes further, still losslessly: the neighbours as
``bits`` each (the fewest that hold the largest node number: 17 at 66,892 vectors, 22 at 3.3 million), the node
levels a byte each, no node offsets (faiss's are the running sum of each node's list width) and the ids as
varints of their differences (a sentence id is its article's row and its number: mostly a step of one).
At 2,000 news articles 25.83 -> 21.24 MB; reading it back gives the same bytes again.

A zstd base (``codesfile``, ``meta.vector_base = zstd``) is a packed one with its vector codes compressed.
A file that opens with none of these is faiss's own format (every base written before, every flat base, and the bases of
a store made before ``meta.vector_base``), read with ``faiss.read_index``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np

from retold.store import countsfile, varint
from retold.store.codesfile import ZSTD, unsqueeze
from retold.store.countsfile import COUNTS, NIBBLES

MAGIC = b"retold-hnsw-compact-1\n"
PACKED = b"retold-hnsw-packed-1\n\n"  # as long as MAGIC: ``read_base`` reads that many bytes
_HEAD = np.dtype([("start", "<u8"), ("slots", "<u8"), ("block", "<u8"), ("valid", "<u8")])
_PACKED_FIELDS = ("start", "nodes", "slots", "block", "valid", "bits", "middle", "id_bytes")
_PACKED_HEAD = np.dtype([(f, "<u8") for f in _PACKED_FIELDS])
BLOCKS = 1 << 18  # neighbour blocks read or written at a time (8 M slots of 32: 32 MB of int32)


class BaseLayout(StrEnum):
    """How a store saves its bases, as ``meta.vector_base`` names it: ``FAISS`` ("", a store made before it) as
    faiss writes them, ``COMPACT`` without the empty neighbour slots, ``PACKED`` also with the neighbours in bits,
    ``ZSTD`` also with the vector codes compressed (``codesfile``), ``COUNTS`` with them kept as the integer counts
    they were quantised from (``countsfile``), ``NIBBLES`` with those counts two a byte (``countsfile``,
    ``nibbles``)."""

    FAISS = ""
    COMPACT = "compact"
    PACKED = "packed"
    ZSTD = "zstd"
    COUNTS = "counts"
    NIBBLES = "nibbles"


def _graph(faiss: Any, index: Any) -> Any | None:
    """The HNSW graph inside a saved index (an ``IndexIDMap2`` over an HNSW index), or None."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    return inner.hnsw if isinstance(inner, faiss.IndexHNSW) else None


def _u64(v: int) -> bytes:
    """``v`` as the 8 little-endian bytes faiss writes a size in."""
    return np.uint64(v).tobytes()


def _offsets(cum: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """faiss's node offsets: where each node's list starts, a list being as wide as its level's total."""
    out = np.zeros(len(levels) + 1, dtype="<u8")
    np.cumsum(cum.astype(np.int64)[levels], out=out[1:])
    return out


def _pack_bits(values: np.ndarray, bits: int) -> bytes:
    """``values`` (uint32, each below ``2**bits``) as ``bits`` each, the lowest bit first: every 8 values fill
    ``bits`` bytes, built as four 64-bit words a group."""
    n = len(values)
    flat = np.zeros(-(-n // 8) * 8, dtype=np.uint64)
    flat[:n] = values
    v = flat.reshape(-1, 8)
    words = np.zeros((len(v), 5), dtype="<u8")
    for j in range(8):
        at = j * bits
        w, sh = at >> 6, np.uint64(at & 63)
        words[:, w] |= v[:, j] << sh
        if sh and (at & 63) + bits > 64:
            words[:, w + 1] |= v[:, j] >> np.uint64(64 - (at & 63))
    return words.view(np.uint8)[:, :bits].tobytes()[: (n * bits + 7) // 8]


def _unpack_bits(data: np.ndarray, n: int, bits: int) -> np.ndarray:
    """The ``n`` values ``_pack_bits`` wrote, as int32: the ``j``-th value of every group of 8 read at once, as a
    strided view of the words at its byte (0.06 s for 1.8 million values gathered one by one; this is 10x less)."""
    groups = -(-n // 8)
    buf = data  # read in place when what follows covers the last group's words (a base: its codes and ids)
    if len(data) < groups * bits + 8:
        buf = np.zeros(groups * bits + 8, dtype=np.uint8)
        buf[: len(data)] = data
    out = np.empty((groups, 8), dtype="<i4")
    word = "<u4" if bits <= 25 else "<u8"  # the 4 (8) bytes at a value's first byte hold all its bits
    for j in range(8):
        at = j * bits
        w = np.ndarray((groups,), dtype=word, buffer=buf, offset=at >> 3, strides=(bits,))
        out[:, j] = (w >> (at & 7)) & ((1 << bits) - 1)
    return out.ravel()[:n]


def _zigzag(v: np.ndarray) -> np.ndarray:
    return ((v << 1) ^ (v >> 63)).view(np.uint64)


def _ids(data: np.ndarray, n: int) -> np.ndarray:
    """The ``n`` ids ``varint.encode(_zigzag(differences))`` wrote."""
    z = np.array(varint.decode(data.tobytes()), dtype=np.uint64)
    if len(z) != n:
        raise ValueError("damaged ids")
    return np.cumsum(((z >> np.uint64(1)) ^ (np.uint64(0) - (z & np.uint64(1)))).view(np.int64)).astype("<i8")


class _Pieces:
    """A faiss reader callback over byte arrays read one after another; a part may be an iterator of arrays, made
    as faiss reads (the neighbour slots: the whole array, 708 MB at 100,000 news articles, is never held)."""

    def __init__(self, parts: list[np.ndarray | Iterator[np.ndarray]]) -> None:
        self.chunks: Iterator[memoryview] = (
            _bytes_of(c) for p in parts for c in (p if isinstance(p, Iterator) else (p,))
        )
        self.cur = memoryview(b"")
        self.at = 0

    def __call__(self, n: int) -> bytes:
        out = []
        while n:
            if self.at >= len(self.cur):
                nxt = next(self.chunks, None)
                if nxt is None:
                    break
                self.cur, self.at = nxt, 0
                continue
            got = self.cur[self.at : self.at + n]
            out.append(got)
            n -= len(got)
            self.at += len(got)
        return b"".join(out)


def _bytes_of(a: np.ndarray) -> memoryview:
    return memoryview(np.ascontiguousarray(a).view(np.uint8).ravel().data)


def _read(faiss: Any, parts: list[np.ndarray | Iterator[np.ndarray]]) -> Any:
    """The index faiss reads from ``parts`` one after another (``_Pieces``)."""
    return faiss.read_index(faiss.PyCallbackIOReader(_Pieces(parts)))


def read_base(faiss: Any, path: Path) -> Any:
    """The index saved at ``path``: compact, packed or in faiss's own format. A damaged one raises ValueError or
    faiss's RuntimeError (what ``FaissIndex.load`` takes for "rebuild it"), however it is cut or changed."""
    with open(path, "rb") as f:
        opening = f.read(len(MAGIC))
    if opening not in (MAGIC, PACKED, ZSTD, COUNTS, NIBBLES):
        return faiss.read_index(str(path))
    try:
        if opening == ZSTD:
            return _read_packed(faiss, path, unsqueeze(np.fromfile(path, dtype=np.uint8), PACKED))
        if opening in (COUNTS, NIBBLES):
            return _read_packed(faiss, path, countsfile.unsqueeze(np.fromfile(path, dtype=np.uint8), PACKED))
        return _read_packed(faiss, path) if opening == PACKED else _read_compact(faiss, path)
    except (IndexError, ZeroDivisionError, OverflowError, MemoryError) as e:  # a header cut short or changed
        raise ValueError(f"{path}: damaged base ({e})") from None


def _read_compact(faiss: Any, path: Path) -> Any:
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
    nb = _slots_by_part(counts, block, lambda i, j: valid[i:j])
    return _read(faiss, [prefix, nb, data[at:]])


def _slots(counts: np.ndarray, valid: np.ndarray, block: int) -> np.ndarray:
    """The neighbour array with its -1s put back: each block its ``counts`` neighbours, then -1s."""
    nb = np.full((len(counts), block), -1, dtype="<i4")
    nb[np.arange(block, dtype=np.uint8)[None, :] < counts[:, None]] = valid
    return nb


def _slots_by_part(counts: np.ndarray, block: int, valid: Callable[[int, int], np.ndarray]) -> Iterator[np.ndarray]:
    """``_slots`` a part of ``BLOCKS`` blocks at a time, ``valid(i, j)`` giving the neighbours ``i`` to ``j``."""
    done = 0
    for a in range(0, len(counts), BLOCKS):
        part = counts[a : a + BLOCKS]
        k = int(part.sum(dtype=np.int64))
        yield _slots(part, valid(done, done + k), block)
        done += k


def _unpack_range(data: np.ndarray, i: int, j: int, bits: int) -> np.ndarray:
    """Values ``i`` to ``j`` of those ``_pack_bits`` wrote into ``data`` (8 values fill ``bits`` bytes)."""
    first = i - i % 8
    return _unpack_bits(data[first // 8 * bits :], j - first, bits)[i - first :]


def _read_packed(faiss: Any, path: Path, data: np.ndarray | None = None) -> Any:
    """The packed base at ``path`` (or its bytes ``data``, a zstd base's put back)."""
    data = np.fromfile(path, dtype=np.uint8) if data is None else data
    at = len(PACKED)
    head = np.frombuffer(data[at : at + _PACKED_HEAD.itemsize].tobytes(), dtype=_PACKED_HEAD)[0]
    at += _PACKED_HEAD.itemsize
    begin, n, slots, block, n_valid, bits, middle, id_bytes = (int(head[f]) for f in _PACKED_FIELDS)
    if not (0 < block < 256 and 0 < bits < 32 and n_valid <= slots <= 1 << 40 and n <= slots):
        raise ValueError(f"{path}: damaged packed base")
    n_cum = int(data[at : at + 8].view("<u8")[0])
    cum = data[at + 8 : at + 8 + 4 * n_cum].view("<i4")
    at += 8 + 4 * n_cum
    sizes = (begin, n, slots // block, (n_valid * bits + 7) // 8, middle, id_bytes)
    starts = np.cumsum((at, *sizes))
    at = int(starts[-1])
    prefix, levels_b, counts, _, rest, id_data = (data[a:b] for a, b in itertools.pairwise(starts))
    if at != len(data) or int(counts.sum(dtype=np.int64)) != n_valid or len(id_data) != id_bytes:
        raise ValueError(f"{path}: damaged packed base")
    levels = levels_b.astype("<i4")
    offsets = _offsets(cum, levels)
    if int(offsets[-1]) != slots:
        raise ValueError(f"{path}: damaged packed base")
    packed = data[starts[3] :]  # the neighbours' bits and what follows them: a group's words read in place
    nb = _slots_by_part(counts, block, lambda i, j: _unpack_range(packed, i, j, bits))
    n_b, n1_b, slots_b = (np.array([v], dtype="<u8") for v in (n, n + 1, slots))
    return _read(faiss, [prefix, n_b, levels, n1_b, offsets, slots_b, nb, rest, n_b, _ids(id_data, n)])
