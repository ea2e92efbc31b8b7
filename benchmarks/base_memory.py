"""Peak memory of reading a store's HNSW base and of writing it again, for this checkout or two taking turns.

    .venv/bin/python benchmarks/base_memory.py STORE [--against DIR] [--turns 2] [--layout zstd]
    .venv/bin/python benchmarks/base_memory.py STORE --build [--against DIR] [--turns 2]

STORE is a store whose vector index has been built (``corpus_sources.py --modes model`` builds one: at 100,000
articles 2,668,305 vectors). Each run is a fresh process with the checkout's ``src`` first on its path: it reads
the newest base (``graphfile.read_base``; wall seconds, peak RSS, RSS after), then writes it to a temporary file
in ``--layout`` (``basewrite.write_base``, or ``graphfile.write_base`` in a checkout from before it; the peak
counted from the RSS after reading) and prints the md5 of what it wrote, so two checkouts that must write the
same bytes print the same md5. ``--build`` instead takes a store with no index (``retold add`` makes one) and, in
each run, builds and saves its index as the first default-mode use of a store does (``Store(db, write=True).index``)
on a copy of it: peak RSS, seconds, vectors. Memory, not time, is what this measures: the times are a shared machine's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUN = r"""
import hashlib, json, sys, time
from pathlib import Path
import faiss
from retold.store.graphfile import read_base
try:
    from retold.store.basewrite import write_base
except ImportError:  # a checkout from before basewrite
    from retold.store.graphfile import write_base

def status(key):
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith(key)).split()[1]) / 1024

base, out, layout = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
index = read_base(faiss, base)
res = {"vectors": int(index.ntotal), "read_s": time.perf_counter() - t0, "read_peak_mb": status("VmHWM:")}
res["after_read_mb"] = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the high-water mark from here: the write's own peak
t0 = time.perf_counter()
write_base(faiss, index, out, layout)
res.update(write_s=time.perf_counter() - t0, write_peak_mb=status("VmHWM:"), bytes=out.stat().st_size)
res["md5"] = hashlib.md5(out.read_bytes()).hexdigest()
print(json.dumps(res))
"""


BUILD = r"""
import json, sys, time
from retold.store.sqlite import Store

t0 = time.perf_counter()
with Store(sys.argv[1], write=True) as st:
    n = len(st.index)
with open("/proc/self/status") as f:
    peak = int(next(line for line in f if line.startswith("VmHWM:")).split()[1]) / 1024
print(json.dumps({"vectors": n, "build_s": time.perf_counter() - t0, "build_peak_mb": peak}))
"""


def built(src: Path, store: Path) -> dict[str, float]:
    """Build and save the index of a copy of ``store`` (no index) with the checkout whose ``src`` is given."""
    if Path(f"{store}.vectors").is_dir() and any(Path(f"{store}.vectors").glob("base-*")):
        raise SystemExit(f"{store}: it keeps an index already; --build wants one that does not (retold add makes one)")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / store.name
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{store}{suffix}").exists():
                shutil.copy2(f"{store}{suffix}", f"{copy}{suffix}")
        if Path(f"{store}.vectors").is_dir():
            shutil.copytree(f"{store}.vectors", f"{copy}.vectors")
        env = {**os.environ, "PYTHONPATH": str(src)}
        done = subprocess.run(
            [sys.executable, "-c", BUILD, str(copy)], env=env, capture_output=True, text=True, check=True
        )
    res: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return res


def newest_base(store: Path) -> Path:
    found = sorted((Path(f"{store}.vectors")).glob("base-*.faiss"))
    if not found:
        raise SystemExit(f"{store}: no vector base (build the index first: corpus_sources.py --modes model)")
    return found[-1]


def run(src: Path, base: Path, layout: str) -> dict[str, float | str]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(src)}
        done = subprocess.run(
            [sys.executable, "-c", RUN, str(base), str(Path(tmp) / "base.faiss"), layout],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    res: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--against", type=Path, help="another checkout, run in turn with this one")
    ap.add_argument("--turns", type=int, default=2)
    ap.add_argument("--layout", default="zstd", choices=["", "compact", "packed", "zstd"])
    ap.add_argument("--build", action="store_true", help="build and save the index of a store that has none")
    args = ap.parse_args()
    trees = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
    if args.build:
        print(f"building the index of copies of {args.store}, load {os.getloadavg()[0]:.1f}", flush=True)
        for turn in range(args.turns):
            for name, src in trees:
                b = built(src, args.store)
                print(
                    f"turn {turn + 1} {name:>5}: {b['vectors']:,} vectors built and saved in {b['build_s']:.1f} s, "
                    f"peak RSS {b['build_peak_mb']:,.0f} MB",
                    flush=True,
                )
        return
    base = newest_base(args.store)
    print(f"{base} ({base.stat().st_size:,} bytes), load {os.getloadavg()[0]:.1f}", flush=True)
    for turn in range(args.turns):
        for name, src in trees:
            r = run(src, base, args.layout)
            print(
                f"turn {turn + 1} {name:>5}: {r['vectors']:,} vectors; read {r['read_s']:.1f} s, peak "
                f"{r['read_peak_mb']:,.0f} MB, after {r['after_read_mb']:,.0f} MB; write {r['write_s']:.1f} s, peak "
                f"{r['write_peak_mb']:,.0f} MB; {r['bytes']:,} bytes, md5 {r['md5']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
