"""Small signed integers four bits each, two a byte, with the few that do not fit kept aside: the same values back.

A counts base (``countsfile``) keeps the hashed n-gram counts its codes were quantised from, a dimension at a time.
They are small (at 2,000 news articles 17.0 million counts, -19..21, 7,900 outside -8..7) and nearly random: 2.45
bits each of order-0 entropy, 4.95 MB in all for a dimension's own distribution. A byte each through zstd 3 took
6.47 MB, zstd 1 5.94 (the matches it finds in random bytes cost more than they save), zlib's Huffman coding alone
5.11 but 86 ms to inflate where zstd takes 26. Two counts a byte (two vectors' counts of one dimension side by
side, each clipped to -8..7) through zstd 1 take 5.17 MB, inflated in 8 ms and read back through a table of the 256
bytes' pairs, with the counts outside -8..7 kept aside: their places (the differences between them, after the
first) and their values, a few bytes each.

A row of ``(rows, columns)`` counts is packed a pair of columns a byte (the first in the low four bits), an odd
last column beside a zero; a count kept aside is named by its place ``column * rows + row`` (the counts read a
column at a time), in ascending order, so a run of columns finds its own with a bisection (``unpack``).
"""

from __future__ import annotations

import numpy as np

LOW, HIGH = -8, 7  # what four bits hold, as two's complement
# the two counts of each byte, as the int8 pair (low four bits, high four bits) read through a uint16
_PAIRS = (np.arange(256) & 15).astype(np.int8), (np.arange(256) >> 4).astype(np.int8)
_TABLE = np.stack([np.where(p > HIGH, p - 16, p).astype(np.int8) for p in _PAIRS], axis=1).reshape(-1).view("<u2")


def pack(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(nibbles, places, values)`` of ``(rows, columns)`` int8 counts: the bytes (``(rows, (columns + 1) // 2)``
    uint8), and the places (int64, ascending) and values (int8) of the counts outside ``LOW..HIGH``."""
    rows, cols = counts.shape
    clipped = np.clip(counts, LOW, HIGH)
    r, c = np.nonzero(clipped != counts)
    places = c.astype(np.int64) * rows + r
    order = np.argsort(places, kind="stable")
    places, values = places[order], counts[r[order], c[order]]
    low = (clipped.view(np.uint8) & 15) if cols % 2 == 0 else np.pad(clipped.view(np.uint8) & 15, ((0, 0), (0, 1)))
    nibbles = low[:, 0::2] | (low[:, 1::2] << 4)
    return np.ascontiguousarray(nibbles), places, values.astype(np.int8)


def unpack(nibbles: np.ndarray, places: np.ndarray, values: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Columns ``start`` to ``stop`` (``start`` even) of the counts ``pack`` gave ``nibbles``, ``places`` and
    ``values`` of, as ``(rows, stop - start)`` int8."""
    if start % 2:
        raise ValueError("a run of packed columns starts at an even one")
    rows = nibbles.shape[0]
    pairs = _TABLE[nibbles[:, start // 2 : (stop + 1) // 2]]
    out: np.ndarray = pairs.view(np.int8).reshape(rows, -1)[:, : stop - start]
    a, b = np.searchsorted(places, [start * rows, stop * rows])
    if b > a:
        at = places[a:b]
        out[at % rows, at // rows - start] = values[a:b]
    return out


def aside_bytes(places: np.ndarray, values: np.ndarray) -> bytes:
    """The counts kept aside as bytes: the first place and the differences between the next (little-endian
    uint64), then the values."""
    steps = np.diff(places, prepend=np.int64(0)) if len(places) else places
    return steps.astype("<u8").tobytes() + values.astype(np.int8).tobytes()


def read_aside(data: bytes | memoryview, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(places, values)`` of ``n`` counts ``aside_bytes`` wrote; ValueError for bytes of another length or
    places out of order."""
    if len(data) != 9 * n:
        raise ValueError("damaged counts kept aside")
    steps = np.frombuffer(data, dtype="<u8", count=n)
    if n and (steps[1:] == 0).any():
        raise ValueError("damaged counts kept aside")
    places = np.cumsum(steps.astype(np.int64)) if n else np.zeros(0, dtype=np.int64)
    return places, np.frombuffer(data, dtype=np.int8, offset=8 * n).copy()
