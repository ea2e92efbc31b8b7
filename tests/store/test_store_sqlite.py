"""The SQLite store and its vector index, on real files: idempotent adds, deletes, recovery, schema."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retold.errors import StoreError, UnknownArticle
from retold.fingerprint import indexable
from retold.ingest import article_from_text, read_articles
from retold.store.base import sentence_id, split_id
from retold.store.faiss_index import FaissIndex
from retold.store.schema import SCHEMA_VERSION, ensure_schema
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Dump = Callable[[Path], dict[str, list[tuple[object, ...]]]]  # the ``dump`` fixture


def _examples() -> list:
    return [a for p in sorted(EXAMPLES.glob("0*.txt")) for a in read_articles(str(p))]


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    out = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "bands", "keys", "edges", "model_vectors")
    }
    con.close()
    return out


def test_add_is_idempotent_by_content(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    arts = _examples()
    with Store(db, write=True) as st:
        first = st.add(arts)
        assert [r.status for r in first] == ["added"] * len(arts)
        before = _counts(db)
        again = st.add([*arts, arts[0]])
        assert [r.status for r in again] == ["duplicate"] * (len(arts) + 1)
        assert again[0].existing == arts[0].id
    assert _counts(db) == before
    # the JSON Lines copies of the same articles are the same content
    with Store(db, write=True) as st:
        recs = st.add(list(read_articles(str(EXAMPLES / "articles.jsonl"))))
        assert {r.status for r in recs} == {"duplicate"}
        assert len(st) == len(arts)


def test_duplicates_inside_one_batch_and_clashing_ids(tmp_path: Path) -> None:
    a = article_from_text("Dock workers in Calden voted on Tuesday to end a nine-day strike.", id="story")
    b = article_from_text("Grain exports from Calden resumed on Wednesday after the vote.", id="story")
    with Store(tmp_path / "s.db", write=True) as st:
        res = st.add([a, a, b])
        assert [r.status for r in res] == ["added", "duplicate", "added"]
        assert res[1].existing == "story"
        assert res[2].id.startswith("story~") and res[2].id != "story"
        assert st.get(res[2].id).text == b.text


def test_a_stored_article_reads_back_exactly(tmp_path: Path) -> None:
    arts = _examples()
    with Store(tmp_path / "s.db", write=True) as st:
        st.add(arts)
    with Store(tmp_path / "s.db") as st:
        for a in arts:
            back = st.get(a.id)
            assert back.text == a.text and back.sentences == a.sentences and back.title == a.title


def test_delete_removes_vectors_edges_and_fingerprints(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    arts = _examples()
    with Store(db, write=True) as st:
        st.add(arts)
        n_vec = len(st.index)
        row = st.rows_of(["02_light_edit"])["02_light_edit"]
        vid = sentence_id(row, 1)
        assert st.index.contains(vid)
        from retold.provenance.scan import scan

        scan(st, lexical=True)
        assert any("02_light_edit" in (e.edge.a, e.edge.b) for e in st.edges("lexical"))
        n_sent = len(arts[1].sentences)
        st.delete(["02_light_edit"])
        assert not st.index.contains(vid)
        assert len(st.index) == n_vec - sum(1 for s in arts[1].sentences if indexable(s))
        assert not any("02_light_edit" in (e.edge.a, e.edge.b) for e in st.edges("lexical"))
        with pytest.raises(UnknownArticle, match="no article with id 'nope', 'gone'; nothing deleted"):
            st.delete(["01_wire_original", "nope", "gone"])
        assert st.rows_of(["01_wire_original"])  # still there: a delete naming an unknown id deletes nothing
        _, ids = st.index.search(st.encoder.encode([arts[1].sentences[1].norm]), 5)
        assert row not in split_id(ids[0][ids[0] >= 0])[0].tolist()
    c = _counts(db)
    assert c["articles"] == len(arts) - 1
    con = sqlite3.connect(db)
    for table in ("bands", "keys"):  # the keys computed again from the text were exactly the stored ones
        assert con.execute(f"SELECT count(*) FROM {table} WHERE article = ?", (row,)).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM edges WHERE a = ? OR b = ?", (row, row)).fetchone()[0] == 0
    con.close()
    assert n_sent > 0
    with Store(db) as st:  # the saved index agrees after reopening
        assert len(st.index) == int(st._meta("n_vectors") or 0)
        assert not st.index.contains(vid)


def test_the_index_is_rebuilt_when_its_files_are_gone(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(_examples())
        n = len(st.index)
    saved = list((tmp_path / "s.db.vectors").glob("base-*.faiss"))
    assert saved
    for p in saved:
        p.unlink()  # as if someone removed the index
    with Store(db, write=True) as st:
        assert len(st.index) == n
        assert st.index.search(st.encoder.encode(["About 4,200 dockworkers walked off the job"]), 1)[1][0, 0] >= 0
    assert list((tmp_path / "s.db.vectors").glob("base-*.faiss"))  # the writer saved what it rebuilt


def test_a_reader_sees_every_committed_write_from_the_saved_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each committed batch saved its segment before committing: a reader alongside the writer (or after
    it died) loads the base and the segments and never re-encodes sentences from SQLite."""
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(_examples()[:2])
        n = len(st.index)
    with Store(db, write=True) as st:
        st.add(_examples()[2:4])
        full = len(st.index)
        assert full > n
        assert len(list((tmp_path / "s.db.vectors").glob("seg-*.npz"))) == 1
        monkeypatch.setattr(Store, "_build_index", lambda self: pytest.fail("a reader rebuilt the index"))
        with Store(db) as reader:  # the writer is still open
            assert len(reader.index) == full
            assert reader.index.contains(sentence_id(reader.rows_of([_examples()[3].id])[_examples()[3].id], 1))
        monkeypatch.undo()
        st.delete([_examples()[3].id])
        after_delete = len(st.index)
    monkeypatch.setattr(Store, "_build_index", lambda self: pytest.fail("a reader rebuilt the index"))
    with Store(db) as reader:
        assert len(reader.index) == after_delete < full


