"""Band rows kept outside SQLite: a new store's layout (``meta.band_layout = log``).

Each write of band rows saves one file, ``bands-<n>.bin`` in ``<db>.vectors/``: its rows sorted by key, then article
(``retold.store.bandfile``: 5.9 bytes a row packed, 12.0 plain, where a ``bands`` row took SQLite 14.8). As the
vector log's segments (``retold.store.vectorlog``), a file is written durably *inside* the SQLite transaction that
adds its articles, before the commit, and named in ``meta.band_files`` (with ``meta.band_next``, the next file's
number) in that same transaction: a file of a transaction that never committed is named nowhere, so readers never
open it and the next writer removes it. Once more than ``MAX_FILES`` are named, the writer merges the newest ones
into one (written durably, then named in place of those in a transaction of its own, then they are unlinked). A
delete rewrites no file: its rows are named in ``meta.band_deleted``, left out when reading, and dropped (with their
names) by the merge that rewrites the file holding them. A row number is never given again while a file may hold its
keys (:meth:`BandLog.next_row`). A reader maps every file its snapshot names when it opens, so a writer's merge that
unlinks them takes nothing from it (an open file outlives its name).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retold.errors import StoreError
from retold.fingerprint.shingles import ranges
from retold.store import bandfile, bandpack
from retold.store.bandfile import NO_ROWS, Run, encode, narrow, open_run, writer
from retold.store.bandpack import PackedRun
from retold.store.faiss_index import write_durably
from retold.store.records import HeldRows, insert_sorted

LOG = "log"  # ``meta.band_layout`` of a store whose band rows live in files
MAX_FILES = 16  # files named before the newest are merged
PART_ROWS = 1 << 20  # rows sorted at once while the buckets are read (about 24 MB)
_NAME = re.compile(r"^bands-(\d{12})\.bin(\.tmp\d+)?$")


def file_name(n: int) -> str:
    return f"bands-{n:012d}.bin"


def band_folder(db: Path) -> Path:
    """Where a store keeps its band files: beside its vector index and lock."""
    return Path(str(db) + ".vectors")


def _meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(con: sqlite3.Connection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


@dataclass(frozen=True)
class Listed:
    """What one SQLite snapshot says of the band files: ``(number, rows)`` of each, oldest first (their articles
    ascend from file to file), the next file's number, and the deleted articles whose rows files may still hold."""

    files: tuple[tuple[int, int], ...]
    next: int
    deleted: np.ndarray

    @classmethod
    def of(cls, con: sqlite3.Connection) -> Listed:
        files = tuple((int(n), int(r)) for n, r in json.loads(_meta(con, "band_files") or "[]"))
        deleted = np.asarray(json.loads(_meta(con, "band_deleted") or "[]"), dtype=np.int64)
        return cls(files, int(_meta(con, "band_next") or 1), deleted)


