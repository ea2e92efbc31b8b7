"""Reading stored articles back: each article on its own (``Store.get``, what ``sources`` and the web app's pages do
for an article) and every article at once (``Store.articles_by_row``, a scan's loading), two stores taking turns,
each read in a fresh process by its own code: a store whose texts were deflated with its own dictionary
(``retold.store.texts``) by this checkout, one written before by the checkout ``--against`` names. The texts read
are checked the same (a digest of every article's text and sentences).

    .venv/bin/python benchmarks/text_reads.py STORE --against DIR OLD_STORE [--articles 2000] [--turns 2]

Per store and turn: the CPU of each of ``--articles`` lookups by id (drawn once, the same in both), p50 and p95, and
of reading every article; the minimum over the turns, then new / old.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path


def measure(db: Path, ids: list[str]) -> dict[str, object]:
    """The lookups and the whole read of ``db``, in this process, by the code on ``sys.path``."""
    from retold.store.sqlite import Store

    with Store(db) as st:
        one: list[float] = []
        for i in ids:
            t = time.process_time()
            st.get(i)
            one.append(time.process_time() - t)
        t = time.process_time()
        arts = st.articles_by_row(st.all_rows())
        whole = time.process_time() - t
    h = hashlib.sha256()
    for r in sorted(arts):
        a = arts[r]
        h.update(json.dumps([a.id, a.text, [(s.start, s.end, s.norm) for s in a.sentences]]).encode())
    one.sort()
    return {
        "get_p50_ms": 1000 * statistics.median(one),
        "get_p95_ms": 1000 * one[int(0.95 * (len(one) - 1))],
        "all_s": whole,
        "digest": h.hexdigest()[:16],
    }


def ids_of(db: Path, n: int) -> list[str]:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = sorted(i for (i,) in con.execute("SELECT id FROM articles"))
    con.close()
    return random.Random(0).sample(ids, min(n, len(ids)))


def run(src: Path, db: Path, ids: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{Path(__file__).parent}"}
    cmd = [sys.executable, __file__, "--measure", str(db), "--ids", json.dumps(ids)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path, nargs="?")
    ap.add_argument("--against", nargs=2, metavar=("DIR", "OLD_STORE"))
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--turns", type=int, default=2)
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--ids", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, json.loads(args.ids))))
        return
    if args.store is None or args.against is None:
        ap.error("STORE and --against DIR OLD_STORE are needed")
    here = Path(__file__).resolve().parents[1] / "src"
    old_src, old_db = Path(args.against[0]) / "src", Path(args.against[1])
    ids = ids_of(args.store, args.articles)
    got: dict[str, list[dict[str, object]]] = {"old": [], "new": []}
    for turn in range(args.turns):
        for name, src, db in (("old", old_src, old_db), ("new", here, args.store)):
            r = run(src, db, ids)
            got[name].append(r)
            print(f"turn {turn + 1} {name}: {r} load {os.getloadavg()[0]:.1f}", flush=True)
    best = {
        n: {k: min(float(str(r[k])) for r in rs) for k in ("get_p50_ms", "get_p95_ms", "all_s")}
        for n, rs in got.items()
    }
    for k in ("get_p50_ms", "get_p95_ms", "all_s"):
        print(f"{k}: old {best['old'][k]:.3f} new {best['new'][k]:.3f} new/old {best['new'][k] / best['old'][k]:.2f}x")
    same = {r["digest"] for rs in got.values() for r in rs}
    print("the same articles read back" if len(same) == 1 else f"DIFFERENT articles: {same}")


if __name__ == "__main__":
    main()
