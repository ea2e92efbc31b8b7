"""The scan's candidate stage alone on a stored corpus: the main process's peak RSS per step, CPU seconds, and a
digest of the pairs it picks, for this checkout or two taking turns.

    .venv/bin/python benchmarks/candidate_memory.py STORE [--against DIR] [--turns 2] [--full]

Runs, in a fresh process per run, what ``scan.scan(lexical=True)`` runs before verifying: ``candidates.load`` and
``candidates.bulk`` without the vector channel and without early verification (the store is only read, so old and
new code read the same file). A thread samples the process's RSS every 20 ms; the step it counts to is named by
wrapping the stage's functions: ``load`` (metadata, exact keys, boilerplate), ``exact`` (counting the exact keys'
pairs), ``bands`` (starting the band buckets' read), ``count bands`` (reading and counting their pairs), ``table``
(the evidence table between counts), ``select`` (ranking and the per-article cap). The
digest covers the picked pairs in their order and every evidence field of each: two checkouts that must pick the
same thing print the same digest. ``--full`` runs the whole ``scan(lexical=True)`` instead (as the CLI does, with
``default_workers()``), on a copy of the store made for each run: the peak RSS per progress stage of the main
process and of all processes (``corpus_memory.TreeMemory``), the CPU seconds of the main process and of its
workers, the stage seconds, and the digest of the edge rows of ``process_cpu.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_memory

ROOT = Path(__file__).resolve().parents[1]


class Steps:
    """RSS peaks (MiB) and CPU seconds per named step, sampled on a thread."""

    def __init__(self) -> None:
        self.name = "start"
        self.peak: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._since = time.process_time()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.sample(me)
            self._stop.wait(0.02)

    def sample(self, me: int) -> None:
        rss = corpus_memory._status_kib(me, "VmRSS:") / 1024
        self.peak[self.name] = max(self.peak.get(self.name, 0.0), rss)

    def to(self, name: str) -> None:
        self.sample(os.getpid())
        now = time.process_time()
        self.cpu[self.name] = self.cpu.get(self.name, 0.0) + now - self._since
        self._since, self.name = now, name
        self.sample(os.getpid())

    def stop(self) -> None:
        self.to("end")
        self._stop.set()
        self._thread.join()


def measure(db: Path) -> dict[str, object]:
    from retold.provenance import candidates as cand
    from retold.store.sqlite import Store

    steps = Steps()

    def marked(name: str, f, after: str | None = None):  # type: ignore[no-untyped-def]
        def run(*a, **k):  # type: ignore[no-untyped-def]
            steps.to(name)
            try:
                return f(*a, **k)
            finally:
                if after is not None:
                    steps.to(after)

        return run

    s = cand.Settings()
    t0 = time.perf_counter()
    with Store(db, create=False) as store:
        store.con.execute("PRAGMA cache_size = -65536")  # as a scan's writer connection has it
        steps.to("load")
        corpus = cand.load(store)
        queries = store.to_scan("lexical", s.window_days)
        steps.to("exact")
        for name in ("band_buckets", "band_groups"):  # the code before read ``band_buckets``
            if hasattr(store, name):
                setattr(store, name, marked("bands", getattr(store, name)))
        cand._select = marked("select", cand._select)  # type: ignore[attr-defined]
        for name, step in (("count_pairs", "exact"), ("count_groups", "count bands")):
            if hasattr(cand, name):  # what counts the pairs, in the code before and after
                setattr(cand, name, marked(step, getattr(cand, name), after="table"))
        picked = cand.bulk(store, corpus, queries, s, use_vectors=False)
        h = hashlib.sha256()
        for p in picked:
            h.update(json.dumps([p, picked[p].channels()]).encode())
        steps.stop()
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "pairs": len(picked),
        "digest": h.hexdigest()[:16],
        "wall": round(time.perf_counter() - t0, 2),
        "cpu": round(r.ru_utime + r.ru_stime, 2),
        "cpu_by_step": {k: round(v, 2) for k, v in steps.cpu.items()},
        "peak_mib_by_step": {k: round(v) for k, v in steps.peak.items()},
        "peak_mib": round(corpus_memory.peak_rss_mb()),
        "load": round(os.getloadavg()[0], 1),
    }


def measure_full(db: Path) -> dict[str, object]:
    import sqlite3

    from process_cpu import EDGES, _digest
    from retold.corpus import Corpus, default_workers

    copy = db.parent / f"{db.stem}-scan-{os.getpid()}.db"
    shutil.copyfile(db, copy)
    try:
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        with corpus_memory.TreeMemory(every=0.1) as tree:
            tree.stage("loading the store")
            result, _, _ = Corpus(copy).scan(lexical=True, workers=default_workers(), progress=tree.stage)
        r1, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        con = sqlite3.connect(copy)
        edges = _digest(con.execute(EDGES))
        con.close()
    finally:
        for p in db.parent.glob(f"{copy.name}*"):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    return {
        "candidates": result.candidates,
        "edges": len(result.edges),
        "edges_digest": edges,
        "stages_s": {k: round(v, 2) for k, v in result.seconds.items()},
        "main_cpu": round(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime, 2),
        "workers_cpu": round(kids.ru_utime + kids.ru_stime, 2),
        "mib_by_stage": {k: {f: round(v) for f, v in m.items()} for k, m in tree.stages.items()},
        "all_processes_peak_mib": round(tree.peak_mb),
        "main_peak_mib": round(corpus_memory.peak_rss_mb()),
        "load": round(os.getloadavg()[0], 1),
    }


def run(src: Path, db: Path, full: bool) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{ROOT / 'benchmarks'}"}
    cmd = [sys.executable, __file__, str(db), "--measure", *(["--full"] if full else [])]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--against", type=Path, help="another checkout, run in turn with this one")
    ap.add_argument("--turns", type=int, default=2)
    ap.add_argument("--full", action="store_true", help="the whole lexical scan, on a copy of the store")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure_full(args.store) if args.full else measure(args.store)))
        return
    checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
    for turn in range(args.turns):
        for name, src in checkouts:
            print(f"{name} checkout, turn {turn + 1}: {json.dumps(run(src, args.store, args.full))}", flush=True)


if __name__ == "__main__":
    main()
