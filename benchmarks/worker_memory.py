"""What a scan's verifying worker holds: replay a ``--lexical`` scan's pairs in one spawned worker, print its memory.

    .venv/bin/python benchmarks/worker_memory.py STORE.db [--pairs 2400] [--trace] [--top 25] [--caches]

Reads the pairs a lexical scan of ``STORE.db`` checked (its ``edges`` of mode ``lexical``, e.g. the
``lexical.db`` that ``corpus_scan.py`` leaves in its temporary folder), builds their jobs as the scan does
(``feed._submit``: boilerplate out, in ``jobs.by_article`` order, chunks of ``feed.CHUNK``), then hands the
first ``--pairs`` of them to one worker warmed as the scan warms its workers (``scan.warm_worker``). Prints the
worker's RSS / PSS (``smaps_rollup``) after warming and every 40 chunks, its CPU seconds, and with ``--trace``
the Python heap ``tracemalloc`` sees (it inflates the RSS itself) with the lines that hold most of it, and with
``--caches`` the entries of each word cache the comparisons fill and the worker's memory once they are all emptied and
the heap given back (what is left: the modules, the models, and what the allocator keeps with nothing live in it).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any


def memory() -> dict[str, int]:
    """This process's RSS, PSS and anonymous memory in MiB."""
    out = {}
    with open(f"/proc/{os.getpid()}/smaps_rollup") as f:
        for line in f:
            name, value, *_ = line.split()
            if name in ("Rss:", "Pss:", "Anonymous:"):
                out[name[:-1]] = int(value) // 1024
    with open(f"/proc/{os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):  # the peak so far, between the probes too
                out["HWM"] = int(line.split()[1]) // 1024
    return out


def start(trace: bool) -> None:
    if trace:
        tracemalloc.start(1)


def probe(top: int = 0) -> dict[str, Any]:
    """In the worker: its memory, CPU seconds and, when tracing, the traced heap and its largest lines."""
    t = os.times()
    out: dict[str, Any] = {**memory(), "cpu_s": round(t.user + t.system, 1)}
    if tracemalloc.is_tracing():
        out["traced_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
        stats = tracemalloc.take_snapshot().statistics("lineno")[:top]
        out["top"] = [(str(s.traceback[0]), round(s.size / 2**20, 2)) for s in stats]
    return out


def caches() -> dict[str, Any]:
    """In the worker: the word caches' entries and its memory, then its memory and blocks once they are emptied."""
    from retold._memory import release
    from retold.align import passage, terms
    from retold.fidelity import _hanta, _shared, _stems
    from retold.fidelity.entities import index, tokens
    from retold.fingerprint import shingles

    held: dict[str, Any] = {
        "terms._TERM_OF": terms._TERM_OF,
        "terms._VOCAB": terms._VOCAB,
        "terms._WORD_IDS": terms._WORD_IDS,
        "terms._COMPARABLE": terms._COMPARABLE,
        "entities._WORD_KEYS": index._WORD_KEYS,
        "tokens._RUNS_CACHE": tokens._RUNS_CACHE,
        "tokens._SEG_CACHE": tokens._SEG_CACHE,
        "_shared._DOCS": _shared._DOCS,
        "_hanta._memo": _hanta._memo,
        "_hanta._en_memo": _hanta._en_memo,
        "shingles.WORD_HASHES": shingles.WORD_HASHES,
    }
    kept: dict[str, Any] = {
        "shingles._tokens": shingles._tokens,
        "terms.sentence_words": terms.sentence_words,
        "terms._article_terms": terms._article_terms,
        "passage._running": passage._running,
        "_stems.fold": _stems.fold,
        "_stems.stem": _stems.stem,
    }
    out: dict[str, Any] = {k: len(d) for k, d in held.items()} | {k: f.cache_info().currsize for k, f in kept.items()}
    out["held_mib"] = {k: round(_deep(d) / 2**20, 1) for k, d in held.items()}
    out["before"] = memory()
    for d in held.values():
        d.clear()
    for f in kept.values():
        f.cache_clear()
    release()
    out["emptied"] = memory()
    out["blocks"] = sys.getallocatedblocks()
    return out


def _deep(d: Any) -> int:
    """About the bytes a cache's dict holds: the dict and each key and value, one level into tuples (shared objects,
    such as interned words, counted again)."""
    n = sys.getsizeof(d)
    for k, v in d.items():
        for x in (k, v):
            n += sys.getsizeof(x)
            if isinstance(x, tuple):
                n += sum(sys.getsizeof(y) for y in x)
    return n


class _Catch:
    """Stands for the pool in ``feed._submit``: keeps what would be sent."""

    def __init__(self) -> None:
        self.chunks: list[tuple[Any, tuple[Any, ...]]] = []

    def submit(self, fn: Any, *args: Any) -> Future[list[Any]]:
        self.chunks.append((fn, args))
        done: Future[list[Any]] = Future()
        done.set_result([])
        return done


def scan_chunks(db: str, reuse_only: bool = False, skip: int = 0, limit: int | None = None) -> tuple[int, list[Any]]:
    """The chunks of jobs a lexical scan of ``db`` sends its workers for the pairs of its stored lexical edges (its
    reuse edges alone with ``reuse_only``; ``skip`` and ``limit`` pairs in ``jobs.by_article`` order), each as
    ``(fn, args)``, built as ``feed._submit`` builds them, with the number of pairs."""
    from retold.provenance import candidates as cand
    from retold.provenance import feed
    from retold.provenance.jobs import REUSE, by_article
    from retold.provenance.scan import Verifier
    from retold.store.infos import Infos
    from retold.store.sqlite import Store

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT a, b, relation FROM edges WHERE mode = 'lexical'").fetchall()
    con.close()
    pairs = by_article(sorted({(min(a, b), max(a, b)) for a, b, r in rows if r in REUSE or not reuse_only}))
    pairs = pairs[skip:][:limit]
    catch = _Catch()
    with Store(db) as st:
        corpus = cand.load(st)
        info = Infos.of(corpus.info)
        v = Verifier(st, True, None, corpus.boilerplate, dropped=feed.dropped_of(st, corpus.boilerplate, info))
        for k in range(0, len(pairs), 256):
            feed._submit(v, info, pairs[k : k + 256], catch)
    return len(pairs), catch.chunks


def run_in(script: str, src: Path, *args: str) -> str:
    """The last line ``script`` prints when run with ``args`` on the checkout whose ``src`` is given (and these
    benchmarks): each of two checkouts timed in turn runs in a process of its own."""
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{Path(__file__).resolve().parent}"}
    done = subprocess.run([sys.executable, script, *args], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store")
    ap.add_argument("--pairs", type=int, default=2400, help="pairs to replay (0: all)")
    ap.add_argument("--skip", type=int, default=0, help="pairs left out before those replayed")
    ap.add_argument("--trace", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--caches", action="store_true", help="the word caches' entries, and the memory once emptied")
    args = ap.parse_args()

    from retold.provenance.scan import warm_worker

    n, chunks = scan_chunks(args.store, skip=args.skip, limit=args.pairs or None)
    print(f"{n:,} pairs in {len(chunks)} chunks", flush=True)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=start, initargs=(args.trace,)) as pool:
        print("started", pool.submit(probe).result(), flush=True)
        pool.submit(warm_worker).result()
        print("warmed", pool.submit(probe).result(), flush=True)
        t0 = time.perf_counter()
        for i, (fn, fargs) in enumerate(chunks, 1):
            pool.submit(fn, *fargs).result()
            if i % 40 == 0 or i == len(chunks):
                print(f"{i} chunks, {time.perf_counter() - t0:.0f}s", pool.submit(probe).result(), flush=True)
        end = pool.submit(probe, args.top).result()
        for where, mb in end.get("top", []):
            print(f"  {mb:7.2f} MiB  {where}")
        if args.caches:
            print("caches", pool.submit(caches).result(), flush=True)


if __name__ == "__main__":
    main()
