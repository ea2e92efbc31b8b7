"""LEB128 varints, the one codec of the store's byte layouts: an article's sentence offsets
(``packing.bounds_bytes``), a packed base's ids (``graphfile``) and an add's report (``outcomes``).

A value takes 7 bits a byte, the lowest first, with the high bit set on every byte but its last. A loop over
Python ints, not numpy: an article's offsets are a few dozen values, where numpy's fixed cost per call
dominates. ``benchmarks/varint_speed.py --repeats 9`` (2,000 news articles: 139,004 offset values, 67,894 ids):
26.5 ms for all a store encodes and decodes of them, 218.5 ms with the vectorised numpy codec a packed base
used before; numpy reads the ids alone faster (0.6 ms against 5.7: a packed base's load, once a process).
"""

from __future__ import annotations

from collections.abc import Iterable


def encode(values: Iterable[int]) -> bytes:
    """``values`` (each >= 0) as varints, one after another."""
    out = bytearray()
    for v in values:
        while v >= 0x80:
            out.append(v & 0x7F | 0x80)
            v >>= 7
        out.append(v)
    return bytes(out)


def decode(data: bytes) -> list[int]:
    """The values ``encode`` wrote; ValueError when the last one is cut short."""
    values: list[int] = []
    v = shift = 0
    for byte in data:
        v |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            values.append(v)
            v = shift = 0
    if shift:
        raise ValueError("a varint cut short")
    return values


def read(data: bytes | bytearray, at: int) -> tuple[int, int]:
    """The value whose varint starts at ``at`` in ``data``, and where the next one starts: one value of many, read in
    place (``outcomes.Prefixed``); IndexError when it is cut short."""
    v = shift = 0
    while True:
        byte = data[at]
        at += 1
        v |= (byte & 0x7F) << shift
        if byte < 0x80:
            return v, at
        shift += 7
