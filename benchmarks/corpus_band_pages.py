"""The band files' pages a read of every band row leaves in the reading process's RSS, for one checkout or two.

    .venv/bin/python benchmarks/corpus_band_pages.py [--files 17] [--rows 1048576] [--against DIR]

A band-log merge (``bandlog.BandLog.merge``) and a scan's candidate stage (``BandFiles.groups``) read every band file
once through, a range of keys at a time (``BandFiles.parts``); the files are mapped, and a mapped page once read
counts in the process's RSS (``RssFile``) until it is let go of (``bandfile.Run.release``) or unmapped. This writes
``--files`` band files of ``--rows`` random sorted keys each (17: what the add merges at most at once), then, in a
fresh process per checkout, reads them all through ``BandFiles.parts`` while a thread samples ``RssFile`` every
millisecond: its value before, its largest during the read, at the end, and the rows read (the same for both).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_file_mib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssFile:"):
            return int(line.split()[1]) // 1024
    return 0


def measure(folder: Path) -> str:
    from retold.store import bandfile, bandlog

    before, most, stop = rss_file_mib(), [0], threading.Event()

    def sample() -> None:
        while not stop.is_set():
            most[0] = max(most[0], rss_file_mib())
            time.sleep(0.001)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    opening = getattr(bandfile, "open_run", bandfile.Run)  # each file in its own layout (the code before: plain)
    files = bandlog.BandFiles([opening(p) for p in sorted(folder.glob("bands-*.bin"))], bandlog.NO_ROWS)
    rows = sum(len(k) for k, _ in files.parts())
    stop.set()
    thread.join()
    return f"{rows:,} rows read; RssFile {before} MiB before, at most {most[0]} during, {rss_file_mib()} at the end"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=17)
    ap.add_argument("--rows", type=int, default=1 << 20)
    ap.add_argument("--against", type=Path, help="another checkout, run after this one")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(measure(args.measure))
        return
    import numpy as np

    sys.path.insert(0, str(ROOT / "src"))
    from retold.store import bandfile, bandlog

    with tempfile.TemporaryDirectory(prefix="retold-pages-") as name:
        folder = Path(name)
        rng = np.random.default_rng(0)
        for n in range(1, args.files + 1):
            keys = np.sort(rng.integers(-(2**47), 2**47, args.rows))
            # plain (8-byte keys), which both checkouts read (a packed file, the default since session 48, is new)
            bandfile.encode(folder / bandlog.file_name(n), keys, np.full(len(keys), n, dtype=np.int64), 8)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        print(f"{args.files} band files of {args.rows:,} rows: {size:.0f} MiB")
        for who, src in [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else []):
            cmd = [sys.executable, __file__, "--measure", str(folder)]
            got = subprocess.run(cmd, env={"PYTHONPATH": str(src)}, capture_output=True, text=True, check=True)
            print(f"{who} checkout: {got.stdout.strip()}", flush=True)


if __name__ == "__main__":
    main()
