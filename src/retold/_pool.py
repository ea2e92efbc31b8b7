"""Spawned helper processes: how ingest and verification put a second core to work.

Spawned, not forked: the parent may hold model and library threads, which a fork copies in an
undefined state. Spawning imports the caller's main module again, as all multiprocessing does, so a
script must keep its work under ``if __name__ == "__main__":`` to use more than one process; the
library therefore defaults to one process and the CLI asks for ``default_workers()``. A script that
forgets is told so (:func:`refuse_rerun`), not left to a worker waiting for the store lock its parent holds.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from retold.errors import UsageError

RERUN = 87  # a worker's exit status when it found itself re-running the caller's main module
RERUN_MESSAGE = (
    "a worker process ran this script's top-level code again (spawned workers import the main module): "
    'put the work under `if __name__ == "__main__":`, or pass workers=1'
)


def default_workers() -> int:
    """Processes a front end asks for when it wants all of them: two on a machine with two cores or more."""
    return min(2, os.cpu_count() or 1)


def refuse_rerun() -> None:
    """Called where work starts (``Corpus.add``, ``Corpus.scan``): in a spawned worker still importing the
    caller's main module, that work is the script's unguarded top level run again. Leave at once with
    :data:`RERUN`, which :func:`spawned` turns into one :class:`UsageError` in the parent: left to run, the
    body ran 2-3 times, waited for the parent's store lock (``StoreBusy`` naming the script's own pid) and
    the parent got ``BrokenProcessPool``."""
    # spawn's _main sets _inheriting while it imports the main module as __mp_main__ (parent_process() is
    # not set yet then); _check_not_importing_main reads the same flag
    bootstrapping = getattr(multiprocessing.current_process(), "_inheriting", False)
    if bootstrapping and "__mp_main__" in sys.modules:
        os._exit(RERUN)


def _end_with(parent: int) -> None:
    """In each worker: end it once the process that spawned it is gone. A parent killed outright (SIGKILL, the
    out-of-memory killer) left its workers blocked for ever on a result pipe nobody reads, 85 MB each."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="retold-parent-watch", daemon=True).start()


_frozen = 0  # models a worker had loaded when it last froze its heap


def freeze_models(loaded: int, drop: Sequence[MutableMapping[Any, Any]] = ()) -> None:
    """In a worker, after a task: once it has loaded more models than before (``loaded``: the Hannover Tagger's,
    about 80,000 lists and dicts each, kept for the process's life), collect the garbage and move every object
    left to the permanent generation, which the cycle collector no longer walks. Each full collection walked the
    models: a scan worker's 13 full collections took 1.45 of its 13.7 s CPU (half the 10,000-article scan's pairs).
    What the freeze keeps is what lived then: the caches ``drop`` are emptied first, since what later drops out of
    them in a cycle (a prepared document and its name index) would stay unreclaimed (the largest worker of the
    10,000-article scan 289 -> 303 MiB)."""
    global _frozen
    if loaded > _frozen:
        _frozen = loaded
        for cache in drop:
            cache.clear()
        gc.collect()
        gc.freeze()


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


def _release_interrupted(pool: ProcessPoolExecutor) -> None:
    """Let go of a pending future's lock this thread still holds. A Ctrl-C that lands inside ``result()``'s wait
    can leave it held (the signal falls between the lock's acquire and the ``try`` that releases it); the
    executor's manager thread, failing or cancelling the pending futures, then waited for it for ever, and the
    interpreter's exit waited for that thread: the program printed "interrupted" and never ended. Out here, past
    every ``with`` of ours, no future's lock is rightly held."""
    for item in list(getattr(pool, "_pending_work_items", {}).values()):
        condition = item.future._condition
        while condition._is_owned():  # type: ignore[attr-defined]
            condition.release()


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
    except BaseException as e:
        _release_interrupted(pool)
        workers = list(getattr(pool, "_processes", {}).values())
        for worker in workers:  # not waited for mid-batch
            worker.terminate()
        broken = isinstance(e, BrokenProcessPool)  # its workers are gone: waiting settles how each ended
        pool.shutdown(wait=broken, cancel_futures=True)
        if broken and any(w.exitcode == RERUN for w in workers):
            raise UsageError(RERUN_MESSAGE) from None
        raise
    pool.shutdown(wait=True, cancel_futures=True)
