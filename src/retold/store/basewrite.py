"""Writing an HNSW base in the store's layouts (``graphfile``) a piece at a time, not whole in memory.

faiss writes the index to the file first; the compact, packed or zstd base is then written from that file, mapped
and read a step at a time (each step's pages let go of once read), and from the index's own arrays, read in place
(``faiss.rev_swig_ptr``), never copied whole. The bytes are those the in-memory writer of session 36 wrote. It read
the file whole, copied the neighbours and the codes several times and joined every piece: at 100,000 news articles
(2,668,305 vectors, an index of about 1.45 GB) writing a zstd base peaked at 7,050 MB of RSS, about 5.6 GB over the
index (``benchmarks/base_memory.py``).
"""

from __future__ import annotations

import math
import mmap
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from retold.errors import StoreError
from retold.store import codesfile, countsfile, varint
from retold.store.codesfile import _HEAD as _ZSTD_HEAD
from retold.store.codesfile import ZSTD, codes_of, in_place
from retold.store.graphfile import (
    _HEAD,
    _PACKED_HEAD,
    BLOCKS,
    MAGIC,
    PACKED,
    BaseLayout,
    _graph,
    _offsets,
    _pack_bits,
    _u64,
    _zigzag,
)

STEP = 1 << 26  # bytes of a mapped file read, compared or copied at a time, then let go of
Piece = bytes | memoryview | Iterable[bytes]


def write_base(faiss: Any, index: Any, path: Path, layout: str) -> None:
    """Save the index at ``path`` in ``layout`` (a ``BaseLayout``; StoreError for another name): a compact, packed
    or zstd (packed, its codes compressed: ``codesfile``) base when it is HNSW and its lists keep their neighbours
    first, in faiss's own format otherwise."""
    if layout not in tuple(BaseLayout):
        known = ", ".join(repr(str(k)) for k in BaseLayout if k)
        raise StoreError(f"unknown vector base layout {layout!r}: {known} or '' (faiss's own)")
    faiss.write_index(index, str(path))
    if layout == BaseLayout.FAISS:
        return
    staged = path.with_name(path.name + ".packed")
    try:
        with _mapped(path) as raw:
            written = _write_packed(faiss, index, raw, staged, packed=layout != BaseLayout.COMPACT)
        if not written:
            return  # the index is not one these layouts hold: faiss's own stays
        counted = layout in (BaseLayout.COUNTS, BaseLayout.NIBBLES)
        ranges = countsfile.ranges(faiss, index) if counted else None
        squeezed = (layout == BaseLayout.ZSTD or counted) and _squeeze(
            staged, path, codes_of(faiss, index), ranges, small=layout == BaseLayout.NIBBLES
        )
        if not squeezed:
            os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)


class _mapped:
    """A file mapped read-only (an empty one as no map)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> mmap.mmap | bytes:
        with open(self.path, "rb") as f:
            self.mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(f.fileno()).st_size else b""
        return self.mm

    def __exit__(self, *exc: object) -> None:
        if isinstance(self.mm, mmap.mmap):
            self.mm.close()


def _let_go(mm: mmap.mmap | bytes, start: int = 0, end: int | None = None) -> None:
    """Drop the pages of ``[start, end)`` from the process (they stay in the page cache)."""
    if isinstance(mm, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
        lo = start - start % mmap.PAGESIZE
        hi = len(mm) if end is None else min(end, len(mm))
        if hi > lo:
            mm.madvise(mmap.MADV_DONTNEED, lo, hi - lo)


def _find_once(mm: mmap.mmap | bytes, needle: bytes, start: int = 0) -> int:
    """Where ``needle`` is in ``mm`` from ``start`` on when it is there exactly once, else -1; read a step at a time."""
    found: list[int] = []
    at = start
    while at < len(mm) and len(found) < 2:
        hi = min(len(mm), at + STEP + len(needle) - 1)
        k = mm.find(needle, at, hi)
        while k >= 0 and len(found) < 2:
            if not found or k != found[-1]:
                found.append(k)
            k = mm.find(needle, k + 1, hi)
        _let_go(mm, at, hi)
        at += STEP
    return found[0] if len(found) == 1 else -1


def _same(mm: mmap.mmap | bytes, start: int, data: np.ndarray) -> bool:
    """Whether ``mm`` holds ``data``'s bytes at ``start``; read a step at a time."""
    flat = data.view(np.uint8).ravel()
    if start < 0 or start + len(flat) > len(mm):
        return False
    for a in range(0, len(flat), STEP):
        b = min(len(flat), a + STEP)
        same = np.array_equal(np.frombuffer(mm, dtype=np.uint8, count=b - a, offset=start + a), flat[a:b])
        _let_go(mm, start + a, start + b)
        if not same:
            return False
    return True


