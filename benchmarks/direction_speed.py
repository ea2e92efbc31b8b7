"""CPU seconds of the direction of a scan's reuse pairs (``fidelity.weighed`` + ``decide_direction``), two checkouts
taking turns on the same inputs.

    .venv/bin/python benchmarks/direction_speed.py STORE.db [--against DIR] [--rounds 3]

``STORE.db`` is a store a lexical scan has filled (``retold add X --db S.db && retold scan --db S.db --lexical``).
Its reuse edges' pairs are built into jobs as the scan builds them (``feed._submit``, in ``jobs.by_article``
order) and run once by this checkout as a scan's worker runs them; the arguments its comparisons hand to
``fidelity.weighed`` and ``fidelity.decide_direction`` are kept. Each round then replays them in a fresh process
per checkout (this one, then ``--against DIR``: another checkout, ``git archive`` of a commit with ``.venv`` linked),
articles shared between pairs as the worker shares them, and prints the CPU seconds of the replay and a digest of
every pair's direction, confidence and reasons (two checkouts that must decide alike print the same digest) and how
many pairs decide otherwise than the scan's worker did. The machine is shared: compare CPU seconds, not wall time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def capture(db: str, out: str) -> None:
    """Run the reuse pairs' jobs as a worker runs them and keep the direction's inputs and answers."""
    from retold import fidelity as fid
    from retold.provenance.scan import warm_worker
    from worker_memory import scan_chunks

    n, chunks = scan_chunks(db, reuse_only=True)
    warm_worker()
    kept: list[list[Any]] = []
    weighed, decide = fid.weighed, fid.decide_direction

    def weighed_kept(a: Any, b: Any, m: Any, oa: Any, ob: Any, *, mode: str = "model") -> Any:
        kept.append([a, b, m, oa, ob, mode, None, None])
        return weighed(a, b, m, oa, ob, mode=mode)

    def decide_kept(a: Any, b: Any, m: Any, oa: Any, ob: Any, flags: Any, vectors: Any = None) -> Any:
        got = decide(a, b, m, oa, ob, flags, vectors)
        kept[-1][6:] = [vectors, got]
        return got

    fid.weighed, fid.decide_direction = weighed_kept, decide_kept  # type: ignore[assignment]
    for fn, args in chunks:
        fn(*args)
    with open(out, "wb") as fh:
        pickle.dump(kept, fh, protocol=5)
    print(f"{n} reuse pairs, {len(kept)} directions kept")


def _said(got: Any) -> list[Any]:
    return [got[0], round(float(got[1]), 4), list(got[2])]


def replay(path: str) -> None:
    """Decide every kept pair's direction again; print the CPU seconds, a digest and how many differ."""
    from retold import fidelity as fid
    from retold.pipeline import warm

    with open(path, "rb") as fh:
        kept = pickle.load(fh)
    warm(lexical=True, language="en")
    h = hashlib.sha256()
    differ = 0
    t0 = time.process_time()
    for a, b, m, oa, ob, mode, vectors, was in kept:
        got = fid.decide_direction(a, b, m, oa, ob, fid.weighed(a, b, m, oa, ob, mode=mode), vectors)
        h.update(json.dumps(_said(got)).encode())
        differ += _said(got) != _said(was)
    cpu = time.process_time() - t0
    print(json.dumps({"cpu": round(cpu, 2), "pairs": len(kept), "digest": h.hexdigest()[:16], "differ": differ}))


def _run(src: Path, *args: str) -> str:
    from worker_memory import run_in

    return run_in(__file__, src, *args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", nargs="?")
    ap.add_argument("--against", type=Path, help="another checkout, timed in turn with this one")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--capture", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--replay", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.capture:
        return capture(*args.capture)
    if args.replay:
        return replay(args.replay)
    if not args.store:
        ap.error("a store a lexical scan has filled is needed")
    checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        kept = str(Path(tmp) / "kept.pickle")
        print(_run(ROOT / "src", "--capture", args.store, kept))
        cpu: dict[str, list[float]] = {name: [] for name, _ in checkouts}
        for k in range(args.rounds):
            for name, src in checkouts:
                got = json.loads(_run(src, "--replay", kept))
                cpu[name].append(got["cpu"])
                load = os.getloadavg()[0]
                print(f"round {k + 1}, {name} checkout: {json.dumps(got)}, load {load:.1f}", flush=True)
        for name, xs in cpu.items():
            print(f"{name}: CPU s {' '.join(f'{x:.2f}' for x in xs)}, median {sorted(xs)[len(xs) // 2]:.2f}")


if __name__ == "__main__":
    main()
