"""What a long add writes: 16 KiB pages in a new file (an older file keeps its own)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from retold.ingest import article_from_text
from retold.model import Article
from retold.store.sqlite import Store


def _articles(n: int, start: int = 0) -> list[Article]:
    return [
        article_from_text(
            f"Harbour report {k}. Crews in Varden moved {k * 7} containers on day {k}. The port said work went on.",
            id=f"r{k}",
        )
        for k in range(start, start + n)
    ]


def _page_size(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("PRAGMA page_size").fetchone()[0])
    finally:
        con.close()


def test_a_new_store_has_16_kib_pages_and_an_older_one_keeps_its_own(tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    with Store(new, write=True) as st:
        st.add(_articles(3))
    assert _page_size(new) == 16384
    old = tmp_path / "old.db"
    with Store(old, write=True) as st:
        st.add(_articles(3))
    con = sqlite3.connect(old, isolation_level=None)  # as an earlier retold made it: 4 KiB pages
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA page_size = 4096")
    con.execute("VACUUM")
    con.close()
    assert _page_size(old) == 4096
    with Store(old, write=True) as st:
        st.add(_articles(3, start=3))
    with Store(old) as st:
        assert len(st) == 6 and st.get("r4").text == _articles(1, start=4)[0].text
    assert _page_size(old) == 4096
