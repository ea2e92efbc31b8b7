"""The packed layout of a band file (``retold.store.bandpack``): rows read back as written, lookups and ranges the
same as the plain layout's on the same rows, plain files still read beside packed ones (and merged into a packed
one), a damaged file refused, and a store of schema 8 (plain files) read and brought up to date."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.errors import StoreError
from retold.fingerprint import band_keys
from retold.model import Article
from retold.store import bandfile, bandlog, bandpack
from retold.store.bandlog import Listed, band_folder
from retold.store.sqlite import Store

LOW, HIGH = -(2**47), 2**47 - 1  # a store's band keys: 48 bits


def _rows(seed: int, n: int, spread: int = 2**47, arts: tuple[int, int] = (1, 5000)) -> tuple[np.ndarray, np.ndarray]:
    """``n`` sorted distinct rows: keys over ``[-spread, spread)``, some held by several articles."""
    rng = np.random.default_rng(seed)
    keys = rng.integers(-spread, spread, n)
    keys[1::7] = keys[0]  # a key of many rows, across blocks
    return bandlog._sorted_unique(keys, rng.integers(arts[0], arts[1], n))


def _write(path: Path, keys: np.ndarray, arts: np.ndarray, width: int | str) -> bandfile.Run | bandpack.PackedRun:
    bandfile.encode(path, keys, arts, width)
    return bandfile.open_run(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    keys=st.lists(st.integers(LOW, HIGH), max_size=300),
    arts=st.lists(st.integers(0, 2**40), min_size=300, max_size=300),
    span=st.integers(0, 47),
)
def test_packed_rows_read_back_as_written(tmp_path: Path, keys: list[int], arts: list[int], span: int) -> None:
    """Any rows (keys near each other or far apart, articles of any range, a block cut anywhere): every key, every
    article, the first and the last, as written."""
    k, a = bandlog._sorted_unique(np.asarray(keys, dtype=np.int64) >> span, np.asarray(arts[: len(keys)], np.int64))
    run = _write(tmp_path / "p.bin", k, a, bandfile.PACK)
    assert isinstance(run, bandpack.PackedRun) and len(run) == len(k)
    assert run.keys_at(np.arange(len(k))).tolist() == k.tolist()
    assert run.articles(0, len(k)).tolist() == a.tolist()
    if len(k):
        assert (run.first(), run.last()) == (int(k[0]), int(k[-1]))
        assert run.between(int(k[0]), None)[0].tolist() == k.tolist()


@pytest.mark.parametrize(("n", "seed"), [(1, 0), (31, 1), (32, 2), (33, 3), (8191, 4), (8192 + 40, 5), (40_000, 6)])
def test_packed_lookups_and_ranges_are_the_plain_layouts(tmp_path: Path, n: int, seed: int) -> None:
    """On the same rows, a packed file finds the same rows for any keys (held, not held, past either end) and reads
    the same ranges as a plain one, across blocks and groups of blocks (8,192 rows), and is about half its size."""
    keys, arts = _rows(seed, n)
    plain = _write(tmp_path / "o.bin", keys, arts, 8)
    packed = _write(tmp_path / "p.bin", keys, arts, bandfile.PACK)
    assert isinstance(packed, bandpack.PackedRun) and isinstance(plain, bandfile.Run)
    rng = np.random.default_rng(seed)
    wanted = np.unique(np.concatenate([rng.choice(keys, 50), rng.integers(LOW, HIGH, 50), [LOW, HIGH, 2**62]]))
    for got, want in zip(packed.find(wanted), plain.find(wanted), strict=True):
        assert got.tolist() == want.tolist()
    cuts = sorted({int(x) for x in rng.choice(keys, 4)} | {LOW, 0})
    for low, high in [(cuts[0], None), *itertools.pairwise(cuts), (int(keys[-1]) + 1, None)]:
        for got, want in zip(packed.between(low, high), plain.between(low, high), strict=True):
            assert got.tolist() == want.tolist()
    if n > 1000:
        assert (tmp_path / "p.bin").stat().st_size < 0.55 * (tmp_path / "o.bin").stat().st_size


def test_files_of_both_layouts_answer_together_and_merge_packed(tmp_path: Path) -> None:
    """A store of schema 8 holds plain files; new files are packed: postings, groups and rows over both are those of
    the plain files alone, deleted rows left out, and a merge of them all writes one packed file of the same rows."""
    folder = tmp_path / "s.db.vectors"
    folder.mkdir()
    rows = [_rows(n, 3000, spread=2**20, arts=(1000 * n, 1000 * n + 900)) for n in range(4)]  # shared keys
    for n, (k, a) in enumerate(rows):
        bandfile.encode(folder / bandlog.file_name(n + 1), k, a, 8)
        bandfile.encode(tmp_path / bandlog.file_name(n + 1), k, a, 8 if n < 2 else bandfile.PACK)
    deleted = np.array([5, 1007, 3100], dtype=np.int64)
    listed = Listed(tuple((n + 1, len(k)) for n, (k, _) in enumerate(rows)), 5, deleted)
    plain = bandlog.BandFiles.open(folder, listed)
    mixed = bandlog.BandFiles.open(tmp_path, listed)
    assert [type(r).__name__ for r in mixed.runs] == ["Run", "Run", "PackedRun", "PackedRun"]
    every = np.unique(np.concatenate([k for k, _ in rows]))
    wanted = np.unique(np.concatenate([every[::3], np.random.default_rng(0).integers(LOW, HIGH, 40)]))
    assert mixed.postings(wanted) == plain.postings(wanted) and len(plain.postings(wanted)) > 100
    for got, want in zip(mixed.rows(), plain.rows(), strict=True):
        assert got.tolist() == want.tolist()
    assert [(s.tolist(), r.tolist()) for s, r in mixed.groups(5, 64)] == [
        (s.tolist(), r.tolist()) for s, r in plain.groups(5, 64)
    ]
    assert mixed.live() == plain.live()
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('band_files', ?)", (str([[n, r] for n, r in listed.files]),))
    con.execute("INSERT INTO meta VALUES ('band_next', '5'), ('band_deleted', '[5, 1007, 3100]')")
    con.commit()
    bandlog.BandLog(tmp_path, 1000).merge(con, 0)
    merged = Listed.of(con)
    assert merged.files == ((5, plain.live()),) and not len(merged.deleted)
    run = bandfile.open_run(tmp_path / bandlog.file_name(5))
    assert isinstance(run, bandpack.PackedRun)
    for got, want in zip(run.between(LOW, None), plain.rows(), strict=True):
        assert got.tolist() == want.tolist()


def test_a_damaged_packed_file_is_refused(tmp_path: Path) -> None:
    keys, arts = _rows(9, 500)
    path = tmp_path / "p.bin"
    bandfile.encode(path, keys, arts)
    whole = path.read_bytes()
    for damaged in (whole[:-1], whole + b"\0" * 8, whole[:40], whole[:20]):
        path.write_bytes(damaged)
        with pytest.raises(StoreError, match="damaged store"):
            bandfile.open_run(path)


def _plain_again(db: Path) -> None:
    """Write a store's band files again in the plain layout, as a retold of schema 8 wrote them."""
    folder = band_folder(db)
    for p in folder.glob("bands-*.bin"):
        run = bandfile.open_run(p)
        k, a = run.between(run.first(), None)
        bandfile.encode(p, k, a, 8)