def _copied(mm: mmap.mmap | bytes, start: int, end: int) -> Iterator[bytes]:
    """``mm[start:end]`` a step at a time, each step let go of once taken."""
    for a in range(start, end, STEP):
        b = min(end, a + STEP)
        yield mm[a:b]
        _let_go(mm, a, b)


def _write(path: Path, pieces: Iterable[Piece]) -> None:
    with open(path, "wb") as f:
        for p in pieces:
            if isinstance(p, bytes | memoryview):
                f.write(p)
            else:
                for chunk in p:
                    f.write(chunk)


def _blocks(nb: np.ndarray, block: int) -> Iterator[np.ndarray]:
    """The neighbour array as (blocks, block) rows, ``BLOCKS`` rows at a time."""
    rows = nb.reshape(-1, block)
    for a in range(0, len(rows), BLOCKS):
        yield rows[a : a + BLOCKS]


def _neighbours(faiss: Any, hnsw: Any, raw: mmap.mmap | bytes) -> tuple[np.ndarray, int, int, np.ndarray] | None:
    """The graph's neighbour array (in place), the block every list is a multiple of, where the array starts in
    ``raw`` (the index as faiss writes it) and each block's count of neighbours; None when the array cannot be cut
    into blocks of neighbours then -1s."""
    nb = in_place(faiss, hnsw.neighbors).view("<i4")
    widths = np.diff(faiss.vector_to_array(hnsw.cum_nneighbor_per_level).astype(np.int64))
    block = math.gcd(*(int(w) for w in widths if w > 0)) if (widths > 0).any() else 0
    if not len(nb) or not 0 < block < 256 or len(nb) % block:
        return None
    head = np.uint64(len(nb)).tobytes() + nb[: min(len(nb), 64)].tobytes()
    at = _find_once(raw, head)
    start = at + 8
    if at < 0 or not _same(raw, start, nb):
        return None
    counts = []
    for rows in _blocks(nb, block):
        full = rows >= 0
        c = full.sum(axis=1)
        if not np.array_equal(full, np.arange(block)[None, :] < c[:, None]):  # a -1 before a neighbour
            return None
        counts.append(c.astype(np.uint8))
    return nb, block, start, np.concatenate(counts)


def _valid(nb: np.ndarray, block: int, dtype: str) -> Iterator[np.ndarray]:
    for rows in _blocks(nb, block):
        yield rows[rows >= 0].astype(dtype)


def _bits(values: Iterable[np.ndarray], bits: int) -> Iterator[bytes]:
    """``_pack_bits`` of the values one after another, a chunk at a time (8 values fill ``bits`` bytes)."""
    carry = np.zeros(0, dtype=np.uint32)
    for v in values:
        v = np.concatenate([carry, v]) if len(carry) else v
        whole = len(v) - len(v) % 8
        if whole:
            yield _pack_bits(v[:whole], bits)
        carry = v[whole:]
    if len(carry):
        yield _pack_bits(carry, bits)