def _write(folder: Path, n: int, keys: np.ndarray, arts: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_durably(folder / file_name(n), lambda tmp: encode(tmp, keys, arts))


def _sorted_unique(keys: np.ndarray, arts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows sorted by key, then article, each once (a key an article holds twice is one row, as in ``bands``). Keys
    are sorted by quicksort and only the rows of a key held more than once then by article: 0.05 s a million rows
    against 0.10 for one ``lexsort`` (nearly every key is one row's)."""
    order = np.argsort(keys)
    sk = keys[order]
    tied = np.zeros(len(sk), dtype=bool)
    tied[1:] = sk[1:] == sk[:-1]
    tied[:-1] |= tied[1:]
    if tied.any():
        at = np.flatnonzero(tied)
        order[at] = order[at][np.lexsort((arts[order[at]], sk[at]))]
    k, a = keys[order], arts[order]
    keep = np.ones(len(k), dtype=bool)
    keep[1:] = (k[1:] != k[:-1]) | (a[1:] != a[:-1])
    return k[keep], a[keep]


class BandFiles:
    """The band files one snapshot names, opened: what the store's band reads answer from."""

    def __init__(self, runs: list[Run | PackedRun], deleted: np.ndarray) -> None:
        self.runs = [r for r in runs if len(r)]
        self.deleted = deleted

    @classmethod
    def open(cls, folder: Path, listed: Listed) -> BandFiles:
        return cls([open_run(folder / file_name(n)) for n, _ in listed.files], listed.deleted)

    def _live(self, keys: np.ndarray, arts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not len(self.deleted):
            return keys, arts
        keep = ~np.isin(arts, self.deleted)
        return keys[keep], arts[keep]

    def _between(self, low: int, high: int | None, shared: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The live rows of keys in ``[low, high)`` (``high`` None: to the end), by key then article: the files'
        runs in order, stably sorted by key (each file is sorted, and its articles follow the older files'). With
        ``shared``, only the rows of keys that two or more rows hold, found by sorting the keys alone: the rest are
        never sorted (10,000 real articles: 27,436 keys of 5,137,646 rows; ``groups`` 0.25 -> 0.11 s of CPU)."""
        spans = []
        for run in self.runs:
            spans.append(run.span(low, high))
            run.release()  # what it read is in arrays of its own (a merge or a scan reads every file through)
        if shared:
            ks, arts = _shared_rows(self.runs, spans)
        else:
            ks = [k for _, k in spans]
            arts = [run.articles(start, start + len(k)) for run, (start, k) in zip(self.runs, spans, strict=True)]
        for run in self.runs:
            run.release()  # and the articles' pages
        ks.append(NO_ROWS)
        arts.append(NO_ROWS)
        keys, rows = self._live(np.concatenate(ks), np.concatenate(arts))
        order = np.argsort(keys, kind="stable")
        return keys[order], rows[order]

    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Every live row: keys and articles, by key then article."""
        return self._between(min((r.first() for r in self.runs), default=0), None)

    def parts(self, shared: bool = False) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Every live row (``shared``: of the keys two or more rows hold), by key then article, in ranges of keys of
        about ``PART_ROWS`` rows."""
        if not self.runs:
            return
        low, high = min(r.first() for r in self.runs), max(r.last() for r in self.runs)
        parts = max(1, -(-sum(len(r) for r in self.runs) // PART_ROWS))
        edges = [low + (high - low + 1) * p // parts for p in range(parts + 1)]
        for p in range(parts):
            keys, arts = self._between(edges[p], edges[p + 1] if p + 1 < parts else None, shared)
            if len(keys):
                yield keys, arts

    def live(self) -> int:
        """Rows not of a deleted article."""
        total = sum(len(r) for r in self.runs)
        if len(self.deleted):
            for r in self.runs:
                for s in range(0, len(r), PART_ROWS):
                    total -= int(np.isin(r.articles(s, s + PART_ROWS), self.deleted).sum())
        return total

    def groups(self, max_size: int, fetch: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``Reads.band_groups`` from the files: the keys held by 2 to ``max_size`` articles, ``fetch`` keys at a
        time, read in ranges of keys of about ``PART_ROWS`` rows (a range's rows sorted at once)."""
        for keys, arts in self.parts(shared=True):
            starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
            sizes = np.diff(np.append(starts, len(keys)))
            keep = (sizes >= 2) & (sizes <= max_size)
            rows, sizes = arts[np.repeat(keep, sizes)], sizes[keep]
            ends = np.cumsum(sizes)
            for s in range(0, len(sizes), fetch):
                e = min(s + fetch, len(sizes))
                yield sizes[s:e], rows[(ends[s - 1] if s else 0) : ends[e - 1]]

    def postings(self, wanted: np.ndarray) -> dict[int, list[int]]:
        """``Reads.band_postings`` from the files: ``key -> articles`` (ascending) for sorted distinct keys."""
        packed = [r for r in self.runs if isinstance(r, PackedRun)]
        ks, arts = [NO_ROWS], [NO_ROWS]
        for run in self.runs:
            if not isinstance(run, PackedRun):
                k, a = run.find(wanted)
                ks.append(k)
                arts.append(a)
        k, a = bandpack.find(packed, wanted)
        ks.append(k)
        arts.append(a)
        for run in packed:
            if len(run) > bandfile.WHOLE_ROWS:
                run.release()  # as ``Run.find``
        keys, rows = self._live(np.concatenate(ks), np.concatenate(arts))
        order = np.lexsort((rows, keys))
        out: dict[int, list[int]] = {}
        for key, art in zip(keys[order].tolist(), rows[order].tolist(), strict=True):
            out.setdefault(key, []).append(art)
        return out


def _shared_rows(
    runs: list[Run | PackedRun], spans: list[tuple[int, np.ndarray]]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The keys and articles of the rows of each run (``spans``: its first row and its keys, sorted) whose key two or
    more rows of the runs hold; only their articles are read (a packed file decodes them: 27,436 of 5.1 million)."""
    every = np.sort(np.concatenate([NO_ROWS, *(k for _, k in spans)]))
    twice = every[1:][every[1:] == every[:-1]]
    twice = twice[np.concatenate([[True], twice[1:] != twice[:-1]])] if len(twice) else twice
    out_keys, out_arts = [], []
    for run, (start, k) in zip(runs, spans, strict=True):
        lo = np.searchsorted(k, twice, "left")
        at = ranges(lo, np.searchsorted(k, twice, "right") - lo)
        out_keys.append(k[at])
        out_arts.append(run.articles_at(start + at))
    return out_keys, out_arts


def open_snapshot(con: sqlite3.Connection, folder: Path, tries: int = 5) -> BandFiles:
    """A reader's band files, mapped as its snapshot names them. A writer's merge may unlink a file between the
    snapshot's first read and its opening: then the reader takes a new snapshot (it has read nothing else yet)."""
    for _ in range(tries):
        try:
            return BandFiles.open(folder, Listed.of(con))
        except FileNotFoundError:
            con.execute("ROLLBACK")
            con.execute("BEGIN")
    try:
        return BandFiles.open(folder, Listed.of(con))
    except FileNotFoundError as e:
        raise StoreError(f"{e.filename}: damaged store: a band file the store names is missing") from None


class TableRows(HeldRows):
    """Band rows in the ``bands`` table (a store written before the band log): the writer's side."""

    def put(self, con: sqlite3.Connection, keys: np.ndarray, arts: np.ndarray) -> None:
        insert_sorted(con, self.head, keys, arts)

    def delete(self, con: sqlite3.Connection, rows: dict[int, np.ndarray]) -> None:
        for row, keys in rows.items():
            con.executemany("DELETE FROM bands WHERE key = ? AND article = ?", [(int(k), row) for k in keys])

    def next_row(self, con: sqlite3.Connection) -> int:
        return int(con.execute("SELECT coalesce(max(row), 0) FROM articles").fetchone()[0]) + 1

    def committed(self, con: sqlite3.Connection) -> None:
        """Nothing to do after a commit."""


class BandLog(HeldRows):
    """Band rows in files (``meta.band_layout = log``): the writer's side. While ``Store.holding`` keeps a group's
    transaction open its rows are held (``cap`` of them at most) and saved as one file before the group commits."""

    def __init__(self, folder: Path, cap: int) -> None:
        super().__init__("", cap)
        self.folder = folder

    def flush(self, con: sqlite3.Connection) -> None:
        if self.parts:
            parts = self.parts
            self.drop()
            self.put(con, *(np.concatenate(c) for c in zip(*parts, strict=True)))

    def put(self, con: sqlite3.Connection, keys: np.ndarray, arts: np.ndarray) -> None:
        """Save these rows as a file, named in ``meta`` by the caller's open transaction (before its commit)."""
        if not len(keys):
            return
        assert con.in_transaction, "a band file is named inside the transaction that adds its rows"
        k, a = _sorted_unique(np.asarray(keys, dtype=np.int64), np.asarray(arts, dtype=np.int64))
        listed = Listed.of(con)
        _write(self.folder, listed.next, k, a)
        self._name(con, [*listed.files, (listed.next, len(k))], listed.next + 1)

    @staticmethod
    def _name(con: sqlite3.Connection, files: list[tuple[int, int]], nxt: int) -> None:
        _set(con, "band_files", json.dumps([list(f) for f in files]))
        _set(con, "band_next", str(nxt))

    def delete(self, con: sqlite3.Connection, rows: dict[int, np.ndarray]) -> None:
        """Name the articles' rows deleted (in the caller's transaction); no file is rewritten."""
        gone = set(Listed.of(con).deleted.tolist()) | set(rows)
        _set(con, "band_deleted", json.dumps(sorted(gone)))

    def next_row(self, con: sqlite3.Connection) -> int:
        """The next article's row: above every stored one and every deleted one a file may still hold (a row given
        again would take the deleted article's keys, and be left out with them)."""
        (top,) = con.execute("SELECT coalesce(max(row), 0) FROM articles").fetchone()
        return max(int(top), int(Listed.of(con).deleted.max(initial=0))) + 1

    def prune(self, con: sqlite3.Connection) -> None:
        """Remove the band files the committed state names nowhere (a write that never committed, a merge's
        replaced files, temporary files); call it outside a transaction."""
        if con.in_transaction:
            return
        named = {file_name(n) for n, _ in Listed.of(con).files}
        try:
            paths = list(self.folder.iterdir())
        except OSError:
            return
        for p in paths:
            if _NAME.match(p.name) and p.name not in named:
                p.unlink(missing_ok=True)

    def committed(self, con: sqlite3.Connection) -> None:
        """After a commit: merge the newest files once more than ``MAX_FILES`` are named, from the oldest that holds
        no more rows than the newer ones together (each row is merged again only once its file has grown at least
        twofold: a merge of every file a batch would grow with the square of the store)."""
        if con.in_transaction:
            return
        listed = Listed.of(con)
        if len(listed.files) <= MAX_FILES:
            return
        sizes = [r for _, r in listed.files]
        first = next((i for i in range(len(sizes) - 1) if sizes[i] <= sum(sizes[i + 1 :])), len(sizes) - 2)
        self.merge(con, first)

    def merge(self, con: sqlite3.Connection, first: int) -> None:
        """One file for the files from ``first`` on (deleted articles' rows dropped), written a range of keys at a time
        (about ``PART_ROWS`` rows in memory, where a merge of them all at once held some 24 bytes a row), then named in
        their place."""
        listed = Listed.of(con)
        gone = listed.files[first:]
        files = BandFiles.open(self.folder, Listed(gone, listed.next, listed.deleted))
        n = files.live()
        still = _still_held(listed.deleted, first, files.runs)

        spans = [r.art_range() for r in files.runs]
        for r in files.runs:
            r.release()
        held = (min((a for a, _ in spans), default=0), max((b for _, b in spans), default=0))
        fits = not files.runs or narrow(min(r.first() for r in files.runs), max(r.last() for r in files.runs))

        def put(tmp: Path) -> None:  # a range of keys at a time: the rows are never all in memory
            with open(tmp, "wb") as f:
                out = writer(f, n, held, fits)
                for keys, arts in files.parts():
                    out.write(keys, arts)
                out.done()

        kept = list(listed.files[:first])
        if n:
            write_durably(self.folder / file_name(listed.next), put)
            kept.append((listed.next, n))
        con.execute("BEGIN IMMEDIATE")
        try:
            self._name(con, kept, listed.next + 1)
            if len(still) < len(listed.deleted):
                _set(con, "band_deleted", json.dumps(still.tolist()))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for n, _ in gone:
            (self.folder / file_name(n)).unlink(missing_ok=True)


def _still_held(deleted: np.ndarray, first: int, merged: list[Run | PackedRun]) -> np.ndarray:
    """The deleted articles whose rows a file before ``first`` may hold once the files from ``first`` on are
    merged (their rows dropped): those below every row of the merged files, as rows ascend from file to file. A
    name kept longer only costs the next delete a longer list to rewrite; none is kept when every file is merged."""
    if first == 0:
        return deleted[:0]
    if not len(deleted) or not merged:
        return deleted
    low = merged[0].art_range()[0]  # the oldest merged file holds the lowest of their rows
    return deleted[deleted < low]


def band_bytes(folder: Path) -> int:
    """Bytes of the band files in ``folder``."""
    try:
        return sum(p.stat().st_size for p in folder.iterdir() if _NAME.match(p.name))
    except OSError:
        return 0
