"""Band rows kept in files (``meta.band_layout = log``, a new store) against the ``bands`` table (a store written
before): the same buckets, postings and rows through adds, deletes and merges; a file a transaction never
committed is read by nobody and removed by the next writer; a reader keeps the files its snapshot named."""

from __future__ import annotations

import itertools
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from retold.fingerprint import band_keys
from retold.ingest import read_articles
from retold.model import Article
from retold.store import bandfile, bandlog, bandpack
from retold.store.bandlog import Listed, band_folder
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _examples() -> list[Article]:
    return [a for p in sorted(EXAMPLES.glob("0*.txt")) for a in read_articles(str(p))]


def _table_store(db: Path) -> None:
    """An empty store as one written before the band log: its band rows go to ``bands``."""
    with Store(db, write=True):
        pass
    con = sqlite3.connect(db)
    con.execute("DELETE FROM meta WHERE key = 'band_layout'")
    con.commit()
    con.close()


def _table_rows(db: Path) -> set[tuple[int, int]]:
    con = sqlite3.connect(db)
    rows = {(int(k), int(a)) for k, a in con.execute("SELECT key, article FROM bands")}
    con.close()
    return rows


def _log_rows(st: Store) -> set[tuple[int, int]]:
    keys, arts = st.band_files().rows()
    assert np.all(np.diff(keys) >= 0)  # by key
    return set(zip(keys.tolist(), arts.tolist(), strict=True))


def _expected(st: Store) -> set[tuple[int, int]]:
    """The band rows of the articles stored now, computed again from their text."""
    arts = st.articles_by_row(st.all_rows())
    return {
        (int(k), r)
        for r, keys in zip(arts, band_keys(list(arts.values()), st.lsh_layout), strict=True)
        for k in st.stored_bands(keys)
    }


def _answers(st: Store, arts: list[Article]) -> tuple[list[list[int]], list[dict[int, list[int]]], list[int]]:
    """What the candidate stage and ``sources`` read: buckets in order, postings, and the groups' flat rows."""
    buckets = [b.tolist() for b in st.band_buckets(100)]
    postings = [st.band_postings(band_keys([a], st.lsh_layout)[0].tolist()) for a in arts]
    flat = np.concatenate([rows for _, rows in st.band_groups(100)]).tolist()
    return buckets, postings, flat


