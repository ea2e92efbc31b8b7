"""A packed HNSW base with its vector codes compressed: the same index, read back into the very bytes faiss wrote.

Two thirds of a packed base (``graphfile``) are the sentence vectors' 8-bit codes (256 bytes a vector: 17.12 of
21.24 MB at 2,000 news articles, 66,892 vectors). A dimension's codes are far from uniform (4.83 bits each, order-0
entropy: 10.33 MB for the whole array), but zstd reads a vector's 256 codes one after another as one stream of
mixed dimensions (14.0 MB). Laid out a dimension at a time (the array transposed) each of zstd's blocks holds one
or two dimensions' codes: 11.20 MB at level 3, inflated in about 17 ms (zlib took 0.29 s for 14.2 MB; brotli 5
11.32 MB in 72 ms; lz4 16.20 MB). zstd is pyarrow's (a dependency of retold), so nothing is added.

A zstd base (``ZSTD``, ``meta.vector_base = zstd``) is a packed one with its codes cut out: the magic, a header
(where the codes were in the packed base after its magic, their bytes, a vector's bytes, the compressed bytes),
the packed base before the codes, the codes transposed and compressed, the packed base after them. Reading puts
the packed base back together (``unsqueeze``), which ``graphfile`` reads as it reads any packed one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

ZSTD = b"retold-hnsw-zstd-1\n\n\n\n"  # as long as graphfile's magics: ``read_base`` reads that many bytes
_FIELDS = ("before", "codes", "code_size", "compressed")
_HEAD = np.dtype([(f, "<u8") for f in _FIELDS])
LEVEL = 3  # zstd's own default: level 1 gave 11.43 MB in 0.04 s, 3 11.20 MB in 0.12 s, 19 10.99 MB in 8 s


def codec(level: int = LEVEL) -> Any | None:
    """pyarrow's zstd codec at ``level``, or None where this pyarrow has none (then bases stay packed and model
    vectors are not cached). Looked up when called, not at import."""
    import pyarrow as pa

    return pa.Codec("zstd", compression_level=level) if pa.Codec.is_available("zstd") else None


def opening(data: np.ndarray, magic: bytes, head: np.dtype, what: str) -> tuple[list[int], int]:
    """The fields of the header ``head`` after ``magic`` at the start of ``data`` (a compressed base's bytes), and
    where the bytes after it begin; a base too short for it raises ValueError naming ``what``."""
    at = len(magic)
    if len(data) < at + head.itemsize:
        raise ValueError(f"damaged {what}")
    fields = np.frombuffer(data[at : at + head.itemsize].tobytes(), dtype=head)[0]
    return [int(fields[f]) for f in head.names or ()], at + head.itemsize


def pool() -> Any:
    """The memory pool codes are compressed and inflated in: the C library's, which gives a large buffer back when
    it is freed. pyarrow's default (mimalloc) kept it: at 100,000 news articles the 683 MB of codes inflated to read
    a base stayed in the process after the read (2,230 MB of RSS for an index of 1,510)."""
    import pyarrow as pa

    return pa.system_memory_pool()


def in_place(faiss: Any, vector: Any) -> np.ndarray:
    """A faiss vector's elements read in place, not copied (valid while its index lives)."""
    n = int(vector.size())
    return faiss.rev_swig_ptr(vector.data(), n) if n else np.zeros(0, dtype=np.uint8)


def codes_of(faiss: Any, index: Any) -> np.ndarray | None:
    """The codes of an HNSW index's scalar-quantised storage (an ``IndexIDMap2`` over it) as (vectors, bytes a
    vector) uint8, read in place, or None for any other index."""
    inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
    if not isinstance(inner, faiss.IndexHNSW):
        return None
    storage = faiss.downcast_index(inner.storage)
    if not isinstance(storage, faiss.IndexScalarQuantizer) or not storage.ntotal:
        return None
    codes = in_place(faiss, storage.codes)
    return codes.reshape(int(storage.ntotal), -1) if len(codes) % int(storage.ntotal) == 0 else None


def unsqueeze(data: np.ndarray, magic: bytes) -> np.ndarray:
    """The packed base (opening with ``magic``) that ``basewrite._squeeze`` made ``data`` (a zstd base's bytes) from; a
    damaged one raises ValueError."""
    zstd = codec()
    if zstd is None:
        raise ValueError("a zstd base, and this pyarrow has no zstd")
    (before, n_codes, size, n_z), at = opening(data, ZSTD, _HEAD, "zstd base")
    if not (size > 0 and n_codes % size == 0 and at + before + n_z <= len(data)):
        raise ValueError("damaged zstd base")
    z = data[at + before : at + before + n_z]
    try:
        flat = zstd.decompress(z, decompressed_size=n_codes, memory_pool=pool())
    except Exception as e:  # pyarrow's ArrowException (an OSError) or anything a corrupt frame gives
        raise ValueError(f"damaged zstd base ({e})") from None
    if flat.size != n_codes:
        raise ValueError("damaged zstd base")
    tail = data[at + before + n_z :]
    out = np.empty(len(magic) + before + n_codes + len(tail), dtype=np.uint8)
    out[: len(magic)] = np.frombuffer(magic, dtype=np.uint8)
    out[len(magic) : len(magic) + before] = data[at : at + before]
    columns = np.frombuffer(flat, dtype=np.uint8).reshape(size, -1)
    out[len(magic) + before : len(magic) + before + n_codes].reshape(-1, size)[:] = columns.T
    out[len(magic) + before + n_codes :] = tail
    return out
