"""What a reader pays after a crashed ``retold add``: the saved index log against a rebuild from SQLite.

    .venv/bin/python benchmarks/store_crash.py [--size 2000] [--seed 200] [--queries 3]

Builds a store of ``--size`` news_allsides articles the way a user gets one: ``--seed`` articles
added and the vector index built (as the first default-mode scan does), then ``retold add`` of the
rest, killed with SIGKILL half-way (the row count is polled). On that crashed store it times, in
the same run:

* the index a reader gets: loaded from the saved base and segments (this code) against rebuilt in
  memory from SQLite (what every reader did after a crash before the index was saved per commit;
  the script still calls that path, ``Store._build_index`` on a reader);
* ``retold sources FILE --json`` (default model, a fresh process each time, median of ``--queries``
  articles): as the store is, and with the segment files moved away, which sends the reader down
  the rebuild path.

Prints both and their ratios. Needs ../shared/data/news_allsides.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))


def retold(*args: str) -> list[str]:
    return [sys.executable, "-m", "retold", *args]


def rows(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def crashed_store(d: Path, size: int, seed: int) -> tuple[Path, Path, int]:
    src = SHARED / "data" / "news_allsides" / "allsides.jsonl"
    if not src.is_file():
        sys.exit(f"{src} is absent: this benchmark needs the shared data")
    with src.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(size)]
    (d / "seed.jsonl").write_text("".join(lines[:seed]), encoding="utf-8")
    full = d / "all.jsonl"
    full.write_text("".join(lines), encoding="utf-8")
    db = d / "s.db"
    subprocess.run(retold("add", str(d / "seed.jsonl"), "--db", str(db), "-q"), check=True, stdout=subprocess.DEVNULL)
    from retold.store import Store

    with Store(db, write=True) as st:
        print(f"seed: {seed} articles, {len(st.index):,} vectors indexed")
    proc = subprocess.Popen(retold("add", str(full), "--db", str(db), "-q"), stderr=subprocess.DEVNULL)
    target = seed + (size - seed) // 2
    while rows(db) < target:
        if proc.poll() is not None:
            sys.exit("the add finished before the kill point")
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return db, full, rows(db)


def time_index(db: Path, rebuild: bool) -> tuple[float, int]:
    from retold.store import Store

    t = time.perf_counter()
    with Store(db) as st:
        n = len(st._build_index() if rebuild else st.index)
    return time.perf_counter() - t, n


def time_sources(db: Path, full: Path, ids: list[str]) -> float:
    """Median seconds of ``retold sources`` in the default mode (the one that searches the index)."""
    times = []
    for i in ids:
        t = time.perf_counter()
        r = subprocess.run(retold("sources", f"{full}#{i}", "--db", str(db), "--json"), capture_output=True)
        if r.returncode != 0:
            sys.exit(r.stderr.decode())
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=200)
    ap.add_argument("--queries", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        db, full, n = crashed_store(d, args.size, args.seed)
        segs = sorted((d / "s.db.vectors").glob("seg-*.npz"))
        if not segs:
            sys.exit("no segment after the last base at the kill point: change --size to kill elsewhere")
        print(f"killed at {n:,} of {args.size:,} articles; {len(segs)} segments after the last base")
        t_log, n_log = time_index(db, rebuild=False)
        t_build, n_build = time_index(db, rebuild=True)
        assert n_log == n_build, (n_log, n_build)
        print(f"reader's index ({n_log:,} vectors): saved log {t_log:.2f} s, rebuilt from SQLite {t_build:.2f} s "
              f"-> {t_build / t_log:.1f}x faster")  # fmt: skip
        con = sqlite3.connect(db)
        ids = [i for (i,) in con.execute("SELECT id FROM articles ORDER BY row DESC LIMIT ?", (args.queries,))]
        con.close()
        t_now = time_sources(db, full, ids)
        aside = d / "segments-aside"
        aside.mkdir()
        for p in segs:
            shutil.move(str(p), aside / p.name)  # the saved index no longer covers the committed rows
        t_old = time_sources(db, full, ids)
        print(f"retold sources (default model, median of {len(ids)}): {t_now:.2f} s with the saved log, {t_old:.2f} s "
              f"rebuilding -> {t_old / t_now:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
