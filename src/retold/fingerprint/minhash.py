"""MinHash LSH band keys of sentence windows, so a passage lifted into a longer article is found.

A whole-article MinHash sees a lifted paragraph only as a small Jaccard against a long article.
Lifting keeps sentence boundaries, so both sides are cut into the same units: windows of two
consecutive sentences at every sentence (a one-sentence article is one window). A lifted passage of
two or more sentences then has windows that are near-identical on both sides whatever surrounds
them (containment of the passage in either article), and a lightly edited one still shares most
5-gram shingles. Each window's MinHash (rensa, 64 permutations) is cut into 16 bands of 3 rows:
windows with Jaccard 0.5 collide with probability 0.88, 0.7 with 1.00, 0.3 with 0.36. Three rows, not
four (0.64 / 0.98 / 0.12), because a passage whose every sentence was lightly edited keeps a window
Jaccard of only 0.3-0.5: on 10,000 real articles edited passages became candidates 0.96 of the time
instead of 0.88, for 1.55 times the candidate pairs. Two or three edits in every short sentence still leave a
window only 0.18-0.33 of its 5-grams, so new stores (``LAYOUT``) keep 14 of those bands and add one band of 4 rows of
a 4-value MinHash of the window's content-word bigrams (``content_words``: the stopwords dropped, which most edits
touch): blocked CV over five 10,000-article plantings (``benchmarks/candidate_layouts.py``) held out 244 -> 247 of 250
edited passages as candidates for 0.996-1.002 times the band channel's pairs and 0.94 times its band rows, and three
plantings kept out of it 143 -> 149 of 150 (1.001-1.004 times the pairs), PAN13 500 of 500 as before. A store keeps
the layout it was created with (``meta.lsh_rows``: "3" and "4", 16 bands of that many rows, for the stores written
before; none, "4"), since keys of other layouts never meet. An article's fingerprint is the set of its band keys;
two articles are LSH candidates when they share one.

A store keeps each key in 6 bytes (``stored_keys``: its top 48 bits, ``meta.band_key_bytes``), not the 8
of the whole 63-bit key; a store written before keeps whole keys. Nearly every key is held by one window
of one article (1,011,266 distinct of 1,015,905 at 2,000 news articles), so the key is most of a band row,
and 48 bits still keep chance collisions negligible: ``n**2 / 2**49`` pairs of distinct keys for ``n``
keys, 0.002 at 2,000 articles (one million keys), 4.4 at 100,000 (50 million), each an extra candidate
pair, never a lost one.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import starmap
from typing import Any

import numpy as np

from retold._memory import uncollected
from retold.errors import ModelError, StoreError
from retold.fingerprint.shingles import _POS, SHINGLE, Read, mix64, ranges, read_batch, word_hash
from retold.model import Article
from retold.text.stopwords import STOP_EN

NUM_PERM = 64
BANDS = 16  # of the stores written before ``LAYOUT``; a pair's LSH reading is ranked as shared keys of 16
ROWS = 3  # rows of the 5-gram bands of new stores
SEED = 7
KEY_BYTES = 6  # bytes a new store keeps of each band key (``stored_keys``)
KEY_BYTES_ALLOWED = (6, 8)  # 8: the whole key, as stores written before ``meta.band_key_bytes`` keep it
WINDOW = 2
_GOLDEN = 0x9E3779B97F4A7C15
_BAND_SALT = mix64(np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(_GOLDEN))


def _rensa() -> Any:
    try:
        from rensa import RMinHash
    except ImportError:
        raise ModelError("MinHash fingerprints need rensa: pip install 'retold[corpus]'") from None
    return RMinHash


def _windows(read: Read, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each window of ``window`` consecutive sentences of the batch ``read`` as a ``[start, end)`` range of its
    token hashes (every article's sentences read straight through), with the article it belongs to (empty windows
    dropped). An article of ``window`` sentences or fewer is one window.

    The windows overlap, so they are ranges of one array, not copies; found for the whole batch at once."""
    n = read.sentences
    bounds = np.concatenate([[0], np.cumsum(read.counts)])  # each sentence's first token, and the end
    owner = np.repeat(np.arange(len(n)), n)  # each sentence's article
    first = np.concatenate([[0], np.cumsum(n)])  # each article's first sentence, and the end
    local = np.arange(len(owner)) - first[owner]  # each sentence's place in its article
    size = n[owner]
    # a window starts at every sentence that has window - 1 after it, or at the first of a short article
    opens = np.flatnonzero((local <= size - window) | ((size <= window) & (local == 0)))
    last = np.where(size[opens] <= window, first[owner[opens] + 1], opens + window)
    starts, ends = bounds[opens], bounds[last]
    keep = ends > starts
    return starts[keep], ends[keep], owner[opens][keep]


