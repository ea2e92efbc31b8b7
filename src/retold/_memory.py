"""Handing memory that a finished stage freed back to the system before the next one.

glibc keeps the heap that numpy's medium-sized arrays freed (its mmap threshold rises after the first
large free, so later arrays come from the heap), and a process that peaked in one stage stays that
large through the next, which holds it for minutes: a scan's main process keeps the article store's
index and the verification's batches on top of what the candidate stage left behind.
"""

from __future__ import annotations

import ctypes
import gc
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