def test_a_store_of_schema_8_keeps_reading_its_plain_files(
    tmp_path: Path, older_store: Callable[[Path, int, str], list[Article]]
) -> None:
    """Schema 9 only tells a retold of 8 to stop (it would take a packed file for a damaged one): a store of 8 reads
    its plain files, then writes packed ones beside them, and a merge of them all gives the same rows."""
    db = tmp_path / "s8.db"
    arts = older_store(db, 8, "SELECT 1")
    _plain_again(db)
    with pytest.raises(StoreError, match="needs upgrading"):  # a reader never migrates
        Store(db)
    with Store(db, write=True) as s:
        assert s.schema_version == 10
        runs = s.band_files().runs
        assert runs and all(isinstance(r, bandfile.Run) for r in runs)
        before = s.band_files().rows()
        stored = s.articles_by_row(s.all_rows())
        want = {
            (int(k), r)
            for r, keys in zip(stored, band_keys(list(stored.values()), s.lsh_layout), strict=True)
            for k in s.stored_bands(keys)
        }
        assert set(zip(before[0].tolist(), before[1].tolist(), strict=True)) == want and len(arts) > 1
        first = s.rows_of([arts[0].id])[arts[0].id]
        s.delete([arts[0].id])
        s.add([arts[0]])
        assert any(isinstance(r, bandpack.PackedRun) for r in s.band_files().runs)
        s._bands.merge(s.con, 0)
        (run,) = s.band_files().runs
        assert isinstance(run, bandpack.PackedRun)
        keys, rows = s.band_files().rows()
        moved = s.rows_of([arts[0].id])[arts[0].id]
        assert moved > first
        assert set(zip(keys.tolist(), rows.tolist(), strict=True)) == {(k, moved if r == first else r) for k, r in want}


@pytest.mark.parametrize("bits", [3, 5])
def test_a_packed_file_written_in_parts_across_chunks_is_the_file_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bits: int
) -> None:
    """A merge streams parts of any size: the writer encodes whole chunks of groups as they fill (one group of 256
    blocks a chunk here), holding the rest, and the file is byte for byte the one written at once."""
    monkeypatch.setattr(bandpack, "CHUNK_GROUPS", 1)
    monkeypatch.setattr(bandfile, "PACKED_BITS", bits)
    keys, arts = _rows(21, 20_000)
    bandfile.encode(tmp_path / "whole.bin", keys, arts)
    cuts = [0, 1, 2047, 2048, 2049, 5000, 5001, 9000, 16383, 16385, len(keys)]
    with open(tmp_path / "parts.bin", "wb") as f:
        out = bandfile.writer(f, len(keys), (int(arts.min()), int(arts.max())), True)
        for a, b in itertools.pairwise(cuts):
            out.write(keys[a:b], arts[a:b])
        out.done()
    assert (tmp_path / "parts.bin").read_bytes() == (tmp_path / "whole.bin").read_bytes()
    run = bandfile.open_run(tmp_path / "parts.bin")
    assert isinstance(run, bandpack.PackedRun) and run.block == 1 << bits
    assert run.between(LOW, None)[0].tolist() == keys.tolist() and run.articles(0, len(run)).tolist() == arts.tolist()
