"""Counts four bits each, two a byte, the rest kept aside (``retold.store.nibbles``), and the nibbles bases that keep
an HNSW index's hashed counts so (``countsfile``): the same values and the same index back, in fewer bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retold.fingerprint.vectors import HashedEncoder
from retold.store import nibbles
from retold.store.faiss_index import FaissIndex, base_name


def _same_index(a: FaissIndex, b: FaissIndex) -> None:
    import faiss

    assert faiss.serialize_index(a._index).tobytes() == faiss.serialize_index(b._index).tobytes()


@pytest.mark.parametrize("cols", [0, 1, 2, 7, 8, 301])
def test_counts_come_back_from_their_nibbles_whatever_the_columns_and_runs(cols: int) -> None:
    rng = np.random.default_rng(cols)
    counts = rng.integers(-30, 31, size=(5, cols)).astype(np.int8)
    counts[:, ::3] = rng.integers(-8, 8, size=counts[:, ::3].shape)  # mostly small, some far outside
    packed, places, values = nibbles.pack(counts)
    assert packed.shape == (5, (cols + 1) // 2)
    assert len(places) == int(((counts < -8) | (counts > 7)).sum()) and np.all(np.diff(places) > 0)
    assert np.array_equal(nibbles.unpack(packed, places, values, 0, cols), counts)
    for start in range(0, cols, 4):  # a run of columns at a time, as a base is read
        stop = min(cols, start + 4)
        assert np.array_equal(nibbles.unpack(packed, places, values, start, stop), counts[:, start:stop])
    back = nibbles.read_aside(nibbles.aside_bytes(places, values), len(places))
    assert np.array_equal(back[0], places) and np.array_equal(back[1], values)


def test_a_run_of_packed_columns_must_start_at_an_even_one_and_damaged_aside_bytes_are_refused() -> None:
    packed, places, values = nibbles.pack(np.array([[1, 20, -3]], dtype=np.int8))
    with pytest.raises(ValueError):
        nibbles.unpack(packed, places, values, 1, 3)
    data = nibbles.aside_bytes(places, values)
    with pytest.raises(ValueError):
        nibbles.read_aside(data[:-1], len(places))
    with pytest.raises(ValueError):
        nibbles.read_aside(np.array([3, 0], dtype="<u8").tobytes() + bytes(2), 2)  # two counts in one place


def test_a_nibbles_base_reads_back_the_index_faiss_wrote_in_fewer_bytes_than_a_counts_one(
    tmp_path: Path, news_index: Callable[[int], FaissIndex], news_lines: Callable[[int], list[str]]
) -> None:
    from retold.store.countsfile import COUNTS, NIBBLES

    ix = news_index(1500)
    for layout in ("", "counts", "nibbles"):
        ix.save(tmp_path / (layout or "plain"), 1, layout=layout)
    counts, small = (tmp_path / d / f"{base_name(1)}.faiss" for d in ("counts", "nibbles"))
    assert counts.read_bytes().startswith(COUNTS) and small.read_bytes().startswith(NIBBLES)
    assert small.stat().st_size < 0.93 * counts.stat().st_size
    got = [FaissIndex.load(tmp_path / d, 256, hnsw_from=100) for d in ("plain", "counts", "nibbles")]
    plain, old, new = (g[0] for g in got if g is not None)
    _same_index(plain, new)
    _same_index(plain, old)  # a counts base, written as before, still reads
    q = HashedEncoder().encode(news_lines(40))
    assert all(np.array_equal(x, y) for x, y in zip(plain.search(q, 10), new.search(q, 10), strict=True))


def test_a_nibbles_base_cut_short_or_changed_is_rebuilt_not_a_crash(
    tmp_path: Path, news_index: Callable[[int], FaissIndex]
) -> None:
    from retold.store.countsfile import _NIBBLES_HEAD, NIBBLES

    news_index(400).save(tmp_path, 1, layout="nibbles")
    base = tmp_path / f"{base_name(1)}.faiss"
    whole = base.read_bytes()
    head = np.frombuffer(whole[len(NIBBLES) : len(NIBBLES) + _NIBBLES_HEAD.itemsize], dtype=_NIBBLES_HEAD)[0]
    assert head["aside"] > 0  # some counts outside -8..7, kept aside
    counts_at = len(NIBBLES) + _NIBBLES_HEAD.itemsize + 8 * 256 + int(head["before"])
    changed = bytearray(whole)
    changed[counts_at + 20 : counts_at + 40] = bytes(20)  # inside the compressed nibbles
    aside_at = counts_at + int(head["counts_z"]) + int(head["kept_z"])
    moved = bytearray(whole)
    moved[aside_at + 4 : aside_at + 12] = bytes(8)  # inside the counts kept aside
    cuts = (22, 40, counts_at + 30, aside_at + 2, len(whole) - 1)
    for broken in (*(whole[:cut] for cut in cuts), changed, moved):
        base.write_bytes(bytes(broken))
        assert FaissIndex.load(tmp_path, 256, hnsw_from=100) is None, len(broken)