def test_the_vector_index_is_built_on_first_use(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(_examples()[:2])
        assert not st.has_index
    assert not (tmp_path / "s.db.vectors" / "index.faiss").exists()
    with Store(db, write=True) as st:
        n = len(st.index)  # first use: built from SQLite and saved
        assert st.has_index and n == sum(1 for a in _examples()[:2] for s in a.sentences if indexable(s))
        st.add(_examples()[2:])  # from now on every add keeps it current
    with Store(db) as st:
        assert len(st.index) == sum(1 for a in _examples() for s in a.sentences if indexable(s))
        assert int(st._meta("n_vectors") or 0) == len(st.index)


def test_an_unloaded_index_comes_back_from_the_saved_log_with_every_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan lets go of the index after its candidate stage; what was written before and after is all
    there when it is next used, loaded, not re-encoded from SQLite."""
    db = tmp_path / "s.db"
    query = ["About 4,200 dockworkers walked off the job"]
    with Store(db, write=True) as st:
        st.add(_examples()[:2])
        n = len(st.index)
        before = st.index.search(st.encoder.encode(query), 3)
        st.unload_index()
        st.add(_examples()[2:])
        monkeypatch.setattr(Store, "_build_index", lambda self: pytest.fail("the writer rebuilt the index"))
        full = len(st.index)
        assert full == sum(1 for a in _examples() for s in a.sentences if indexable(s)) > n
        st.delete([_examples()[-1].id])
        st.unload_index()
        assert len(st.index) == full - sum(1 for s in _examples()[-1].sentences if indexable(s))
        after = st.index.search(st.encoder.encode(query), 3)
        assert after[1][0, 0] == before[1][0, 0]


# The version-1 layout, as stores written before schema 2 have it: one row per sentence, band keys twice.
_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (row INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE, title TEXT,
    url TEXT, source TEXT, outlet TEXT, published TEXT, published_ts REAL, path TEXT, text TEXT NOT NULL,
    n_sentences INTEGER NOT NULL, n_vec INTEGER NOT NULL, added REAL NOT NULL);
CREATE TABLE sentences (article INTEGER NOT NULL, i INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    is_title INTEGER NOT NULL, norm TEXT, vec INTEGER NOT NULL, PRIMARY KEY (article, i)) WITHOUT ROWID;
CREATE TABLE fingerprints (article INTEGER PRIMARY KEY, bands BLOB NOT NULL, keys BLOB NOT NULL);
CREATE TABLE bands (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)) WITHOUT ROWID;
CREATE TABLE keys (key INTEGER NOT NULL, article INTEGER NOT NULL, sentence INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, article, sentence)) WITHOUT ROWID;
CREATE TABLE edges (a INTEGER NOT NULL, b INTEGER NOT NULL, mode TEXT NOT NULL, relation TEXT NOT NULL,
    score REAL NOT NULL, coverage_a REAL NOT NULL, coverage_b REAL NOT NULL, direction TEXT NOT NULL,
    direction_confidence REAL NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (a, b, mode)) WITHOUT ROWID;
CREATE TABLE scanned (article INTEGER NOT NULL, mode TEXT NOT NULL, PRIMARY KEY (article, mode)) WITHOUT ROWID;
CREATE TABLE model_vectors (article INTEGER NOT NULL, model TEXT NOT NULL, vectors BLOB NOT NULL,
    PRIMARY KEY (article, model)) WITHOUT ROWID;
INSERT INTO schema_version VALUES (1);
"""


def test_a_version_1_store_is_migrated_and_reads_back_exactly(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    arts = _examples()
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(_V1)
    for row, a in enumerate(arts, start=1):
        con.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (row, a.id, f"h{row}", a.title, None, None, None, None, None, None, a.text, len(a.sentences), 0, 0.0),
        )
        con.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
            [(row, s.i, s.start, s.end, int(s.is_title), None if s.norm == s.text else s.norm, 1) for s in a.sentences],
        )
        con.execute("INSERT INTO fingerprints VALUES (?, x'', x'')", (row,))
    con.close()
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION
        for a in arts:
            back = st.get(a.id)
            assert back.sentences == a.sentences and back.title == a.title
    con = sqlite3.connect(db)
    for gone in ("sentences", "fingerprints"):
        assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (gone,)).fetchone()
    assert "text" not in [r[1] for r in con.execute("PRAGMA table_info(articles)")]
    con.close()


