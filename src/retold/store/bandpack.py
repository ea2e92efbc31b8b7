"""The packed layout of a band file (``retold.store.bandfile``), written by every store of schema 9 on.

The rows, sorted by key then article, in blocks of 32 rows. A 32-byte header (``RTBAND``, 0 where the plain layout
keeps its key width, log2 of the block, the row count, the lowest and the highest article); the first key of each
block (int64: the sparse index); where each group of 256 blocks' keys begin (int64) and where each block's begin in
its group (uint16); each block's width (a byte: the bits of its last key less its first); every row's article less
the lowest, ``bit_length(highest - lowest)`` bits each, one stream; then each block's keys less its first key at its
width, 4 bytes a bit of width (the last block filled up to 32 keys with its last key, so every block is read alike);
16 bytes of padding. A store's band keys are 48-bit hashes (``minhash.stored_keys``): in a file of a million rows the
32 keys of a block span about 2^33, so 10,000 articles' 5,137,646 rows take 30.45 MB, 5.93 bytes a row, where the
plain layout takes 61.81 (blocks of 256 rows would take 30.98 MB, of 64 30.22: measured on those rows). Any row is
read without its neighbours: the 8 bytes from its first, shifted and masked (``unpack``). A lookup (``find``) bisects
within the one block the sparse index leaves for each key, in every file at once; a range (``PackedRun.span``) is
decoded a column at a time.
"""

from __future__ import annotations

import mmap
from typing import BinaryIO

import numpy as np

from retold.fingerprint.shingles import ranges

PACKED = 0  # the header's key-width byte of a packed file
HEADER = 32
NARROW = 1 << 47  # keys in [-NARROW, NARROW) are packed
NO_ROWS = np.zeros(0, dtype=np.int64)
DONTNEED: int | None = getattr(mmap, "MADV_DONTNEED", None)  # where the platform has it (not Windows)
_ONE = np.uint64(1)


def bit_length(values: np.ndarray) -> np.ndarray:
    """``int.bit_length`` of each of ``values`` (non-negative, below 2**53: exact as float64)."""
    return np.frexp(np.asarray(values, dtype=np.float64))[1].astype(np.int64)


def unaligned(data: np.ndarray) -> np.ndarray:
    """The uint64 (little-endian) that starts at each byte of ``data`` but its last 7: any value of up to 57 bits
    is one read of it, shifted and masked (``unpack``)."""
    out: np.ndarray = np.ndarray((max(len(data) - 7, 0),), dtype="<u8", buffer=data, strides=(1,))
    return out


def unpack(at_byte: np.ndarray, bitpos: np.ndarray, width: np.ndarray | int) -> np.ndarray:
    """The values of ``width`` bits (up to 57) at bit ``bitpos`` of the bytes ``at_byte`` reads (``unaligned``),
    as int64."""
    mask = (_ONE << np.asarray(width, dtype=np.uint64)) - _ONE
    out: np.ndarray = ((at_byte[bitpos >> 3] >> (bitpos & 7).view(np.uint64)) & mask).view(np.int64)
    return out


