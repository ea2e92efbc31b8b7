"""Spawned helper processes: how ingest and verification put a second core to work.

Spawned, not forked: the parent may hold model and library threads, which a fork copies in an
undefined state. Spawning imports the caller's main module again, as all multiprocessing does, so a
script must keep its work under ``if __name__ == "__main__":`` to use more than one process; the
library therefore defaults to one process and the CLI asks for ``default_workers()``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def default_workers() -> int:
    """Processes a front end asks for when it wants all of them: two on a machine with two cores or more."""
    return min(2, os.cpu_count() or 1)


@contextmanager
def spawned(processes: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``processes`` spawned workers, or None when fewer than one is asked for or the machine
    has a single core (the caller then does the work itself)."""
    if processes < 1 or (os.cpu_count() or 1) < 2:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
