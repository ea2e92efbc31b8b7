"""Band rows in SQLite against band rows as sorted numpy segment files (a prototype, not the store's code).

    .venv/bin/python benchmarks/band_segments.py STORE [--batch 256] [--factor 4] [--repeat 2]

The prototype behind ``retold.store.bandlog`` (session 41), kept for its figures (docs/store.md). ``STORE`` is a
``--lexical`` store an add wrote with its band rows in the ``bands`` table (one made before the band log, or by the
code before it; a new store keeps them in files). Its band rows
(``bands``) are replayed in the batches an add stores (``corpus.BATCH`` articles: rows are given in add
order, so a batch is a range of rows) two ways, alternately, ``--repeat`` times each:

* ``sqlite``: a new file with the store's ``bands`` table, the rows inserted as ``Store.holding`` does
  (``records.HeldRows`` / ``insert_sorted``: held while a group is open, a group committed once it holds a
  quarter of the articles stored when it began);
* ``segments``: each batch's rows sorted by key and written as one file (key as 6 bytes or int64, article as
  uint32), fsynced and renamed (``faiss_index.write_durably``), then the newest two merged while the
  older holds fewer than ``--factor`` times the newer's rows (one pass of a stable sort over two sorted runs).

Then the candidate stage's read of every bucket of 2 to ``bucket_cap`` articles (``Reads.band_buckets``: a
``GROUP BY`` in SQLite; for segments, a stable sort of the loaded segments and the runs of equal keys), and the
postings of 100 articles' keys (``Reads.band_postings``; ``np.searchsorted`` per segment), checked to give the
same buckets and postings. Printed: CPU and wall seconds, bytes on disk, segments left.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from retold.corpus import BATCH
from retold.provenance.candidates import Settings
from retold.store.connect import connect_writer
from retold.store.faiss_index import write_durably
from retold.store.records import HeldRows
from retold.store.sqlite import HELD_BANDS, HOLD

SIGN = np.int64(1 << 47)  # a 6-byte stored key is a signed 48-bit integer; + SIGN makes it unsigned


def timed(fn: Callable[[], object]) -> tuple[float, float, object]:
    c, w = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c, time.perf_counter() - w, out


def load_rows(store: Path) -> tuple[np.ndarray, np.ndarray]:
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = np.array(con.execute("SELECT key, article FROM bands ORDER BY article, key").fetchall(), dtype=np.int64)
    con.close()
    return rows[:, 0].copy(), rows[:, 1].copy()


def batches(keys: np.ndarray, arts: np.ndarray, batch: int) -> list[tuple[np.ndarray, np.ndarray]]:
    cut = np.searchsorted(arts, np.arange(arts.min(), arts.max() + batch + 1, batch))
    return [(keys[a:b], arts[a:b]) for a, b in itertools.pairwise(cut.tolist()) if b > a]


# -- SQLite, as the store writes and reads it now ------------------------------------------------------


def write_sqlite(path: Path, parts: list[tuple[np.ndarray, np.ndarray]]) -> None:
    con = connect_writer(path)  # the store's page size, WAL, cache
    con.execute("CREATE TABLE bands (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)) "
                "WITHOUT ROWID")  # fmt: skip
    held = HeldRows("INSERT OR IGNORE INTO bands", HELD_BANDS)
    stored, group = 0, 0
    con.execute("BEGIN IMMEDIATE")
    size = 0
    for k, a in parts:
        held.add(con, k, a)
        n = len(np.unique(a))
        stored += n
        group += n
        if group * HOLD >= size:
            held.flush(con)
            con.execute("COMMIT")
            con.execute("BEGIN IMMEDIATE")
            size, group = stored, 0
    held.flush(con)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def sqlite_buckets(path: Path, cap: int) -> list[np.ndarray]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    q = "SELECT group_concat(article) FROM bands GROUP BY key HAVING count(*) BETWEEN 2 AND ?"
    out = [np.array(r.split(","), dtype=np.int64) for (r,) in con.execute(q, (cap,))]
    con.close()
    return out


def sqlite_postings(path: Path, wanted: np.ndarray) -> dict[int, list[int]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[int, list[int]] = {}
    ks = sorted(set(wanted.tolist()))
    for s in range(0, len(ks), 900):
        part = ks[s : s + 900]
        for k, a in con.execute(f"SELECT key, article FROM bands WHERE key IN ({','.join('?' * len(part))})", part):
            out.setdefault(int(k), []).append(int(a))
    con.close()
    return out


# -- segments ------------------------------------------------------------------------------------------


class Segments:
    def __init__(self, folder: Path, key_bytes: int, factor: int, merge_at: int) -> None:
        self.folder, self.key_bytes, self.factor, self.merge_at = folder, key_bytes, factor, merge_at
        self.names: list[tuple[str, int]] = []  # (file, rows), oldest first
        self.n = 0

    def _put(self, keys: np.ndarray, arts: np.ndarray) -> tuple[str, int]:
        self.n += 1
        name = f"bands-{self.n:012d}.seg"

        def put(tmp: Path) -> None:
            with open(tmp, "wb") as f:
                f.write(np.int64(len(keys)).tobytes())
                if self.key_bytes == 6:
                    f.write((keys + SIGN).view(np.uint8).reshape(-1, 8)[:, :6].tobytes())
                else:
                    f.write(keys.tobytes())
                f.write(arts.astype(np.uint32).tobytes())

        write_durably(self.folder / name, put)
        return name, len(keys)

    def read(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        data = np.fromfile(self.folder / name, dtype=np.uint8)
        n = int(data[:8].view(np.int64)[0])
        kb = self.key_bytes
        raw = data[8 : 8 + n * kb]
        if kb == 6:
            wide = np.zeros((n, 8), dtype=np.uint8)
            wide[:, :6] = raw.reshape(n, 6)
            keys = wide.view(np.int64).ravel() - SIGN
        else:
            keys = raw.view(np.int64)
        arts = data[8 + n * kb :].view(np.uint32).astype(np.int64)
        return keys, arts

    def add(self, keys: np.ndarray, arts: np.ndarray) -> None:
        order = np.lexsort((arts, keys))
        self.names.append(self._put(keys[order], arts[order]))
        while len(self.names) >= 2 and self.names[-2][1] < self.factor * self.names[-1][1]:
            self._merge(2)
        if self.merge_at and len(self.names) > self.merge_at:
            self._merge(len(self.names))

    def _merge(self, newest: int) -> None:
        """One file for the ``newest`` files (each sorted by key; an older one's rows all lower)."""
        gone = [n for n, _ in self.names[-newest:]]
        parts = [self.read(n) for n in gone]
        k, a = np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        order = np.argsort(k, kind="stable")
        self.names[-newest:] = [self._put(k[order], a[order])]
        for n in gone:
            (self.folder / n).unlink()

    def everything(self) -> tuple[np.ndarray, np.ndarray]:
        parts = [self.read(n) for n, _ in self.names]
        k = np.concatenate([p[0] for p in parts])
        a = np.concatenate([p[1] for p in parts])
        order = np.argsort(k, kind="stable")
        return k[order], a[order]

    def buckets(self, cap: int) -> list[np.ndarray]:
        k, a = self.everything()
        starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
        sizes = np.diff(np.append(starts, len(k)))
        keep = (sizes >= 2) & (sizes <= cap)
        return [a[s : s + n] for s, n in zip(starts[keep].tolist(), sizes[keep].tolist(), strict=True)]

    def postings(self, wanted: np.ndarray) -> dict[int, list[int]]:
        ks = np.unique(wanted)
        out: dict[int, list[int]] = {}
        for name, _ in self.names:
            k, a = self.read(name)
            lo, hi = np.searchsorted(k, ks, "left"), np.searchsorted(k, ks, "right")
            for key, x, y in zip(ks[hi > lo].tolist(), lo[hi > lo].tolist(), hi[hi > lo].tolist(), strict=True):
                out.setdefault(key, []).extend(a[x:y].tolist())
        return {k: sorted(v) for k, v in out.items()}

    def nbytes(self) -> int:
        return sum((self.folder / n).stat().st_size for n, _ in self.names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--batch", type=int, default=BATCH)
    ap.add_argument(
        "--factor",
        type=int,
        default=0,
        help="merge the newest two while the older holds fewer than this times the newer's rows (0: never)",
    )
    ap.add_argument("--merge-at", type=int, default=16, help="merge every file into one once there are more (0: never)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--only", choices=("sqlite", "segments"), help="run one of the two")
    ap.add_argument("--key-bytes", type=int, default=6, choices=(6, 8))
    args = ap.parse_args()
    keys, arts = load_rows(args.store)
    parts = batches(keys, arts, args.batch)
    cap = Settings().bucket_cap
    wanted_rows = np.unique(arts)[:: max(1, len(np.unique(arts)) // 100)][:100]
    wanted = keys[np.isin(arts, wanted_rows)]
    print(f"{len(keys):,} band rows of {len(np.unique(arts)):,} articles in {len(parts)} batches", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="bands-", dir=os.environ.get("TMPDIR")))
    try:
        for rep in range(args.repeat):
            for how in (args.only,) if args.only else ("sqlite", "segments"):
                where = tmp / f"{how}{rep}"
                where.mkdir()
                if how == "sqlite":
                    db = where / "bands.db"
                    cw, ww, _ = timed(lambda db=db: write_sqlite(db, parts))
                    cr, wr, got = timed(lambda db=db: sqlite_buckets(db, cap))
                    cp, wp, post = timed(lambda db=db: sqlite_postings(db, wanted))
                    nbytes, left = db.stat().st_size, 1
                else:
                    seg = Segments(where, args.key_bytes, args.factor, args.merge_at)
                    cw, ww, _ = timed(lambda seg=seg: [seg.add(k, a) for k, a in parts])
                    cr, wr, got = timed(lambda seg=seg: seg.buckets(cap))
                    cp, wp, post = timed(lambda seg=seg: seg.postings(wanted))
                    nbytes, left = seg.nbytes(), len(seg.names)
                assert isinstance(got, list) and isinstance(post, dict)
                sig = (len(got), sum(len(b) for b in got), hash(tuple(sorted(tuple(b.tolist()) for b in got))))
                psig = hash(tuple(sorted((k, tuple(sorted(v))) for k, v in post.items())))
                print(
                    f"{how:8s} run {rep + 1}: write {cw:.2f} s CPU / {ww:.2f} s wall; buckets {cr:.2f} / {wr:.2f} s "
                    f"({sig[0]:,} buckets, {sig[1]:,} rows, digest {sig[2] & 0xFFFF:04x}); postings of 100 articles "
                    f"{cp:.3f} / {wp:.3f} s (digest {psig & 0xFFFF:04x}); {nbytes / 1e6:.2f} MB in {left} file(s), "
                    f"{nbytes / len(keys):.2f} B/row",
                    flush=True,
                )
                shutil.rmtree(where)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
