"""One band file of a band log (``retold.store.bandlog``): its rows sorted by key, then article.

A 16-byte header (``RTBAND``, the key width, log2 of the block, the row count), every 256th key as int64 (a sparse
index), the articles as uint32, then (8-aligned) the keys in ``width`` bytes each. A reader maps the file (and lets
go of the pages it read once it has read them into arrays: ``Run.release``). Keys of 8
bytes (``WIDTH``: 12.03 bytes a row, where a row of SQLite's ``bands`` took 14.8) are searched in the mapping itself,
through the sparse index to a block and then within it.
Keys of 6 (a store's band keys are signed 48-bit, ``minhash.stored_keys``: 10.03 bytes a row) are decoded a block at a
time where the sparse index puts them: 10,000 articles' 5.1 million rows took 51.5 MB instead of 61.7, but the
postings of one article's keys (``sources``) 30 ms instead of 2.6 (14 files, 500 keys, a block of 256 rows decoded
for each key in each file; blocks of 16 rows 4.8 ms, a vectorised bisection in the blocks 5.6-9.0 ms): written only
when asked (``encode(width=6)``), read either way. A store of schema 9 on writes the packed layout
(``retold.store.bandpack``: 5.93 bytes a row at 10,000 articles), a merge too; ``open_run`` reads each file in the
layout its header names, so the plain files of a store of schema 8 are read as they are until a merge rewrites them.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import BinaryIO

import numpy as np

from retold.errors import StoreError
from retold.fingerprint.shingles import ranges
from retold.store import bandpack
from retold.store.bandpack import DONTNEED, NARROW, PACKED, PackedRun, PackedWriter

MAGIC = b"RTBAND"
HEADER = 16
BLOCK_BITS = 8  # rows per entry of the sparse index: 256
PACKED_BITS = 5  # a packed file's: 32 (``retold.store.bandpack``)
WRITE_ROWS = 1 << 20  # keys encoded at a time
WIDTH = 8  # bytes a key a new file keeps
WHOLE_ROWS = 1 << 22  # a file of up to this many rows (32 MiB of 8-byte keys) is searched whole (``Run._bisect``)
NO_ROWS = np.zeros(0, dtype=np.int64)
PACK = "packed"  # ``encode``'s layout of a new file (keys of 48 bits; wider ones are written plain, 8 bytes)


def _layout(n: int, width: int, bits: int) -> tuple[int, int, int]:
    """Where the articles and the keys begin, and the file's size."""
    arts = HEADER + 8 * ((n + (1 << bits) - 1) >> bits)
    keys = arts + 4 * n + (4 * n) % 8  # 8-aligned, so 8-byte keys are read in place
    return arts, keys, keys + width * n


def narrow(low: int, high: int) -> bool:
    """Whether keys from ``low`` to ``high`` fit 48 bits (the packed layout, or the plain one at width 6)."""
    return low >= -NARROW and high < NARROW


def encode(path: Path, keys: np.ndarray, arts: np.ndarray, width: int | str = PACK) -> None:
    """Write sorted rows to ``path`` (the caller makes it durable): packed (``PACK``), or plain with keys of
    ``width`` bytes (6 only for keys of 48 bits)."""
    fits = not len(keys) or narrow(int(keys[0]), int(keys[-1]))
    with open(path, "wb") as f:
        out = writer(f, len(keys), (int(arts.min()), int(arts.max())) if len(arts) else (0, 0), fits, width)
        for s in range(0, len(keys), WRITE_ROWS):
            out.write(keys[s : s + WRITE_ROWS], arts[s : s + WRITE_ROWS])
        out.done()


def writer(f: BinaryIO, n: int, arts: tuple[int, int], fits: bool, width: int | str = PACK) -> Writer | PackedWriter:
    """A file of ``n`` rows whose articles lie in ``arts`` (lowest, highest), packed when its keys ``fits`` 48 bits
    and ``width`` asks for it, else plain (8-byte keys where they do not fit)."""
    if width == PACK and fits and arts[1] - arts[0] < 1 << 56:  # an article is read in one unaligned word
        return PackedWriter(f, n, arts[0], arts[1], PACKED_BITS)
    return Writer(f, n, 6 if width == 6 and fits else WIDTH)


