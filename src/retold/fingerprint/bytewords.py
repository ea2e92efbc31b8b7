"""The words of a batch's articles read in numpy where each character is one byte (``shingles.read_batch``): no
Python string a word.

Nearly every news article is Latin-1 once lower-cased (9 in 10 are ASCII), or is but for symbols that are no word
characters ("•", "►"), which read as spaces: its words are the runs of bytes that ``\\w`` matches, found in the
bytes of the batch's such articles at once. Each word of at most 16 bytes is packed into two 64-bit integers (its
bytes, zeros after: no word holds a NUL byte, so two words never pack alike), and its hash is read from a
direct-mapped table of packed words (``PackedHashes``); a word is hashed through ``shingles.WORD_HASHES`` (the one
hash of a word) only where its slot holds another word, or none yet. Longer words (0.1% of news words) are hashed
as strings. The sentence keys' joined words are cut from the same bytes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import numpy as np

SEP_BYTE = 0x01  # what follows each sentence (``shingles.SEP`` is this character)
GAP_BYTE = 0x1F  # what stands between two words of a sentence in its joined bytes (``shingles.GAP``)
_WORD = re.compile(r"\w")
_WORD_BYTES = bytes(c for c in range(256) if _WORD.match(chr(c)))
_IS_WORD = bytes(1 if c in _WORD_BYTES else 0 for c in range(256))  # ``bytes.translate``: 1 for a word's byte
# SEP_BYTE and words kept, GAP_BYTE between
_JOINED = bytes(c if c in _WORD_BYTES or c == SEP_BYTE else GAP_BYTE for c in range(256))
_BEYOND = re.compile("[^\x00-\xff]")
# the low ``k`` bytes of a 64-bit integer, for ``k`` of 0 to 8
_LOW = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
PACKED = 16  # bytes a packed word holds


def one_byte(text: str) -> str | None:
    """``text`` (lower-cased) with a character a byte, for ``read_bytes``: Latin-1 as it is, what lies beyond it
    as a space where it is no word character; None where a word character lies beyond Latin-1."""
    if text.isascii():
        return text
    beyond = set(_BEYOND.findall(text))
    if not beyond:
        return text
    if any(_WORD.match(c) for c in beyond):
        return None
    return _BEYOND.sub(" ", text)


class PackedHashes:
    """Each packed word's hash, in ``2**bits`` slots (a word in the slot its packing picks, the last word met there
    kept): a batch's words are looked up with a few array operations, and only the words their slots do not hold
    are hashed by ``word_hash``. A lock keeps a thread from reading a slot half written by another. ``bits``: 17
    (3 MB); reading the 10,000-article corpus's words, hashes not yet known, took 1.91 / 1.60 / 1.47 / 1.38 s of
    CPU with 15 / 16 / 17 / 18 bits."""

    def __init__(self, word_hash: Callable[[str], int], bits: int = 17) -> None:
        self.word_hash = word_hash
        self.shift = np.uint64(64 - bits)
        # each slot's word (its first and next eight bytes; no word packs as two zeros: the empty slots) and hash,
        # as three arrays: ``take`` from each is five times as fast as fancy indexing rows of one
        self.first = np.zeros(1 << bits, dtype=np.uint64)
        self.next = np.zeros(1 << bits, dtype=np.uint64)
        self.hashes = np.zeros(1 << bits, dtype=np.uint64)
        self.lock = threading.Lock()

    def _slots(self, k0: np.ndarray, k1: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            out: np.ndarray = (((k0 * _MIX) ^ k1) * _MIX >> self.shift).astype(np.intp)
        return out

    def lookup(self, k0: np.ndarray, k1: np.ndarray) -> np.ndarray:
        """The hashes of the words packed as ``(k0, k1)`` (their first and next eight bytes)."""
        slots = self._slots(k0, k1)
        with self.lock:
            out = self.hashes.take(slots)
            miss = np.flatnonzero((self.first.take(slots) != k0) | (self.next.take(slots) != k1))
            if len(miss):
                # each word missed once, found by sorting (not a Python tuple a miss: a batch misses a word in nine,
                # most of them words it repeats, whose slot another word took)
                a, b = k0[miss], k1[miss]
                order = np.lexsort((b, a))
                a, b = a[order], b[order]
                first = np.ones(len(a), dtype=bool)
                first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
                new_a, new_b = a[first], b[first]
                found = np.fromiter(
                    (self.word_hash(_unpacked(x, y)) for x, y in zip(new_a.tolist(), new_b.tolist(), strict=True)),
                    dtype=np.uint64,
                    count=len(new_a),
                )
                got = np.empty(len(miss), dtype=np.uint64)
                got[order] = found[np.cumsum(first) - 1]
                out[miss] = got
                at, one = np.unique(self._slots(new_a, new_b), return_index=True)  # a word a slot
                self.first[at], self.next[at] = new_a[one], new_b[one]
                self.hashes[at] = found[one]
        return out


def _unpacked(k0: int, k1: int) -> str:
    return (k0 | k1 << 64).to_bytes(PACKED, "little").rstrip(b"\0").decode("latin-1")


def read_bytes(text: str, table: PackedHashes) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """The words of ``text`` (lower-cased, every sentence followed by SEP_BYTE, ``one_byte``): every word's hash,
    each sentence's count of words, and each sentence's words joined by GAP_BYTE, UTF-8 (with a GAP_BYTE to strip at
    either end; one more, empty, after the last SEP_BYTE), as ``shingles.Read`` holds them."""
    data = text.encode("latin-1")
    n = len(data)
    buf = data + bytes(PACKED)
    raw = np.frombuffer(buf, dtype=np.uint8, count=n)
    word = np.frombuffer(data.translate(_IS_WORD), dtype=bool)
    edge = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    sizes = ends - starts
    # the eight bytes from each offset, read in place (unaligned)
    eights = np.ndarray((n + PACKED // 2,), dtype="<u8", buffer=buf, strides=(1,))
    hashes = np.empty(len(starts), dtype=np.uint64)
    fits = sizes <= PACKED
    short = np.flatnonzero(fits) if not fits.all() else slice(None)
    first, size = starts[short], sizes[short]
    k0 = eights[first] & _LOW[np.minimum(size, 8)]
    k1 = np.zeros_like(k0)
    wide = np.flatnonzero(size > 8)
    k1[wide] = eights[first[wide] + 8] & _LOW[size[wide] - 8]
    hashes[short] = table.lookup(k0, k1)
    for k in np.flatnonzero(~fits).tolist():
        hashes[k] = table.word_hash(text[starts[k] : ends[k]])
    seps = np.flatnonzero(raw == SEP_BYTE)
    counts = np.diff(np.searchsorted(starts, seps), prepend=0)
    keep = word | (raw == SEP_BYTE)
    keep[1:] |= word[:-1]  # the byte after a word: SEP_BYTE, or the GAP_BYTE standing for what parts it from the next
    kept = np.frombuffer(data.translate(_JOINED), dtype=np.uint8)[keep].tobytes()
    if not text.isascii():  # the words' UTF-8
        kept = kept.decode("latin-1").encode("utf-8")
    return hashes, counts.astype(np.int64), kept.split(bytes([SEP_BYTE]))
