"""A packed HNSW base with its vector codes kept as the small integers they were quantised from: the same index.

The index's vectors are hashed n-gram counts scaled to unit length (``fingerprint.vectors``), and faiss keeps each
as 8-bit codes (``QT_8bit``: a dimension's range learnt once, 256 steps over it). The counts are small signed
integers (-43..50 at 2,000 news articles, 2.45 bits of order-0 entropy each) where a code carries 4.83 bits, so
kept as counts the codes take about half the bytes: at 2,000 news articles (66,811 vectors) zstd 3 of the
transposed counts 6.48 MB against 11.20 MB of the transposed codes. The counts are not stored anywhere else; they
are read back from the codes: with ``x`` the middle of each code's step and ``s`` the inverse of the smallest
``|x|`` clearly above zero (a count of one), ``round(x * s)``, ``s`` then the length of that, twice more
(``recover``). A vector is kept as counts only where ``encode`` of them gives back its very codes (99.4% of them at
2,000 articles: the rest, whose smallest count is not one or whose codes straddle a step, are kept as their codes),
so the base is the same bytes faiss wrote, and any index that is not hashed counts is kept, whole, as codes.

``encode`` is numpy's, every step exact or correctly rounded (the sum of squares of int8 counts is an integer below
2**24 that float32 holds exactly whatever the order of the sum, its root in float64; then float32 division,
subtraction, clipping, multiplication and truncation, faiss's own formula), so it gives the same codes on any machine;
a CRC-32 of the codes (``zlib``) is kept and checked on reading all the same.

A counts base (``COUNTS``, ``meta.vector_base = counts``) is a packed one with its codes cut out: the magic, a
header, each dimension's ``vmin`` and ``vdiff`` (float32), the packed base before the codes, the counts (int8, a
dimension at a time) compressed by zstd, the rows kept as codes (their numbers then their codes) compressed, the
packed base after them. Reading puts the packed base back together (``unsqueeze``).

A nibbles base (``NIBBLES``, ``meta.vector_base = nibbles``, session 49) keeps the same counts two a byte, those
outside -8..7 aside (``retold.store.nibbles``), through zstd 1: at 2,000 news articles 6.47 -> 5.19 MB of counts,
the base 10.66 -> 9.38 MB, read back into the same codes. Its header adds the counts kept aside and their
compressed bytes, which follow the kept rows.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from retold.store import codesfile, nibbles
from retold.store.codesfile import pool

COUNTS = b"retold-hnsw-counts-1\n\n"  # as long as graphfile's magics: ``read_base`` reads that many bytes
NIBBLES = b"retold-hnsw-nibbles-1\n"
_FIELDS = ("before", "codes", "code_size", "counts_z", "kept", "kept_z", "crc")
_HEAD = np.dtype([(f, "<u8") for f in _FIELDS])
_NIBBLES_FIELDS = (*_FIELDS, "aside", "aside_z")
_NIBBLES_HEAD = np.dtype([(f, "<u8") for f in _NIBBLES_FIELDS])
NIBBLES_LEVEL = 1  # zstd's level for the nibbles: 5.17 MB at 2,000 articles where level 3 took 5.31
CHUNK = 1 << 13  # vectors recovered or encoded at a time: 8 MB of float32 each of their arrays at 256 dimensions
# (chunks of 65,536 took writing a 10,000-article base from 446 to 757 MB of peak RSS, against a zstd base)
TRIES = 3  # the smallest |x| above zero tried as a count of one: 1 found 99.26% at 2,000 articles, 3 99.41%
ROUNDS = 3  # rounds of ``s = |round(x * s)|``: 2 found 99.32%, 3 99.41%


def ranges(faiss: Any, index: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """``(vmin, vdiff)`` (float32, a dimension each) of an HNSW index's 8-bit scalar quantiser (an ``IndexIDMap2``
    over it), or None for any other index."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    if not isinstance(inner, faiss.IndexHNSW):
        return None
    storage = faiss.downcast_index(inner.storage)
    if not isinstance(storage, faiss.IndexScalarQuantizer) or storage.sq.qtype != faiss.ScalarQuantizer.QT_8bit:
        return None
    trained = faiss.vector_to_array(storage.sq.trained).astype(np.float32)
    d = int(storage.d)
    if len(trained) != 2 * d or not np.isfinite(trained).all() or (trained[d:] <= 0).any():
        return None  # a dimension of no range (or none learnt): its codes kept as they are, compressed
    return trained[:d].copy(), trained[d:].copy()


