"""An HNSW base written and read a piece at a time (``basewrite``, ``graphfile``): the same bytes and the same index
whatever the step, and the base never held whole several times over (at 100,000 news articles the writer peaked at
7,050 MB for an index of 1,510, the reader at 3,741)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from retold.store import basewrite, graphfile
from retold.store.faiss_index import FaissIndex, base_name

N, DIM = 6000, 256  # the hashed sentence vectors' width


@pytest.fixture(scope="module")
def index() -> FaissIndex:
    """An HNSW index of vectors like the hashed sentence vectors: a few large components, most near zero."""
    rng = np.random.default_rng(11)
    v = (rng.laplace(size=(N, DIM)) ** 3).astype(np.float32)
    ix = FaissIndex(DIM, hnsw_from=100)
    ix.add(np.arange(N, dtype=np.int64) * 2 + 5, v / np.linalg.norm(v, axis=1, keepdims=True))
    assert ix.kind == "hnsw"
    return ix


def _bytes(folder: Path) -> bytes:
    return (folder / f"{base_name(1)}.faiss").read_bytes()


@pytest.mark.parametrize("layout", ["compact", "packed", "zstd"])
def test_a_base_written_and_read_a_step_at_a_time_is_the_same_bytes_and_the_same_index(
    index: FaissIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    import faiss

    index.save(tmp_path / "whole", 1, layout=layout)
    monkeypatch.setattr(basewrite, "STEP", 4099)  # the file read, compared and copied in steps of a few pages
    monkeypatch.setattr(basewrite, "BLOCKS", 7)  # the neighbours counted and packed 7 blocks at a time
    monkeypatch.setattr(graphfile, "BLOCKS", 5)  # and put back 5 blocks at a time
    index.save(tmp_path / "steps", 1, layout=layout)
    assert _bytes(tmp_path / "steps") == _bytes(tmp_path / "whole")
    assert not list((tmp_path / "steps").glob("*.packed"))  # the packed stage of a zstd base is gone
    got = FaissIndex.load(tmp_path / "steps", DIM, hnsw_from=100)
    assert got is not None
    assert faiss.serialize_index(got[0]._index).tobytes() == faiss.serialize_index(index._index).tobytes()


def test_writing_a_base_holds_no_copy_of_the_file_faiss_wrote(index: FaissIndex, tmp_path: Path) -> None:
    codes = N * DIM  # a byte a component; the neighbours take about as much again
    tracemalloc.start()
    try:
        index.save(tmp_path, 1, layout="zstd")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # the codes transposed and compressed, the ids, a part of the neighbours (2.1 times the codes); the code before
    # read the whole file faiss wrote and joined every piece: 7.3 times
    assert peak < 3 * codes, peak / codes


def test_reading_a_base_puts_its_neighbour_slots_back_a_part_at_a_time(
    index: FaissIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.save(tmp_path, 1, layout="zstd")
    parts: list[int] = []
    whole = graphfile._slots

    def slots(counts: np.ndarray, valid: np.ndarray, block: int) -> np.ndarray:
        parts.append(len(counts))
        return whole(counts, valid, block)

    monkeypatch.setattr(graphfile, "_slots", slots)
    monkeypatch.setattr(graphfile, "BLOCKS", 64)
    assert FaissIndex.load(tmp_path, DIM, hnsw_from=100) is not None
    graph = index._faiss.downcast_index(index._index.index).hnsw
    assert sum(parts) * 32 == graph.neighbors.size()  # every block once (blocks of 32 slots)
    assert len(parts) > 10 and max(parts) <= 64  # the code before put every slot back at once


def test_inflating_a_zstd_base_leaves_nothing_in_pyarrows_own_pool(index: FaissIndex, tmp_path: Path) -> None:
    import pyarrow as pa

    index.save(tmp_path, 1, layout="zstd")
    pool = pa.default_memory_pool()
    before = pool.max_memory()
    assert FaissIndex.load(tmp_path, DIM, hnsw_from=100) is not None
    assert pool.max_memory() == before  # mimalloc kept the inflated codes in the process (683 MB at 100,000)
