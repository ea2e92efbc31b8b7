"""Opening the SQLite file: writers read-write in WAL mode, readers read-only, every failure a StoreError.

A reader opens with ``mode=ro``, so it can never change the store (nor fail because it cannot): a
read-only file or folder stays readable. In WAL mode SQLite needs a ``-shm`` file beside the
database; when the folder is read-only and none is there (the last writer closed cleanly) the file is
opened ``immutable`` instead, which is exact because no WAL can hold newer pages then.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from retold.errors import DEVICE_FAULTS, OutputError, StoreError

BUSY_TIMEOUT = 30.0  # seconds SQLite itself waits on a lock (a checkpoint, a web request's write)
# bytes a page of a new file (an existing one keeps its own): an add lands each article's ~500 band keys
# at random in one B-tree, so every commit rewrites most of its leaves; 16 KiB pages write them in a
# quarter of the pages (bands alone, 10,000 articles: commits 14.3 s -> 8.1 s, the same bytes on disk)
PAGE_SIZE = 16384
TABLES = ("schema_version", "meta", "articles", "bands", "keys", "edges", "scanned", "model_vectors", "article_vectors")


class ReadOnlyStore(StoreError):
    """The store cannot be written here (a read-only file or folder); it may still be read."""


class StoreFull(OutputError, StoreError):
    """The disk (or the quota) under the store is full or failing: a store error that exits as a failed write does
    (7), since freeing space, not mending the store, is the cure; what was committed before stays."""


def device_fault(e: BaseException) -> bool:
    """Whether a failure is the device's (full, over quota, failing), not the store's: SQLite says "database or
    disk is full" (``SQLITE_FULL``) when a write comes up short, "disk I/O error" (``SQLITE_IOERR``) when it
    fails outright (a file-size limit, a failing disk)."""
    if isinstance(e, sqlite3.Error):
        code = getattr(e, "sqlite_errorcode", None)
        return (code is not None and code & 0xFF in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)) or (
            "disk is full" in str(e)
        )
    return isinstance(e, OSError) and e.errno in DEVICE_FAULTS


def full(path: Path | str, e: BaseException) -> StoreFull:
    """The one-line error for a store whose disk is full."""
    why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    return StoreFull(f"{path}: the disk is full or failing ({why})")


def _why_not_writable(path: Path) -> str | None:
    """Why a writer cannot use ``path`` (or None when it should be able to): checked before SQLite
    turns it into "unable to open database file"."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"no such folder {folder}"
    if path.exists() and not os.access(path, os.W_OK):
        return "the store file is read-only"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only (SQLite writes its journal beside the store)"
    return None


def _reason(e: BaseException) -> str:
    msg = str(e)
    if isinstance(e, PermissionError) or getattr(e, "errno", None) in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied ({msg})"
    return msg


def connect_writer(path: Path) -> sqlite3.Connection:
    """A read-write connection in WAL mode; ReadOnlyStore when the file or its folder cannot be written."""
    why = _why_not_writable(path)
    if why is not None:
        raise ReadOnlyStore(f"{path}: cannot write: {why}")
    try:
        con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    except sqlite3.OperationalError as e:  # root ignores permission bits, an immutable file does not
        raise ReadOnlyStore(f"{path}: cannot write: {e}") from None
    try:
        con.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before WAL mode, which fixes it
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA cache_size = -65536")  # 64 MiB (128 took all processes past 1 GB at 26,686 articles)
        con.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.OperationalError as e:
        con.close()
        if "readonly" in str(e) or "unable to open" in str(e):
            raise ReadOnlyStore(f"{path}: cannot write: {e}") from None
        raise StoreError(f"{path}: {e}") from None
    except sqlite3.DatabaseError as e:
        con.close()
        if device_fault(e):
            raise full(path, e) from None
        raise StoreError(f"{path}: not a retold store ({e})") from None
    return con


def connect_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``; ``immutable`` in a read-only folder with no WAL)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as e:
        wal = Path(f"{path}-wal")
        if "unable to open" not in str(e) or (wal.exists() and wal.stat().st_size > 0):
            raise StoreError(f"{path}: cannot read: {e}") from None
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: not a retold store ({e})") from None
    try:
        con = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot read: {e}") from None
    return con


def check_layout(con: sqlite3.Connection, path: Path, vectors_dir: Path) -> None:
    """A store with a table missing or ``<db>.vectors`` that is not a folder is damaged: say which."""
    have = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in TABLES if t not in have]
    if missing:
        raise StoreError(f"{path}: damaged store: table {', '.join(missing)} missing")
    if vectors_dir.exists() and not vectors_dir.is_dir():
        raise StoreError(f"{vectors_dir}: is a file, not the store's vector-index folder (move it away)")


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One write, all or nothing: a transaction of its own, or a savepoint inside the one a caller holds
    open (``Store.holding``), so that a write that fails takes back only itself."""
    if not con.in_transaction:
        con.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if con.in_transaction:  # SQLite rolls back by itself on some errors (a full disk): the error is that
                con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return
    con.execute("SAVEPOINT write")
    try:
        yield
    except BaseException:
        with suppress(sqlite3.Error):  # an error SQLite rolled the whole transaction back for leaves none
            con.execute("ROLLBACK TO write")
            con.execute("RELEASE write")
        raise
    con.execute("RELEASE write")


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """SQLite and file-system failures met while using the store, as a one-line StoreError."""
    try:
        yield
    except sqlite3.Error as e:
        if "readonly" in str(e):
            raise ReadOnlyStore(f"{path}: cannot write: {e}") from e
        if device_fault(e):
            raise full(path, e) from e
        raise StoreError(f"{path}: {type(e).__name__}: {e}") from e
    except OSError as e:
        if device_fault(e):
            raise full(getattr(e, "filename", None) or path, e) from e
        raise StoreError(f"{getattr(e, 'filename', None) or path}: {_reason(e)}") from e
