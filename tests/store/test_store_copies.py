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
        assert st.schema_version == SCHEMA_VERSION == 10
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


def test_a_repeated_record_fills_in_the_metadata_the_stored_article_lacks(tmp_path: Path) -> None:
    """``retold add examples/`` stored the .txt files and skipped the feed records of the same texts as
    'already stored', so their dates, outlets and URLs were lost and 01 ~ 02 had no direction. A repeat now
    fills in what the stored article lacks (never a value it has) and says so; a filled date or outlet makes
    the next scan ask the article again, so its edges are those of a fresh store given the richer record."""
    both = run("scan", str(EXAMPLES), "--db", str(tmp_path / "both.db"), "--lexical", "-q")  # one batch
    assert both.returncode == 0, both.stderr
    assert "filled in the missing metadata of 5 stored articles" in both.stdout.splitlines()[0]
    assert "      <- near_duplicate: 02_light_edit" in both.stdout.splitlines()

    db = str(tmp_path / "later.db")  # the texts stored and scanned first, the feed added later
    txt = sorted(str(p) for p in EXAMPLES.glob("0[1-3]_*.txt"))
    first = run("scan", *txt, "--db", db, "--lexical", "-q")
    assert "      ~ near_duplicate: 02_light_edit" in first.stdout.splitlines()  # no dates: no direction
    feed = run("add", str(EXAMPLES / "articles.jsonl"), "--db", db, "--json", "-q")
    assert feed.returncode == 0, feed.stderr
    got = json.loads(feed.stdout)
    assert got["added"] == ["04_independent_report", "05_unrelated"]
    assert [(d["existing"], d["filled"]) for d in got["duplicates"]] == [
        (i, ["url", "source", "published"]) for i in ("01_wire_original", "02_light_edit", "03_heavy_rewrite")
    ]
    listed = {r["id"]: r for r in json.loads(run("list", "--db", db, "--json").stdout)}
    assert (listed["02_light_edit"]["outlet"], listed["02_light_edit"]["published"]) == (
        "harben daily ledger",
        "2026-03-03T10:05:00Z",
    )
    again = run("scan", "--db", db, "--lexical", "-q")
    assert "scanned 5 new of 5 articles" in again.stdout  # the three filled in are asked again
    assert "      <- near_duplicate: 02_light_edit" in again.stdout.splitlines()

    record = json.loads((EXAMPLES / "articles.jsonl").read_text().splitlines()[1])
    conflicting = tmp_path / "other.jsonl"
    conflicting.write_text(json.dumps({**record, "source": "Elsewhere", "published": "2020-01-01"}) + "\n")
    kept = json.loads(run("add", str(conflicting), "--db", db, "--json", "-q").stdout)
    assert kept["added"] == [] and kept["duplicates"][0]["filled"] == []  # what it has is never overwritten
    assert {r["id"]: r for r in json.loads(run("list", "--db", db, "--json").stdout)}["02_light_edit"] == listed[
        "02_light_edit"
    ]


def test_the_same_id_and_body_with_a_title_added_dropped_or_changed_is_the_same_article(tmp_path: Path) -> None:
    """A feed of ``id`` + ``text`` then the same records with titles gave 'id collision ... taken by another
    article' for each, stored as ID~HASH, and the scan showed each a near duplicate of itself: a given title is
    put before the text, so the content differed. The same id with the same body is the same article: a title
    it lacks is filled in, one it has is never changed (a retitled headline is the article re-fetched, as a
    repeat's other differing fields are), in two adds or in one, and nothing is stored twice."""
    records = [json.loads(line) for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()[:3]]
    feeds = {}
    for name, keep in (("bare", ()), ("titled", ("title",)), ("retitled", ("title",))):
        feeds[name] = tmp_path / f"{name}.jsonl"
        rows = [{"id": r["id"], "text": r["text"], **{k: r[k] for k in keep}} for r in records]
        if name == "retitled":
            rows = [{**r, "title": "UPDATED: " + r["title"]} for r in rows]
        feeds[name].write_text("".join(json.dumps(r) + "\n" for r in rows))
    ids = [r["id"] for r in records]

    def add(db: Path, *names: str) -> dict[str, object]:
        got = run("add", *(str(feeds[n]) for n in names), "--db", str(db), "--json", "-q")
        assert got.returncode == 0, got.stderr
        return dict(json.loads(got.stdout))

    def titles(db: Path) -> dict[str, str | None]:
        return {r["id"]: r["title"] for r in json.loads(run("list", "--db", str(db), "--json").stdout)}

    added = tmp_path / "added.db"  # bare first, then the titles
    assert add(added, "bare")["added"] == ids
    later = add(added, "titled")
    assert later["added"] == [] and later["renamed"] == []
    assert [(d["existing"], d["filled"]) for d in later["duplicates"]] == [(i, ["title"]) for i in ids]  # type: ignore[index, union-attr]
    assert titles(added) == {r["id"]: r["title"] for r in records}
    retitled = add(added, "retitled")  # a title it has is kept
    assert (
        retitled["added"] == []
        and retitled["renamed"] == []
        and titles(added)["01_wire_original"] == records[0]["title"]
    )

    dropped = tmp_path / "dropped.db"  # titles first, then without them
    add(dropped, "titled")
    assert add(dropped, "bare")["added"] == [] and titles(dropped) == titles(added)
    one = tmp_path / "one.db"  # both in one add
    both = add(one, "bare", "titled")
    assert both["added"] == ids and both["renamed"] == [] and titles(one) == titles(added)
    scan = run("scan", "--db", str(one), "--lexical", "--json", "-q")
    assert json.loads(scan.stdout)["articles"] == 3


def test_a_batch_s_repeats_are_the_first_records_of_the_same_id_with_the_same_hash_or_body() -> None:
    """``first_copies`` compares bodies only where an id comes again with another hash: the repeats of the rule read
    whole (each record's bodies against every earlier first record of its id) on batches of repeated ids, hashes,
    texts and titles."""
    import random

    from retold.store.records import bodies, first_copies

    def by_the_rule(records: list[tuple[str, str, str, str | None]]) -> list[int]:
        firsts: list[int] = []
        out = []
        for k, (aid, h, text, title) in enumerate(records):
            same = [t for t in firsts if records[t][:2] == (aid, h)]
            same = same or [t for t in firsts if records[t][0] == aid and bodies(*records[t][2:]) & bodies(text, title)]
            out.append(same[0] if same else k)
            firsts += [] if same else [k]
        return out

    rng = random.Random(4)
    texts = ["Ships wait.", "Port\n\nShips wait.", "Dock\n\nShips wait.", "Port\n\nShips sail.", "Ships sail."]
    for _ in range(300):
        batch = [
            (rng.choice("ab"), rng.choice("xy"), rng.choice(texts), rng.choice([None, "Port", "Dock"]))
            for _ in range(rng.randint(0, 8))
        ]
        assert first_copies(batch) == by_the_rule(batch)
    assert first_copies([("a", "x", "Port\n\nShips wait.", "Port"), ("a", "y", "Ships wait.", None)]) == [0, 0]
