"""What a long add writes and how often it commits: 16 KiB pages in a new file (an older file keeps its own),
and batches that share a transaction (``Store.holding``) store exactly what batches committed one by one store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import retold.store.sqlite as store_module
from retold.corpus import ADD_CACHE_KIB, BATCH, Corpus
from retold.ingest import article_from_text
from retold.model import Article
from retold.store import bandlog
from retold.store.bandlog import Listed
from retold.store.sqlite import Store, prepare

Dump = Callable[[Path], dict[str, list[tuple[object, ...]]]]  # the ``dump`` fixture


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


def test_held_adds_commit_less_often_and_store_what_one_by_one_adds_store(tmp_path: Path, dump: Dump) -> None:
    batches = [_articles(10, start=10 * k) for k in range(40)]
    apart, held = tmp_path / "apart.db", tmp_path / "held.db"
    with Store(apart, write=True) as st:
        for b in batches:
            st.add(b)
    commits: list[str] = []
    with Store(held, write=True) as st:
        st.con.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
        with st.holding():
            for b in batches:
                st.add(b)
            st.add(batches[3])  # a repeat inside a held group is a duplicate, as it is apart
    assert dump(held) == dump(apart)
    # one commit while the store is small, then one per quarter of the store's size: 40 batches, 18 commits
    assert 10 <= len(commits) <= 20


def test_a_failed_add_in_a_held_group_takes_back_only_itself(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    bad = _articles(3, start=100)
    # fingerprints computed elsewhere that lack a column: the add fails after its articles rows are written
    broken = [replace(p, keys=p.keys[:, :2]) for p in prepare(bad)]
    with Store(db, write=True) as st, pytest.raises(IndexError), st.holding():
        for k in range(8):
            st.add(_articles(10, start=10 * k))
        st.add(bad, broken)
    with Store(db) as st:
        assert len(st) == 80 and st.get("r79").text == _articles(1, start=79)[0].text
        assert st.rows_of(["r100", "r101", "r102"]) == {}
        assert int(st.con.execute("SELECT count(*) FROM articles").fetchone()[0]) == 80


def test_a_long_add_shares_transactions_and_stores_what_one_by_one_adds_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    src = tmp_path / "records.jsonl"
    arts = _articles(BATCH * 8)
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in arts))
    commits: list[str] = []
    connect = store_module.connect_writer

    def traced(path: Path) -> sqlite3.Connection:
        con = connect(path)
        con.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
        return con

    monkeypatch.setattr(store_module, "connect_writer", traced)
    report = Corpus(tmp_path / "held.db").add([str(src)])
    assert len(report.added) == BATCH * 8
    assert len(commits) < 8  # one a batch before
    with Store(tmp_path / "apart.db", write=True) as st:
        for k in range(8):
            st.add(arts[k * BATCH : (k + 1) * BATCH])
    assert dump(tmp_path / "held.db") == dump(tmp_path / "apart.db")


@pytest.mark.parametrize("layout", ["log", "table"])
@pytest.mark.parametrize("cap", [1, store_module.HELD_BANDS])
def test_a_held_groups_band_rows_wait_for_its_commit_or_cap_and_a_failed_add_keeps_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dump: Dump, cap: int, layout: str
) -> None:
    """Band rows in files (a new store: one file for the group's rows at each commit) or in the ``bands`` table (a
    store made before the band log)."""
    monkeypatch.setattr(store_module, "HELD_BANDS", cap)  # band rows held before they are inserted
    monkeypatch.setattr(bandlog, "MAX_FILES", 1000)  # every file written kept apart, to be counted
    batches = [_articles(10, start=10 * k) for k in range(40)]
    bad = _articles(3, start=1000)
    broken = [replace(p, keys=p.keys[:, :2]) for p in prepare(bad)]  # fails after its articles rows are written
    statements: list[str] = []
    held, apart = tmp_path / "held.db", tmp_path / "apart.db"
    if layout == "table":
        for db in (held, apart):
            with Store(db, write=True) as st:
                st.con.execute("DELETE FROM meta WHERE key = 'band_layout'")  # as a store made before
    with Store(held, write=True) as st, pytest.raises(IndexError), st.holding():
        st.con.set_trace_callback(statements.append)
        for b in batches:
            st.add(b)
        st.add(bad, broken)
    with Store(apart, write=True) as st:
        for b in batches:
            st.add(b)
    assert dump(held) == dump(apart)  # the 400 articles with every band row, the failed add's none
    # the band rows are inserted together (statements in a row) for several batches at each commit (18 here), or
    # for each add at a cap of one row
    bands = [sql.startswith("INSERT OR IGNORE INTO bands") for sql in statements]
    together = sum(1 for k, b in enumerate(bands) if b and (k == 0 or not bands[k - 1]))
    with Store(held) as st:
        files = len(Listed.of(st.con).files)
    if layout == "table":
        assert files == 0 and (together == len(batches) if cap == 1 else together < len(batches) / 2)
    else:
        assert together == 0 and (files == len(batches) if cap == 1 else files < len(batches) / 2)


def test_an_add_writes_through_a_small_page_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch meets the exact keys' and the hash index's pages at random: the add keeps ``ADD_CACHE_KIB`` of them
    (a writer's 64 MiB filled up with the store and stayed in the add's process)."""
    src = tmp_path / "harbour.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"h{k}", "text": f"Crews in Varden moved {k * 7} containers on day {k}."}) + "\n"
            for k in range(BATCH + 3)
        )
    )
    seen: list[int] = []
    real = Store.add

    def add(self: Store, *args: object) -> object:
        seen.append(self.con.execute("PRAGMA cache_size").fetchone()[0])
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "add", add)
    report = Corpus(tmp_path / "s.db").add([str(src)])
    assert len(report.added) == BATCH + 3 and len(seen) == 2 and set(seen) == {-ADD_CACHE_KIB}