def _write_packed(faiss: Any, index: Any, raw: mmap.mmap | bytes, out: Path, *, packed: bool) -> bool:
    """Write ``raw`` (the index as faiss writes it) to ``out`` as a packed base (a compact one when not ``packed``,
    or when faiss's layout around the graph is not the one a packed base reads); False when it can be neither."""
    hnsw = _graph(faiss, index)
    found = None if hnsw is None else _neighbours(faiss, hnsw, raw)
    if hnsw is None or found is None:
        return False
    nb, block, start, counts = found
    n_valid = int(counts.sum(dtype=np.int64))
    end = start + 4 * len(nb)
    if packed and hasattr(index, "id_map"):
        levels = in_place(faiss, hnsw.levels).view("<i4")
        cum = faiss.vector_to_array(hnsw.cum_nneighbor_per_level).astype("<i4", copy=False)
        ids = faiss.vector_to_array(index.id_map).astype("<i8", copy=False)
        n = len(levels)
        graph = b"".join((_u64(n), levels.tobytes(), _u64(n + 1), _offsets(cum, levels).tobytes(), _u64(len(nb))))
        begin, id_at = start - len(graph), len(raw) - 8 - 8 * n
        if (
            len(ids) == n
            and levels.min(initial=0) >= 0
            and levels.max(initial=0) < 256
            and raw[max(0, begin) : start] == graph
            and id_at >= end
            and raw[id_at:] == _u64(n) + ids.tobytes()
        ):
            bits = max(1, int(nb.max(initial=0)).bit_length())
            id_bytes = varint.encode(_zigzag(np.diff(ids, prepend=np.int64(0))).tolist())
            head = (begin, n, len(nb), block, n_valid, bits, id_at - end, len(id_bytes))
            pieces: list[Piece] = [PACKED, np.array([head], dtype=_PACKED_HEAD).tobytes(), _u64(len(cum))]
            pieces += [cum.tobytes(), raw[:begin], levels.astype(np.uint8).tobytes(), counts.tobytes()]
            pieces += [_bits(_valid(nb, block, "<u4"), bits), _copied(raw, end, id_at), id_bytes]
            _write(out, pieces)
            return True
    head_rec = np.array([(start, len(nb), block, n_valid)], dtype=_HEAD).tobytes()
    rest = _copied(raw, end, len(raw))
    _write(out, [MAGIC, head_rec, raw[:start], counts.tobytes(), (v.tobytes() for v in _valid(nb, block, "<i4")), rest])
    return True


def _squeeze(
    packed: Path,
    out: Path,
    codes: np.ndarray | None,
    ranges: tuple[np.ndarray, np.ndarray] | None = None,
    small: bool = False,
) -> bool:
    """Write the packed base at ``packed`` to ``out`` with ``codes`` (as faiss keeps them in it: their size as 8
    bytes then the bytes) transposed and compressed, or with ``ranges`` (the 8-bit quantiser's ``vmin`` and
    ``vdiff``) kept as the counts they were quantised from (``countsfile``; with ``small``, two a byte); False
    (nothing written) when they are not found there once, or there is no zstd."""
    codec = codesfile.codec()  # a store without zstd writes packed bases
    if codec is None or codes is None or not codes.size:
        return False
    import pyarrow as pa

    flat = codes.reshape(-1)
    with _mapped(packed) as mm:
        if mm[: len(PACKED)] != PACKED:
            return False
        at = _find_once(mm, np.uint64(len(flat)).tobytes() + flat[:64].tobytes(), len(PACKED))
        start = at + 8
        if at < 0 or not _same(mm, start, flat):
            return False
        before = _copied(mm, len(PACKED), start)
        after = _copied(mm, start + len(flat), len(mm))
        if ranges is not None:
            opening, bounds, z, kz = countsfile.squeeze(codes, *ranges, before=start - len(PACKED), small=small)
            _write(out, [opening, bounds, before, memoryview(z), kz, after])
            return True
        z = codec.compress(pa.py_buffer(np.ascontiguousarray(codes.T)), asbytes=False, memory_pool=codesfile.pool())
        head = np.array([(start - len(PACKED), len(flat), codes.shape[1], z.size)], dtype=_ZSTD_HEAD).tobytes()
        _write(out, [ZSTD, head, before, memoryview(z), after])
    return True
