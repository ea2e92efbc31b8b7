"""The writer's lock: one process writes a store at a time, a second one waits a while, then is told who holds it.

SQLite alone would let a second writer queue inside its busy timeout and then fail with "database is
locked" after half a batch; an advisory ``flock`` on ``<db>.vectors/lock`` taken before the first
write serialises whole writers instead. The holder writes its pid and command line into the file, so
the one left waiting can name it. Readers take no lock (SQLite's WAL gives them a consistent snapshot).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import suppress
from pathlib import Path

from retold.errors import StoreBusy

DEFAULT_WAIT = 10.0  # seconds a second writer waits for the first before giving up
_POLL = 0.05


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it; when that is this very process (``flock`` excludes a
    second open of the file here too), "another retold process" named the caller's own pid."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "another retold process is writing to this store"
    if text.startswith(f"pid {os.getpid()}:"):
        return "another writer in this process (another Corpus or Store on the same file) is writing to this store"
    return "another retold process is writing to this store" + (f" ({text})" if text else "")


class WriterLock:
    """An exclusive advisory lock on one file (a no-op where ``fcntl`` is missing)."""

    def __init__(self, path: Path, store: Path | None = None) -> None:
        self.path = path
        self.store = store or path.parent  # what the messages name
        self._fd: int | None = None

    def acquire(self, wait: float = DEFAULT_WAIT) -> None:
        """Take the lock, polling for up to ``wait`` seconds while another process holds it."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusy(str(self.store), _holder(self.path), wait) from None
                time.sleep(_POLL)
        self._fd = fd
        prog = os.path.basename(sys.argv[0]) if sys.argv else "python"
        prog = "retold" if prog in ("__main__.py", "retold") else prog
        me = f"pid {os.getpid()}: {' '.join([prog, *sys.argv[1:]])}"
        os.ftruncate(fd, 0)
        os.pwrite(fd, me[:300].encode("utf-8", "replace"), 0)

    def release(self) -> None:
        if self._fd is not None:
            with suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)
            self._fd = None
