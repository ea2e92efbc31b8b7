"""Memory of ``Corpus.add`` alone (as the CLI runs it: ``default_workers()``), in a fresh process per run, for one
checkout or two taking turns.

    .venv/bin/python benchmarks/corpus_add_memory.py --corpus FILE [--against DIR] [--turns 1] [--trace 15]

What grows with the corpus in the process that adds it (``corpus_scan.py``'s main process runs the add before the
scan, and the heap it grew stays): each run prints the main process's peak RSS (VmHWM), its RSS once the add is
done, all processes' peak (``corpus_memory.TreeMemory``: with the fingerprinting helper), the bytes the report holds
(``deep_size``: its objects and everything they reach), the largest RSS sampled split into the heap and mapped files
(:class:`Split`) and a digest of what the report says (``add --json``'s object
and every ``Added`` in full: two checkouts that must report the same thing print the same digest). ``--trace N``
runs the add under tracemalloc and prints its traced peak, what is still traced when the add returns, and the N
lines that allocated most of that (a second run, slower: its RSS includes tracemalloc's own).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
import tracemalloc
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_memory
import process_cpu

ROOT = Path(__file__).resolve().parents[1]


def deep_size(obj: object) -> int:
    """Bytes of ``obj`` and of every object it reaches through containers and attributes, each once."""
    seen: set[int] = set()
    todo = [obj]
    total = 0
    while todo:
        o = todo.pop()
        if id(o) in seen or o is None or isinstance(o, type):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, str | bytes | bytearray | array | int | float | bool):
            continue
        if isinstance(o, dict):
            todo += [*o.keys(), *o.values()]
        elif isinstance(o, list | tuple | set | frozenset):
            todo += list(o)
        if hasattr(o, "__dict__"):
            todo.append(vars(o))
        for name in getattr(type(o), "__slots__", ()):
            todo.append(getattr(o, name, None))
    return total


class Split(corpus_memory.Sampling):
    """The main process's largest RSS seen (every 0.1 s) with its parts then: ``anon`` (the heap: Python's, glibc's,
    SQLite's page cache), ``file`` (mapped files' pages: libraries, the band files a merge maps)."""

    def __init__(self) -> None:
        super().__init__(0.1)
        self.peak = {"rss": 0.0, "anon": 0.0, "file": 0.0}
        self.anon = 0.0  # the largest anon seen, whenever

    def sample(self, me: int) -> None:
        got = {k: corpus_memory._status_kib(me, f"{f}:") / 1024 for k, f in FIELDS.items()}
        self.anon = max(self.anon, got["anon"])
        if got["rss"] > self.peak["rss"]:
            self.peak = got


FIELDS = {"rss": "VmRSS", "anon": "RssAnon", "file": "RssFile"}


def measure(corpus: Path, db: Path, trace: int) -> dict[str, object]:
    from retold.corpus import Corpus, default_workers
    from retold.provenance.summaries import add_json

    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    with corpus_memory.TreeMemory() as tree, Split() as split:
        report = Corpus(db).add([str(corpus)], workers=default_workers())
    out: dict[str, object] = {
        "wall": round(time.perf_counter() - t0, 1),
        "peak_main_mb": round(corpus_memory.peak_rss_mb(), 1),
        "rss_after_mb": round(corpus_memory._status_kib(os.getpid(), "VmRSS:") / 1024, 1),
        "peak_all_mb": round(tree.peak_mb, 1),
        "peak_helper_mb": round(tree.helper_mb, 1),
        "at_peak_mb": {k: round(v, 1) for k, v in split.peak.items()},
        "peak_anon_mb": round(split.anon, 1),
    }
    if trace:
        now, peak = tracemalloc.get_traced_memory()
        top = tracemalloc.take_snapshot().statistics("lineno")[:trace]
        tracemalloc.stop()
        out["traced_mb"] = {"peak": round(peak / 2**20, 1), "after": round(now / 2**20, 1)}
        out["traced_top"] = [f"{s.size / 2**20:.1f} MiB {s.count:,} blocks {s.traceback[0]}" for s in top]
    out["added"], out["duplicates"] = len(report.added), len(report.duplicates)
    out["report_bytes"] = deep_size(report)
    h = hashlib.sha256(json.dumps(add_json(report), sort_keys=True).encode())
    for a in [*report.added, *report.duplicates]:
        h.update(json.dumps([a.id, a.status, a.existing, a.path, list(a.filled)]).encode())
    out["report_digest"] = h.hexdigest()[:16]
    out["load"] = round(os.getloadavg()[0], 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="a JSONL file of articles (e.g. corpus_scan.py's)")
    ap.add_argument("--against", type=Path, help="another checkout, run in turn with this one")
    ap.add_argument("--turns", type=int, default=1)
    ap.add_argument("--trace", type=int, default=0, help="also under tracemalloc: print the N lines holding most")
    args = process_cpu.parse_measured(ap)
    if args.measure:
        print(json.dumps(measure(args.measure, args.db, int(os.environ.get("ADD_MEMORY_TRACE", "0")))))
        return
    if args.corpus is None:
        ap.error("--corpus FILE is required")
    checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
    with tempfile.TemporaryDirectory(prefix="retold-addmem-") as name:
        for turn in range(args.turns):
            for who, src in checkouts:
                for trace in [0, args.trace] if args.trace else [0]:
                    os.environ["ADD_MEMORY_TRACE"] = str(trace)
                    got = process_cpu.run(src, args.corpus, Path(name), script=__file__)
                    top = got.pop("traced_top", [])
                    print(f"{who} checkout, turn {turn + 1}{' (traced)' if trace else ''}: {got}", flush=True)
                    for row in top if isinstance(top, list) else []:
                        print(f"    {row}", flush=True)


if __name__ == "__main__":
    main()
