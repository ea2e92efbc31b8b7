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
``per_query`` strongest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

import numpy as np

from retold.fingerprint import BANDS, KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE, indexable
from retold.ingest.outlets import outlet_of
from retold.model import Article, Progress, silent
from retold.provenance.boilerplate import Boilerplate, deciding_counts, everywhere_threshold, from_counts, spread
from retold.provenance.pair_counts import count_groups, count_pairs
from retold.provenance.pair_table import (
    SHIFT,
    SLICE,
    Buckets,
    Picked,
    Shared,
    Table,
    decode,
    encode,
    pairs_of,
)
from retold.provenance.vector_rows import Merged, PairRows, merge_rows, pair_rows
from retold.store.infos import Infos
from retold.store.sqlite import Info, Store

DAY = 86_400.0
# articles searched at once: the size changes no pair (every reading is merged), only memory and how often the
# progress ticks (2,000 real articles: 4 searches of 500 took 14 s, 20 of 100 13 s, the same pairs)
VECTOR_CHUNK = 100


@dataclass(frozen=True)
class Settings:
    """Knobs of the candidate stage (defaults measured in ``benchmarks/corpus_scan.py``)."""

    neighbours: int = 10
    min_cos: float = 0.45
    single_cos: float = 0.8
    min_vec: int = 2
    min_vec_share: float = 0.2
    close_cos: float = 0.7  # a neighbour this close is the same sentence lightly edited
    min_close: int = 3  # sentences with such a neighbour: an edited passage, whatever its share
    bucket_cap: int = 200
    per_article: int = 20
    per_query: int = 10
    window_days: float | None = None
    model_gate: bool = True  # the model verifies only the pairs it could add to (``provenance.gate``)


@dataclass
class Evidence:
    """What the channels saw for one pair; ``*_lo``/``*_hi`` count sentences of the lower/higher row."""

    lsh: int = 0
    sentences: int = 0
    quotes: int = 0
    numbers: int = 0
    vec_lo: int = 0
    vec_hi: int = 0
    vec_sum: float = 0.0
    vec_best: float = 0.0
    vec_close: int = 0

    def merge(self, other: Evidence) -> None:
        """Keep the stronger reading of each channel (the pair was seen from both sides)."""
        self.lsh = max(self.lsh, other.lsh)
        self.sentences = max(self.sentences, other.sentences)
        self.quotes = max(self.quotes, other.quotes)
        self.numbers = max(self.numbers, other.numbers)
        self.vec_lo = max(self.vec_lo, other.vec_lo)
        self.vec_hi = max(self.vec_hi, other.vec_hi)
        self.vec_sum = max(self.vec_sum, other.vec_sum)
        self.vec_best = max(self.vec_best, other.vec_best)
        self.vec_close = max(self.vec_close, other.vec_close)

    def channels(self) -> dict[str, float]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items() if v}


def admit(ev: Evidence, n_lo: int, n_hi: int, s: Settings) -> bool:
    """Whether the channels' evidence is enough to align the pair."""
    if ev.lsh or ev.sentences or ev.quotes or ev.numbers >= 2:
        return True
    return admit_vectors(ev.vec_best, ev.vec_lo, ev.vec_hi, ev.vec_close, n_lo, n_hi, s)


def admit_vectors(best: float, lo: int, hi: int, close: int, n_lo: int, n_hi: int, s: Settings) -> bool:
    """The vector channel's rule: ``lo``/``hi`` sentences of each side have a neighbour at ``min_cos`` on the
    other (``close`` of one side at ``close_cos``; ``best`` the closest) out of ``n_lo``/``n_hi``."""
    if min(n_lo, n_hi) <= 1:
        return best >= s.single_cos
    if close >= s.min_close:
        return True
    share = max(lo / max(n_lo, 1), hi / max(n_hi, 1))
    return min(lo, hi) >= s.min_vec and share >= s.min_vec_share


def strength(ev: Evidence, n_lo: int, n_hi: int) -> float:
    """One number to rank candidates: the strongest channel's share of the shorter article."""
    small = max(1, min(n_lo, n_hi))
    return max(min(1.0, ev.lsh / BANDS), min(1.0, (ev.sentences + ev.quotes) / small), min(1.0, ev.vec_sum / small))


def in_window(t1: float | None, t2: float | None, s: Settings) -> bool:
    """Whether two publication times lie within the settings' date window (always, when either is unknown)."""
    return s.window_days is None or t1 is None or t2 is None or abs(t1 - t2) <= s.window_days * DAY


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
            pr = _search(store, [(r, arts[r]) for r in chunk if r in arts], c.boilerplate, c.info, s)
            if pr is not None:
                found.append(pr)
            tick("finding candidates", part + len(chunk), len(queries))
        _merge_vectors(t, found, rows, s)
    codes, counts = count_pairs(_kept(c, KIND_NUMBERS), wanted, cap, keep=t.has)
    t.put({"numbers": (codes[counts == 1], counts[counts == 1])})
    return _select(t, rows, s)