def test_a_new_store_keeps_band_rows_in_files_and_answers_as_the_table_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bandlog, "MAX_FILES", 3)  # merges within a few adds,
    monkeypatch.setattr(bandlog, "PART_ROWS", 97)  # read and written a range of some 100 rows at a time
    arts = _examples()
    log, table = tmp_path / "log.db", tmp_path / "table.db"
    _table_store(table)
    for db in (log, table):
        with Store(db, write=True) as st:
            for a in arts:  # one add (one transaction, one file) an article
                st.add([a])
    with Store(log) as a, Store(table) as b:
        assert (a.band_layout, b.band_layout) == ("log", "table")
        assert _answers(a, arts) == _answers(b, arts) and _answers(a, arts)[0]
        assert _log_rows(a) == _table_rows(table) == _expected(a)
        con = sqlite3.connect(log)
        assert con.execute("SELECT count(*) FROM bands").fetchone()[0] == 0
        con.close()
        named = Listed.of(a.con).files
        assert 1 < len(named) <= 3 < len(arts)  # merged
        on_disk = sorted(p.name for p in band_folder(log).iterdir() if p.name.startswith("bands-"))
        assert on_disk == [bandlog.file_name(n) for n, _ in named]  # the merged-away files unlinked
        runs = [bandfile.open_run(band_folder(log) / bandlog.file_name(n)) for n, _ in named]
        assert all(isinstance(r, bandpack.PackedRun) for r in runs)  # written packed, merges too
        assert a.nbytes()["bands"] == sum(r.size for r in runs) < sum(12 * r for _, r in named)

    # deleted without rewriting a file: left out when reading, rows never given again while a file holds them
    gone = [arts[1].id, arts[-1].id]
    for db in (log, table):
        with Store(db, write=True) as st:
            files = Listed.of(st.con).files
            last = max(st.all_rows())
            deleted_rows = set(st.rows_of(gone).values())
            st.delete(gone)
            if db == log:
                assert Listed.of(st.con).files == files and len(Listed.of(st.con).deleted) == 2
            st.add([arts[1]])
            assert st.rows_of([arts[1].id])[arts[1].id] == (last + 1 if db == log else last)
    with Store(log) as a, Store(table) as b:
        assert (
            _log_rows(a)
            == _expected(a)
            == {(k, r) for k, r in _table_rows(table) if r != len(arts)}
            | {(k, len(arts) + 1) for k, r in _table_rows(table) if r == len(arts)}
        )
        buckets = _answers(a, arts)[0]
        assert buckets and all(len(rows) >= 2 for rows in buckets)

    # a deleted article stays named exactly while a file holds its rows: the merge the add above made of the newest
    # files forgot the one they held, not the one an older file holds
    with Store(log) as st:
        files = Listed.of(st.con).files
        runs = [bandfile.open_run(band_folder(log) / bandlog.file_name(n)) for n, _ in files]
        held = set().union(*(r.articles(0, len(r)).tolist() for r in runs))
        named = set(Listed.of(st.con).deleted.tolist())
        assert named == held & deleted_rows and len(named) == 1

    # a merge of every file drops the deleted rows and forgets them
    with Store(log, write=True) as st:
        st._bands.merge(st.con, 0)
        assert len(Listed.of(st.con).files) == 1 and not len(Listed.of(st.con).deleted)
        assert _log_rows(st) == _expected(st)


def test_a_writer_keeps_writing_a_store_made_before_into_its_table(tmp_path: Path) -> None:
    arts = _examples()
    db = tmp_path / "old.db"
    _table_store(db)
    with Store(db, write=True) as st:
        st.add(arts[:3])
    with Store(db, write=True) as st:
        assert st.band_layout == "table"
        st.add(arts[3:])
        assert _table_rows(db) == _expected(st)
    assert not [p for p in band_folder(db).iterdir() if p.name.startswith("bands-")]


def test_a_file_of_a_transaction_that_never_committed_is_ignored_then_removed(tmp_path: Path) -> None:
    arts = _examples()
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(arts[:4])
        before = _log_rows(st)
        st.con.execute("BEGIN IMMEDIATE")
        st._bands.put(st.con, np.array([5, 6], dtype=np.int64), np.array([99, 99], dtype=np.int64))
        st.con.execute("ROLLBACK")
        orphan = band_folder(db) / bandlog.file_name(Listed.of(st.con).next)
        assert orphan.is_file()
        with Store(db) as reader:
            assert _log_rows(reader) == before
    with Store(db, write=True) as st:  # the next writer
        assert not orphan.exists()
        st.add(arts[4:])  # its file takes the number again
        assert _log_rows(st) == _expected(st)


def test_a_damaged_or_missing_band_file_is_a_store_error(tmp_path: Path) -> None:
    from retold.errors import StoreError

    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(_examples()[:3])
        (n, _), *_ = Listed.of(st.con).files
    path = band_folder(db) / bandlog.file_name(n)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(StoreError, match="damaged store: not a whole band file"):
        Store(db)
    path.unlink()
    with pytest.raises(StoreError, match="damaged store: a band file the store names is missing"):
        Store(db)


_READER = """
import sys, time
from pathlib import Path
from retold.store.sqlite import Store
db, shake = Path(sys.argv[1]), Path(sys.argv[2])
with Store(db) as st:
    (shake / "open").write_text("")
    while not (shake / "go").exists():
        time.sleep(0.02)
    print(repr([b.tolist() for b in st.band_buckets(100)]))
"""


