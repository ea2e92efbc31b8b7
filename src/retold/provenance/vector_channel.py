"""The vector channel of the candidate stage: sentence-vector neighbours searched and summed per article pair.

A pair has vector evidence when sentences of one article have close neighbours among the other's in the store's
vector index (the rule: ``evidence.admit_vectors``). The bulk stage (:mod:`retold.provenance.candidates`) merges
every search into its columns; a ``sources`` query and the Spark engine take the evidence as ``Evidence``
objects. The searches' rows are held as arrays (:mod:`retold.provenance.vector_rows`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from retold.fingerprint import indexable
from retold.ingest.outlets import outlet_of
from retold.model import Article
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Evidence, Settings
from retold.provenance.pair_table import Table, encode
from retold.provenance.vector_rows import Merged, PairRows, merge_rows, pair_rows
from retold.store.sqlite import Info, Store


def merge_vectors(t: Table, found: Sequence[PairRows], known: np.ndarray, n_vec: np.ndarray, s: Settings) -> None:
    """Add the vector channel's evidence of every search to ``t``, for the pairs it already holds or that
    ``admit`` takes on this evidence alone (no other pair can be selected; ``known``: the articles' sorted rows,
    ``n_vec`` theirs); each field keeps the stronger reading, as ``Evidence.merge`` does."""
    m = merge_rows(found)
    if m is None:
        return
    alone = m.admitted_alone(known, n_vec, s.single_cos, s.min_close, s.min_vec, s.min_vec_share)
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
    pr = search(store, items, bp, info, s)
    return {} if pr is None else _evidence_of_rows(pr)


def search(
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


def _outlet(article: Article) -> str | None:
    return outlet_of(article.source, article.url)