def test_the_text_is_kept_once_deflated(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    arts = _examples()
    with Store(db, write=True) as st:
        st.add(arts)
    con = sqlite3.connect(db)
    stored = dict(con.execute("SELECT id, text_z FROM articles").fetchall())
    con.close()
    for a in arts:
        assert isinstance(stored[a.id], bytes) and len(stored[a.id]) < len(a.text.encode())
        assert zlib.decompress(stored[a.id]).decode() == a.text


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db", write=True), pytest.raises(StoreError, match="another writer in this process"):
        Store(tmp_path / "s.db", write=True)


def test_bad_store_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="not a retold store") as e:
        Store(junk, write=True)
    assert e.value.exit_code == 5
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db")
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path, write=True)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(StoreError, match="no schema_version"):
        Store(other, write=True)


def test_schema_version_and_migrations(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION
    con = sqlite3.connect(db, isolation_level=None)
    found = ensure_schema(con, {SCHEMA_VERSION: "ALTER TABLE articles ADD COLUMN lang TEXT"}, latest=SCHEMA_VERSION + 1)
    assert found == SCHEMA_VERSION
    assert con.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "lang" in [r[1] for r in con.execute("PRAGMA table_info(articles)")]
    con.close()
    with pytest.raises(StoreError, match="newer retold"):
        Store(db, write=True)


def test_faiss_index_flat_then_hnsw_with_removal(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    v = rng.normal(size=(300, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    ix = FaissIndex(16, hnsw_from=200)
    ix.add(np.arange(100) + 10, v[:100])
    assert ix.kind == "flat" and len(ix) == 100
    assert ix.remove(np.array([10, 11, 9999])) == 2 and len(ix) == 98 and not ix.contains(10)
    ix.add(np.arange(100, 300) + 10, v[100:])
    assert ix.kind == "hnsw" and len(ix) == 298
    assert ix.search(v[150:151], 1)[1][0, 0] == 160
    assert ix.remove(np.array([160])) == 1 and not ix.contains(160)
    assert 160 not in ix.search(v[150:151], 5)[1][0].tolist()
    ix.save(tmp_path / "vx", 7)
    loaded = FaissIndex.load(tmp_path / "vx", 16)
    assert loaded is not None and loaded[1] == 7
    back = loaded[0]
    assert back.kind == "hnsw" and len(back) == 297 and not back.contains(160)
    assert 160 not in back.search(v[150:151], 5)[1][0].tolist()
    assert FaissIndex.load(tmp_path / "vx", 32) is None  # another dimension: not this index


def test_ingest_on_two_cores_stores_what_one_core_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    """Batches fingerprinted by the helper process are stored exactly as those done in-process."""
    import retold._pool as pool_module
    from retold.corpus import BATCH, Corpus

    lines = []
    for k in range(BATCH * 2 + 40):  # three batches: the first in-process, the others in the helper
        body = f"Harbour report {k}. Crews in Varden moved {k * 7} containers on day {k}. The port said work went on."
        lines.append(json.dumps({"id": f"r{k}", "text": body}))
    lines.append(lines[3].replace('"r3"', '"again"'))  # a copy under another id, in a helper's batch
    lines.append(lines[3])  # the same record again: the only duplicate
    src = tmp_path / "records.jsonl"
    src.write_text("\n".join(lines) + "\n")
    submitted: list[int] = []

    class Counting(pool_module.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(len(args[0]))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", Counting)
    two = Corpus(tmp_path / "two.db").add([str(src)], workers=2)
    assert submitted == [BATCH, 42]  # the helper fingerprinted the second and third batches
    one = Corpus(tmp_path / "one.db").add([str(src)])  # the library's default: one process
    assert submitted == [BATCH, 42]
    assert len(two.added) == len(one.added) == BATCH * 2 + 41
    assert [d.existing for d in two.duplicates] == [d.existing for d in one.duplicates] == ["r3"]
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")


def test_a_script_without_a_main_guard_can_add(tmp_path: Path) -> None:
    """The library's default ``add`` starts no process, so a plain script is not imported twice."""
    import subprocess
    import sys

    from retold.corpus import BATCH

    src = tmp_path / "records.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"r{k}", "text": f"Report {k} from the harbour. Crews moved {k} boxes today."}) + "\n"
            for k in range(BATCH + 10)
        )
    )
    script = tmp_path / "plain.py"
    script.write_text(
        f"from retold.corpus import Corpus\nprint(len(Corpus({str(tmp_path / 's.db')!r}).add([{str(src)!r}]).added))\n"
    )
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(BATCH + 10)


def test_a_tailed_index_searches_like_one_exact_index() -> None:
    """The base the log loads plus the exact tail its segments go into find what one index over all finds."""
    from retold.store.tailed import TailedIndex

    rng = np.random.default_rng(1)
    v = rng.normal(size=(500, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    base = FaissIndex(16)
    base.add(np.arange(300), v[:300])
    tailed = TailedIndex(base)
    tailed.add(np.arange(300, 500), v[300:])
    whole = FaissIndex(16)
    whole.add(np.arange(500), v)
    assert tailed.remove(np.array([5, 450, 9999])) == 2 and whole.remove(np.array([5, 450])) == 2
    assert len(tailed) == len(whole) == 498 and not tailed.contains(450) and tailed.contains(451)
    q = rng.normal(size=(20, 16)).astype(np.float32)
    (s1, i1), (s2, i2) = tailed.search(q, 7), whole.search(q, 7)
    assert np.array_equal(i1, i2) and np.allclose(s1, s2)
    tailed.fold()
    assert len(tailed.tail) == 0 and np.array_equal(tailed.search(q, 7)[1], i2)


def test_a_store_keeps_the_lsh_layout_it_was_created_with(tmp_path: Path) -> None:
    """A new store writes and reads ``LAYOUT`` (5-gram bands and a content-word band); stores written before keep
    their 16 bands of 3 rows (``meta.lsh_rows`` "3") or of 4 (no such key) and are read and written in them."""
    from retold.fingerprint import band_keys
    from retold.fingerprint.minhash import LAYOUT, stored_keys

    arts = _examples()
    new, three, old = tmp_path / "new.db", tmp_path / "three.db", tmp_path / "old.db"
    with Store(new, write=True) as st:
        st.add(arts[:2])
        assert st.lsh_layout == LAYOUT == "14x3+c1x4"
    for db, sql in (
        (three, "UPDATE meta SET value = '3' WHERE key = 'lsh_rows'"),  # a store of session 30's three rows
        (old, "DELETE FROM meta WHERE key = 'lsh_rows'"),  # as a store written before the row count was kept
    ):
        with Store(db, write=True):
            pass
        con = sqlite3.connect(db)
        con.execute(sql)
        con.commit()
        con.close()
        with Store(db, write=True) as st:
            st.add(arts[:2])
    held = {}
    for db, layout in ((new, LAYOUT), (three, "3"), (old, "4")):
        with Store(db) as st:
            assert st.lsh_layout == layout
            stored = {int(k) for k in st.band_files().rows()[0]} if st.band_layout == "log" else set()
        con = sqlite3.connect(db)
        stored |= {int(k) for (k,) in con.execute("SELECT key FROM bands")}
        con.close()
        assert stored == {int(k) for keys in band_keys(arts[:2], layout) for k in stored_keys(keys)}
        held[layout] = stored
        with Store(db, write=True) as st:
            st.delete([a.id for a in arts[:2]])
            assert not st.band_postings([int(k) for keys in band_keys(arts[:2], layout) for k in keys])
        assert _counts(db)["bands"] == 0  # a delete computes the same keys again
    assert held[LAYOUT] != held["3"] and not held["3"] & held["4"]  # each store meets its own layout's keys
    con = sqlite3.connect(new)
    con.execute("UPDATE meta SET value = '7' WHERE key = 'lsh_rows'")
    con.commit()
    con.close()
    with Store(new, write=True) as st, pytest.raises(StoreError, match=r"damaged store: meta\.lsh_rows"):
        st.add(arts[:1])


def test_the_hnsw_index_keeps_8_bit_codes_and_reads_a_float32_base(tmp_path: Path) -> None:
    import faiss

    from retold.store.faiss_index import base_name

    rng = np.random.default_rng(1)
    v = rng.normal(size=(600, 64)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    ids = np.arange(600, dtype=np.int64) + 1
    ix = FaissIndex(64, hnsw_from=100)
    ix.add(ids, v)
    assert ix.kind == "hnsw"
    ix.save(tmp_path / "new", 1)
    coded = (tmp_path / "new" / f"{base_name(1)}.faiss").stat().st_size
    got = ix.vectors()[1]
    assert np.abs(got - v).max() < 0.01
    assert [int(ix.search(v[k : k + 1], 1)[1][0, 0]) for k in range(0, 600, 50)] == list(ids[::50])
    # a base written before (float32 HNSW) loads, searches, and is coded when next rebuilt
    old = faiss.IndexIDMap2(faiss.IndexHNSWFlat(64, 32, faiss.METRIC_INNER_PRODUCT))
    old.add_with_ids(v, ids)
    (tmp_path / "old").mkdir()
    faiss.write_index(old, str(tmp_path / "old" / f"{base_name(3)}.faiss"))
    np.save(tmp_path / "old" / f"{base_name(3)}.removed.npy", np.zeros(0, dtype=np.int64))
    flat = (tmp_path / "old" / f"{base_name(3)}.faiss").stat().st_size
    # one byte a dimension instead of four; the graph's links are the same size in both
    assert flat - coded > 600 * 64 * 3 * 0.95
    loaded = FaissIndex.load(tmp_path / "old", 64, hnsw_from=100)
    assert loaded is not None and loaded[0].kind == "hnsw" and len(loaded[0]) == 600
    back = loaded[0]
    assert int(back.search(v[7:8], 1)[1][0, 0]) == 8
    assert back.remove(ids[:200]) == 200  # past a fifth: the graph is rebuilt, now coded
    back.save(tmp_path / "old", 4)
    assert (tmp_path / "old" / f"{base_name(4)}.faiss").stat().st_size < coded
    assert int(back.search(v[300:301], 1)[1][0, 0]) == 301


def test_a_store_of_schema_7_is_brought_up_to_date_keeping_its_layouts(tmp_path: Path) -> None:
    """Schema 8 only tells a retold of 7 to stop (it would read a new store's compressed model vectors as raw
    bytes); a file of 7 keeps the layouts its ``meta`` names, raw model vectors and zstd bases."""
    db = tmp_path / "s.db"
    with Store(db, write=True) as st:
        st.add(_examples()[:2])
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(
        "UPDATE schema_version SET version = 7; DELETE FROM meta WHERE key = 'model_vectors';"
        "UPDATE meta SET value = 'zstd' WHERE key = 'vector_base'"
    )
    con.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(db)
    with Store(db, write=True) as st:
        assert st.schema_version == 10
        assert st._meta("vector_base") == "zstd" and st._meta("model_vectors") is None
        assert len(st) == 2


def test_a_store_of_schema_9_is_brought_up_to_date_keeping_its_layouts(tmp_path: Path) -> None:
    """Schema 10 only tells a retold of 9 to stop (it would refuse a new store's content-word band as damaged); a file
    of 9 keeps its 16 bands of 3 rows, counts bases and texts deflated without a dictionary, and reads what it adds."""
    db = tmp_path / "s9.db"
    with Store(db, write=True):
        pass
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(
        "UPDATE schema_version SET version = 9; UPDATE meta SET value = '3' WHERE key = 'lsh_rows';"
        "UPDATE meta SET value = 'counts' WHERE key = 'vector_base'; DELETE FROM meta WHERE key = 'texts'"
    )
    con.close()
    with pytest.raises(StoreError, match="needs upgrading"):
        Store(db)
    arts = _examples()[:3]
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION == 10
        st.add(arts)
        assert (st.lsh_layout, st._meta("vector_base"), st._meta("texts")) == ("3", "counts", None)
    with Store(db) as st:
        got = st.articles_by_row(st.all_rows())
        assert sorted(a.text for a in got.values()) == sorted(a.text for a in arts)
