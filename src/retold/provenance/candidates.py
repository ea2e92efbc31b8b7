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

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol

import numpy as np

from retold.fingerprint import BANDS, KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE, indexable
from retold.ingest.outlets import outlet_of
from retold.model import Article, Progress, silent
from retold.provenance.boilerplate import Boilerplate, everywhere_threshold, from_counts, spread
from retold.provenance.vector_rows import Merged, PairRows, merge_rows, pair_rows
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


def _shared(buckets: Iterable[np.ndarray], wanted: np.ndarray | None, cap: int) -> np.ndarray:
    """``(m, 2)`` row pairs (lo < hi), one per bucket they share; buckets over ``cap`` rows are skipped."""
    # buckets of one size are paired together, one (buckets, size) array each: pairing them one at a time
    # (``triu_indices`` and a stack per bucket) took 4.7 of the 11 s candidate stage of 10,000 real articles
    by_size: dict[int, list[np.ndarray]] = {}
    for rows in buckets:
        n = len(rows)
        if 2 <= n <= cap:
            by_size.setdefault(n, []).append(rows)
    out = [np.zeros((0, 2), dtype=np.int64)]
    for n, group in by_size.items():
        block = np.stack(group)
        i, j = np.triu_indices(n, 1)
        out.append(np.stack([block[:, i].ravel(), block[:, j].ravel()], axis=1))
    pairs = np.concatenate(out)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs = np.sort(pairs, axis=1)
    if wanted is not None and len(pairs):
        pairs = pairs[np.isin(pairs[:, 0], wanted) | np.isin(pairs[:, 1], wanted)]
    return pairs


