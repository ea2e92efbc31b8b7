"""A store's band rows in the two layouts of a band file, plain (``retold.store.bandfile``: 12 bytes a row) and
packed (``retold.store.bandpack``), the same rows in the same files: bytes a row, ``sources``' postings, the scan's
groups and a merge of every file, the layouts taking turns; the answers of both are checked equal.

    .venv/bin/python benchmarks/band_layouts.py STORE [--against DIR] [--queries 60] [--turns 3]

STORE is only read: its files' rows are written again in both layouts into a temporary folder, and each layout's
turn runs in a fresh process: with ``--against``, the plain files are read by that checkout's code (the code before
the packed layout: its merge writes plain files), the packed ones by this one's. The queries are the
band keys of ``--queries`` articles drawn from the rows (an article's keys, as ``sources`` looks them up in every
file). Per layout and turn: the CPU of each lookup (``BandFiles.postings``), of ``groups`` read through as the scan's
candidate stage reads them (at most ``bucket_cap`` rows a key, ``BAND_FETCH`` keys a fetch) and of ``merge`` of every
file into one, with the peak of the heap (``tracemalloc``: numpy's arrays are counted, the mapped files are not);
the minimum and the median over the turns, then new / old.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from retold.provenance.evidence import Settings
from retold.store import bandfile, bandlog
from retold.store.reading import BAND_FETCH

LAYOUTS = {"plain": 8, "packed": "packed"}  # ``bandfile.encode``'s width (the code before has no ``PACK``)
ROOT = Path(__file__).resolve().parents[1]
NO_DELETED = np.zeros(0, dtype=np.int64)


def _copy(store: Path, folder: Path, width: int | str) -> bandlog.Listed:
    """Every band file the store names, written again in ``width``'s layout into ``folder``."""
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    listed = bandlog.Listed.of(con)
    con.close()
    folder.mkdir(parents=True)
    for n, _ in listed.files:
        run = bandfile.open_run(bandlog.band_folder(store) / bandlog.file_name(n))
        keys, arts = run.between(run.first(), None)
        bandfile.encode(folder / bandlog.file_name(n), keys, arts, width)
    return listed


def _cpu(f: object) -> tuple[float, int]:
    tracemalloc.start()
    t = time.process_time()
    f()  # type: ignore[operator]
    spent = time.process_time() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return spent, peak


def _merge(folder: Path, listed: bandlog.Listed) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('band_files', ?)", (json.dumps([list(f) for f in listed.files]),))
    con.execute("INSERT INTO meta VALUES ('band_next', ?)", (str(listed.next),))
    con.commit()
    bandlog.BandLog(folder, 0).merge(con, 0)


