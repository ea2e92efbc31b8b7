"""The cross-language vectors' table: the schema 4 -> 5 migration on a real file, int8 storage, delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retold.embed.base import unit_rows
from retold.errors import StoreError
from retold.model import Article
from retold.store import crosslingual as xstore
from retold.store.schema import SCHEMA_VERSION
from retold.store.sqlite import Store


def test_int8_vectors_keep_their_cosines() -> None:
    rng = np.random.default_rng(3)
    v = unit_rows(rng.standard_normal((200, 512)).astype(np.float32))
    back = xstore.dequantise(xstore.quantise(v), 512)
    assert len(xstore.quantise(v)) == 200 * 512  # one byte a component
    assert np.allclose(np.linalg.norm(back, axis=1), 1.0, atol=1e-5)
    # the cosines between vectors are what the channel ranks by
    assert np.abs(back @ back.T - v @ v.T).max() < 0.02
    assert np.abs((back * v).sum(axis=1) - 1).max() < 0.002


def test_a_schema_4_store_is_migrated_then_keeps_vectors_and_deletes_them(
    tmp_path: Path, older_store: Callable[[Path, int, str], list[Article]]
) -> None:
    db = tmp_path / "v4.db"
    ids = [a.id for a in older_store(db, 4, "DROP TABLE article_vectors; ALTER TABLE articles DROP COLUMN language")]
    with pytest.raises(StoreError, match="needs upgrading"):  # a reader never migrates
        Store(db)
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION == 10
        assert xstore.stored_model(st.con) is None
        rows = st.rows_of(ids)
        todo = xstore.missing(st.con, "m")
        assert todo == sorted(rows.values())
        vecs = {
            r: ("de" if i.startswith("06") else "en", np.eye(4, dtype=np.float32)[: 1 + r % 2]) for i, r in rows.items()
        }
        xstore.put(st.con, "m", vecs)
        assert xstore.stored_model(st.con) == "m" and xstore.missing(st.con, "m") == []
        assert xstore.languages(st.con, "m") == {"de": 1, "en": len(ids) - 1}
        german = xstore.load(st.con, "m", 4, other_than="en")
        assert german.owner.tolist() == [rows["06_german_translation"]] * (1 + rows["06_german_translation"] % 2)
        st.delete(["06_german_translation"])
        assert xstore.languages(st.con, "m") == {"en": len(ids) - 1}
    with Store(db) as reader:  # the migrated file reads back
        assert len(xstore.load(reader.con, "m", 4).owner) == sum(1 + r % 2 for i, r in rows.items() if i[:2] != "06")
