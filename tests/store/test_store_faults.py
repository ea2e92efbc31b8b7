"""Permission and layout faults are store errors (exit 5) with the reason; readers never write.

Real processes and real files. Root ignores permission bits, so as root a file or folder is made
unwritable with ``chattr +i`` (the immutable attribute binds root too); where neither works the
test says so and skips.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "retold", *args], capture_output=True, text=True, timeout=300)


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """Make files and folders unwritable for this process (chmod, or chattr +i as root); undo after."""
    done: list[tuple[Path, int | None]] = []
    try:
        for p in paths:
            if os.geteuid() != 0:
                mode = p.stat().st_mode
                p.chmod(0o555 if p.is_dir() else 0o444)
                done.append((p, mode))
                continue
            if shutil.which("chattr") is None:
                pytest.skip("running as root without chattr: nothing makes a file unwritable for root here")
            r = subprocess.run(["chattr", "+i", str(p)], capture_output=True, text=True)
            if r.returncode != 0:
                pytest.skip(f"running as root and chattr +i failed ({r.stderr.strip()}): cannot make {p} unwritable")
            done.append((p, None))
        yield
    finally:
        for p, mode in reversed(done):
            if mode is None:
                subprocess.run(["chattr", "-i", str(p)], check=False)
            else:
                p.chmod(mode)


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the digest of its bytes (what 'nothing was written' compares)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A small finished store: the examples added, scanned lexically, the vector index built."""
    d = tmp_path / "st"
    d.mkdir()
    db = d / "s.db"
    r = run("scan", str(EXAMPLES), "--db", str(db), "--lexical", "-q")
    assert r.returncode == 0, r.stderr
    from retold.store import Store

    with Store(db, write=True) as st:
        assert len(st.index) > 0
    return db


def _one_line_store_error(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 5, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("retold: error: "), r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])


def test_a_read_only_folder_is_readable_and_refuses_writes(store: Path) -> None:
    folder = store.parent
    q = str(EXAMPLES / "02_light_edit.txt")
    before = _tree(folder)
    with unwritable(folder, store.parent / "s.db.vectors"):
        src = run("sources", q, "--db", str(store), "--lexical", "--json")
        assert src.returncode == 0, src.stderr
        assert any(f["b"] == "01_wire_original" for f in json.loads(src.stdout))
        sc = run("scan", "--db", str(store), "--lexical", "-q")  # nothing left to scan: it answers
        assert sc.returncode == 0, sc.stderr
        assert "scanned 0 new" in sc.stdout
        add = run("add", str(EXAMPLES / "05_unrelated.txt"), "--db", str(folder / "new.db"))
        _one_line_store_error(add, "cannot write", "read-only")
        add = run("add", str(EXAMPLES / "05_unrelated.txt"), "--db", str(store))
        _one_line_store_error(add, "cannot write")
        dl = run("delete", "05_unrelated", "--db", str(store))
        _one_line_store_error(dl, "cannot write")
    assert _tree(folder) == before  # readers wrote nothing, refused writers wrote nothing


def test_a_read_only_store_file(store: Path, tmp_path: Path) -> None:
    """Read-only file in a writable folder: read by ``sources`` and a finished ``scan``, never called
    'not a retold store'; a write, or a scan with edges to record, says it cannot write and why."""
    q = str(EXAMPLES / "03_heavy_rewrite.txt")
    with unwritable(store):
        src = run("sources", q, "--db", str(store), "--lexical", "--json")
        assert src.returncode == 0, src.stderr
        assert any(f["b"] == "01_wire_original" for f in json.loads(src.stdout))
        sc = run("scan", "--db", str(store), "--lexical", "-q")
        assert sc.returncode == 0, sc.stderr
        add = run("add", str(EXAMPLES / "05_unrelated.txt"), "--db", str(store))
        _one_line_store_error(add, "cannot write", "read-only")
    extra = tmp_path / "late.txt"
    extra.write_text((EXAMPLES / "02_light_edit.txt").read_text().replace("Harben", "Harbin"))
    assert run("add", str(extra), "--db", str(store), "-q").returncode == 0
    with unwritable(store):
        todo = run("scan", "--db", str(store), "--lexical", "-q")
        _one_line_store_error(todo, "cannot write", "1 article not yet scanned")


