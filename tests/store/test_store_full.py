"""A store whose disk fills up: one line and exit 7 (a failed write, as ``errors.OutputError``), never "not a retold
store" (exit 5); a store the command was creating is taken away again; what an earlier add committed stays.

The full disk is a file-size limit (``RLIMIT_FSIZE``) on the retold process, which fails SQLite's writes as a full or
failing disk does, or, in process, SQLite's own page limit (``PRAGMA max_page_count``)."""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from retold.errors import OutputError, StoreError
from retold.ingest import article_from_text
from retold.store import Store
from retold.store.connect import StoreFull, device_fault, full

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LIMIT = 40_000  # bytes a file may grow to: under a store's first pages and its WAL


def _limited() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def add(db: Path, *paths: str, limit: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold", "add", *paths, "--db", str(db), "--quiet"],
        preexec_fn=_limited if limit else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_new_store_on_a_full_disk_is_one_line_exit_7_and_leaves_no_files(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    r = add(db, str(EXAMPLES))
    assert r.returncode == 7, r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert "disk is full or failing" in r.stderr and "not a retold store" not in r.stderr
    assert "Traceback" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_add_that_fills_the_disk_keeps_what_was_stored_before(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    first = add(db, str(EXAMPLES / "01_wire_original.txt"), limit=False)
    assert first.returncode == 0, first.stderr
    big = tmp_path / "big.jsonl"
    body = " ".join(f"Sentence number {i} of a long report says something new about item {i}." for i in range(400))
    # the language given: detecting it would write the language model to a temporary file, past the limit
    big.write_text("".join(f'{{"id": "long-{k}", "language": "en", "text": "{k} {body}"}}\n' for k in range(30)))
    r = add(db, str(big))
    assert r.returncode == 7, r.stderr
    # SQLite's write or a band file's (named) failed: either way one line that names the store's files
    assert r.stderr.startswith(f"retold: error: {db}") and r.stderr.count("\n") == 1, r.stderr
    assert "disk is full or failing" in r.stderr or "File too large" in r.stderr
    with Store(db) as store:
        assert len(store) == 1


def test_sqlite_page_limit_is_a_store_full_error_that_exits_7(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    text = (EXAMPLES / "01_wire_original.txt").read_text()
    filler = " ".join(f"Another sentence {i} of a report that keeps going." for i in range(3000))
    with pytest.raises(StoreFull) as caught, Store(db, write=True) as store:  # the store's exit tells the error
        store.add([article_from_text(text, id="one")])
        pages = store.con.execute("PRAGMA page_count").fetchone()[0]
        store.con.execute(f"PRAGMA max_page_count = {pages}")
        store.add([article_from_text(filler, id="two")])
    assert isinstance(caught.value, StoreError) and isinstance(caught.value, OutputError)
    assert caught.value.exit_code == 7
    assert str(caught.value).startswith(f"{db}: the disk is full or failing")
    with Store(db) as store:  # the first add was committed, the second rolled back whole
        assert len(store) == 1


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (sqlite3.OperationalError("database or disk is full"), True),
        (OSError(28, "No space left on device"), True),
        (sqlite3.OperationalError("no such table: x"), False),
        (sqlite3.DatabaseError("file is not a database"), False),
        (OSError(2, "No such file or directory"), False),
    ],
)
def test_device_faults_are_told_from_store_faults(error: BaseException, fault: bool) -> None:
    assert device_fault(error) is fault
    if fault:
        assert full("s.db", error).exit_code == 7
