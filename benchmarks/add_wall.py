"""Wall seconds of ``Corpus.add`` alone (as the CLI runs it: ``default_workers()``), two checkouts taking turns.

    .venv/bin/python benchmarks/add_wall.py --corpus FILE --against DIR [--against DIR2] [--turns 3] [--quiet 2.5]

What ``process_cpu.py`` times with the scan after it, without the scan: an add that puts both cores to work is
judged by its wall time, which a shared machine's load distorts, so each run first waits (``--wait`` seconds at
most) for the one-minute load average to fall under ``--quiet`` and prints the load before and after it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import process_cpu

ROOT = Path(__file__).resolve().parents[1]


def measure(corpus: Path, db: Path) -> dict[str, float]:
    from retold.corpus import Corpus, default_workers

    def cpu(who: int) -> float:
        r = resource.getrusage(who)
        return r.ru_utime + r.ru_stime

    t0, s0 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    report = Corpus(db).add([str(corpus)], workers=default_workers())
    wall = time.perf_counter() - t0
    return {
        "wall": round(wall, 2),
        "main_cpu": round(cpu(resource.RUSAGE_SELF) - s0, 2),
        "helpers_cpu": round(cpu(resource.RUSAGE_CHILDREN), 2),
        "added": len(report.added),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="a JSONL file of articles (e.g. corpus_scan.py's)")
    ap.add_argument("--against", type=Path, action="append", default=[], help="another checkout (more than one: each)")
    ap.add_argument("--turns", type=int, default=3)
    ap.add_argument("--quiet", type=float, default=2.5, help="the load average a run waits for")
    ap.add_argument("--wait", type=float, default=300, help="seconds a run waits for it at most")
    args = process_cpu.parse_measured(ap)
    if args.measure:
        print(json.dumps(measure(args.measure, args.db)))
        return
    if args.corpus is None:
        ap.error("--corpus FILE is required")
    checkouts = [("this", ROOT / "src")] + [(str(d), d / "src") for d in args.against]
    with tempfile.TemporaryDirectory(prefix="retold-add-") as name:
        for turn in range(args.turns):
            for who, src in checkouts:
                until = time.monotonic() + args.wait
                while os.getloadavg()[0] >= args.quiet and time.monotonic() < until:
                    time.sleep(5)
                before = os.getloadavg()[0]
                got = process_cpu.run(src, args.corpus, Path(name), script=__file__)
                print(
                    f"{who} checkout, turn {turn + 1}: add {got['wall']:.1f}s wall, CPU main {got['main_cpu']:.2f} + "
                    f"helpers {got['helpers_cpu']:.2f}, {got['added']:.0f} added; load {before:.1f} -> "
                    f"{os.getloadavg()[0]:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