def encode(counts: np.ndarray, vmin: np.ndarray, vdiff: np.ndarray) -> np.ndarray:
    """The 8-bit codes (uint8) of ``(n, dim)`` int8 counts scaled to unit length."""
    v = counts.astype(np.float32)
    if counts.shape[1] * 127**2 < 1 << 24:  # every partial sum of squares an integer float32 holds exactly, in any
        squares = np.einsum("ij,ij->i", v, v)[:, None].astype(np.float64)  # order: half the time of int64 squares
    else:
        squares = np.square(counts, dtype=np.int64).sum(axis=1, keepdims=True).astype(np.float64)
    norm = np.sqrt(squares).astype(np.float32)
    norm[norm == 0] = 1
    v /= norm
    v -= vmin
    v /= vdiff
    np.clip(v, np.float32(0), np.float32(1), out=v)
    v *= np.float32(255)
    return v.astype(np.uint8)


def recover(codes: np.ndarray, vmin: np.ndarray, vdiff: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(counts, found)``: int8 counts whose ``encode`` is each found row's codes exactly (zeros elsewhere)."""
    step = vdiff / np.float32(255)
    x = vmin + (codes.astype(np.float32) + np.float32(0.5)) * step
    ax = np.abs(x)
    ax[ax <= np.float32(1.5) * step] = np.inf  # steps that may hold zero
    k = min(TRIES, codes.shape[1] - 1)
    small = np.sort(np.partition(ax, k, axis=1)[:, :k], axis=1) if k > 0 else ax
    out = np.zeros(codes.shape, dtype=np.int8)
    found = np.zeros(len(codes), dtype=bool)
    for j in range(small.shape[1]):
        todo = np.flatnonzero(~found & np.isfinite(small[:, j]))
        if not len(todo):
            break
        scale = np.float32(1) / small[todo, j]
        c = x[todo]
        for _ in range(ROUNDS):
            c = np.rint(x[todo] * scale[:, None])
            scale = np.sqrt(np.square(c).sum(axis=1)).astype(np.float32)
        ok = (np.abs(c) <= 127).all(axis=1)
        c8 = c.astype(np.int8)
        ok &= (encode(c8, vmin, vdiff) == codes[todo]).all(axis=1)
        out[todo[ok]] = c8[ok]
        found[todo[ok]] = True
    return out, found


def squeeze(
    codes: np.ndarray, vmin: np.ndarray, vdiff: np.ndarray, before: int, small: bool = False
) -> tuple[bytes, bytes, Any, bytes]:
    """``(magic and header, ranges, compressed counts, compressed kept rows)`` of ``codes`` (``(n, dim)`` uint8),
    ``before`` being the bytes of the packed base before them (after its magic); with ``small``, a nibbles base's
    (the counts two a byte, the kept rows followed by the counts kept aside). Raises ValueError without zstd."""
    codec = codesfile.codec()
    if codec is None:
        raise ValueError("no zstd")
    import pyarrow as pa

    n, dim = codes.shape
    crc = 0
    found = np.zeros(n, dtype=bool)
    counts = np.empty((dim, n), dtype=np.int8)  # the found rows' counts, a dimension a row, the first ``done``
    done = 0
    for a in range(0, n, CHUNK):
        part = codes[a : a + CHUNK]
        crc = zlib.crc32(np.ascontiguousarray(part).data, crc)
        c, ok = recover(part, vmin, vdiff)
        counts[:, done : done + int(ok.sum())] = c[ok].T
        done += int(ok.sum())
        found[a : a + len(part)] = ok
    kept = np.flatnonzero(~found)
    flat = counts.reshape(-1)
    for d in range(1, dim if done < n else 0):  # the rows closed up in place: dimension d's to d * done
        flat[d * done : (d + 1) * done] = counts[d, :done]
    flat = flat[: dim * done]
    aside = b""
    if small:
        packed, places, values = _nibbles(flat.reshape(dim, done))
        fast = codesfile.codec(NIBBLES_LEVEL) or codec  # there is zstd: ``codec`` is one
        z = fast.compress(pa.py_buffer(packed), asbytes=False, memory_pool=pool())
        aside = codec.compress(nibbles.aside_bytes(places, values), asbytes=True)
        del packed
    else:
        z = codec.compress(pa.py_buffer(flat), asbytes=False, memory_pool=pool())
    del counts, flat
    rows = kept.astype("<u8").tobytes() + np.ascontiguousarray(codes[kept]).tobytes()
    kz = codec.compress(rows, asbytes=True)
    head = (before, codes.size, dim, z.size, len(kept), len(kz), crc)
    if small:
        opening = NIBBLES + np.array([(*head, len(places), len(aside))], dtype=_NIBBLES_HEAD).tobytes()
    else:
        opening = COUNTS + np.array([head], dtype=_HEAD).tobytes()
    return opening, vmin.astype("<f4").tobytes() + vdiff.astype("<f4").tobytes(), z, kz + aside


def _nibbles(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``nibbles.pack`` of ``(dim, n)`` counts, ``CHUNK`` columns at a time (its arrays a chunk's, not the whole
    base's: 683 MB of counts at 100,000 news articles)."""
    dim, n = counts.shape
    out = np.empty((dim, (n + 1) // 2), dtype=np.uint8)
    places: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for a in range(0, n, CHUNK):  # CHUNK is even: a chunk's pairs are the whole's
        packed, at, v = nibbles.pack(counts[:, a : a + CHUNK])
        out[:, a // 2 : a // 2 + packed.shape[1]] = packed
        places.append(at + a * dim)
        values.append(v)
    return out, np.concatenate([np.zeros(0, dtype=np.int64), *places]), np.concatenate([np.zeros(0, np.int8), *values])


def unsqueeze(data: np.ndarray, magic: bytes) -> np.ndarray:
    """The packed base (opening with ``magic``) that ``squeeze`` made ``data`` (a counts or nibbles base's bytes)
    from; a damaged one raises ValueError."""
    codec = codesfile.codec()
    if codec is None:
        raise ValueError("a counts base, and this pyarrow has no zstd")
    small = data[: len(NIBBLES)].tobytes() == NIBBLES
    if small:
        fields, at = codesfile.opening(data, NIBBLES, _NIBBLES_HEAD, "nibbles base")
    else:
        fields, at = codesfile.opening(data, COUNTS, _HEAD, "counts base")
    (before, n_codes, dim, n_z, n_kept, n_kz, crc), (n_aside, n_az) = fields[:7], (fields[7:] or [0, 0])
    if not (dim > 0 and n_codes % dim == 0 and n_kept <= n_codes // dim):
        raise ValueError("damaged counts base")
    n = n_codes // dim
    vmin = data[at : at + 4 * dim].view("<f4").astype(np.float32)
    vdiff = data[at + 4 * dim : at + 8 * dim].view("<f4").astype(np.float32)
    at += 8 * dim
    if len(vdiff) != dim or at + before + n_z + n_kz + n_az > len(data):
        raise ValueError("damaged counts base")
    prefix = data[at : at + before]
    at += before
    m = n - n_kept  # vectors kept as counts
    try:
        if small:
            flat = codec.decompress(  # a frame reads the same at any level
                data[at : at + n_z], decompressed_size=dim * ((m + 1) // 2), memory_pool=pool()
            )
            aside = codec.decompress(data[at + n_z + n_kz : at + n_z + n_kz + n_az], decompressed_size=9 * n_aside)
        else:
            flat = codec.decompress(data[at : at + n_z], decompressed_size=m * dim, memory_pool=pool())
        kept_rows = codec.decompress(data[at + n_z : at + n_z + n_kz], decompressed_size=n_kept * (8 + dim))
    except Exception as e:  # pyarrow's ArrowException (an OSError) or anything a corrupt frame gives
        raise ValueError(f"damaged counts base ({e})") from None
    if flat.size != (dim * ((m + 1) // 2) if small else m * dim) or kept_rows.size != n_kept * (8 + dim):
        raise ValueError("damaged counts base")
    tail = data[at + n_z + n_kz + n_az :]
    out = np.empty(len(magic) + before + n_codes + len(tail), dtype=np.uint8)
    out[: len(magic)] = np.frombuffer(magic, dtype=np.uint8)
    out[len(magic) : len(magic) + before] = prefix
    codes = out[len(magic) + before : len(magic) + before + n_codes].reshape(n, dim)
    kept_b = np.frombuffer(kept_rows, dtype=np.uint8)
    kept = kept_b[: 8 * n_kept].view("<u8").astype(np.int64)
    if n_kept and (kept.max() >= n or np.any(np.diff(kept) <= 0)):
        raise ValueError("damaged counts base")
    if small:
        places, values = nibbles.read_aside(aside, n_aside)
        if n_aside and not (places[0] >= 0 and places[-1] < m * dim):
            raise ValueError("damaged counts base")
        packed = np.frombuffer(flat, dtype=np.uint8).reshape(dim, (m + 1) // 2)
    else:
        counts = np.frombuffer(flat, dtype=np.int8).reshape(dim, m)
    if n_kept:
        mask = np.ones(n, dtype=bool)
        mask[kept] = False
        where = np.flatnonzero(mask)
    for a in range(0, m, CHUNK):  # the rows kept as counts, a chunk at a time
        b = min(m, a + CHUNK)
        chunk = nibbles.unpack(packed, places, values, a, b) if small else counts[:, a:b]
        part = encode(chunk.T, vmin, vdiff)
        if n_kept:
            codes[where[a:b]] = part
        else:
            codes[a:b] = part
    codes[kept] = kept_b[8 * n_kept :].reshape(n_kept, dim)
    if zlib.crc32(codes.data) != crc:
        raise ValueError("damaged counts base (its codes do not check)")
    out[len(magic) + before + n_codes :] = tail
    return out
