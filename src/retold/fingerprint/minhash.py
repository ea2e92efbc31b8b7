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
instead of 0.88, for 1.55 times the candidate pairs. A store keeps the row count it was created with
(``meta.lsh_rows``; stores written before it have 4), since keys of other rows never meet. An article's
fingerprint is the set of its band keys; two articles are LSH candidates when they share one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from retold.errors import ModelError, StoreError
from retold.fingerprint.shingles import _POS, SHINGLE, mix64, ngram_hashes, tokens, word_hash
from retold.model import Article

NUM_PERM = 64
BANDS = 16
ROWS = 3  # for new stores
ROWS_ALLOWED = (3, 4)  # 4: the stores written before three rows
SEED = 7
WINDOW = 2
_BAND_SALT = mix64(np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))


def _rensa() -> Any:
    try:
        from rensa import RMinHash
    except ImportError:
        raise ModelError("MinHash fingerprints need rensa: pip install 'retold[corpus]'") from None
    return RMinHash


def _windows(article: Article) -> list[list[int]]:
    """Token hashes of each window of ``WINDOW`` consecutive sentences (empty windows dropped)."""
    per = [[word_hash(w) for w in tokens(s.norm)] for s in article.sentences]
    if len(per) <= WINDOW:
        joined = [h for p in per for h in p]
        return [joined] if joined else []
    out = []
    for i in range(len(per) - WINDOW + 1):
        w = [h for p in per[i : i + WINDOW] for h in p]
        if w:
            out.append(w)
    return out


def _shingles(windows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """All windows' 5-gram hashes in one flat array, and each window's ``[start, end)`` offsets.

    One vectorised pass over every window of a batch; a window shorter than five words is one
    n-gram of its length.
    """
    lengths = np.array([len(w) for w in windows], dtype=np.int64)
    flat = np.fromiter((h for w in windows for h in w), dtype=np.uint64, count=int(lengths.sum()))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    count = np.maximum(lengths - SHINGLE + 1, 1)
    out_ends = np.cumsum(count)
    out = np.zeros(int(out_ends[-1]) if len(out_ends) else 0, dtype=np.uint64)
    long = lengths >= SHINGLE
    if long.any() and len(flat) >= SHINGLE:
        n_pos = len(flat) - SHINGLE + 1
        acc = np.zeros(n_pos, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(SHINGLE):
                acc += flat[j : j + n_pos] * _POS[j]
        grams = mix64(acc ^ np.uint64(SHINGLE))
        # positions p of window w with starts[w] <= p <= ends[w] - SHINGLE, in window order
        idx = np.concatenate([np.arange(s, e - SHINGLE + 1) for s, e in zip(starts[long], ends[long], strict=True)])
        dest = np.concatenate([np.arange(o - c, o) for o, c in zip(out_ends[long], count[long], strict=True)])
        out[dest] = grams[idx]
    for w in np.flatnonzero(~long).tolist():
        out[out_ends[w] - 1] = ngram_hashes(flat[starts[w] : ends[w]])[0]
    return out, np.concatenate([[0], out_ends]).astype(np.uint64)


def window_shingles(article: Article) -> list[np.ndarray]:
    """Shingle hashes of each window of the article (for inspection and tests)."""
    windows = _windows(article)
    if not windows:
        return []
    flat, offsets = _shingles(windows)
    return [np.unique(flat[int(offsets[k]) : int(offsets[k + 1])]) for k in range(len(windows))]


def band_keys(articles: Sequence[Article], rows: int = ROWS) -> list[np.ndarray]:
    """For each article, its sorted unique LSH band keys as non-negative int64 (SQLite integers);
    ``rows`` per band (the store's)."""
    if rows not in ROWS_ALLOWED:
        raise StoreError(f"LSH bands of {rows} rows are not supported (only {ROWS_ALLOWED})")
    windows = [_windows(a) for a in articles]
    owner = np.array([k for k, ws in enumerate(windows) for _ in ws], dtype=np.int64)
    flat_windows = [w for ws in windows for w in ws]
    if not flat_windows:
        return [np.zeros(0, dtype=np.int64) for _ in articles]
    flat, offsets = _shingles(flat_windows)
    digests = _rensa().digest_matrix_from_flat_token_hashes(flat, offsets, NUM_PERM, SEED)
    d = np.asarray(digests.to_rows(), dtype=np.uint64).reshape(len(flat_windows), NUM_PERM)[:, : BANDS * rows]
    d = d.reshape(len(flat_windows), BANDS, rows)
    with np.errstate(over="ignore"):
        lo = d[:, :, 0] | (d[:, :, 1] << np.uint64(32))
        hi = d[:, :, 2] | (d[:, :, 3] << np.uint64(32)) if rows == 4 else d[:, :, 2]
        keys = mix64(mix64(lo) ^ hi ^ _BAND_SALT[None, :])
    keys = (keys >> np.uint64(1)).astype(np.int64).ravel()
    art = np.repeat(owner, BANDS)
    order = np.lexsort((keys, art))
    keys, art = keys[order], art[order]
    first = np.concatenate([[True], (keys[1:] != keys[:-1]) | (art[1:] != art[:-1])])
    keys, art = keys[first], art[first]
    bounds = np.searchsorted(art, np.arange(len(articles) + 1))
    return [keys[bounds[k] : bounds[k + 1]] for k in range(len(articles))]
