"""Spawned helper processes: how ingest and verification put a second core to work.

Spawned, not forked: the parent may hold model and library threads, which a fork copies in an
undefined state. Spawning imports the caller's main module again, as all multiprocessing does, so a
script must keep its work under ``if __name__ == "__main__":`` to use more than one process; the
library therefore defaults to one process and the CLI asks for ``default_workers()``.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def default_workers() -> int:
    """Processes a front end asks for when it wants all of them: two on a machine with two cores or more."""
    return min(2, os.cpu_count() or 1)


def _end_with(parent: int) -> None:
    """In each worker: end it once the process that spawned it is gone. A parent killed outright (SIGKILL, the
    out-of-memory killer) left its workers blocked for ever on a result pipe nobody reads, 85 MB each."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="retold-parent-watch", daemon=True).start()


class _Worker(multiprocessing.context.SpawnProcess):
    """A spawned worker that starts with Ctrl-C ignored: a disposition the new process inherits, so it holds
    from its first line, while it still imports retold."""

    def start(self) -> None:
        if threading.current_thread() is not threading.main_thread():  # only its handlers can be changed
            super().start()
            return
        before = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            super().start()
        finally:
            signal.signal(signal.SIGINT, before)


class _Spawn(multiprocessing.context.SpawnContext):
    Process = _Worker


@contextmanager
def spawned(processes: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``processes`` spawned workers, or None when fewer than one is asked for or the machine
    has a single core (the caller then does the work itself). A worker starts with its first task.

    Ctrl-C is the parent's alone: the workers ignore it, and on any exception the parent ends them at once.
    Interrupted with it, a worker could die holding the pool's queue lock while the parent waited for it:
    the program hung after "interrupted"."""
    if processes < 1 or (os.cpu_count() or 1) < 2:
        yield None
        return
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=_Spawn(),
        initializer=_end_with,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    except BaseException:
        for worker in list(getattr(pool, "_processes", {}).values()):  # not waited for mid-batch
            worker.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True, cancel_futures=True)