def _pair_counts(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``pairs`` (sorted) and how often each comes."""
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.unique(pairs, axis=0, return_counts=True)


def _count_pairs(pairs: np.ndarray) -> dict[tuple[int, int], int]:
    uniq, counts = _pair_counts(pairs)
    return {(int(a), int(b)): int(c) for (a, b), c in zip(uniq.tolist(), counts.tolist(), strict=True)}


def _among(ev: dict[tuple[int, int], Evidence], pairs: np.ndarray) -> Iterator[tuple[int, int]]:
    """The pairs of ``ev`` that are rows of ``pairs`` (sorted, as ``_pair_counts`` gives them)."""
    if not ev or not len(pairs):
        return iter(())
    held = np.array(list(ev), dtype=np.int64)
    base = int(max(held.max(), pairs.max())) + 1
    hit = np.isin(held[:, 0] * base + held[:, 1], pairs[:, 0] * base + pairs[:, 1])
    return (tuple(p) for p in held[hit].tolist())


@dataclass
class Corpus:
    """What the bulk channels keep in memory: article metadata and the exact keys articles share.

    Band keys are not held: they are streamed from the store's index, bucket by bucket.
    """

    info: dict[int, Info]
    shared: list[tuple[int, int, np.ndarray]]  # (key, kind, rows) of exact keys held by 2+ articles
    boilerplate: Boilerplate


def load(store: Store) -> Corpus:
    """Read the metadata and the shared exact keys, and work out the boilerplate."""
    info = store.info()
    shared = list(store.shared_keys())
    rows_by_key = {key: rows.tolist() for key, kind, rows in shared if kind == KIND_SENTENCE}
    furniture = spread(rows_by_key, {r: i.outlet for r, i in info.items()}, len(info))
    return Corpus(info, shared, from_counts(outlet_counts(rows_by_key, info), len(info), spread=furniture))


def outlet_counts(rows_by_key: dict[int, list[int]], info: dict[int, Info]) -> list[tuple[int, str | None, int]]:
    """``(key, outlet, n)``: how many articles of each outlet hold each sentence key (boilerplate's input)."""
    out: list[tuple[int, str | None, int]] = []
    for key, rows in rows_by_key.items():
        per: dict[str | None, int] = {}
        for r in set(rows):
            o = info[r].outlet if r in info else None
            per[o] = per.get(o, 0) + 1
        out.extend((key, o, n) for o, n in per.items())
    return out


def bulk(
    store: Store,
    c: Corpus,
    queries: Sequence[int],
    s: Settings,
    *,
    use_vectors: bool = True,
    tick: Progress | None = None,
    early: Early | None = None,
) -> dict[tuple[int, int], Evidence]:
    """Candidate pairs involving any of ``queries`` (row ids), with their evidence (``tick``: progress while the
    vector index is built and after each search of it). ``early`` is told the pairs the exact keys admit on their
    own before the band keys are read (the longest part), and called between slices of them: every such pair is a
    candidate but for the per-article cap."""
    wanted = None if len(queries) == len(c.info) else np.asarray(sorted(queries), dtype=np.int64)
    ev: dict[tuple[int, int], Evidence] = {}

    def get(p: tuple[int, int]) -> Evidence:
        e = ev.get(p)
        if e is None:
            e = ev[p] = Evidence()
        return e

    bp = c.boilerplate

    def kept(key: int, kind: int, rows: np.ndarray) -> np.ndarray:
        if kind != KIND_SENTENCE or not len(bp):
            return rows
        return rows[[not bp.is_boilerplate(key, c.info[r].outlet if r in c.info else None) for r in rows.tolist()]]

    cap = min(s.bucket_cap, everywhere_threshold(len(c.info)))
    one_number = np.zeros((0, 2), dtype=np.int64)
    for kind, attr in ((KIND_SENTENCE, "sentences"), (KIND_QUOTE, "quotes"), (KIND_NUMBERS, "numbers")):
        buckets = (kept(key, k, rows) for key, k, rows in c.shared if k == kind)
        uniq, counts = _pair_counts(_shared(buckets, wanted, cap))
        if kind == KIND_NUMBERS:  # one set of numbers in common admits and ranks no pair: kept as rows, put on the
            # pairs other channels bring (100,000 articles, corpus_scan.py's fillers: this stage 3,073 -> 2,615 MiB)
            one_number, uniq, counts = uniq[counts == 1], uniq[counts > 1], counts[counts > 1]
        for (a, b), n in zip(uniq.tolist(), counts.tolist(), strict=True):
            setattr(get((a, b)), attr, n)
    bands = store.band_buckets(s.bucket_cap)
    if early is not None:  # more evidence only adds to a pair's: what is admitted now stays admitted
        info = c.info
        early.early(
            [p for p, e in ev.items() if {*p} <= info.keys() and rank(e, info[p[0]], info[p[1]], s) is not None]
        )
        bands = _between(bands, early.top_up)
    for p, n in _count_pairs(_shared(bands, wanted, s.bucket_cap)).items():
        get(p).lsh = n
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
        _merge_vectors(ev, found, c.info, s)
    for p in _among(ev, one_number):
        ev[p].numbers = 1
    return select(ev, c.info, s)


class Early(Protocol):
    """What the candidate stage tells a caller that verifies pairs while it goes on (``scan.Feed``)."""

    def early(self, pairs: Sequence[tuple[int, int]]) -> None: ...

    def top_up(self) -> None: ...


BETWEEN = 1024  # band buckets read between calls of ``Early.top_up`` (10,000 real articles: 27,580 in 3-4 s)


def _between(buckets: Iterator[np.ndarray], call: Callable[[], None]) -> Iterator[np.ndarray]:
    for n, rows in enumerate(buckets, 1):
        yield rows
        if n % BETWEEN == 0:
            call()


def _merge_vectors(
    ev: dict[tuple[int, int], Evidence], found: Sequence[PairRows], info: dict[int, Info], s: Settings
) -> None:
    """Add the vector channel's evidence of every search to ``ev``: each pair's stronger reading of each
    field (``Evidence.merge``), as objects only for pairs that already have evidence or that ``admit``
    takes on this evidence alone (no other pair can be selected)."""
    m = merge_rows(found)
    if m is None:
        return
    known = np.array(sorted(info), dtype=np.int64)
    alone = m.admitted_alone(
        known, np.array([info[r].n_vec for r in known.tolist()], dtype=np.int64),
        s.single_cos, s.min_close, s.min_vec, s.min_vec_share,
    )  # fmt: skip
    have = np.fromiter(((a, b) in ev for a, b in zip(m.lo.tolist(), m.hi.tolist(), strict=True)), bool, len(m.lo))
    for g in np.flatnonzero(have | alone).tolist():
        p, e = _vector_evidence_of(m, found, g)
        if p in ev:
            ev[p].merge(e)
        else:
            ev[p] = e


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
    info: dict[int, Info],
    s: Settings,
) -> dict[tuple[int, int], Evidence]:
    """Neighbours of each query sentence, summed per article pair. A query row of -1 is external."""
    pr = _search(store, items, bp, info, s)
    return {} if pr is None else _evidence_of_rows(pr)


def _search(
    store: Store, items: Sequence[tuple[int, Article]], bp: Boilerplate, info: dict[int, Info], s: Settings
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
    items: Sequence[tuple[int, Article]], bp: Boilerplate, info: dict[int, Info]
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


def select(ev: dict[tuple[int, int], Evidence], info: dict[int, Info], s: Settings) -> dict[tuple[int, int], Evidence]:
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