def test_readers_never_write_to_the_store(store: Path, tmp_path: Path) -> None:
    """``sources`` (lexical and the vector channel) leave every store file byte for byte as it was."""
    from retold.corpus import Corpus
    from retold.ingest import read_article
    from retold.provenance.candidates import Settings
    from retold.provenance.query import for_article
    from retold.store import Store

    con = sqlite3.connect(store)  # checkpoint, so the reader finds no WAL of its own making
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = _tree(store.parent)
    found = Corpus(store).sources(str(EXAMPLES / "02_light_edit.txt"), lexical=True)
    assert found
    with Store(store) as st:  # the vector channel loads the saved index, computes, stores nothing
        picked = for_article(st, read_article(str(EXAMPLES / "02_light_edit.txt")), Settings())
        assert picked
        st.put_model_vectors({1: __import__("numpy").ones((2, 4))}, "m")  # a reader keeps vectors in memory
    after = {k: v for k, v in _tree(store.parent).items() if not k.endswith(("-shm", "-wal"))}
    assert after == {k: v for k, v in before.items() if not k.endswith(("-shm", "-wal"))}
    con = sqlite3.connect(store)
    assert con.execute("SELECT count(*) FROM model_vectors").fetchone()[0] == 0
    con.close()


def test_layout_faults_are_store_errors(store: Path, tmp_path: Path) -> None:
    q = str(EXAMPLES / "02_light_edit.txt")
    # a missing table
    broken = tmp_path / "broken.db"
    shutil.copy(store, broken)
    con = sqlite3.connect(broken)
    con.execute("DROP TABLE edges")
    con.commit()
    con.close()
    for args in (("sources", q, "--db", str(broken), "--lexical"), ("add", q, "--db", str(broken))):
        _one_line_store_error(run(*args), "damaged store", "edges")
    # <db>.vectors is a file
    filed = tmp_path / "filed.db"
    shutil.copy(store, filed)
    Path(f"{filed}.vectors").write_text("not a folder")
    for args in (("sources", q, "--db", str(filed)), ("add", q, "--db", str(filed)), ("scan", "--db", str(filed))):
        _one_line_store_error(run(*args), "filed.db.vectors", "is a file")
    # a file that is not SQLite
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"retold? no: " + os.urandom(4096))
    for args in (("sources", q, "--db", str(junk), "--lexical"), ("add", q, "--db", str(junk))):
        _one_line_store_error(run(*args), "not a retold store")


def _cut_short(blob: bytes, column: str) -> bytes:
    """A stored value cut as a torn write cuts it: the sentence offsets (varints) inside a value of several bytes,
    the compressed text halfway."""
    if column == "text_z":
        return blob[: len(blob) // 2]
    k = next(i for i, b in enumerate(blob) if b >= 0x80)  # a sentence of 128 characters or more
    return blob[: k + 1]


@pytest.mark.parametrize("column", ["bounds", "text_z"])
def test_a_stored_article_cut_short_is_a_store_error(store: Path, column: str) -> None:
    """A row whose offsets or text were cut short is a damaged store (a one-line StoreError naming the file, exit
    5) to a reader, and to a writer asking whether a record is stored, not a ValueError out of the varint or zlib
    reader."""
    from retold.errors import StoreError
    from retold.store import Store

    con = sqlite3.connect(store)
    assert con.execute("SELECT value FROM meta WHERE key = 'bounds'").fetchone() == ("varint",)
    rows = con.execute(f"SELECT row, {column} FROM articles").fetchall()
    con.executemany(f"UPDATE articles SET {column} = ? WHERE row = ?", [(_cut_short(b, column), r) for r, b in rows])
    con.commit()
    con.close()
    with Store(store) as st, pytest.raises(StoreError, match=r"s\.db: damaged store: article '01_wire_original'"):
        st.get("01_wire_original")
    q = str(EXAMPLES / "02_light_edit.txt")
    _one_line_store_error(run("sources", q, "--db", str(store), "--lexical"), "s.db: damaged store")
    if column == "text_z":  # a record under a stored id: is it the same text? (the offsets are not read)
        changed = store.parent / "01_wire_original.txt"
        changed.write_text((EXAMPLES / "01_wire_original.txt").read_text().replace("Harben", "Harbin"))
        _one_line_store_error(run("add", str(changed), "--db", str(store)), "s.db: damaged store")
