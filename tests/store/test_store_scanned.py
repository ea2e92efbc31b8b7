"""What scans write (``retold.store.scanned``): model vectors cached a byte a component, in the store by a
writer and in memory by a reader; a store of schema 5 drops its float16 cache when migrated."""

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


def test_model_vectors_are_kept_as_a_byte_a_component(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    rows = _store(db)
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
    con.execute("INSERT INTO model_vectors VALUES (?, 'm', ?)", (rows["a"], old))
    con.execute("ALTER TABLE articles DROP COLUMN language")  # schema 5 kept none
    con.execute("UPDATE schema_version SET version = 5")
    con.close()
    with Store(db, write=True) as st:
        assert st.model_vectors([rows["a"]], "m", 384) == {}  # computed again when a scan needs them
        assert len(st) == 2
