"""Exact copies are articles: a stored text saved again under another id, outlet and URL is stored as
its own record and shown by ``sources`` and ``scan`` as ``identical``; only the same record again is a
no-op. And the schema-3 -> 4 migration that allows it, on a real file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from retold.errors import StoreError
from retold.store import Store
from retold.store.schema import SCHEMA_VERSION

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "retold", *args], capture_output=True, text=True, timeout=300)


def _records(tmp_path: Path) -> tuple[Path, Path]:
    """The wire original and a verbatim copy another outlet published two days later (own id and URL)."""
    text = (EXAMPLES / "01_wire_original.txt").read_text()
    title, _, body = text.partition("\n")
    orig = {"id": "wire-1", "title": title, "text": body.strip(), "source": "Northwire",
            "url": "https://northwire.example/harben", "published": "2026-03-03"}  # fmt: skip
    copy = {**orig, "id": "copycat-9", "source": "Copycat Daily", "url": "https://copycat.example/a/9",
            "published": "2026-03-05"}  # fmt: skip
    a, b = tmp_path / "wire.jsonl", tmp_path / "copycat.jsonl"
    a.write_text(json.dumps(orig) + "\n")
    b.write_text(json.dumps(copy) + "\n")
    return a, b


def test_an_exact_copy_is_stored_and_shown_as_identical(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    wire, copycat = _records(tmp_path)
    first = run("add", str(wire), str(copycat), str(EXAMPLES / "05_unrelated.txt"), "--db", db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("added 3 (3 files read)")
    again = run("add", str(wire), str(copycat), "--db", db)  # the same records: a no-op
    assert again.returncode == 0 and again.stdout.startswith("added 0, skipped 2")
    con = sqlite3.connect(db)
    q = "SELECT id, outlet, url, published FROM articles WHERE id != '05_unrelated' ORDER BY id"
    rows = con.execute(q).fetchall()
    con.close()
    assert rows == [
        ("copycat-9", "copycat daily", "https://copycat.example/a/9", "2026-03-05"),
        ("wire-1", "northwire", "https://northwire.example/harben", "2026-03-03"),
    ]

    src = run("sources", f"{copycat}#copycat-9", "--db", db, "--lexical", "--json")
    assert src.returncode == 0, src.stderr
    found = json.loads(src.stdout)
    assert [(f["a"], f["b"], f["relation"]) for f in found] == [("copycat-9", "wire-1", "identical")]
    assert found[0]["direction"] == "b_to_a"  # the dates: the wire story came first

    stray = tmp_path / "stray.txt"  # the same text in a file that is not stored: both stored copies are listed
    stray.write_text((EXAMPLES / "01_wire_original.txt").read_text())
    src = run("sources", str(stray), "--db", db, "--lexical", "--json")
    assert src.returncode == 0, src.stderr
    assert {(f["b"], f["relation"]) for f in json.loads(src.stdout)} == {
        ("wire-1", "identical"),
        ("copycat-9", "identical"),
    }

    out = tmp_path / "out"
    sc = run("scan", "--db", db, "--lexical", "--out", str(out), "-q")
    assert sc.returncode == 0, sc.stderr
    edges = [json.loads(x) for x in (out / "edges.jsonl").read_text().splitlines()]
    assert [(e["a"], e["b"], e["relation"], e["direction"]) for e in edges] == [
        ("wire-1", "copycat-9", "identical", "a_to_b")
    ]


def test_same_record_twice_in_a_batch_is_one_article(tmp_path: Path) -> None:
    from retold.ingest import article_from_text

    a = article_from_text("Dock workers in Calden voted on Tuesday to end a nine-day strike.", id="story")
    twin = article_from_text(a.text, id="story-copy")
    with Store(tmp_path / "s.db", write=True) as st:
        res = st.add([a, twin, a, twin])
        assert [r.status for r in res] == ["added", "added", "duplicate", "duplicate"]
        assert [r.existing for r in res[2:]] == ["story", "story-copy"]
        assert len(st) == 2 and st.get("story-copy").text == a.text
        assert st.row_of(a) != st.row_of(twin)


def _downgrade_to_v3(db: Path) -> None:
    """Rewrite a schema-4 file as schema 3 had it: content hashes unique, no hash index (nor languages)."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("ALTER TABLE articles DROP COLUMN language")
    ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    con.executescript(
        "BEGIN; DROP INDEX articles_hash; DROP INDEX articles_outlet; ALTER TABLE articles RENAME TO a4;"
        + ddl.replace("hash TEXT NOT NULL,", "hash TEXT NOT NULL UNIQUE,")
        + "; INSERT INTO articles SELECT * FROM a4; DROP TABLE a4;"
        " CREATE INDEX articles_outlet ON articles (outlet); UPDATE schema_version SET version = 3; COMMIT;"
    )
    assert (
        "hash TEXT NOT NULL UNIQUE"
        in con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    )
    con.close()


def test_a_schema_3_store_is_migrated_and_then_holds_copies(tmp_path: Path) -> None:
    from retold.ingest import article_from_text, read_articles

    db = tmp_path / "old.db"
    arts = [a for p in sorted(EXAMPLES.glob("0*.txt")) for a in read_articles(str(p))]
    with Store(db, write=True) as st:
        st.add(arts)
    _downgrade_to_v3(db)
    with pytest.raises(StoreError, match="needs upgrading") as e:  # a reader never migrates
        Store(db)
    assert e.value.exit_code == 5
    copy = article_from_text(arts[0].text, id="copy-of-01")
    with Store(db, write=True) as st:
        assert st.schema_version == SCHEMA_VERSION == 7
        for a in arts:
            back = st.get(a.id)
            assert back.text == a.text and back.sentences == a.sentences and back.title == a.title
        assert [r.status for r in st.add([copy, arts[1]])] == ["added", "duplicate"]
    con = sqlite3.connect(db)
    assert (
        "hash TEXT NOT NULL UNIQUE"
        not in con.execute("SELECT sql FROM sqlite_master WHERE name = 'articles'").fetchone()[0]
    )
    assert con.execute("SELECT count(*) FROM articles WHERE hash = (SELECT hash FROM articles WHERE id = ?)",
                       (arts[0].id,)).fetchone()[0] == 2  # fmt: skip
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_the_same_record_is_known_after_an_upgrade_splits_it_otherwise(tmp_path: Path) -> None:
    """The content hash is made from the sentences as this version splits them: a store written by a version
    that split them otherwise holds other hashes ('1.' was a sentence of its own). Re-adding the same feed must
    still be a no-op, not id collisions stored as copies that a scan then links to themselves."""
    from retold.ingest import article_from_text

    db = tmp_path / "u.db"
    arts = [
        article_from_text((EXAMPLES / name).read_text(), id=name)
        for name in ("01_wire_original.txt", "05_unrelated.txt")
    ]
    with Store(db, write=True) as store:
        assert [a.status for a in store.add(arts)] == ["added", "added"]
        store.con.execute("UPDATE articles SET hash = 'written-by-an-older-version'")
    with Store(db, write=True) as store:
        again = store.add(arts)
        assert [(a.status, a.existing) for a in again] == [("duplicate", a.id) for a in arts]
        assert len(store) == 2 and store.row_of(arts[0]) is not None
