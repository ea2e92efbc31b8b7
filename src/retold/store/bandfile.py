"""One band file of a band log (``retold.store.bandlog``): its rows sorted by key, then article.

A 16-byte header (``RTBAND``, the key width, log2 of the block, the row count), every ``BLOCK``-th key as int64 (a
sparse index, 8 bytes for 256 rows), the articles as uint32, then the keys in ``width`` bytes each: 6 for a store's
band keys (``minhash.stored_keys``: signed 48-bit), 8 for wider ones. 10 bytes a row where a row of SQLite's ``bands``
took 14.8. A reader maps the file and decodes only the blocks a lookup or a range of keys needs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from retold.errors import StoreError

MAGIC = b"RTBAND"
HEADER = 16
BLOCK_BITS = 8  # rows per entry of the sparse index: 256
WRITE_ROWS = 1 << 20  # keys encoded at a time
NO_ROWS = np.zeros(0, dtype=np.int64)
_NARROW = 1 << 47


def encode(path: Path, keys: np.ndarray, arts: np.ndarray) -> None:
    """Write sorted rows to ``path`` (the caller makes it durable)."""
    n = len(keys)
    width = 6 if n == 0 or (int(keys.min()) >= -_NARROW and int(keys.max()) < _NARROW) else 8
    with open(path, "wb") as f:
        f.write(MAGIC + bytes([width, BLOCK_BITS]) + np.uint64(n).astype("<u8").tobytes())
        f.write(np.ascontiguousarray(keys[:: 1 << BLOCK_BITS], dtype="<i8").tobytes())
        f.write(np.ascontiguousarray(arts, dtype="<u4").tobytes())
        for s in range(0, n, WRITE_ROWS):
            part = np.asarray(keys[s : s + WRITE_ROWS], dtype="<i8")
            if width == 6:  # the top 6 bytes of the key shifted up by 16 bits (little-endian)
                f.write((part << np.int64(16)).view(np.uint8).reshape(-1, 8)[:, 2:].tobytes())
            else:
                f.write(part.tobytes())


class Run:
    """A band file, mapped (``FileNotFoundError`` when it is gone; ``StoreError`` when it is not whole)."""

    def __init__(self, path: Path) -> None:
        size = path.stat().st_size
        data = np.memmap(path, dtype=np.uint8, mode="r") if size else np.zeros(0, dtype=np.uint8)
        ok = size >= HEADER and bytes(data[:6]) == MAGIC and int(data[6]) in (6, 8)
        n = int(data[8:HEADER].view("<u8")[0]) if ok else 0
        width, bits = (int(data[6]), int(data[7])) if ok else (8, 0)
        m = (n + (1 << bits) - 1) >> bits
        if not ok or size != HEADER + 8 * m + (4 + width) * n:
            raise StoreError(f"{path}: damaged store: not a whole band file")
        self.n, self.width, self.block = n, width, 1 << bits
        self.sparse = data[HEADER : HEADER + 8 * m].view("<i8")
        self.arts = data[HEADER + 8 * m : HEADER + 8 * m + 4 * n].view("<u4")
        self.raw = data[HEADER + 8 * m + 4 * n :].reshape(n, width)

    def __len__(self) -> int:
        return self.n

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
        b = self.block
        start = max(int(np.searchsorted(self.sparse, low, "left")) - 1, 0) * b
        end = self.n if high is None else min(int(np.searchsorted(self.sparse, high, "left")) * b, self.n)
        if end <= start:
            return NO_ROWS, NO_ROWS
        keys = self._decode(self.raw[start:end])
        lo = int(np.searchsorted(keys, low, "left"))
        hi = len(keys) if high is None else int(np.searchsorted(keys, high, "left"))
        return keys[lo:hi], np.asarray(self.arts[start + lo : start + hi], dtype=np.int64)

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keys and articles of the rows holding any of ``wanted`` (sorted, distinct), decoding only their blocks."""
        if not self.n or not len(wanted):
            return NO_ROWS, NO_ROWS
        b = self.block
        first = np.maximum(np.searchsorted(self.sparse, wanted, "left") - 1, 0)
        count = np.searchsorted(self.sparse, wanted, "right") - first  # blocks from ``first`` that may hold it
        blocks = np.unique(_ranges(first, np.maximum(count, 0)))
        rows = (blocks[:, None] * b + np.arange(b)).ravel()
        rows = rows[rows < self.n]
        keys = self._decode(self.raw[rows])
        lo, hi = np.searchsorted(keys, wanted, "left"), np.searchsorted(keys, wanted, "right")
        at = _ranges(lo, hi - lo)
        return keys[at], np.asarray(self.arts[rows[at]], dtype=np.int64)


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + c) ...])`` without a Python loop."""
    total = int(counts.sum())
    if not total:
        return NO_ROWS
    before = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (np.repeat(starts - before, counts) + np.arange(total)).astype(np.int64)
