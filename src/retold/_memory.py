"""Handing memory that a finished stage freed back to the system before the next one.

glibc keeps the heap that numpy's medium-sized arrays freed (its mmap threshold rises after the first
large free, so later arrays come from the heap), and a process that peaked in one stage stays that
large through the next, which holds it for minutes: a scan's main process keeps the article store's
index and the verification's batches on top of what the candidate stage left behind.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    try:
        libc = ctypes.CDLL(None)  # the symbols already loaded, the C library's among them
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release() -> None:
    """Collect garbage and give the free heap back (glibc's ``malloc_trim``; elsewhere only the collect)."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


# the collector's first threshold while ``Corpus.add`` reads and stores batches: at the default 700 the writer of the
# 10,000-article corpus ran 625-626 / 56 / 6 collections of generations 0 / 1 / 2 in 0.50-0.54 s of CPU (a batch's
# articles and sentences live until stored, so each young generation met them again), at 50,000 one of generation 0
# and one full collection, 0.02 s (``benchmarks/process_cpu.py``, its ``add_collections``; by hand, 10,000 still ran
# 36 / 4 / 1 in 0.23-0.29 s, 20,000 2 / 1 / 1 in 0.07 s)
ADD_THRESHOLD = 50_000


@contextmanager
def collected_less(first: int = ADD_THRESHOLD) -> Iterator[None]:
    """The cycle collector's first threshold raised to ``first`` (the others kept) for the block, then put back: for
    a long run of objects that reference counting frees or that live a batch, none in a cycle. A threshold of 0
    (automatic collection off) is left as it is."""
    before = gc.get_threshold()
    if before[0]:
        gc.set_threshold(max(first, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def uncollected() -> Iterator[None]:
    """The cycle collector paused for the block (as it was again after): for objects that cannot hold a cycle, made
    by the hundred thousand and dropped at once (rensa's digests of 10,000 news articles: 0.73 -> 0.58 s of CPU read
    so)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def collect_young_every(first: int) -> None:
    """The cycle collector's first threshold set to ``first`` for the rest of the process (the others kept): for a
    worker process whose objects live a chunk of work and hold no cycles."""
    gc.set_threshold(first, *gc.get_threshold()[1:])
