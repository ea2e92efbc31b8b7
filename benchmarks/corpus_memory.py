"""Resident memory of a benchmark process and its helper processes (Linux ``/proc``), for the corpus benchmarks.

RSS counts every page a process maps, so the sum over processes counts twice the pages they share (the
libraries' code, and pages a forked child has not written); PSS (proportional set size, ``smaps_rollup``)
divides each shared page among the processes that map it, so the sum of PSS counts it once.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path
from typing import Self


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB: VmHWM (getrusage's figure would include a parent's
    peak, which Linux carries over a fork and exec)."""
    kib = _status_kib(os.getpid(), "VmHWM:") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib / 1024


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def pss_kib(pid: int) -> int:
    """The process's proportional set size in KiB (0 when it is gone or the kernel has no ``smaps_rollup``)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux: ``/proc/*/task/*/children``)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                kids = [int(x) for x in task.read_text().split()]
            except OSError:
                continue
            out += kids
            todo += kids
    return out


class Sampling:
    """A thread that calls :meth:`sample` with this process's id every ``every`` seconds while in a ``with`` block."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.sample(me)
            self._stop.wait(self.every)

    def sample(self, me: int) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class TreeMemory(Sampling):
    """Sampled resident memory of this process and all its helpers (fingerprinting and verifying
    processes), every ``every`` seconds on a thread: ``peak_mb`` the largest sum of RSS seen, ``pss_mb`` the
    largest sum of PSS (shared pages once), ``helper_mb`` the largest helper's own peak RSS (VmHWM, read while
    it ran) and ``helper_pss_mb`` its largest PSS seen. The main process's VmHWM alone leaves the helpers out.
    ``stages``: the same two sums' peaks per stage, and the main process's own RSS peak (``main_rss_mb``: the
    candidate stage's growth with the store is in this process), the stage named by :meth:`stage` (a progress
    callback's label does), "" before any."""

    def __init__(self, every: float = 0.25) -> None:
        super().__init__(every)
        self.peak_mb = 0.0
        self.pss_mb = 0.0
        self.helper_mb = 0.0
        self.helper_pss_mb = 0.0
        self.stages: dict[str, dict[str, float]] = {}
        self._stage = ""

    def stage(self, name: str, *_: object) -> None:
        """Count what is sampled from now on to the stage ``name`` (a ``Progress`` callback: extra arguments)."""
        self._stage = name

    def sample(self, me: int) -> None:
        kids = _descendants(me)
        main = _status_kib(me, "VmRSS:") / 1024
        rss = main + sum(_status_kib(k, "VmRSS:") for k in kids) / 1024
        kid_pss = [pss_kib(k) / 1024 for k in kids]
        pss = pss_kib(me) / 1024 + sum(kid_pss)
        self.peak_mb, self.pss_mb = max(self.peak_mb, rss), max(self.pss_mb, pss)
        self.helper_pss_mb = max([self.helper_pss_mb, *kid_pss])
        for k in kids:
            self.helper_mb = max(self.helper_mb, _status_kib(k, "VmHWM:") / 1024)
        at = self.stages.setdefault(self._stage, {"rss_mb": 0.0, "pss_mb": 0.0, "main_rss_mb": 0.0})
        at["rss_mb"], at["pss_mb"] = max(at["rss_mb"], rss), max(at["pss_mb"], pss)
        if main > at["main_rss_mb"]:  # what the main process's peak is made of: heap (anonymous) and mapped files
            at["main_rss_mb"] = main
            at["main_anon_mb"] = _status_kib(me, "RssAnon:") / 1024
            at["main_file_mb"] = _status_kib(me, "RssFile:") / 1024
        workers = [_status_kib(k, "VmRSS:") / 1024 for k in kids]
        at["largest_helper_mb"] = max([at.get("largest_helper_mb", 0.0), *workers])