def _shingles(
    flat: np.ndarray, starts: np.ndarray, ends: np.ndarray, shingle: int = SHINGLE
) -> tuple[np.ndarray, np.ndarray]:
    """Every window's word ``shingle``-gram hashes (5-grams) in one flat array, and each window's ``[start, end)``
    offsets in it.

    The n-grams of the whole token array are hashed once (those that cross a window's edge are never
    picked); a window shorter than ``shingle`` words is one n-gram of its length.
    """
    lengths = ends - starts
    count = np.maximum(lengths - shingle + 1, 1)
    out_ends = np.cumsum(count)
    out = np.zeros(int(out_ends[-1]) if len(out_ends) else 0, dtype=np.uint64)
    long = lengths >= shingle
    if long.any():
        n_pos = len(flat) - shingle + 1
        acc = np.zeros(n_pos, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(shingle):
                acc += flat[j : j + n_pos] * _POS[j]
        grams = mix64(acc ^ np.uint64(shingle))
        dest = ranges(out_ends[long] - count[long], count[long])
        out[dest] = grams[ranges(starts[long], count[long])]
    for n in range(1, shingle):  # short windows, grouped by length: one n-gram each
        short = lengths == n
        if not short.any():
            continue
        acc = np.zeros(int(short.sum()), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(n):
                acc += flat[starts[short] + j] * _POS[j]
        out[out_ends[short] - 1] = mix64(acc ^ np.uint64(n))
    return out, np.concatenate([[0], out_ends]).astype(np.uint64)


def window_shingles(article: Article) -> list[np.ndarray]:
    """Shingle hashes of each window of the article (for inspection and tests)."""
    read = read_batch([[s.norm for s in article.sentences]])
    starts, ends, _ = _windows(read)
    if not len(starts):
        return []
    flat, offsets = _shingles(read.hashes, starts, ends)
    return [np.unique(flat[int(offsets[k]) : int(offsets[k + 1])]) for k in range(len(starts))]


@dataclass(frozen=True)
class Layout:
    """A store's LSH layout: ``bands`` bands of ``rows`` rows of each window's 5-gram MinHash, and
    ``content_bands`` of ``content_rows`` of the MinHash of its content words' bigrams (``content_words``)."""

    bands: int
    rows: int
    content_bands: int = 0
    content_rows: int = 0


# by the name a store records (``meta.lsh_rows``); a store without one has "4"
LAYOUTS = {"4": Layout(BANDS, 4), "3": Layout(BANDS, 3), "14x3+c1x4": Layout(14, ROWS, 1, 4)}
LAYOUT = "14x3+c1x4"  # for new stores
CONTENT_SHINGLE = 2


def layout_of(name: int | str) -> Layout:
    """The layout a store records as ``name`` (a row count, 3 or 4, names the 16 bands of stores before
    ``LAYOUT``)."""
    found = LAYOUTS.get(str(name))
    if found is None:
        raise StoreError(f"the LSH layout {name!r} is not supported (only {', '.join(LAYOUTS)})")
    return found


def band_keys(articles: Sequence[Article], layout: int | str = LAYOUT) -> list[np.ndarray]:
    """For each article, its sorted unique LSH band keys as non-negative int64 (SQLite integers), in ``layout``
    (the store's, ``layout_of``)."""
    return read_band_keys(read_batch([[s.norm for s in a.sentences] for a in articles]), layout)


def read_band_keys(read: Read, layout: int | str = LAYOUT) -> list[np.ndarray]:
    """``band_keys`` of the articles of a batch ``read`` (``shingles.read_batch``)."""
    lay = layout_of(layout)
    n = len(read.sentences)
    digests, owner = window_digests(read)
    keys, owners = _window_keys(digests, lay.bands, lay.rows), np.repeat(owner, lay.bands)
    if lay.content_bands:
        # only the values its bands read: rensa's 4-value digest is not the first 4 of its 64-value one, and found
        # the same edited passages for fewer pairs and a sixteenth of the hashing (``benchmarks/candidate_layouts.py``)
        digests, owner = window_digests(
            content_words(read), CONTENT_SHINGLE, num_perm=lay.content_bands * lay.content_rows
        )
        more = _window_keys(digests, lay.content_bands, lay.content_rows, lay.bands)
        keys, owners = _interleave(keys, owners, more, np.repeat(owner, lay.content_bands), n)
    return _per_article(keys, owners, n)


def _interleave(
    keys: np.ndarray, owners: np.ndarray, more: np.ndarray, of: np.ndarray, articles: int
) -> tuple[np.ndarray, np.ndarray]:
    """Two parts' keys, each article by article, as one array article by article (an article's keys of the first
    part, then its keys of the second), placed without a sort, so that each article is sorted once."""
    a, b = np.bincount(owners, minlength=articles), np.bincount(of, minlength=articles)
    before_a, before_b = np.cumsum(a) - a, np.cumsum(b) - b  # keys of the articles before, in each part
    out = np.empty(len(keys) + len(more), dtype=np.int64)
    out[before_b[owners] + np.arange(len(keys))] = keys
    out[before_a[of] + a[of] + np.arange(len(more))] = more
    return out, np.repeat(np.arange(articles), a + b)


@cache
def _stop_hashes() -> np.ndarray:
    return np.sort(np.fromiter((word_hash(w) for w in STOP_EN), dtype=np.uint64))


@cache
def _stop_slots() -> tuple[np.ndarray, np.uint64]:
    """The stopwords' hashes (``_stop_hashes``) in a direct-mapped table read by a hash's top bits, the fewest that
    give every stopword a slot of its own (14 bits for ``STOP_EN``: 128 KB), and the shift that reads them: a token is
    a stopword exactly when its slot holds its hash. An empty slot holds a value whose top bits name another slot,
    which no token read there can equal."""
    stop = _stop_hashes()
    bits = next(b for b in range(8, 65) if len(np.unique(stop >> np.uint64(64 - b))) == len(stop))
    shift = np.uint64(64 - bits)
    table = (np.arange(1 << bits, dtype=np.uint64) ^ np.uint64(1)) << shift
    table[(stop >> shift).astype(np.intp)] = stop
    return table, shift


def content_words(read: Read) -> Read:
    """``read`` with only its content words: the tokens that are not English stopwords (``STOP_EN``). An edited
    sentence keeps most of them in order where it loses most of its 5-grams: a changed function word, two
    neighbours swapped, a dropped modifier and a 'said' reworded leave 0.18-0.33 of a two-sentence window's 5-grams
    (``benchmarks/candidate_layouts.py``)."""
    # one table read a token (``_stop_slots``): 0.03-0.06 s of CPU for the 7.9 M tokens of the 10,000-article corpus,
    # where a bisection of the sorted stopwords took 0.35 s (``np.isin``, sorting every token, 4 times that)
    table, shift = _stop_slots()
    keep = table.take((read.hashes >> shift).astype(np.intp)) != read.hashes
    owner = np.repeat(np.arange(len(read.counts)), read.counts)
    counts = np.bincount(owner[keep], minlength=len(read.counts)).astype(np.int64)
    return Read(read.hashes[keep], counts, read.sentences, read.joined)


def window_digests(
    read: Read, shingle: int = SHINGLE, window: int = WINDOW, num_perm: int = NUM_PERM
) -> tuple[np.ndarray, np.ndarray]:
    """The MinHash digest (``num_perm`` uint32 values, rensa) of each window of ``window`` sentences of the batch
    ``read`` over its word ``shingle``-grams, and the article each window belongs to. The store's layout is the
    defaults; the others are for studies of other layouts (``benchmarks/candidate_layouts.py``)."""
    starts, ends, owner = _windows(read, window)
    if not len(starts):
        return np.zeros((0, num_perm), dtype=np.uint32), owner
    flat, offsets = _shingles(read.hashes, starts, ends, shingle)
    digests = _rensa().digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, SEED)
    # rensa's values are 32-bit: read as uint32 (a third less time than as uint64), widened for the bands only;
    # rensa hands them over as a list a window (no other way out), which hold no cycle but set off the collector;
    # each list packed by one C call (``_row_bytes``; a bytearray, so the array is writable): the first 5,000 articles
    # of the 10,000-article corpus in 0.18-0.20 s of CPU, 0.24-0.26 s read in one flat pass (``fromiter``), 0.29 s
    # as nested lists (``asarray``)
    with uncollected():
        data = bytearray().join(starmap(_row_bytes(num_perm).pack, digests.to_rows()))
    return np.frombuffer(data, dtype=np.uint32).reshape(len(starts), num_perm), owner


@cache
def _row_bytes(values: int) -> struct.Struct:
    """A digest of ``values`` uint32 as bytes in the machine's order (what ``np.frombuffer`` reads as uint32)."""
    return struct.Struct(f"={values}I")


def _salt(bands: int, first: int) -> np.ndarray:
    if bands == BANDS and not first:
        return _BAND_SALT
    return mix64(np.arange(first + 1, first + bands + 1, dtype=np.uint64) * np.uint64(_GOLDEN))


def digest_band_keys(
    digests: np.ndarray, owner: np.ndarray, articles: int, bands: int = BANDS, rows: int = ROWS, first_salt: int = 0
) -> list[np.ndarray]:
    """For each of ``articles`` articles, the sorted unique band keys (non-negative int64) of its windows' digests
    (``window_digests``: ``owner`` names each window's article, windows article by article), cut into ``bands``
    bands of ``rows`` rows (1 to 4) from the first values of each digest; the bands salted as the ``first_salt``
    bands before them were not (another part of a layout)."""
    return _per_article(_window_keys(digests, bands, rows, first_salt), np.repeat(owner, bands), articles)


def _window_keys(digests: np.ndarray, bands: int, rows: int, first_salt: int = 0) -> np.ndarray:
    """Each window's ``bands`` keys, window by window (``digest_band_keys``)."""
    if not len(digests):
        return np.zeros(0, dtype=np.int64)
    if not 1 <= rows <= 4 or bands * rows > digests.shape[1]:
        raise StoreError(f"{bands} bands of {rows} rows do not fit digests of {digests.shape[1]} values")
    d = digests[:, : bands * rows].astype(np.uint64).reshape(len(digests), bands, rows)
    zero = np.zeros(d.shape[:2], dtype=np.uint64)
    with np.errstate(over="ignore"):
        lo = d[:, :, 0] | (d[:, :, 1] << np.uint64(32)) if rows >= 2 else d[:, :, 0]
        hi = d[:, :, 2] | (d[:, :, 3] << np.uint64(32)) if rows == 4 else d[:, :, 2] if rows == 3 else zero
        keys = mix64(mix64(lo) ^ hi ^ _salt(bands, first_salt)[None, :])
    out: np.ndarray = (keys >> np.uint64(1)).astype(np.int64).ravel()
    return out


def _per_article(keys: np.ndarray, owners: np.ndarray, articles: int) -> list[np.ndarray]:
    """The sorted unique keys of each of ``articles`` articles, from keys whose ``owners`` (each one's article)
    never decrease."""
    if not len(keys):
        return [np.zeros(0, dtype=np.int64) for _ in range(articles)]
    # each article's keys sorted in place (a lexsort of (article, key) over the batch took 20 times as long), then
    # the first of each run of equal keys kept
    bounds = np.searchsorted(owners, np.arange(articles + 1))
    for k in np.flatnonzero(np.diff(bounds)).tolist():
        keys[bounds[k] : bounds[k + 1]].sort()
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    first[bounds[:-1][bounds[:-1] < len(keys)]] = True  # an article's first key, even when its last equals it
    cut = np.concatenate([[0], np.cumsum(first)])[bounds]  # kept keys before each article's first
    keys = keys[first]
    return [keys[cut[k] : cut[k + 1]] for k in range(articles)]


def stored_keys(keys: np.ndarray, key_bytes: int = KEY_BYTES) -> np.ndarray:
    """Band keys (``band_keys``: non-negative int64 of 63 bits) as a store of ``key_bytes`` keeps them: 8, whole;
    6, their top 48 bits shifted to a signed integer SQLite writes in 6 bytes (``-2**47 <= k < 2**47``). Two keys
    of one article may become one (``INSERT OR IGNORE`` keeps it once); keys that differ in their top 48 bits stay
    apart."""
    if key_bytes not in KEY_BYTES_ALLOWED:
        raise StoreError(f"band keys of {key_bytes} bytes are not supported (only {KEY_BYTES_ALLOWED})")
    keys = np.asarray(keys, dtype=np.int64)
    if key_bytes == 8:
        return keys
    out: np.ndarray = (keys >> np.int64(15)) - np.int64(1 << 47)
    return out
