"""What a ``--lexical`` scan's main process holds as its verification starts: RSS, the C heap's resident pages and
Python's arenas, on a copy of a store, then the same after giving the free heap back (``_memory.release``).

    .venv/bin/python benchmarks/scan_heap.py STORE [--pairs 1000] [--workers 2]

Copies ``STORE`` (and its ``.vectors`` folder) to a temporary folder, runs ``scan(lexical=True)`` on the copy with
``--workers`` verifying processes, and prints at each progress stage's start and once ``--pairs`` pairs are stored:
the main process's RSS, PSS and anonymous memory (``smaps_rollup``), the resident pages of its ``[heap]`` mapping
(glibc's main arena), of its other anonymous mappings (numpy's large arrays, Python's arenas) and of files, the
glibc heap's bytes in use and free (``mallinfo2``) and Python's arenas (``sys._debugmallocstats``); then calls
``release()``, prints them again and stops the scan. Two checkouts compare by running it with each ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (n, ctypes.c_size_t)
        for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keep")
    ]


def heap() -> dict[str, int]:
    """glibc's heap in MiB: ``heap`` its main arena's size, ``used`` / ``free`` its bytes, ``mmap`` its mapped blocks
    (resident or not: ``malloc_trim`` hands free pages back without shrinking these)."""
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = _MallInfo2
    m = libc.mallinfo2()
    return {"heap": m.arena >> 20, "used": m.uordblks >> 20, "free": m.fordblks >> 20, "mmap": m.hblkhd >> 20}


def arenas() -> int:
    """Python's arenas allocated now (1 MiB each in 3.11)."""
    r, w = os.pipe()
    saved = os.dup(2)
    os.dup2(w, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(w)
        os.close(saved)
    chunks = []
    while part := os.read(r, 1 << 16):
        chunks.append(part)
    os.close(r)
    m = re.search(r"arenas allocated current\s*=\s*([\d,]+)", b"".join(chunks).decode())
    return int(m.group(1).replace(",", "")) if m else -1


def resident() -> dict[str, int]:
    """MiB resident: the whole process (RSS, PSS, anonymous) and by mapping: ``[heap]``, other anonymous, files."""
    out = {}
    with open(f"/proc/{os.getpid()}/smaps_rollup") as f:
        for line in f:
            p = line.split()
            if p[0] in ("Rss:", "Pss:", "Anonymous:"):
                out[p[0][:-1].lower()] = int(p[1]) >> 10
    kib = {"heap_rss": 0, "anon_rss": 0, "file_rss": 0}
    name = "anon_rss"
    with open(f"/proc/{os.getpid()}/smaps") as f:
        for line in f:
            p = line.split()
            if "-" in p[0] and len(p) >= 5 and ":" in p[3]:
                path = p[5] if len(p) >= 6 else ""
                name = "heap_rss" if path == "[heap]" else "file_rss" if path.startswith("/") else "anon_rss"
            elif p[0] == "Rss:":
                kib[name] += int(p[1])
    return out | {k: v >> 10 for k, v in kib.items()}


def report(tag: str) -> dict[str, Any]:
    got = {"at": tag, **resident(), "glibc": heap(), "py_arenas": arenas()}
    print(got, flush=True)
    return got


class _Stop(Exception):
    pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--pairs", type=int, default=1000, help="pairs stored before the last report")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    from retold._memory import release
    from retold.corpus import Corpus

    seen: set[str] = set()

    def tick(stage: str, done: int = 0, total: int = 0, *_: object) -> None:
        if stage not in seen:
            seen.add(stage)
            report(f"{time.strftime('%X')} {stage} {done}/{total}")
        if stage == "aligning candidate pairs" and done >= args.pairs:
            report(f"{done}/{total} stored")
            release()
            report("released")
            raise _Stop

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / args.store.name
        shutil.copyfile(args.store, db)
        if Path(f"{args.store}.vectors").is_dir():
            shutil.copytree(f"{args.store}.vectors", f"{db}.vectors")
        report("start")
        with contextlib.suppress(_Stop):
            Corpus(db).scan(lexical=True, workers=args.workers, progress=tick)


if __name__ == "__main__":
    main()