def pack(values: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """The bytes of each row of ``values`` (non-negative, below ``2**widths`` of its row; 8 values a row or a
    multiple), its values at its row's width each, the first at the lowest bit, row after row: ``unpack``'s inverse.
    A column at a time (the j-th value of every row at once): 32 or 64 passes over a few thousand rows."""
    m, r = values.shape
    widths = np.asarray(widths, dtype=np.int64)
    cols = ((r * int(widths.max(initial=0)) + 63) >> 6) + 2  # a spill past the last word (or a width of 0)
    held = np.zeros(m * cols, dtype="<u8")
    v = np.ascontiguousarray(values, dtype=np.int64).view(np.uint64)
    if len(np.unique(widths)) == 1:  # one width (the articles): each column's bits are the same in every row
        w = int(widths[0])
        lines = held.reshape(m, cols)
        for j in range(r if w else 0):
            at, shift = (j * w) >> 6, (j * w) & 63
            lines[:, at] |= v[:, j] << np.uint64(shift)
            if shift + w > 64:
                lines[:, at + 1] |= v[:, j] >> np.uint64(64 - shift)
    else:
        row = np.arange(m, dtype=np.int64) * cols
        for j in range(r):
            bit = j * widths
            word = row + (bit >> 6)
            by = (bit & 63).view(np.uint64)
            held[word] |= v[:, j] << by
            held[word + 1] |= (v[:, j] >> _ONE) >> (np.uint64(63) - by)  # two shifts: a shift by 64 is undefined
    out: np.ndarray = held.view(np.uint8).reshape(m, 8 * cols)[np.arange(8 * cols) < (r * widths[:, None] >> 3)]
    return out


GROUP_BITS = 8  # blocks a group: a block's first key is at its group's byte (int64) and its own (uint16) past it
CHUNK_GROUPS = 8  # groups a writer encodes at once (65,536 rows; 0.07-0.08 s a million rows, 32 groups 0.12-0.13)


def sections(n: int, bits: int, art_bits: int) -> tuple[int, int, int, int, int]:
    """Where the groups' bytes, the blocks' bytes in their group, the widths, the articles and the keys begin."""
    blocks = (n + (1 << bits) - 1) >> bits
    groups = HEADER + 8 * blocks
    within = groups + 8 * ((blocks + (1 << GROUP_BITS) - 1) >> GROUP_BITS)
    widths = within + 8 * ((blocks + 3) >> 2)
    arts = widths + 8 * ((blocks + 7) >> 3)
    return groups, within, widths, arts, arts + 8 * ((n * art_bits + 63) >> 6)


class PackedWriter:
    """A packed file of ``n`` rows, articles in ``[low, high]``, written a sorted part at a time (a merge streams its
    rows): whole groups of blocks are written as they come, the rest held for the next part."""

    def __init__(self, f: BinaryIO, n: int, low: int, high: int, bits: int) -> None:
        if not 3 <= bits <= 5:  # its keys end on a byte; a group's 256 blocks of 48-bit keys take < 2**16 bytes
            raise ValueError("a packed block holds 8 to 32 rows")
        self.f, self.n, self.bits, self.low = f, n, bits, low
        self.art_bits = int(high - low).bit_length() if n else 0
        self.groups_at, self.within_at, self.widths_at, self.arts_at, self.keys_at = sections(n, bits, self.art_bits)
        self.at = self.key_bytes = 0
        self.held: tuple[np.ndarray, np.ndarray] = (NO_ROWS, NO_ROWS)
        f.write(b"RTBAND" + bytes([PACKED, bits]) + np.array([n, low, high], dtype="<i8").tobytes())

    def write(self, keys: np.ndarray, arts: np.ndarray) -> None:
        k, a = np.asarray(keys, dtype=np.int64), np.asarray(arts, dtype=np.int64)
        if self.at + len(self.held[0]) + len(k) > self.n:
            raise ValueError("more band rows than the file was sized for")
        group = 1 << (self.bits + GROUP_BITS)
        step = CHUNK_GROUPS * group  # a few groups at a time: their temporaries stay small
        if len(self.held[0]):  # the rows held from the part before, topped up to a chunk
            take = min(len(k), step - len(self.held[0]))
            held = (np.concatenate([self.held[0], k[:take]]), np.concatenate([self.held[1], a[:take]]))
            k, a = k[take:], a[take:]
            if len(held[0]) < step:
                self.held = held
                return
            self._blocks(*held)
        whole = len(k) // group * group
        for s in range(0, whole, step):
            self._blocks(k[s : min(s + step, whole)], a[s : min(s + step, whole)])
        self.held = (k[whole:].copy(), a[whole:].copy())

    def _blocks(self, k: np.ndarray, a: np.ndarray) -> None:
        if not len(k):
            return
        b = 1 << self.bits
        keys = np.concatenate([k, np.repeat(k[-1:], -len(k) % b)]).reshape(-1, b)  # the last block full: its last key
        first = keys[:, 0]
        off = keys - first[:, None]
        widths = bit_length(off[:, -1])
        size = (b >> 3) * widths  # bytes of each block's keys
        begin = np.cumsum(size) - size
        key_bytes = pack(off, widths)
        art = np.concatenate([a - self.low, np.zeros(-len(a) % 64, dtype=np.int64)]).reshape(-1, 64)
        art_end = ((self.at + len(k)) * self.art_bits + 63) >> 6 << 3  # a part of whole groups ends on a byte
        art_bytes = pack(art, np.full(len(art), self.art_bits))[: art_end - (self.at * self.art_bits >> 3)]
        block = self.at >> self.bits
        group_begin = begin[:: 1 << GROUP_BITS]
        for at, data in (
            (HEADER + 8 * block, first.astype("<i8")),
            (self.groups_at + 8 * (block >> GROUP_BITS), (self.key_bytes + group_begin).astype("<i8")),
            (self.within_at + 2 * block, (begin - np.repeat(group_begin, 1 << GROUP_BITS)[: len(begin)]).astype("<u2")),
            (self.widths_at + block, widths.astype(np.uint8)),
            (self.arts_at + (self.at * self.art_bits >> 3), art_bytes),
            (self.keys_at + self.key_bytes, key_bytes),
        ):
            self.f.seek(at)
            self.f.write(data.tobytes())
        self.at += len(k)
        self.key_bytes += len(key_bytes)

    def done(self) -> None:
        self._blocks(*self.held)
        self.held = (NO_ROWS, NO_ROWS)
        if self.at != self.n:
            raise ValueError(f"{self.at} band rows written to a file sized for {self.n}")
        self.f.seek(self.keys_at + self.key_bytes)
        self.f.write(bytes(16))  # the padding ``unpack`` reads past the last value
        self.f.truncate()


class PackedRun:
    """A packed band file, mapped (``bandfile.open_run`` checks the header and the size): the plain ``Run``'s
    reads. Nothing is read into memory on opening but the header and where the last block's keys end."""

    def __init__(self, mapped: mmap.mmap | None, data: np.ndarray, n: int, bits: int) -> None:
        low, high = (int(x) for x in data[16:HEADER].view("<i8"))
        self._map, self.n, self.bits, self.block, self.low, self.high = mapped, n, bits, 1 << bits, low, high
        self.art_bits = (high - low).bit_length() if n else 0
        groups_at, within_at, widths_at, arts_at, self.keys_byte = sections(n, bits, self.art_bits)
        blocks = (n + self.block - 1) >> bits
        self.sparse = data[HEADER:groups_at].view("<i8")
        self.groups = data[groups_at:within_at].view("<i8")
        self.within = data[within_at : within_at + 2 * blocks].view("<u2")
        self.widths = data[widths_at : widths_at + blocks]
        self.size = -1  # not whole, unless its sections are and end where the file does
        if len(data) >= self.keys_byte:
            last = self.keys_byte
            if blocks:
                last = int(self.block_byte(np.array([blocks - 1]))[0]) + (self.block >> 3) * int(self.widths[-1])
            self.size = last + 16
        self.at_byte = unaligned(data)
        self.art_bit0 = arts_at * 8

    def block_byte(self, blk: np.ndarray) -> np.ndarray:
        """The byte of each of ``blk``'s first key."""
        out: np.ndarray = self.keys_byte + self.groups[blk >> GROUP_BITS] + self.within[blk]
        return out

    def __len__(self) -> int:
        return self.n

    def release(self) -> None:
        """As ``Run.release``."""
        if self._map is not None and DONTNEED is not None:
            self._map.madvise(DONTNEED)

    def keys_at(self, rows: np.ndarray) -> np.ndarray:
        """The keys of ``rows``."""
        b = rows >> self.bits
        width = self.widths[b].astype(np.int64)
        at = 8 * self.block_byte(b) + (rows & (self.block - 1)) * width
        out: np.ndarray = self.sparse[b] + unpack(self.at_byte, at, width)
        return out

    def blocks(self, first: int, last: int) -> np.ndarray:
        """The keys of blocks ``first`` to ``last`` (excluded), decoded whole a column at a time (the j-th key of
        every block at once: 0.017 s of CPU for a file's 1,052,266 keys, where one read of every key's bits took
        0.019-0.021 and the blocks of each width at once 0.022-0.039)."""
        out = np.empty((last - first, self.block), dtype=np.int64)
        width = self.widths[first:last].astype(np.int64)
        at_block = self.block_byte(np.arange(first, last))
        base = self.sparse[first:last]
        mask = (_ONE << width.view(np.uint64)) - _ONE
        for j in range(self.block):
            bit = j * width
            value = self.at_byte[at_block + (bit >> 3)] >> (bit & 7).view(np.uint64)
            value &= mask
            out[:, j] = value.view(np.int64) + base
        return out.ravel()

    def articles_at(self, rows: np.ndarray) -> np.ndarray:
        """The articles of ``rows``."""
        return self.low + unpack(self.at_byte, self.art_bit0 + rows * self.art_bits, self.art_bits)

    def articles(self, start: int, end: int) -> np.ndarray:
        """The articles of rows ``start`` to ``end``, decoded a column at a time (64 rows a line)."""
        end = min(end, self.n)
        if end <= start:
            return NO_ROWS
        first, lines = start >> 6, ((end + 63) >> 6) - (start >> 6)
        out = np.empty((lines, 64), dtype=np.int64)
        at_line = (self.art_bit0 >> 3) + (first + np.arange(lines)) * (8 * self.art_bits)
        mask = (_ONE << np.uint64(self.art_bits)) - _ONE
        for j in range(64):
            bit = j * self.art_bits
            value = self.at_byte[np.minimum(at_line + (bit >> 3), len(self.at_byte) - 1)] >> np.uint64(bit & 7)
            out[:, j] = (value & mask).view(np.int64)
        out += self.low
        return out.ravel()[start - 64 * first : end - 64 * first]

    def art_range(self) -> tuple[int, int]:
        return self.low, self.high

    def first(self) -> int:
        return int(self.sparse[0])

    def last(self) -> int:
        return int(self.keys_at(np.array([self.n - 1]))[0])

    def between(self, low: int, high: int | None) -> tuple[np.ndarray, np.ndarray]:
        """As ``Run.between``."""
        start, keys = self.span(low, high)
        return keys, self.articles(start, start + len(keys))

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """As ``Run.find`` (``find`` searches several runs at once; ``BandFiles.postings`` lets go of big files)."""
        return find([self], wanted)

    def span(self, low: int, high: int | None) -> tuple[int, np.ndarray]:
        """As ``Run.span``: the blocks that may hold the range decoded whole."""
        start = max(int(np.searchsorted(self.sparse, low, "left")) - 1, 0) * self.block
        end = self.n if high is None else min(int(np.searchsorted(self.sparse, high, "left")) * self.block, self.n)
        if end <= start:
            return 0, NO_ROWS
        keys = self.blocks(start >> self.bits, (end + self.block - 1) >> self.bits)[: end - start]
        lo = int(np.searchsorted(keys, low, "left"))
        hi = len(keys) if high is None else int(np.searchsorted(keys, high, "left"))
        return start + lo, keys[lo:hi]


def _bits(runs: list[PackedRun], slices: list[slice], bit: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The values (``mask``: of their width) at bit ``bit`` of the runs' bytes, ``slices`` saying which are each run's:
    ``unpack`` over several runs, only the reads of a run's bytes made run by run."""
    at = bit >> 3
    value = np.empty(len(bit), dtype=np.uint64)
    for run, s in zip(runs, slices, strict=True):
        value[s] = run.at_byte[at[s]]
    value >>= (bit & 7).view(np.uint64)
    value &= mask
    return value


class _Descent:
    """Each target's first row with a key not below it, in each run (``targets``: one sorted array a run), by a
    bisection within the one block of 32 rows the run's sparse index leaves for it: the count of the rows below
    the target in block j - 1, the last whose first key is below it (none: block 0, where that count is 0), found a
    bit at a time from the top. The steps 16 to 1 count those among its first 31 rows, and a last step of 1 reads
    its 32nd where all 31 are (the last block is filled up with its last key, so the count is capped at the run's
    rows). Every target of every run at once: only the reads of a run's bytes are made run by run (a numpy call has
    a cost of its own, and a lookup searches some 15 files)."""

    def __init__(self, runs: list[PackedRun], targets: list[np.ndarray]) -> None:
        self.runs = runs
        held = [len(t) for t in targets]
        self.ends = np.cumsum(held)
        self.slices = [slice(int(e) - h, int(e)) for e, h in zip(self.ends, held, strict=True)]
        self.target = np.concatenate([NO_ROWS, *targets])
        blk = np.empty(len(self.target), dtype=np.int64)
        width, base, bit0 = np.empty_like(blk), np.empty_like(blk), np.empty_like(blk)
        for run, s, t in zip(runs, self.slices, targets, strict=True):
            blk[s] = np.maximum(np.searchsorted(run.sparse, t, "left") - 1, 0)
            width[s] = run.widths[blk[s]]
            base[s] = run.sparse[blk[s]]
            bit0[s] = run.block_byte(blk[s])
        self.blk, self.width, self.base, self.bit0 = blk, width, base, bit0 << 3
        self.mask = (_ONE << width.view(np.uint64)) - _ONE
        below = np.maximum(self.target - base, 0).view(np.uint64)  # a row is below when its value is
        self.pos = np.zeros(len(blk), dtype=np.int64)
        for step in [*(1 << s for s in range(max((r.bits for r in runs), default=0) - 1, -1, -1)), 1]:
            np.add(self.pos, step, out=self.pos, where=self.read(self.pos + (step - 1)) < below)

    def read(self, row: np.ndarray) -> np.ndarray:
        """The values of each target's block at ``row`` in it (below the block's rows)."""
        return _bits(self.runs, self.slices, self.bit0 + row * self.width, self.mask)

    def rows(self) -> np.ndarray:
        """Each target's first row with a key not below it."""
        n = np.repeat([r.n for r in self.runs], np.diff(self.ends, prepend=0))
        b = np.repeat([r.block for r in self.runs], np.diff(self.ends, prepend=0))
        out: np.ndarray = np.minimum(self.blk * b + self.pos, n)
        return out

    def found(self) -> np.ndarray:
        """Whether each target's first row holds the target itself."""
        block = np.repeat([r.block for r in self.runs], np.diff(self.ends, prepend=0))
        key = self.base + self.read(np.minimum(self.pos, block - 1)).view(np.int64)
        past = np.flatnonzero(self.pos == block)  # the next block's first row, or past the run's last
        for run, s in zip(self.runs, self.slices, strict=True):
            at = past[(past >= s.start) & (past < s.stop)]
            if len(at):
                nxt = self.blk[at] + 1
                ok = nxt < len(run.sparse)
                key[at] = np.where(ok, run.sparse[np.where(ok, nxt, 0)], NARROW + 1)
        out: np.ndarray = key == self.target
        return out


def find(runs: list[PackedRun], wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keys and articles of the rows of ``runs`` holding any of ``wanted`` (sorted, distinct): each key's first row
    in each run (``_Descent``), then, for the keys a run holds (a few of them), the row past their last, then the
    articles of those rows."""
    if not runs or not len(wanted):
        return NO_ROWS, NO_ROWS
    inside = np.clip(wanted, -NARROW - 1, NARROW)  # a key no file holds stays one (and ``+ 1`` cannot wrap)
    left = _Descent(runs, [inside] * len(runs))
    first, hit = left.rows(), left.found()
    held = [np.flatnonzero(hit[s]) for s in left.slices]
    right = _Descent(runs, [inside[h] + 1 for h in held])
    starts = np.concatenate([NO_ROWS, *(first[s][h] for s, h in zip(left.slices, held, strict=True))])
    count = right.rows() - starts
    rows = ranges(starts, count)
    per_run = np.array([int(count[s].sum()) for s in right.slices], dtype=np.int64)
    art_bits = np.repeat(np.array([run.art_bits for run in runs], dtype=np.int64), per_run)
    bit: np.ndarray = np.repeat(np.array([run.art_bit0 for run in runs], dtype=np.int64), per_run) + rows * art_bits
    ends = np.cumsum(per_run).tolist()
    slices = [slice(end - n, end) for end, n in zip(ends, per_run.tolist(), strict=True)]
    value = _bits(runs, slices, bit, (_ONE << art_bits.view(np.uint64)) - _ONE)
    arts = value.view(np.int64) + np.repeat([run.low for run in runs], per_run)
    keys = np.concatenate([NO_ROWS, *(wanted[h] for h in held)])
    return np.repeat(keys, count), arts
