"""An HNSW base with its vector codes compressed (``codesfile``): the same index back, smaller, and a damaged one
rebuilt."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retold.store.faiss_index import FaissIndex, base_name


def _index(n: int = 800, dim: int = 64) -> FaissIndex:
    """An HNSW index of vectors like the hashed sentence vectors: a few large components, most near zero."""
    rng = np.random.default_rng(5)
    v = (rng.laplace(size=(n, dim)) ** 3).astype(np.float32)
    ix = FaissIndex(dim, hnsw_from=100)
    ix.add(np.arange(n, dtype=np.int64) + 7, v / np.linalg.norm(v, axis=1, keepdims=True))
    assert ix.kind == "hnsw"
    return ix


def test_a_zstd_base_reads_back_the_index_faiss_wrote_and_is_smaller_than_a_packed_one(tmp_path: Path) -> None:
    import faiss

    from retold.store.codesfile import ZSTD
    from retold.store.graphfile import PACKED

    ix = _index()
    for layout in ("", "packed", "zstd"):
        ix.save(tmp_path / (layout or "plain"), 1, layout=layout)
    plain, packed, zstd = (tmp_path / d / f"{base_name(1)}.faiss" for d in ("plain", "packed", "zstd"))
    assert zstd.read_bytes().startswith(ZSTD) and packed.read_bytes().startswith(PACKED) and len(ZSTD) == len(PACKED)
    codes = 800 * 64  # a byte a component
    assert packed.stat().st_size - zstd.stat().st_size > 0.25 * codes
    got = [FaissIndex.load(tmp_path / d, 64, hnsw_from=100) for d in ("plain", "zstd")]
    a, b = (g[0] for g in got if g is not None)
    assert faiss.serialize_index(a._index).tobytes() == faiss.serialize_index(b._index).tobytes()
    q = np.random.default_rng(6).normal(size=(40, 64)).astype(np.float32)
    assert all(np.array_equal(x, y) for x, y in zip(a.search(q, 10), b.search(q, 10), strict=True))
    assert plain.stat().st_size > packed.stat().st_size


def test_a_zstd_base_cut_short_or_changed_is_rebuilt_not_a_crash(tmp_path: Path) -> None:
    from retold.store.codesfile import _HEAD, ZSTD

    _index(300, 32).save(tmp_path, 1, layout="zstd")
    base = tmp_path / f"{base_name(1)}.faiss"
    whole = base.read_bytes()
    head = len(ZSTD) + _HEAD.itemsize
    before = int(np.frombuffer(whole[len(ZSTD) : len(ZSTD) + 8], dtype="<u8")[0])
    changed = bytearray(whole)
    changed[head + before + 20 : head + before + 40] = bytes(20)  # inside the compressed codes
    for broken in (*(whole[:cut] for cut in (22, 40, head + 10, head + before + 30, len(whole) - 1)), changed):
        base.write_bytes(bytes(broken))
        assert FaissIndex.load(tmp_path, 32, hnsw_from=100) is None, len(broken)


def test_without_zstd_a_base_is_saved_packed_and_a_zstd_one_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retold.store import codesfile
    from retold.store.graphfile import PACKED

    ix = _index(300, 32)
    ix.save(tmp_path / "z", 1, layout="zstd")
    monkeypatch.setattr(codesfile, "codec", lambda: None)
    ix.save(tmp_path / "p", 1, layout="zstd")
    assert (tmp_path / "p" / f"{base_name(1)}.faiss").read_bytes().startswith(PACKED)
    assert FaissIndex.load(tmp_path / "p", 32, hnsw_from=100) is not None
    assert FaissIndex.load(tmp_path / "z", 32, hnsw_from=100) is None
