"""Milliseconds a scan spends verifying one candidate pair of real-length articles (``--lexical``).

    .venv/bin/python benchmarks/verify_speed.py [--size 10000] [--sample 600] [--seed 0] [--against DIR]

Builds the corpus of ``corpus_scan.py`` (``corpus_data.build``: real news with planted reuse), adds it
and scans it in ``--lexical`` as a user would (two processes), then draws ``--sample`` of the pairs the
scan verified and times, one at a time in a fresh process, what a scan worker does with each
(``retold.provenance.scan.verify``: alignment, verdict, and the direction for pairs judged reuse).
Prints the median and p90 per pair overall, for pairs judged reuse and for the others, against the
goal of <= 20 ms median. Each pair is timed once, as a scan meets it (a second run would be faster: the
articles' prepared documents stay cached). ``--against DIR`` also times the code of another checkout
(``git worktree add DIR COMMIT``) on the same pairs of the same store, the two taking turns twice, so
both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 20.0
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")


def time_pairs(db: Path, sample: int, seed: int) -> dict[str, list[float]]:
    """Milliseconds of ``verify`` for the drawn pairs, by whether the scan judged them reuse."""
    from retold.provenance import candidates as cand
    from retold.provenance.jobs import verify
    from retold.provenance.scan import Verifier
    from retold.store.sqlite import Store

    con = sqlite3.connect(db)
    pairs = con.execute("SELECT a, b, relation FROM edges WHERE mode = 'lexical' ORDER BY a, b").fetchall()
    con.close()
    drawn = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    out: dict[str, list[float]] = {"reuse": [], "not reuse": []}
    with Store(db) as store:
        corpus = cand.load(store)
        v = Verifier(store, True, None, corpus.boilerplate)
        arts = store.articles_by_row({r for a, b, _ in drawn for r in (a, b)})
        info = corpus.info
        for a, b, relation in drawn:
            job = v.job(a, arts[a], info[a].outlet, b, arts[b], info[b].outlet)
            if job is None:
                continue
            t = time.perf_counter()
            verify(job)
            out["reuse" if relation in REUSE else "not reuse"].append((time.perf_counter() - t) * 1000)
    return out


def line(name: str, xs: list[float]) -> str:
    if not xs:
        return f"{name:>10}: none"
    p90 = statistics.quantiles(xs, n=10)[-1] if len(xs) > 1 else xs[0]
    return f"{name:>10}: n={len(xs):4d}  median {statistics.median(xs):6.1f} ms  p90 {p90:6.1f} ms"


def run(src: Path, db: Path, sample: int, seed: int) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--time", str(db), "--sample", str(sample), "--seed", str(seed)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--against", type=Path, help="another checkout whose verification is timed alongside")
    ap.add_argument("--time", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.time:
        print(json.dumps(time_pairs(args.time, args.sample, args.seed)))
        return

    from retold.corpus import Corpus, default_workers

    with tempfile.TemporaryDirectory(prefix="retold-verify-") as tmp:
        folder = Path(tmp)
        corpus_data.build(args.size, folder, args.seed)
        db = folder / "c.db"
        c = Corpus(db)
        c.add([str(folder / "corpus.jsonl")], workers=default_workers())
        result, _, _ = c.scan(lexical=True, workers=default_workers())
        print(f"{result.compared:,} pairs verified by the scan of {args.size:,} articles; {args.sample} drawn")
        checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
        for turn in range(2 if args.against else 1):
            for name, src in checkouts:
                got = run(src, db, args.sample, args.seed)
                every = got["reuse"] + got["not reuse"]
                print(f"{name} checkout, turn {turn + 1}:")
                print(line("all", every) + f"  (goal <= {GOAL_MS:.0f} ms median)")
                print(line("reuse", got["reuse"]))
                print(line("not reuse", got["not reuse"]))


if __name__ == "__main__":
    main()
