"""How long the progress of a corpus run stays still: the longest wait between two ticks, per stage.

    .venv/bin/python benchmarks/progress_gaps.py FILE.jsonl [--lexical] [--db PATH]

Runs ``add`` and then ``scan`` (the default model unless ``--lexical``) on the file, as the CLI does (both
cores), recording every call of the progress callback. A bar that sits still for a minute looks hung: the
corpus issue asks that every long stage advance at least every few seconds. Prints, per stage, the ticks,
the stage's time, and the longest silence, counted from the stage's first tick (or the previous stage's
last) to the next tick; writes nothing else.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--lexical", action="store_true")
    ap.add_argument("--db", type=Path, help="store to create (default: a new temporary folder)")
    args = ap.parse_args()

    from retold.corpus import Corpus, default_workers

    db = args.db or Path(tempfile.mkdtemp(prefix="retold-progress-")) / "store.db"
    ticks: list[tuple[float, str, int, int]] = []

    def tick(stage: str, done: int, total: int) -> None:
        ticks.append((time.perf_counter(), stage, done, total))

    c = Corpus(db)
    t0 = time.perf_counter()
    c.add([str(args.file)], progress=tick, workers=default_workers())
    c.scan(lexical=args.lexical, progress=tick, workers=default_workers())
    end = time.perf_counter()

    stages: dict[str, dict[str, float]] = {}
    prev = t0
    for t, stage, _, _ in ticks:
        row = stages.setdefault(stage, {"ticks": 0, "first": t, "last": t, "gap": 0.0})
        row["ticks"] += 1
        row["gap"] = max(row["gap"], t - prev)
        row["last"] = t
        prev = t
    mode = "--lexical" if args.lexical else "default model"
    print(f"{args.file.name}, {mode}: {end - t0:.0f} s, {len(ticks)} ticks; {end - prev:.1f} s after the last")
    for stage, row in stages.items():
        print(
            f"  {stage:>34}: {int(row['ticks']):6d} ticks over {row['last'] - row['first']:7.1f} s, "
            f"longest silence {row['gap']:6.1f} s"
        )


if __name__ == "__main__":
    main()
