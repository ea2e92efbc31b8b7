"""What scans write (``retold.store.scanned``): model vectors cached a byte a component, in the store by a
writer (in parts that fill their pages; an older store's one row an article still read and written) and in memory
by a reader; a store of schema 5 drops its float16 cache when migrated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from retold.embed.base import unit_rows
from retold.ingest import article_from_text
from retold.store.sqlite import Store


def _vectors(n: int, dim: int, seed: int) -> np.ndarray:
    return unit_rows(np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32))


def _store(db: Path) -> dict[str, int]:
    arts = [
        article_from_text("The harbour reopened on Monday. Ships queued at the gate.", id="a"),
        article_from_text("A storm closed the harbour. It reopened on Monday morning.", id="b"),
    ]
    with Store(db, write=True) as st:
        st.add(arts)
        return st.rows_of(["a", "b"])


def _before_zstd(db: Path) -> None:
    """Make ``db`` a store made before ``meta.model_vectors`` (its vectors uncompressed)."""
    con = sqlite3.connect(db)
    con.execute("DELETE FROM meta WHERE key = 'model_vectors'")
    con.commit()
    con.close()


def test_model_vectors_are_kept_as_a_byte_a_component(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
    _before_zstd(db)
    v = {rows["a"]: _vectors(2, 384, 0), rows["b"]: _vectors(2, 384, 1)}
    with Store(db, write=True) as st:
        st.put_model_vectors(v, "m")
    con = sqlite3.connect(db)
    sizes = [n for (n,) in con.execute("SELECT length(vectors) FROM model_vectors WHERE model = 'm'")]
    con.close()
    assert sizes == [2 * 384, 2 * 384]
    with Store(db) as st:  # a reader reads what the writer kept
        back = st.model_vectors(list(rows.values()), "m", 384)
        assert st.model_vectors(list(rows.values()), "other model", 384) == {}
    for r, want in v.items():
        assert back[r].shape == (2, 384) and back[r].dtype == np.float32
        cos = np.sum(back[r] * want, axis=1)
        assert cos.min() > 0.999


def test_a_new_store_compresses_its_model_vectors_and_gives_back_the_very_values(tmp_path: Path) -> None:
    from retold.embed.base import quantise

    new, old = tmp_path / "new.db", tmp_path / "old.db"
    rng = np.random.default_rng(8)
    v = {k: _vectors(int(rng.integers(1, 46)), 384, 10 + k) for k in range(1, 40)}
    back, payload = {}, {}
    for db in (new, old):
        _store(db)
        if db == old:
            _before_zstd(db)
        with Store(db, write=True) as st:
            st.put_model_vectors(v, "m")
        con = sqlite3.connect(db)
        payload[db] = con.execute("SELECT sum(length(vectors)) FROM model_vectors").fetchone()[0]
        con.close()
        with Store(db) as st:
            back[db] = st.model_vectors(list(v), "m", 384)
    assert payload[old] == sum(len(quantise(x)) for x in v.values()) > payload[new]
    assert sorted(back[new]) == sorted(back[old]) == sorted(v)
    assert all(np.array_equal(back[new][r], back[old][r]) for r in v)  # the same int8 values, so the same floats


def test_model_vectors_take_little_more_room_than_their_bytes(tmp_path: Path) -> None:
    # an article's vectors (15-45 sentences of 384 bytes: 6-17 KB) in a WITHOUT ROWID table kept
    # 2 KB in the b-tree and the rest on an overflow page of its own, mostly empty: 1.5x their bytes
    db = tmp_path / "s.db"
    _store(db)
    _before_zstd(db)
    rng = np.random.default_rng(3)
    v = {100 + k: _vectors(int(rng.integers(15, 46)), 384, k) for k in range(60)}
    with Store(db, write=True) as st:
        st.put_model_vectors(v, "m")
    con = sqlite3.connect(db)
    payload = con.execute("SELECT sum(length(vectors)) FROM model_vectors").fetchone()[0]
    pages = con.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%model_vectors%'").fetchone()[0]
    con.close()
    assert pages < 1.2 * payload, pages / payload


def test_a_store_made_before_parts_keeps_an_article_in_one_row(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(
        "DROP TABLE model_vectors; CREATE TABLE model_vectors (article INTEGER NOT NULL, model TEXT NOT NULL, "
        "vectors BLOB NOT NULL, PRIMARY KEY (article, model)) WITHOUT ROWID"
    )
    con.close()
    v = {rows["a"]: _vectors(30, 384, 4), rows["b"]: _vectors(3, 384, 5)}
    with Store(db, write=True) as st:
        st.put_model_vectors(v, "m")
        st.put_model_vectors({rows["b"]: v[rows["a"]]}, "m")  # written again, now longer
    with Store(db) as st:
        back = st.model_vectors(list(rows.values()), "m", 384)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM model_vectors").fetchone()[0] == 2
    con.close()
    for r in rows.values():
        assert back[r].shape == (30, 384) and np.sum(back[r] * v[rows["a"]], axis=1).min() > 0.999


def test_vectors_written_again_shorter_leave_no_part_behind(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
    long, short = _vectors(30, 384, 6), _vectors(2, 384, 7)
    with Store(db, write=True) as st:
        st.put_model_vectors({rows["a"]: long}, "m")
        st.put_model_vectors({rows["a"]: short}, "m")
        back = st.model_vectors([rows["a"]], "m", 384)[rows["a"]]
    assert back.shape == (2, 384) and np.sum(back * short, axis=1).min() > 0.999


def test_a_reader_keeps_its_vectors_in_memory_not_in_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
    v = _vectors(2, 8, 2)
    with Store(db) as st:
        st.put_model_vectors({rows["a"]: v}, "m")
        got = st.model_vectors([rows["a"]], "m", 8)[rows["a"]]
    assert np.sum(got * v, axis=1).min() > 0.99
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM model_vectors").fetchone()[0] == 0
    con.close()


def test_a_schema_5_store_drops_its_float16_vectors_when_migrated(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
    con = sqlite3.connect(db, isolation_level=None)
    old = np.ones((2, 384), dtype=np.float16).tobytes()
    con.execute("INSERT INTO model_vectors (article, model, vectors) VALUES (?, 'm', ?)", (rows["a"], old))
    con.execute("ALTER TABLE articles DROP COLUMN language")  # schema 5 kept none
    con.execute("UPDATE schema_version SET version = 5")
    con.close()
    with Store(db, write=True) as st:
        assert st.model_vectors([rows["a"]], "m", 384) == {}  # computed again when a scan needs them
        assert len(st) == 2