def _kept(c: Corpus, kind: int) -> Iterator[np.ndarray]:
    """The rows holding each shared key of this kind, less those for which a sentence key is boilerplate."""
    bp, info = c.boilerplate, c.info
    some = bp.everywhere.union(*bp.by_outlet.values()) if kind == KIND_SENTENCE else set()
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


def _merge_vectors(t: Table, found: Sequence[PairRows], rows: _Rows, s: Settings) -> None:
    """Add the vector channel's evidence of every search to ``t``, for the pairs it already holds or that
    ``admit`` takes on this evidence alone (no other pair can be selected); each field keeps the stronger
    reading, as ``Evidence.merge`` does."""
    m = merge_rows(found)
    if m is None:
        return
    alone = m.admitted_alone(rows.known, rows.n_vec, s.single_cos, s.min_close, s.min_vec, s.min_vec_share)
    codes = encode(m.lo, m.hi)
    g = np.flatnonzero(t.has(codes) | alone)
    t.put({"vec_sum": (codes[g], np.array([m.total(found, k) for k in g.tolist()], dtype=np.float64))})
    at = np.searchsorted(t.codes, codes[g])
    for f, values in (("vec_lo", m.vec_lo), ("vec_hi", m.vec_hi), ("vec_best", m.best), ("vec_close", m.close)):
        t.put({f: (codes[g], np.maximum(t.col(f, at), values[g]))})


def _vector_evidence_of(m: Merged, found: Sequence[PairRows], g: int) -> tuple[tuple[int, int], Evidence]:
    e = Evidence(
        vec_lo=int(m.vec_lo[g]),
        vec_hi=int(m.vec_hi[g]),
        vec_sum=m.total(found, g),
        vec_best=float(m.best[g]),
        vec_close=int(m.close[g]),
    )
    return (int(m.lo[g]), int(m.hi[g])), e


def vector_evidence(
    store: Store,
    items: Sequence[tuple[int, Article]],
    bp: Boilerplate,
    info: Mapping[int, Info],
    s: Settings,
) -> dict[tuple[int, int], Evidence]:
    """Neighbours of each query sentence, summed per article pair. A query row of -1 is external."""
    pr = _search(store, items, bp, info, s)
    return {} if pr is None else _evidence_of_rows(pr)


def _search(
    store: Store, items: Sequence[tuple[int, Article]], bp: Boilerplate, info: Mapping[int, Info], s: Settings
) -> PairRows | None:
    """One search of the store's index for these articles' query sentences (None: they have none)."""
    q_rows, q_sent, texts = vector_queries(items, bp, info)
    if not texts:
        return None
    scores, ids = store.index.search(store.encoder.encode(texts), s.neighbours + 1)
    return pair_rows(np.asarray(q_rows), np.asarray(q_sent), scores, ids, s.min_cos, s.close_cos)


def _evidence_of_rows(pr: PairRows) -> dict[tuple[int, int], Evidence]:
    m = merge_rows([pr])
    return {} if m is None else dict(_vector_evidence_of(m, [pr], g) for g in range(len(m.lo)))


def vector_queries(
    items: Sequence[tuple[int, Article]], bp: Boilerplate, info: Mapping[int, Info]
) -> tuple[list[int], list[int], list[str]]:
    """The query sentences of these articles (row, sentence index, text): indexable, not boilerplate."""
    q_rows: list[int] = []
    q_sent: list[int] = []
    texts: list[str] = []
    for row, art in items:
        outlet = info[row].outlet if row in info else _outlet(art)
        skip = bp.sentences(art, outlet)
        for sent in art.sentences:
            if sent.i not in skip and indexable(sent):
                q_rows.append(row)
                q_sent.append(sent.i)
                texts.append(sent.norm)
    return q_rows, q_sent, texts


def vector_pairs(
    q_rows: Sequence[int], q_sent: Sequence[int], scores: np.ndarray, ids: np.ndarray, s: Settings
) -> dict[tuple[int, int], Evidence]:
    """The vector channel's evidence per article pair from one search of ``vector_queries``' sentences
    (``scores``/``ids``: their neighbours, best first; the Spark engine searches on its own). A pair seen
    from both sides keeps the stronger reading of each field."""
    return _evidence_of_rows(pair_rows(np.asarray(q_rows), np.asarray(q_sent), scores, ids, s.min_cos, s.close_cos))


def rank(e: Evidence, a: Info, b: Info, s: Settings) -> float | None:
    """The pair's ``strength`` when it is admitted and inside the date window, else None."""
    if not in_window(a.published_ts, b.published_ts, s) or not admit(e, a.n_vec, b.n_vec, s):
        return None
    return strength(e, a.n_vec, b.n_vec)


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


def _outlet(article: Article) -> str | None:
    return outlet_of(article.source, article.url)
