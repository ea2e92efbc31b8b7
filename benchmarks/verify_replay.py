"""CPU seconds of a lexical scan's verifying workers, replayed in one process: two checkouts in turn on the same jobs.

    .venv/bin/python benchmarks/verify_replay.py STORE.db [--against DIR] [--rounds 2] [--profile FILE] [--keep PICKLE]
    .venv/bin/python benchmarks/verify_replay.py --jobs PICKLE [--against DIR] ...

``STORE.db`` is a store a lexical scan has filled (``retold add X --db S.db && retold scan --db S.db --lexical``).
Every pair of its lexical edges is built into jobs as the scan builds them (``feed._submit`` on parts of 256 pairs in
``jobs.by_article`` order, the boilerplate read as the scan reads it; the chunks it would send to the workers kept)
and pickled once, by this checkout (``--keep PICKLE`` keeps them for a later ``--jobs PICKLE``). Each
round then runs those chunks in a fresh process per checkout (this one, then ``--against DIR``: another checkout,
``git archive`` of a commit), each chunk as a worker runs it (``feed._verify_all``, after ``warm_worker``), and
prints the CPU seconds of the replay, those of the pairs whose edge is reuse and of the others, and a digest of
every job's edge and evidence (two checkouts that must store the same edges print the same digest). One process
meets every article, where the scan's two workers each meet part of them: the seconds are a little lower than the
workers' (``process_cpu.py``), the same work. ``--profile FILE`` writes a cProfile of this checkout's replay
(``pstats``), the reuse pairs' and the others' apart (``FILE.reuse``, ``FILE.other``). The last line gives this
checkout's median CPU over the other's. The machine is shared: compare CPU seconds, not wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import hashlib
import json
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")


def capture(db: str, out: str) -> None:
    """Build the jobs of every lexical edge's pair as the scan builds them; pickle the chunks the workers get."""
    from worker_memory import scan_chunks

    n, caught = scan_chunks(db)
    chunks = [list(args[0]) for _, args in caught]
    with open(out, "wb") as fh:
        pickle.dump(chunks, fh, protocol=5)
    print(f"{n} pairs, {sum(map(len, chunks))} jobs in {len(chunks)} chunks")


def replay(path: str, profile: str | None) -> None:
    """Run every chunk as a worker runs it; print the CPU seconds (all, reuse, other) and the digest."""
    from retold.provenance import feed, jobs
    from retold.provenance.scan import warm_worker

    with open(path, "rb") as fh:
        chunks = pickle.load(fh)
    warm_worker()
    seconds = {"reuse": 0.0, "other": 0.0}
    merged: dict[str, list[cProfile.Profile]] = {"reuse": [], "other": []}
    verify = jobs.verify

    def timed(job: Any) -> Any:
        t = time.process_time()
        if not profile:
            got = verify(job)
        else:
            p = cProfile.Profile()
            got = p.runcall(verify, job)
        kind = "reuse" if got[0].relation in REUSE else "other"
        seconds[kind] += time.process_time() - t
        if profile:
            merged[kind].append(p)
        return got

    feed.verify = timed  # type: ignore[assignment]
    h = hashlib.sha256()
    n = 0
    t0 = time.process_time()
    for chunk in chunks:
        for edge, evidence in feed._verify_all(chunk):
            h.update(json.dumps([dataclasses.astuple(edge), evidence], sort_keys=True, default=str).encode())
            n += 1
    cpu = time.process_time() - t0
    if profile:
        import pstats

        for kind, ps in merged.items():
            if ps:
                st = pstats.Stats(ps[0])
                for p in ps[1:]:
                    st.add(p)
                st.dump_stats(f"{profile}.{kind}")
    out = {"cpu": round(cpu, 2), **{k: round(v, 2) for k, v in seconds.items()}, "jobs": n}
    print(json.dumps({**out, "digest": h.hexdigest()[:16]}))


def _run(src: Path, *args: str) -> str:
    from worker_memory import run_in

    return run_in(__file__, src, *args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", nargs="?")
    ap.add_argument("--against", type=Path, help="another checkout, timed in turn with this one")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", help="a pickle of jobs an earlier run kept (--keep), instead of building them")
    ap.add_argument("--keep", help="keep the pickled jobs here")
    ap.add_argument("--profile", help="write cProfile stats of this checkout's replay here (FILE.reuse, FILE.other)")
    ap.add_argument("--capture", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--replay", help=argparse.SUPPRESS)
    ap.add_argument("--prof", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.capture:
        return capture(*args.capture)
    if args.replay:
        return replay(args.replay, args.prof)
    if not args.store and not args.jobs:
        ap.error("a store a lexical scan has filled (or --jobs) is needed")
    checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        kept = args.jobs or args.keep or str(Path(tmp) / "jobs.pickle")
        if not args.jobs:
            print(_run(ROOT / "src", "--capture", args.store, kept))
        if args.profile:
            print("profiled:", _run(ROOT / "src", "--replay", kept, "--prof", args.profile))
        cpu: dict[str, list[float]] = {name: [] for name, _ in checkouts}
        for k in range(args.rounds):
            for name, src in checkouts:
                got = json.loads(_run(src, "--replay", kept))
                cpu[name].append(got["cpu"])
                load = os.getloadavg()[0]
                print(f"round {k + 1}, {name} checkout: {json.dumps(got)}, load {load:.1f}", flush=True)
        median = {name: sorted(xs)[len(xs) // 2] for name, xs in cpu.items() if xs}
        for name, xs in cpu.items():
            if xs:
                print(f"{name}: CPU s {' '.join(f'{x:.2f}' for x in xs)}, median {median[name]:.2f}")
        if len(median) == 2:
            print(f"this / other: {median['this'] / median['other']:.3f} of the CPU")


if __name__ == "__main__":
    main()
