"""An HNSW base with its vector codes kept as the integer counts they were quantised from (``countsfile``): the same
index back, smaller than a zstd one, any other vectors kept as codes, and a damaged one rebuilt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retold.fingerprint.vectors import HashedEncoder
from retold.store.faiss_index import FaissIndex, base_name


def _head(path: Path) -> dict[str, int]:
    from retold.store.countsfile import _FIELDS, _HEAD, COUNTS

    data = path.read_bytes()
    assert data.startswith(COUNTS)
    head = np.frombuffer(data[len(COUNTS) : len(COUNTS) + _HEAD.itemsize], dtype=_HEAD)[0]
    return {f: int(head[f]) for f in _FIELDS}


def _same_index(a: FaissIndex, b: FaissIndex) -> None:
    import faiss

    assert faiss.serialize_index(a._index).tobytes() == faiss.serialize_index(b._index).tobytes()


def test_a_counts_base_of_hashed_vectors_reads_back_the_index_faiss_wrote_in_fewer_bytes(
    tmp_path: Path, news_index: Callable[[int], FaissIndex], news_lines: Callable[[int], list[str]]
) -> None:
    ix = news_index(1500)
    for layout in ("", "zstd", "counts"):
        ix.save(tmp_path / (layout or "plain"), 1, layout=layout)
    zstd, counts = (tmp_path / d / f"{base_name(1)}.faiss" for d in ("zstd", "counts"))
    head = _head(counts)
    assert head["kept"] < 0.02 * 1500  # nearly every vector read back from its codes as counts
    assert zstd.stat().st_size - counts.stat().st_size > 0.25 * head["counts_z"]
    got = [FaissIndex.load(tmp_path / d, 256, hnsw_from=100) for d in ("plain", "counts")]
    a, b = (g[0] for g in got if g is not None)
    _same_index(a, b)
    q = HashedEncoder().encode(news_lines(40))
    assert all(np.array_equal(x, y) for x, y in zip(a.search(q, 10), b.search(q, 10), strict=True))


def test_vectors_that_are_not_counts_are_kept_as_codes_and_read_back_the_same(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    v = (rng.laplace(size=(400, 32)) ** 3).astype(np.float32)
    ix = FaissIndex(32, hnsw_from=100)
    ix.add(np.arange(400, dtype=np.int64), v / np.linalg.norm(v, axis=1, keepdims=True))
    for layout in ("", "counts"):
        ix.save(tmp_path / (layout or "plain"), 1, layout=layout)
    assert _head(tmp_path / "counts" / f"{base_name(1)}.faiss")["kept"] > 300  # few are counts by chance
    got = [FaissIndex.load(tmp_path / d, 32, hnsw_from=100) for d in ("plain", "counts")]
    a, b = (g[0] for g in got if g is not None)
    _same_index(a, b)


def test_recover_gives_counts_whose_codes_are_the_codes_it_was_given() -> None:
    from retold.store.countsfile import encode, recover

    rng = np.random.default_rng(7)
    counts = rng.integers(-6, 7, size=(3000, 64)).astype(np.int8)
    counts[:, 0] = 1  # a count of one in each, as nearly every sentence has
    vmin, vdiff = np.full(64, -0.6, dtype=np.float32), np.full(64, 1.2, dtype=np.float32)
    codes = encode(counts, vmin, vdiff)
    got, found = recover(codes, vmin, vdiff)
    assert found.mean() > 0.9
    assert np.array_equal(encode(got[found], vmin, vdiff), codes[found])
    assert not got[~found].any()


def test_a_counts_base_cut_short_or_changed_is_rebuilt_not_a_crash(
    tmp_path: Path, news_index: Callable[[int], FaissIndex]
) -> None:
    from retold.store.countsfile import _HEAD, COUNTS

    news_index(400).save(tmp_path, 1, layout="counts")
    base = tmp_path / f"{base_name(1)}.faiss"
    whole = base.read_bytes()
    head = _head(base)
    counts_at = len(COUNTS) + _HEAD.itemsize + 8 * 256 + head["before"]
    changed = bytearray(whole)
    changed[counts_at + 20 : counts_at + 40] = bytes(20)  # inside the compressed counts
    vmin_at = len(COUNTS) + _HEAD.itemsize
    ranged = bytearray(whole)
    ranged[vmin_at : vmin_at + 4] = np.float32(-0.9).tobytes()  # a dimension's range: codes that do not check
    cuts = (22, 40, vmin_at + 100, counts_at + 30, len(whole) - 1)
    for broken in (*(whole[:cut] for cut in cuts), changed, ranged):
        base.write_bytes(bytes(broken))
        assert FaissIndex.load(tmp_path, 256, hnsw_from=100) is None, len(broken)


def test_without_zstd_a_counts_base_is_saved_packed_and_one_saved_before_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, news_index: Callable[[int], FaissIndex]
) -> None:
    from retold.store import codesfile
    from retold.store.graphfile import PACKED

    ix = news_index(300)
    ix.save(tmp_path / "c", 1, layout="counts")
    monkeypatch.setattr(codesfile, "codec", lambda: None)
    ix.save(tmp_path / "p", 1, layout="counts")
    assert (tmp_path / "p" / f"{base_name(1)}.faiss").read_bytes().startswith(PACKED)
    assert FaissIndex.load(tmp_path / "p", 256, hnsw_from=100) is not None
    assert FaissIndex.load(tmp_path / "c", 256, hnsw_from=100) is None


def test_an_index_with_a_dimension_of_no_range_keeps_its_codes_compressed_as_they_are(tmp_path: Path) -> None:
    from retold.store.codesfile import ZSTD

    rng = np.random.default_rng(1)
    v = rng.integers(-3, 4, size=(300, 32)).astype(np.float32)
    v[:, 0], v[:, 5] = 1, 0  # dimension 5 never moves: faiss learns a range of 0 for it
    ix = FaissIndex(32, hnsw_from=100)
    ix.add(np.arange(300, dtype=np.int64), v / np.linalg.norm(v, axis=1, keepdims=True))
    for layout in ("", "counts"):
        ix.save(tmp_path / (layout or "plain"), 1, layout=layout)
    assert (tmp_path / "counts" / f"{base_name(1)}.faiss").read_bytes().startswith(ZSTD)
    got = [FaissIndex.load(tmp_path / d, 32, hnsw_from=100) for d in ("plain", "counts")]
    a, b = (g[0] for g in got if g is not None)
    _same_index(a, b)
