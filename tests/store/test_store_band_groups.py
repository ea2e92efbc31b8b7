"""The band buckets as the candidate stage reads them: whole keys at a time, in ranges of keys, through a small
page cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from retold.store import bandlog, reading
from retold.store.sqlite import Store


def _store(db: Path, rows: list[tuple[int, int]], n_articles: int, layout: str = "table") -> None:
    """A store holding these band rows: in ``bands`` (a store written before the band log), or in band files, the
    articles in three ranges written in turn (as adds give them)."""
    with Store(db, write=True) as st:
        if layout == "log":
            arr = np.array(rows, dtype=np.int64)
            for low, high in ((0, 17), (17, 30), (30, 1 << 40)):
                part = arr[(arr[:, 1] >= low) & (arr[:, 1] < high)]
                st.con.execute("BEGIN IMMEDIATE")
                st._bands.put(st.con, part[:, 0], part[:, 1])
                st.con.execute("COMMIT")
    con = sqlite3.connect(db)
    if layout == "table":
        con.execute("DELETE FROM meta WHERE key = 'band_layout'")
        con.executemany("INSERT INTO bands (key, article) VALUES (?, ?)", rows)
    con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('n_articles', ?)", (str(n_articles),))
    con.commit()
    con.close()


def _reference(db: Path, cap: int) -> list[list[int]]:
    """Every key's articles, keys in order, each key's articles ascending (one ``GROUP BY`` of the whole table)."""
    con = sqlite3.connect(db)
    q = "SELECT group_concat(article) FROM bands GROUP BY key HAVING count(*) BETWEEN 2 AND ? ORDER BY key"
    out = [[int(a) for a in sorted(r.split(","), key=int)] for (r,) in con.execute(q, (cap,))]
    con.close()
    return out


@pytest.mark.parametrize("layout", ["table", "log"])
@pytest.mark.parametrize("parts", [1, 3, 7])
def test_band_groups_hold_every_shared_key_once_in_key_order_over_ranges_and_fetches(
    tmp_path: Path, parts: int, layout: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys of 6 and 8 bytes at both ends of their range, buckets of 1 to 12 articles (over the cap of 8 left out),
    read in ``parts`` ranges of keys and fetches of 3 keys, from the ``bands`` table or from band files: the same
    buckets as one ``GROUP BY`` of the rows in a table."""
    rng = np.random.default_rng(parts)
    keys = [-(2**63), -(2**47), -1, 0, 1, 2**47 - 1, 2**63 - 1, *rng.integers(-(2**47), 2**47, 60).tolist()]
    rows = {(int(k), int(a)) for k in keys for a in rng.choice(50, int(rng.integers(1, 13)), replace=False)}
    ref = tmp_path / "ref.db"
    _store(ref, sorted(rows), n_articles=parts)
    want = _reference(ref, 8)
    db = tmp_path / "s.db"
    _store(db, sorted(rows), n_articles=parts, layout=layout)
    monkeypatch.setattr(reading, "BAND_PART_ARTICLES", 1)
    monkeypatch.setattr(reading, "BAND_FETCH", 3)
    monkeypatch.setattr(bandlog, "PART_ROWS", len(rows) // parts + 1)
    with Store(db) as st:
        assert st.band_layout == layout
        groups = list(st.band_groups(8))
        got = [b.tolist() for sizes, flat in groups for b in np.split(flat, np.cumsum(sizes)[:-1])]
        assert got == want and len(want) > 20
        assert all(len(sizes) <= 3 for sizes, _ in groups)
        assert [b.tolist() for b in st.band_buckets(8)] == want


def test_a_pass_over_a_table_reads_through_a_small_cache_and_gives_the_cache_back(tmp_path: Path) -> None:
    """While the band rows are read the page cache is ``PASSING_CACHE_KIB``; after, what the connection had."""
    db = tmp_path / "s.db"
    _store(db, [(k, a) for k in range(40) for a in (1, 2)], n_articles=2)
    with Store(db, write=True) as st:
        before = st.con.execute("PRAGMA cache_size").fetchone()[0]
        during = []
        for _ in st.band_groups(8):
            during.append(st.con.execute("PRAGMA cache_size").fetchone()[0])
        assert during and set(during) == {-reading.PASSING_CACHE_KIB}
        assert st.con.execute("PRAGMA cache_size").fetchone()[0] == before != -reading.PASSING_CACHE_KIB
        assert len(st.info()) == 0
        assert st.con.execute("PRAGMA cache_size").fetchone()[0] == before
