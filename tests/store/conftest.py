"""Store files as an older retold left them, for the migration tests: a current store of the examples
rewritten to an older schema's layout; a store's rows, to compare two stores; real news lines and an HNSW index of
their hashed vectors, for the bases' layouts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retold.fingerprint.vectors import HashedEncoder
from retold.ingest import read_articles
from retold.model import Article
from retold.store.faiss_index import FaissIndex
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "news_bbc" / "bbc.jsonl"
OlderStore = Callable[[Path, int, str], list[Article]]
Dump = Callable[[Path], dict[str, list[tuple[object, ...]]]]


def _band_files(db: Path) -> list[tuple[object, ...]]:
    """A band log's rows (``meta.band_layout = log``), as the ``bands`` table would order them."""
    with Store(db) as st:
        if st.band_layout != "log":
            return []
        keys, arts = st.band_files().rows()
        return list(zip(keys.tolist(), arts.tolist(), strict=True))


@pytest.fixture
def dump() -> Dump:
    """What a store file holds, row by row (not when each article was added): two stores built two ways
    compare equal when they hold the same."""

    def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
        con = sqlite3.connect(db)
        out = {
            "articles": con.execute(
                "SELECT row, id, hash, n_vec, bounds, norms, title_first, text_z, language FROM articles ORDER BY row"
            ).fetchall(),
            "bands": con.execute("SELECT key, article FROM bands ORDER BY key, article").fetchall() or _band_files(db),
            "keys": con.execute("SELECT key, article, sentence, kind FROM keys ORDER BY 1, 2, 3").fetchall(),
            # how the writes were grouped into band files is not what the store holds
            "meta": con.execute(
                "SELECT key, value FROM meta WHERE key NOT IN "
                "('generation', 'band_files', 'band_next', 'band_deleted') ORDER BY key"
            ).fetchall(),
        }
        con.close()
        return out

    return rows


@pytest.fixture
def older_store() -> OlderStore:
    """``make(db, version, downgrade)``: the examples stored in ``db``, then ``downgrade`` (SQL) run and the file
    marked ``version``; returns the articles as read."""

    def make(db: Path, version: int, downgrade: str) -> list[Article]:
        arts = [a for p in sorted(EXAMPLES.glob("0*.txt")) for a in read_articles(str(p))]
        with Store(db, write=True) as st:
            st.add(arts)
        con = sqlite3.connect(db, isolation_level=None)
        con.executescript(f"BEGIN; {downgrade}; UPDATE schema_version SET version = {version}; COMMIT;")
        con.close()
        return arts

    return make


@pytest.fixture
def news_lines() -> Callable[[int], list[str]]:
    """``lines(n)``: ``n`` real news lines (BBC articles cut at full stops), or a skip where the shared data is not
    there."""

    def lines(n: int) -> list[str]:
        if not NEWS.exists():
            pytest.skip(f"no {NEWS}")
        out: list[str] = []
        with NEWS.open(encoding="utf-8") as f:
            for line in f:
                out += [s.strip() for s in json.loads(line)["text"].split(". ") if len(s.split()) >= 4]
                if len(out) >= n:
                    return out[:n]
        return out

    return lines


@pytest.fixture
def news_index(news_lines: Callable[[int], list[str]]) -> Callable[[int], FaissIndex]:
    """``index(n)``: an HNSW index of ``n`` real news lines' hashed vectors, as a store's index holds them."""

    def index(n: int = 1500) -> FaissIndex:
        ix = FaissIndex(256, hnsw_from=100)
        ix.add(np.arange(n, dtype=np.int64) * 3 + 1, HashedEncoder().encode(news_lines(n)))
        assert ix.kind == "hnsw"
        return ix

    return index