def test_a_reader_opened_before_a_merge_reads_the_files_of_its_snapshot(tmp_path: Path) -> None:
    """A reader in another process opens, the writer adds, deletes, merges every file and unlinks them, then the reader
    reads its buckets: those of its own snapshot."""
    arts = _examples()
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        for a in arts[:6]:
            st.add([a])
        want = [b.tolist() for b in st.band_buckets(100)]
        named = [bandlog.file_name(n) for n, _ in Listed.of(st.con).files]
    assert len(named) == 6 and want
    shake = tmp_path / "shake"
    shake.mkdir()
    script = tmp_path / "reader.py"
    script.write_text(_READER)
    proc = subprocess.Popen([sys.executable, str(script), str(db), str(shake)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(1500):
            if (shake / "open").exists() or proc.poll() is not None:
                break
            time.sleep(0.02)
        assert (shake / "open").exists()
        with Store(db, write=True) as st:
            st.add(arts[6:])
            st.delete([arts[0].id])
            st._bands.merge(st.con, 0)
            after = [b.tolist() for b in st.band_buckets(100)]
        assert not any((band_folder(db) / n).exists() for n in named)  # unlinked while the reader holds them
        assert after != want
        (shake / "go").write_text("")
        out, _ = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert eval(out.strip()) == want
    with Store(db) as st:  # a reader opened now reads the merged file
        assert [b.tolist() for b in st.band_buckets(100)] == after


def test_a_files_rows_are_sorted_by_key_then_article_each_once() -> None:
    """Keys held by several articles and by one article twice (as ``INSERT OR IGNORE`` into ``bands`` keeps them)."""
    rng = np.random.default_rng(3)
    keys = rng.integers(-(2**47), 2**47, 5000)
    keys[3::7] = keys[::7][: len(keys[3::7])]  # keys of several rows
    arts = np.sort(rng.integers(1, 400, 5000))
    arts[::11] = arts[0]
    keys[1::13] = keys[0]
    k, a = bandlog._sorted_unique(keys, arts)
    assert list(zip(k.tolist(), a.tolist(), strict=True)) == sorted(set(zip(keys.tolist(), arts.tolist(), strict=True)))
    assert len(k) < len(keys)


@pytest.mark.parametrize("whole", [True, False])
@pytest.mark.parametrize(("width", "wide"), [(6, False), (6, True), (8, False), ("packed", False), ("packed", True)])
def test_a_band_file_finds_keys_and_ranges_across_its_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int | str, wide: bool, whole: bool
) -> None:
    """Blocks of 4 rows (8 packed), keys of many rows running over several blocks, keys at both ends of 6 bytes (and
    of 8, which a file asked for 6 or packed then keeps whole), an odd number of rows: every lookup and range as a
    search of all the rows finds it, whether 8-byte keys are searched whole or through the blocks (a big file's
    way)."""
    monkeypatch.setattr(bandfile, "BLOCK_BITS", 2)
    monkeypatch.setattr(bandfile, "PACKED_BITS", 3)
    monkeypatch.setattr(bandfile, "WHOLE_ROWS", 1 << 30 if whole else 0)
    rng = np.random.default_rng(5)
    ends = [-(2**63), 2**63 - 1] if wide else [-(2**47), 2**47 - 1]
    keys = np.sort(np.concatenate([rng.integers(-(2**40), 2**40, 301), np.repeat([7, 8], 13), ends]))
    arts = np.arange(len(keys), dtype=np.int64)
    path = tmp_path / "bands-000000000001.bin"
    bandfile.encode(path, keys, arts, width)
    run = bandfile.open_run(path)
    assert len(run) == len(keys) and len(keys) % 2
    if isinstance(run, bandpack.PackedRun):
        assert width == "packed" and not wide and run.block == 8 and path.stat().st_size == run.size
    else:
        assert run.width == (8 if wide else width)
        assert path.stat().st_size == bandfile.HEADER + 8 * -(-len(keys) // 4) + (4 + run.width) * len(keys) + 4
    assert (run.first(), run.last()) == (int(keys[0]), int(keys[-1]))
    for low, high in [(7, 9), (8, 8), (-(2**40), 0), (int(keys[0]), None), (int(keys[5]) + 1, int(keys[200]))]:
        got_k, got_a = run.between(low, high)
        want = keys >= low if high is None else (keys >= low) & (keys < high)
        assert got_k.tolist() == keys[want].tolist() and got_a.tolist() == arts[want].tolist()
    wanted = np.unique(np.concatenate([keys[::9], [7, 8, 3, int(keys[-1])], rng.integers(-(2**40), 2**40, 20)]))
    got_k, got_a = run.find(wanted)
    want = np.isin(keys, wanted)
    assert got_k.tolist() == keys[want].tolist() and got_a.tolist() == arts[want].tolist()


@pytest.mark.parametrize("width", [6, 8, "packed"])
def test_a_band_file_written_in_parts_is_the_file_written_at_once(tmp_path: Path, width: int | str) -> None:
    """What a merge streams (parts of any size, the sparse index's rows and a packed file's groups falling anywhere in
    them) is the same file."""
    rng = np.random.default_rng(7)
    keys = np.sort(rng.integers(-(2**47), 2**47, 3001))
    arts = rng.integers(1, 1 << 31, len(keys))
    bandfile.encode(tmp_path / "whole.bin", keys, arts, width)
    cuts = [0, 1, 255, 256, 257, 700, 1999, len(keys)]
    held = (int(arts.min()), int(arts.max()))
    with open(tmp_path / "parts.bin", "wb") as f:
        out = bandfile.writer(f, len(keys), held, True, width)
        for a, b in itertools.pairwise(cuts):
            out.write(keys[a:b], arts[a:b])
        out.done()
    assert (tmp_path / "parts.bin").read_bytes() == (tmp_path / "whole.bin").read_bytes()
    with open(tmp_path / "short.bin", "wb") as f, pytest.raises(ValueError, match="sized for"):
        bandfile.writer(f, len(keys), held, True, width).done()


def _resident_kib(path: Path) -> int:
    """KiB of ``path``'s mapping resident in this process (``/proc/self/smaps``; 0 when it is not mapped)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5:  # a mapping's first line: range perms offset dev inode [path]
            inside = line.rstrip().endswith(str(path))
        elif inside and line.startswith("Rss:"):
            total += int(head[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/smaps").exists() or bandfile.DONTNEED is None, reason="Linux smaps")
@pytest.mark.parametrize("width", [6, 8, "packed"])
def test_reading_the_files_through_leaves_their_pages_out_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int | str
) -> None:
    """A merge or a scan reads every band file once, a range of keys at a time: the pages it read stay in the page
    cache, not in its RSS (they held 309 MiB of the add's main process at 100,000 articles), and what it read is
    the same."""
    monkeypatch.setattr(bandlog, "PART_ROWS", 50_000)
    rng = np.random.default_rng(11)
    runs, want = [], []
    for n in range(1, 4):
        keys = np.sort(rng.integers(-(2**47), 2**47, 120_000))
        arts = np.full(len(keys), n, dtype=np.int64)
        path = tmp_path / bandlog.file_name(n)
        bandfile.encode(path, keys, arts, width)
        runs.append(bandfile.open_run(path))
        want += list(zip(keys.tolist(), arts.tolist(), strict=True))
    files = bandlog.BandFiles(runs, bandlog.NO_ROWS)
    got = [(k, a) for keys, arts in files.parts() for k, a in zip(keys.tolist(), arts.tolist(), strict=True)]
    assert got == sorted(want)
    resident = [_resident_kib(tmp_path / bandlog.file_name(n)) for n in range(1, 4)]
    size = sum((tmp_path / bandlog.file_name(n)).stat().st_size for n in range(1, 4)) // 1024
    assert sum(resident) < size / 20, (resident, size)  # each file was read whole: every page resident before
    assert [run.between(0, 2**40)[0].tolist() for run in runs] == [
        sorted(k for k, a in want if a == n and 0 <= k < 2**40) for n in range(1, 4)
    ]  # read again, from the page cache


@pytest.mark.skipif(not Path("/proc/self/smaps").exists() or bandfile.DONTNEED is None, reason="Linux smaps")
@pytest.mark.parametrize("width", [6, 8, "packed"])
def test_lookups_leave_the_pages_of_big_files_out_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int | str
) -> None:
    """``sources`` looks up an article's band keys in every file: a process that answers lookups (``retold serve``)
    would otherwise keep every page of a big file it ever read, the files' whole size at last (4.0 of 4.8 GB after
    40 lookups at 1,000,000 articles); the postings are those of a search of every row."""
    monkeypatch.setattr(bandfile, "WHOLE_ROWS", 0)  # every file is a big one
    rng = np.random.default_rng(13)
    runs, rows = [], []
    for n in range(1, 4):
        keys = np.sort(rng.integers(-(2**47), 2**47, 150_000))
        keys[1000:1040] = keys[1000]  # a key of many rows, across blocks
        arts = rng.integers(1, 1 << 20, len(keys))
        keys, arts = bandlog._sorted_unique(keys, arts)
        path = tmp_path / bandlog.file_name(n)
        bandfile.encode(path, keys, arts, width)
        runs.append(bandfile.open_run(path))
        rows.append((keys, arts))
    files = bandlog.BandFiles(runs, bandlog.NO_ROWS)
    every_k = np.concatenate([k for k, _ in rows])
    every_a = np.concatenate([a for _, a in rows])
    for _ in range(3):
        wanted = np.unique(np.concatenate([rng.choice(every_k, 3000), rng.integers(-(2**47), 2**47, 100)]))
        got = files.postings(wanted)
        hit = np.isin(every_k, wanted)
        want: dict[int, list[int]] = {}
        for k, a in sorted(zip(every_k[hit].tolist(), every_a[hit].tolist(), strict=True)):
            want.setdefault(k, []).append(a)
        assert got == want
    resident = sum(_resident_kib(tmp_path / bandlog.file_name(n)) for n in range(1, 4))
    size = sum((tmp_path / bandlog.file_name(n)).stat().st_size for n in range(1, 4)) // 1024
    assert resident < size / 20, (resident, size)  # 9,000 keys' searches touch every page of these files


@pytest.mark.parametrize("width", [6, "packed"])
@pytest.mark.parametrize("seed", range(4))
def test_groups_over_several_files_and_deleted_rows_are_those_of_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, width: int | str
) -> None:
    """``groups`` sorts only the keys to find those two or more rows hold, then reads their rows: the same groups,
    in the same parts and fetches, as every live row sorted (``rows``), keys held in one file or across several, a
    deleted article's rows left out before the rows of a key are counted."""
    monkeypatch.setattr(bandlog, "PART_ROWS", 50)
    rng = np.random.default_rng(seed)
    pool = rng.integers(-(2**47), 2**47, 120)
    runs = []
    for n in range(4):  # each file's articles after the files' before it
        keys = rng.choice(pool, 90)
        arts = rng.integers(100 * n, 100 * n + 30, len(keys))
        k, a = bandlog._sorted_unique(keys, arts)
        bandfile.encode(tmp_path / bandlog.file_name(n + 1), k, a, width)
        runs.append(bandfile.open_run(tmp_path / bandlog.file_name(n + 1)))
    deleted = np.unique(rng.integers(0, 400, 12))
    files = bandlog.BandFiles(runs, deleted)
    keys, arts = files.rows()
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    want = [g.tolist() for g in np.split(arts, starts[1:]) if 2 <= len(g) <= 5]
    groups = list(files.groups(5, 7))
    got = [b.tolist() for sizes, flat in groups for b in np.split(flat, np.cumsum(sizes)[:-1])]
    assert got == want and len(want) > 20 and all(len(sizes) <= 7 for sizes, _ in groups)
    assert any(np.isin(r.between(-(2**47), None)[1], deleted).any() for r in runs)  # some rows are deleted
