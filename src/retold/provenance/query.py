"""Candidates of one article that is not in the store (``retold sources``, the web app's search): the channels
of :mod:`retold.provenance.candidates` asked of the store's indexes for it alone, with boilerplate judged only
for its sentence keys, so a query costs lookups, not a pass over the corpus."""

from __future__ import annotations

from collections.abc import Iterable

from retold.fingerprint import KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE, exact_keys, indexable, sentence_key
from retold.fingerprint.minhash import band_keys
from retold.ingest.dates import seconds
from retold.ingest.outlets import outlet_of
from retold.model import Article
from retold.provenance.boilerplate import (
    SPREAD_MIN,
    Boilerplate,
    everywhere_threshold,
    from_counts,
    outlet_counts,
    spread,
)
from retold.provenance.candidates import select
from retold.provenance.evidence import Evidence, Settings, strength
from retold.provenance.vector_channel import vector_evidence
from retold.store.sqlite import Info, Store


def targeted_boilerplate(store: Store, articles: Iterable[Article], n_articles: int) -> Boilerplate:
    """Boilerplate judged only for these articles' sentence keys (cheap: indexed lookups; the articles
    holding a key that may be spread furniture are read, for what else they share)."""
    rows_by_key = _holders(store, _keys_of(articles))
    info = store.info({r for rows in rows_by_key.values() for r in rows})
    limit = everywhere_threshold(n_articles)
    known = {k: {r for r in rows if r in info and info[r].outlet is not None} for k, rows in rows_by_key.items()}
    maybe = {
        r for k, rows in rows_by_key.items() if len(known[k]) >= SPREAD_MIN and len(set(rows)) < limit for r in rows
    }
    around = _holders(store, _keys_of(store.articles_by_row(maybe).values())) if maybe else {}
    info.update(store.info({r for rows in around.values() for r in rows} - info.keys()))
    furniture = spread({**around, **rows_by_key}, {r: i.outlet for r, i in info.items()}, n_articles)
    return from_counts(outlet_counts(rows_by_key, info), n_articles, spread=furniture)


def _keys_of(articles: Iterable[Article]) -> set[int]:
    return {k for a in articles for sent in a.sentences if (k := sentence_key(sent.norm)) is not None}


def _holders(store: Store, keys: set[int]) -> dict[int, list[int]]:
    """The stored articles holding each of these sentence keys (keys no article holds are left out)."""
    return {k: [a for a, _, kind in v if kind == KIND_SENTENCE] for k, v in store.key_postings(sorted(keys)).items()}


def for_article(
    store: Store, article: Article, s: Settings, *, exclude: Iterable[int] = (), use_vectors: bool = True
) -> dict[int, Evidence]:
    """Stored articles that may retell (or be retold by) an article that is not in the store.

    The query takes the place of row ``-1``, so every pair is ``(-1, row)``.
    """
    n_articles = len(store)
    bp = targeted_boilerplate(store, [article], n_articles)
    outlet = outlet_of(article.source, article.url)
    ev: dict[int, Evidence] = {}
    skip = set(exclude)

    def get(r: int) -> Evidence:
        e = ev.get(r)
        if e is None:
            e = ev[r] = Evidence()
        return e

    for rows in store.band_postings(band_keys([article], store.lsh_layout)[0].tolist()).values():
        if len(rows) < s.bucket_cap:
            for r in set(rows):
                get(r).lsh += 1
    keys = exact_keys(article)
    postings = store.key_postings(
        [k.key for k in keys if not (k.kind == KIND_SENTENCE and bp.is_boilerplate(k.key, outlet))]
    )
    cap = min(s.bucket_cap, everywhere_threshold(n_articles))
    attr = {KIND_SENTENCE: "sentences", KIND_QUOTE: "quotes", KIND_NUMBERS: "numbers"}
    for k in {x.key: x for x in keys}.values():
        hits = postings.get(k.key, [])
        if len({a for a, _, _ in hits}) >= cap:
            continue
        for r in {a for a, _, kind in hits if kind == k.kind}:
            e = get(r)
            setattr(e, attr[k.kind], getattr(e, attr[k.kind]) + 1)
    if use_vectors:
        for (lo, hi), e in vector_evidence(store, [(-1, article)], bp, {}, s).items():
            get(hi if lo == -1 else lo).merge(e)
    for r in skip:
        ev.pop(r, None)
    info = store.info(ev.keys())
    n_q = sum(1 for x in article.sentences if indexable(x))
    query = Info(-1, article.id, "", outlet, seconds(article.date), len(article.sentences), n_q)
    picked = select({(-1, r): e for r, e in ev.items()}, {**info, -1: query}, s)
    ranked = sorted(picked, key=lambda p: (-strength(picked[p], n_q, info[p[1]].n_vec), p[1]))[: s.per_query]
    return {b: picked[(a, b)] for a, b in ranked}