def measure(folder: Path, queries: Path, turn: int) -> dict[str, object]:
    """One layout's turn, in a process of its own (``--against``: another checkout's code reads its files)."""
    listed = json.loads((folder / "listed.json").read_text())
    listing = bandlog.Listed(tuple((int(n), int(r)) for n, r in listed), 1 + max(int(n) for n, _ in listed), NO_DELETED)
    files = bandlog.BandFiles.open(folder, listing)
    held = np.load(queries)
    asked = np.split(held["keys"], held["ends"][:-1])
    lookups = []
    for q in asked:
        t = time.process_time()
        files.postings(q)
        lookups.append(time.process_time() - t)
    cap = Settings().bucket_cap
    groups = _cpu(lambda: sum(1 for _ in files.groups(cap, BAND_FETCH)))
    work = folder.parent / f"merge-{folder.name}-{turn}"
    shutil.copytree(folder, work)
    merge = _cpu(lambda: _merge(work, listing))
    merged = (work / bandlog.file_name(listing.next)).stat().st_size
    shutil.rmtree(work)
    digest = hashlib.sha256()
    for q in asked[:10]:
        digest.update(json.dumps(sorted(files.postings(q).items())).encode())
    for sizes, rows in files.groups(cap, BAND_FETCH):
        digest.update(sizes.tobytes() + rows.astype(np.int64).tobytes())
    return {"lookups": lookups, "groups": groups, "merge": merge, "merged": merged, "digest": digest.hexdigest()[:16]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path, nargs="?")
    ap.add_argument("--against", type=Path, help="another checkout, whose code reads the plain files (the code before)")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--turns", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), int(args.measure[2]))))
        return
    tmp = Path(tempfile.mkdtemp(prefix="band-layouts-"))
    try:
        rows = 0
        size = {}
        for name, width in LAYOUTS.items():
            listed = _copy(args.store, tmp / name, width)
            (tmp / name / "listed.json").write_text(json.dumps([list(f) for f in listed.files]))
            size[name] = sum(p.stat().st_size for p in (tmp / name).glob("bands-*"))
            rows = sum(r for _, r in listed.files)
        print(f"{args.store}: {len(listed.files)} files, {rows:,} rows")
        for name in LAYOUTS:
            print(f"  {name:6} {size[name] / 1e6:8.2f} MB, {size[name] / rows:.2f} bytes a row")
        rng = np.random.default_rng(args.seed)
        files = bandlog.BandFiles.open(tmp / "plain", listed)
        biggest = max(files.runs, key=len)
        keys, arts = biggest.between(biggest.first(), None)
        picked = rng.choice(np.unique(arts), args.queries, replace=False)
        queries = [np.unique(keys[arts == a]) for a in picked]
        np.savez(tmp / "queries.npz", keys=np.concatenate(queries), ends=np.cumsum([len(q) for q in queries]))
        code = {"plain": (args.against or ROOT) / "src", "packed": ROOT / "src"}
        got: dict[str, list[dict[str, object]]] = {n: [] for n in LAYOUTS}
        for turn in range(args.turns):
            for name in LAYOUTS:
                env = {**os.environ, "PYTHONPATH": f"{code[name]}{os.pathsep}{ROOT / 'benchmarks'}"}
                cmd = [sys.executable, __file__, "--measure", str(tmp / name), str(tmp / "queries.npz"), str(turn)]
                out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
                got[name].append(json.loads(out.strip().splitlines()[-1]))
                print(
                    f"  turn {turn} {name} ({code[name]}): merged into {got[name][-1]['merged'] / 1e6:.2f} MB, "
                    f"answers {got[name][-1]['digest']}",
                    flush=True,
                )
        print("CPU (min / median over the turns; lookups: p50 / p90 of every lookup), packed / plain:")
        summary: dict[str, dict[str, float]] = {}
        for n in LAYOUTS:
            lookups = [x for g in got[n] for x in g["lookups"]]  # type: ignore[attr-defined]
            groups = sorted(g["groups"][0] for g in got[n])  # type: ignore[index]
            merge = sorted(g["merge"][0] for g in got[n])  # type: ignore[index]
            summary[n] = {
                "p50": statistics.median(lookups) * 1e3,
                "groups": statistics.median(groups),
                "merge": statistics.median(merge),
            }
            print(
                f"  {n:6} postings p50 {summary[n]['p50']:.2f} ms, p90 {np.percentile(lookups, 90) * 1e3:.2f}; "
                f"groups {groups[0]:.3f} / {summary[n]['groups']:.3f} s, heap peak "
                f"{max(g['groups'][1] for g in got[n]) / 2**20:.1f} MiB; merge {merge[0]:.2f} / "  # type: ignore[index]
                f"{summary[n]['merge']:.2f} s, heap peak {max(g['merge'][1] for g in got[n]) / 2**20:.1f} MiB"  # type: ignore[index]
            )
        a, b = summary["packed"], summary["plain"]
        same = len({g["digest"] for n in LAYOUTS for g in got[n]}) == 1
        print(
            f"  packed / plain: bytes {size['packed'] / size['plain']:.3f}, postings p50 {a['p50'] / b['p50']:.3f}, "
            f"groups {a['groups'] / b['groups']:.3f}, merge {a['merge'] / b['merge']:.3f}; the same answers: {same}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
