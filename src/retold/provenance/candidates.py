"""Candidate pairs from three channels, fused: MinHash LSH, sentence-vector neighbours, exact keys.

Every channel is cheap and over-inclusive on its own terms; a pair goes on to the (expensive)
sentence alignment when one channel has real evidence:

* LSH: the two articles share a band key of a two-sentence window (a lifted passage);
* exact: they share a whole sentence or a quotation (not boilerplate), or two sentences that
  state the same set of numbers;
* vectors: at least two sentences on each side have a close neighbour on the other, covering a
  fifth of the shorter article, or three sentences of one side have a near-identical one (an edited
  passage inside a long article); a one-sentence article needs one very close neighbour.

Pairs outside the date window (when both dates are known) are dropped, and each article keeps
only its ``per_article`` strongest pairs (a ``sources`` query, :mod:`retold.provenance.query`: its
``per_query`` strongest). The rule and the knobs live in :mod:`retold.provenance.evidence`, the
vector channel's searches in :mod:`retold.provenance.vector_channel`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from retold.fingerprint import BANDS, KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE
from retold.model import Progress, silent
from retold.provenance.boilerplate import Boilerplate, deciding_counts, everywhere_threshold, from_counts, spread
from retold.provenance.evidence import DAY, Evidence, rank
from retold.provenance.evidence import Settings as Settings  # re-exported: ``retold.corpus`` reads ``cand.Settings``
from retold.provenance.pair_counts import count_groups, count_pairs
from retold.provenance.pair_table import (
    SHIFT,
    SLICE,
    Buckets,
    Picked,
    Shared,
    Table,
    decode,
    pairs_of,
)
from retold.provenance.vector_channel import merge_vectors, search
from retold.provenance.vector_rows import PairRows
from retold.store.infos import Infos
from retold.store.sqlite import Info, Store

# articles searched at once: the size changes no pair (every reading is merged), only memory and how often the
# progress ticks (2,000 real articles: 4 searches of 500 took 14 s, 20 of 100 13 s, the same pairs)
VECTOR_CHUNK = 100


@dataclass
class Corpus:
    """What the bulk channels keep in memory: article metadata and the exact keys articles share.

    Band keys are not held: they are streamed from the store's index, bucket by bucket.
    """

    info: Mapping[int, Info]  # the store's ``Infos`` (columns), or any mapping
    shared: Shared  # exact keys held by 2+ articles
    boilerplate: Boilerplate


def load(store: Store) -> Corpus:
    """Read the metadata and the shared exact keys, and work out the boilerplate."""
    info = store.info()
    shared = Shared.of(store.shared_keys())
    sentences = shared.only(KIND_SENTENCE)
    outlets, n = Infos.of(info).outlets(), len(info)
    return Corpus(
        info, shared, from_counts(deciding_counts(sentences, outlets, n), n, spread=spread(sentences, outlets, n))
    )


def bulk(
    store: Store,
    c: Corpus,
    queries: Sequence[int],
    s: Settings,
    *,
    use_vectors: bool = True,
    tick: Progress | None = None,
    early: Early | None = None,
) -> Picked[Evidence]:
    """Candidate pairs involving any of ``queries`` (row ids), with their evidence, strongest first (``tick``:
    progress while the vector index is built and after each search of it). ``early`` is told the pairs the
    exact keys admit on their own before the band keys are read (the longest part), and called between slices
    of them: every such pair is a candidate but for the per-article cap. The evidence is held as columns
    (:mod:`retold.provenance.pair_table`) until the pairs are selected."""
    wanted = None if len(queries) == len(c.info) else np.asarray(sorted(queries), dtype=np.int64)
    rows = _Rows(c.info)
    cap = min(s.bucket_cap, everywhere_threshold(len(c.info)))
    exact: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind, attr in ((KIND_SENTENCE, "sentences"), (KIND_QUOTE, "quotes")):
        exact[attr] = count_pairs(_kept(c, kind), wanted, cap)
    # one set of numbers in common admits and ranks no pair: only put on the pairs other channels bring (100,000
    # articles, corpus_scan.py's fillers: this stage 3,073 -> 2,615 MiB), counted again at the end for those alone
    # (100,000 with ciphered fillers: 1,381,511 such pairs, 11 MB held otherwise); the count keeps no array of every
    # distinct pair (the count's traced peak 57.7 -> 39.2 MiB there)
    exact["numbers"] = count_pairs(_kept(c, KIND_NUMBERS), wanted, cap, at_least=2)
    t = Table.of(exact)
    del exact
    bands = store.band_groups(s.bucket_cap)
    if early is not None:  # more evidence only adds to a pair's: what is admitted now stays admitted
        early.early(t.codes[rows.ranks(t, s) >= 0])
        bands = _between(bands, early.top_up)
    t.put({"lsh": count_groups(bands, wanted, s.bucket_cap)})
    if use_vectors:
        tick = tick or silent
        store.open_index(tick)
        found: list[PairRows] = []
        for part in range(0, len(queries), VECTOR_CHUNK):
            chunk = list(queries[part : part + VECTOR_CHUNK])
            arts = store.articles_by_row(chunk)
            pr = search(store, [(r, arts[r]) for r in chunk if r in arts], c.boilerplate, c.info, s)
            if pr is not None:
                found.append(pr)
            tick("finding candidates", part + len(chunk), len(queries))
        merge_vectors(t, found, rows.known, rows.n_vec, s)
    codes, counts = count_pairs(_kept(c, KIND_NUMBERS), wanted, cap, keep=t.has)
    t.put({"numbers": (codes[counts == 1], counts[counts == 1])})
    return _select(t, rows, s)


def _kept(c: Corpus, kind: int) -> Iterator[np.ndarray]:
    """The rows holding each shared key of this kind, less those for which a sentence key is boilerplate."""
    bp, info = c.boilerplate, c.info
    some = bp.keys() if kind == KIND_SENTENCE else set()
    for key, rows in c.shared.of_kind(kind):
        if key not in some:
            yield rows
        else:
            yield rows[[not bp.is_boilerplate(key, info[r].outlet if r in info else None) for r in rows.tolist()]]


class _Rows:
    """The articles' ``n_vec`` and dates as arrays over their sorted rows, to rank pairs of codes."""

    def __init__(self, info: Mapping[int, Info]) -> None:
        cols = Infos.of(info)
        self.known, self.n_vec, self.ts = cols.rows, cols.n_vec, cols.published

    def ranks(self, t: Table, s: Settings) -> np.ndarray:
        """Each pair's :func:`rank`, -1 where it is None (the pair not admitted, outside the date window or
        with an article not known), worked out ``SLICE`` pairs at a time (the temporaries stay small)."""
        out = np.empty(len(t), dtype=np.float64)
        for k in range(0, len(t), SLICE):
            at = slice(k, k + SLICE)
            out[at] = self._ranks(t, at, s)
        return out

    def _ranks(self, t: Table, at: slice, s: Settings) -> np.ndarray:
        lo, hi = decode(t.codes[at])
        has_lo, n_lo, t_lo = self._lookup(lo)
        has_hi, n_hi, t_hi = self._lookup(hi)
        ok = has_lo & has_hi
        if s.window_days is not None:
            ok &= np.isnan(t_lo) | np.isnan(t_hi) | (np.abs(t_lo - t_hi) <= s.window_days * DAY)
        v_lo, v_hi = t.col("vec_lo", at), t.col("vec_hi", at)
        vec = np.where(
            np.minimum(n_lo, n_hi) <= 1,
            t.col("vec_best", at) >= s.single_cos,
            (t.col("vec_close", at) >= s.min_close)
            | ((np.minimum(v_lo, v_hi) >= s.min_vec)
               & (np.maximum(v_lo / np.maximum(n_lo, 1), v_hi / np.maximum(n_hi, 1)) >= s.min_vec_share)),
        )  # fmt: skip
        lsh, said = t.col("lsh", at), t.col("sentences", at) + t.col("quotes", at)
        ok &= (lsh > 0) | (said > 0) | (t.col("numbers", at) >= 2) | vec
        small = np.maximum(1, np.minimum(n_lo, n_hi))
        r = np.maximum(
            np.minimum(1.0, lsh / BANDS),
            np.maximum(np.minimum(1.0, said / small), np.minimum(1.0, t.col("vec_sum", at) / small)),
        )
        return np.where(ok, r, -1.0)

    def _lookup(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        known = self.known
        if not len(known):
            return np.zeros(len(rows), dtype=bool), np.zeros(len(rows), dtype=np.int64), np.full(len(rows), np.nan)
        at = np.clip(np.searchsorted(known, rows), 0, len(known) - 1)
        present = known[at] == rows
        return present, np.where(present, self.n_vec[at], 0), self.ts[at]


def _select(t: Table, rows: _Rows, s: Settings) -> Picked[Evidence]:
    """:func:`select` of the table's pairs: ranked, then kept by the per-article cap, strongest first."""
    r = rows.ranks(t, s)
    idx = np.flatnonzero(r >= 0)
    ranked = t.codes[idx[np.lexsort((t.codes[idx], -r[idx]))]]
    kept = np.fromiter((a << SHIFT | b for a, b in cap_per_article(pairs_of(ranked), s.per_article)), np.int64)
    return Picked(kept, t, Evidence)


class Early(Protocol):
    """What the candidate stage tells a caller that verifies pairs while it goes on (``scan.Feed``)."""

    def early(self, pairs: np.ndarray) -> None: ...

    def top_up(self) -> None: ...


def _between(groups: Iterator[Buckets], call: Callable[[], None]) -> Iterator[Buckets]:
    """The groups of band buckets, ``call`` after each (a few thousand buckets: 10,000 real articles hold 27,436
    in 7 groups)."""
    for group in groups:
        yield group
        call()


def cap_per_article(ranked: Iterable[tuple[int, int]], per_article: int) -> Iterator[tuple[int, int]]:
    """The pairs kept from a strongest-first stream: a pair goes once both its articles hold
    ``per_article`` stronger ones (a pure function, so any engine that ranks the same keeps the same)."""
    taken: dict[int, int] = {}
    for a, b in ranked:
        if taken.get(a, 0) >= per_article and taken.get(b, 0) >= per_article:
            continue
        taken[a] = taken.get(a, 0) + 1
        taken[b] = taken.get(b, 0) + 1
        yield a, b


def select(
    ev: dict[tuple[int, int], Evidence], info: Mapping[int, Info], s: Settings
) -> dict[tuple[int, int], Evidence]:
    """The pairs ranked (:func:`rank`) and kept by the per-article cap, strongest first."""
    ranked: list[tuple[float, tuple[int, int]]] = []
    for (a, b), e in ev.items():
        ia, ib = info.get(a), info.get(b)
        if ia is None or ib is None:
            continue
        r = rank(e, ia, ib, s)
        if r is not None:
            ranked.append((r, (a, b)))
    ranked.sort(key=lambda t: (-t[0], t[1]))
    return {p: ev[p] for p in cap_per_article((p for _, p in ranked), s.per_article)}