def _mapped(path: Path) -> tuple[mmap.mmap | None, np.ndarray]:
    size = path.stat().st_size
    mapped = None
    if size:
        with open(path, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return mapped, np.frombuffer(mapped, dtype=np.uint8) if mapped is not None else np.zeros(0, dtype=np.uint8)


def open_run(path: Path) -> Run | PackedRun:
    """A band file, mapped, in the layout its header names (``FileNotFoundError`` when it is gone; ``StoreError``
    when it is not whole)."""
    mapped, data = _mapped(path)
    if len(data) >= bandpack.HEADER and bytes(data[:6]) == MAGIC and int(data[6]) == PACKED:
        run = PackedRun(mapped, data, int(data[8:16].view("<u8")[0]), int(data[7]))
        if run.size == len(data):
            return run
        raise StoreError(f"{path}: damaged store: not a whole band file")
    return Run(path, mapped, data)


class Writer:
    """A band file of ``n`` rows written a sorted part at a time (a merge streams its rows, never holding them all):
    each section's place is known from ``n``, so each part is written where it belongs."""

    def __init__(self, f: BinaryIO, n: int, width: int = WIDTH) -> None:
        self.f, self.n, self.width, self.at = f, n, width, 0
        self.arts_at, self.keys_at, _ = _layout(n, width, BLOCK_BITS)
        f.write(MAGIC + bytes([width, BLOCK_BITS]) + np.uint64(n).astype("<u8").tobytes())

    def write(self, keys: np.ndarray, arts: np.ndarray) -> None:
        k = np.asarray(keys, dtype="<i8")
        if self.at + len(k) > self.n:
            raise ValueError("more band rows than the file was sized for")
        step = 1 << BLOCK_BITS
        first = -self.at % step  # the first of these rows the sparse index keeps
        self.f.seek(HEADER + 8 * ((self.at + step - 1) >> BLOCK_BITS))
        self.f.write(np.ascontiguousarray(k[first::step]).tobytes())
        self.f.seek(self.arts_at + 4 * self.at)
        self.f.write(np.ascontiguousarray(arts, dtype="<u4").tobytes())
        self.f.seek(self.keys_at + self.width * self.at)
        if self.width == 6:  # the top 6 bytes of the key shifted up by 16 bits (little-endian)
            self.f.write((k << np.int64(16)).view(np.uint8).reshape(-1, 8)[:, 2:].tobytes())
        else:
            self.f.write(k.tobytes())
        self.at += len(k)

    def done(self) -> None:
        if self.at != self.n:
            raise ValueError(f"{self.at} band rows written to a file sized for {self.n}")
        self.f.seek(0, 2)
        self.f.truncate(self.keys_at + self.width * self.n)  # the padding of an empty tail, if any


class Run:
    """A band file, mapped (``FileNotFoundError`` when it is gone; ``StoreError`` when it is not whole)."""

    def __init__(self, path: Path, mapped: mmap.mmap | None = None, data: np.ndarray | None = None) -> None:
        if data is None:
            mapped, data = _mapped(path)
        size = len(data)
        self._map = mapped
        ok = size >= HEADER and bytes(data[:6]) == MAGIC and int(data[6]) in (6, 8)
        n = int(data[8:HEADER].view("<u8")[0]) if ok else 0
        width, bits = (int(data[6]), int(data[7])) if ok else (8, 0)
        at_arts, at_keys, whole = _layout(n, width, bits)
        if not ok or size != whole:
            raise StoreError(f"{path}: damaged store: not a whole band file")
        self.n, self.width, self.block = n, width, 1 << bits
        self.sparse = data[HEADER:at_arts].view("<i8")
        self.arts = data[at_arts : at_arts + 4 * n].view("<u4")
        self.raw = data[at_keys:].reshape(n, width)
        self.keys = data[at_keys:].view("<i8") if width == 8 else None  # searched in place

    def __len__(self) -> int:
        return self.n

    def release(self) -> None:
        """Let go of the pages of the file this process has read: they stay in the page cache and come back from it
        when read again, but no longer count in the process's RSS. A merge or a scan that reads every file once
        through held them all resident (the add of 100,000 articles: 309 MiB of its main process's 640 at its peak)."""
        if self._map is not None and DONTNEED is not None:
            self._map.madvise(DONTNEED)

    def _bisect(self, keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``np.searchsorted(keys, wanted)`` on the left and on the right, reading the sparse index first and then only
        the block each key falls in (2 KB). A bisection of the whole mapping reads a page at each of its ~28 steps,
        and the kernel maps a large folio around each: at 1,000,000 articles (three files, 4.8 GB) 89 ``sources``
        lookups left 4.2 GB of the files in the process, and letting go of them after each lookup (``find``) took the
        candidate stage's p50 from 10 to 53 ms, the pages being mapped again; through the blocks, 14 ms with 30 MB
        left (load 1-3). A file of up to ``WHOLE_ROWS`` rows is searched whole: its pages are few, and the steps
        through the blocks cost more."""
        if self.n <= WHOLE_ROWS:
            return np.searchsorted(keys, wanted, "left"), np.searchsorted(keys, wanted, "right")
        b, n, k = self.block, self.n, len(wanted)
        both = np.concatenate([wanted, wanted])
        right = np.arange(2 * k) >= k  # the second half looks for the end of each key's rows
        sparse = self.sparse
        j = np.concatenate([np.searchsorted(sparse, wanted, "left"), np.searchsorted(sparse, wanted, "right")])
        # the first block whose first key is past the answer: it lies in ((j - 1) * b, j * b], or is 0 when j is 0
        lo = np.maximum(j - 1, 0) * b
        hi: np.ndarray = np.minimum(j * b, n)
        while True:
            open_ = lo < hi
            if not open_.any():
                return hi[:k], hi[k:]
            mid = (lo + hi) // 2
            at = keys[np.where(open_, mid, 0)]
            before = (at < both) | (right & (at == both))
            lo = np.where(open_ & before, mid + 1, lo)
            hi = np.where(open_ & ~before, mid, hi)

    def articles(self, start: int, end: int) -> np.ndarray:
        """The articles of rows ``start`` to ``end``."""
        return np.asarray(self.arts[start:end], dtype=np.int64)

    def art_range(self) -> tuple[int, int]:
        """The lowest and the highest article (every row read: a merge's)."""
        return (int(self.arts.min()), int(self.arts.max())) if self.n else (0, 0)

    def _decode(self, raw: np.ndarray) -> np.ndarray:
        if self.width == 8:
            return np.ascontiguousarray(raw).view("<i8").ravel().astype(np.int64)
        wide = np.zeros((len(raw), 8), dtype=np.uint8)
        wide[:, 2:] = raw
        out: np.ndarray = wide.view("<i8").ravel() >> np.int64(16)  # arithmetic: the sign comes back
        return out.astype(np.int64)

    def first(self) -> int:
        return int(self.sparse[0])

    def last(self) -> int:
        return int(self._decode(self.raw[self.n - 1 :])[0])

    def between(self, low: int, high: int | None) -> tuple[np.ndarray, np.ndarray]:
        """Keys and articles of the rows with keys in ``[low, high)`` (``high`` None: to the end), decoding the blocks
        that hold them."""
        start, keys = self.span(low, high)
        return keys, self.articles(start, start + len(keys))

    def span(self, low: int, high: int | None) -> tuple[int, np.ndarray]:
        """The first row with a key in ``[low, high)`` and the keys of them all (``between`` without the articles)."""
        if self.keys is not None:
            lo = int(np.searchsorted(self.keys, low, "left"))
            hi = self.n if high is None else int(np.searchsorted(self.keys, high, "left"))
            return lo, np.array(self.keys[lo:hi], dtype=np.int64)
        b = self.block
        start = max(int(np.searchsorted(self.sparse, low, "left")) - 1, 0) * b
        end = self.n if high is None else min(int(np.searchsorted(self.sparse, high, "left")) * b, self.n)
        if end <= start:
            return 0, NO_ROWS
        keys = self._decode(self.raw[start:end])
        lo = int(np.searchsorted(keys, low, "left"))
        hi = len(keys) if high is None else int(np.searchsorted(keys, high, "left"))
        return start + lo, keys[lo:hi]

    def articles_at(self, rows: np.ndarray) -> np.ndarray:
        """The articles of ``rows``."""
        return np.asarray(self.arts[rows], dtype=np.int64)

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keys and articles of the rows holding any of ``wanted`` (sorted, distinct), decoding only their blocks. A
        file of more than ``WHOLE_ROWS`` rows then lets go of the pages it read: a process that answers lookups
        (``retold serve``) would otherwise keep every page it ever read, the files' whole size at last; small files'
        pages are few, and mapping them again cost more (10,000 articles, 15 files: the candidate stage's p50 4.0
        -> 6.8 ms, where leaving them costs at most the files' 62 MB)."""
        if not self.n or not len(wanted):
            return NO_ROWS, NO_ROWS
        out = self._find(wanted)
        if self.n > WHOLE_ROWS:
            self.release()
        return out

    def _find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.keys is not None:
            lo, hi = self._bisect(self.keys, wanted)
            at = ranges(lo, hi - lo)
            return np.repeat(wanted, hi - lo), np.asarray(self.arts[at], dtype=np.int64)
        b = self.block
        first = np.maximum(np.searchsorted(self.sparse, wanted, "left") - 1, 0)
        count = np.searchsorted(self.sparse, wanted, "right") - first  # blocks from ``first`` that may hold it
        blocks = np.unique(ranges(first, np.maximum(count, 0)))
        rows = (blocks[:, None] * b + np.arange(b)).ravel()
        rows = rows[rows < self.n]
        keys = self._decode(self.raw[rows])
        lo, hi = np.searchsorted(keys, wanted, "left"), np.searchsorted(keys, wanted, "right")
        at = ranges(lo, hi - lo)
        return keys[at], np.asarray(self.arts[rows[at]], dtype=np.int64)
