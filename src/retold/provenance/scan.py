"""Candidates to verified edges: the sentence alignment runs only on pairs the channels picked.

``--lexical`` verification cannot see a paraphrase, so it takes its candidates from the lexical
channels alone (LSH bands and exact keys: copies, edits, lifted passages) and never builds or
searches the sentence-vector index; the default mode adds the vector channel for paraphrase.

The transformer (default mode) embeds only the sentences of articles in candidate pairs it must verify
(``gate``: a pair with no sentences it could pair and no reuse in its words is settled by the lexical
alignment), once: their vectors are cached in the store (int8) and passed to :func:`retold.pipeline.compare`.
Of such a pair only the sentences the other article holds enough words of are embedded first (``gate.matchable``,
``feed.by_meaning``); both articles are embedded whole, and stored, only when the pair is then reuse.
Boilerplate sentences are taken out of both articles before they are compared, so a shared
byline or promo line never makes an edge.
"""

from __future__ import annotations

import time
from array import array
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from retold._memory import release
from retold._pool import spawned
from retold.embed.base import Encoder, dequantise, quantise
from retold.ingest.outlets import outlet_of
from retold.model import Article, Comparison, Edge, Progress, Relation, Story, silent
from retold.provenance import candidates as cand
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Settings, in_window
from retold.provenance.feed import Dropped, Feed, dropped_of
from retold.provenance.feed import earlier as earlier  # where the engines have imported it from
from retold.provenance.jobs import REUSE, Job, edge_of, make_job, settle
from retold.provenance.pair_table import codes_of, in_article_order, unchecked
from retold.provenance.query import for_article, targeted_boilerplate
from retold.provenance.stories import build_stories
from retold.store.infos import Infos
from retold.store.sqlite import Info, Store

# sentences embedded between progress ticks: about 4 s of the default model on 2 cores (67 a second). One
# encode per batch of 256 pairs left a model scan's bar still for a minute or two (2,000 real articles: 118 s)
EMBED_SLICE = 256
# SQLite's page cache through a scan: its reads are passes over tables and articles met a few times each, which the
# system's file cache serves as well; a writer's 64 MiB filled up and stayed in the main process
SCAN_CACHE_KIB = 8192
# articles embedded in part that a scan keeps (about 13 KB each: 35 sentences of 384 bytes) for their later pairs
PARTIAL_KEPT = 1024
POOL_FROM = 200  # a scan of fewer new articles stays in one process: starting more would cost more


def mode_name(lexical: bool, encoder: Encoder | None) -> str:
    """Edges found with different models are kept apart: ``lexical`` or ``model:<name>``."""
    return "lexical" if lexical or encoder is None else f"model:{encoder.name}"


@dataclass
class Verifier:
    """Compares candidate pairs with one mode and one encoder, reusing cached sentence vectors."""

    store: Store
    lexical: bool
    encoder: Encoder | None
    boilerplate: Boilerplate
    cache: dict[int, np.ndarray] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    progress: Progress | None = None
    embedded: int = 0  # sentences embedded so far (what the progress counts)
    dropped: Dropped = field(default_factory=Dropped)  # stored articles' boilerplate sentences, by row
    # the articles the last batch of pairs read: the next one reads only the others (10,000 real articles, batches
    # of 256 pairs in ``by_article`` order: 3,787 reads of 3,354 articles, 386 of them of the batch before)
    last: dict[int, Article] = field(default_factory=dict)
    # the articles embedded in part (``gate.matchable``), never stored: each sentence's int8 codes (zero where not
    # embedded) and which are embedded, the most recent last
    partial: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=OrderedDict)

    @property
    def mode(self) -> str:
        return mode_name(self.lexical, self.encoder)

    def prepare(self, arts: dict[int, Article], need: Mapping[int, np.ndarray] | None = None) -> None:
        """Load or compute the model vectors of these stored articles (negative rows are not stored): of every
        sentence, or with ``need`` (a bool a sentence, for the articles it names) of those alone, the others zero
        until a later call needs them (``partial``); an article is stored once it is embedded whole. Vectors
        computed now are used as the int8 cache gives them back, so a pair's verdict never depends on which batch
        (or which engine) first embedded its articles, nor on which of its sentences another pair needed."""
        if self.lexical or self.encoder is None:
            return
        dim = self.encoder.dim
        load = [r for r in arts if r >= 0 and r not in self.cache and r not in self.partial]
        self.cache.update(self.store.model_vectors(load, self.encoder.name, dim))
        todo: dict[int, np.ndarray] = {}  # article -> the sentences to embed now
        for r, art in arts.items():
            if r in self.cache and r not in self.partial:
                continue  # whole
            n = len(art.sentences)
            got = self.partial.pop(r, None)
            codes, done = got if got is not None else (np.zeros((n, dim), dtype=np.int8), np.zeros(n, dtype=bool))
            self.partial[r] = (codes, done)  # the most recent last
            want = np.ones(n, dtype=bool) if need is None or r not in need else need[r]
            todo[r] = np.flatnonzero(want & ~done)
        # each distinct sentence once: the copies of a pair in one batch (a wire story and its retellings, a
        # shared tweet, a boilerplate line) hold the same sentences; ``compare`` encodes the same way
        texts = [arts[r].sentences[i].norm for r, idx in todo.items() for i in idx]
        distinct = {t: k for k, t in enumerate(dict.fromkeys(texts))}
        once = self._encode(self.encoder, list(distinct)) if texts else np.zeros((0, dim), dtype=np.float32)
        coded = np.frombuffer(quantise(once[[distinct[t] for t in texts]]), dtype=np.int8).reshape(-1, dim)
        k = 0
        fresh = {}
        for r, idx in todo.items():
            codes, done = self.partial[r]
            codes[idx], done[idx] = coded[k : k + len(idx)], True
            k += len(idx)
            # a row of zeros stays zero: the sentences not embedded have a cosine of 0 with every other
            self.cache[r] = dequantise(codes.tobytes(), dim)
            if done.all():
                del self.partial[r]
                if r >= 0:
                    fresh[r] = self.cache[r]
        while len(self.partial) > PARTIAL_KEPT:  # let go: what a later pair needs of them is embedded again
            self.partial.popitem(last=False)
        self.store.put_model_vectors(fresh, self.encoder.name)

    def finish(self) -> None:
        """Say the end of the embedding, with its total: a log has heard only counts "so far", since what a batch
        needs embedded is not known before it comes."""
        if self.progress is not None and self.embedded:
            self.progress("embedding sentences", self.embedded, self.embedded)

    def _encode(self, encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
        """The texts' vectors, ``EMBED_SLICE`` at a time with a progress tick after each."""
        if self.progress is None:
            return encoder.encode(texts)
        parts = [np.zeros((0, encoder.dim), dtype=np.float32)]
        for k in range(0, len(texts), EMBED_SLICE):
            parts.append(encoder.encode(texts[k : k + EMBED_SLICE]))
            self.embedded += len(parts[-1])
            self.progress("embedding sentences", self.embedded, 0)
        return np.vstack(parts)

    def job(self, ra: int, a: Article, oa: str | None, rb: int, b: Article, ob: str | None) -> Job | None:
        """The pair as verification needs it, boilerplate taken out; None when nothing else is left."""
        if self.lexical or self.encoder is None:
            return make_job(self.boilerplate, a, oa, b, ob)
        return make_job(self.boilerplate, a, oa, b, ob, (self.cache[ra], self.cache[rb]), self.encoder.name)

    def compare(
        self, ra: int, a: Article, oa: str | None, rb: int, b: Article, ob: str | None
    ) -> tuple[Comparison, dict[str, Any]] | None:
        """Align ``a`` with ``b`` without their boilerplate; None when nothing else is left."""
        job = self.job(ra, a, oa, rb, b, ob)
        return None if job is None else job.run()


@dataclass(frozen=True)
class Found:
    """One indexed article the query retells (or is retold by), with the full comparison."""

    edge: Edge
    comparison: Comparison
    channels: dict[str, float]

    def __repr__(self) -> str:
        """Short: the stored article, how it relates and by which channels (the comparison is ``comparison``)."""
        e = self.edge
        how = ", ".join(f"{k}={v:g}" for k, v in self.channels.items())
        return (
            f"Found(b={e.b!r}, relation={e.relation!r}, score={e.score:.3f}, coverage_a={e.coverage_a:.2f}, "
            f"coverage_b={e.coverage_b:.2f}, direction={e.direction!r}, channels: {how or 'none'})"
        )


def sources(
    store: Store,
    article: Article,
    *,
    lexical: bool = False,
    encoder: Encoder | None = None,
    settings: Settings | None = None,
    relations: Sequence[Relation] = REUSE,
) -> list[Found]:
    """Stored articles that share retold text with ``article``, best first (it is ``a``, they are ``b``)."""
    s = settings or Settings()
    itself = store.row_of(article)  # this very record; a stored copy under another id is listed
    vectors = not lexical and encoder is not None  # the paraphrase channel: of no use to a lexical check
    picked = for_article(store, article, s, exclude=[] if itself is None else [itself], use_vectors=vectors)
    if not picked:
        return []
    arts = store.articles_by_row(picked)
    bp = targeted_boilerplate(store, [article, *arts.values()], len(store))
    v = Verifier(store, lexical, None if lexical else encoder, bp)
    q_outlet = outlet_of(article.source, article.url)
    if vectors and set(relations) <= set(REUSE):  # a pair ``settle`` settles is no reuse: the model need not see it
        plain = {r: make_job(bp, article, q_outlet, b, outlet_of(b.source, b.url)) for r, b in arts.items()}
        arts = {r: b for r, b in arts.items() if (j := plain[r]) is not None and settle(j, s) is None}
        if not arts:
            return []
    if itself is not None and not lexical:  # the query is stored: its cached vectors are its own
        v.prepare(store.articles_by_row([itself]))
        if itself in v.cache:
            v.cache[-1] = v.cache[itself]
    v.prepare({-1: article, **arts})
    found = []
    for r, ev in picked.items():
        if r not in arts:
            continue
        b = arts[r]
        got = v.compare(-1, article, q_outlet, r, b, outlet_of(b.source, b.url))
        if got is None or got[0].verdict.relation not in relations:
            continue
        found.append(Found(edge_of(article.id, b.id, got[0]), got[0], ev.channels()))
    found.sort(key=lambda f: (-f.edge.score, -max(f.edge.coverage_a, f.edge.coverage_b), f.edge.b))
    return found


@dataclass(frozen=True)
class ScanResult:
    """What a scan did and found."""

    mode: str
    articles: int
    scanned: int
    candidates: int
    compared: int
    edges: list[Edge]
    stories: list[Story]
    seconds: dict[str, float]


def scan(
    store: Store,
    *,
    lexical: bool = False,
    encoder: Encoder | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch: int = 256,
    workers: int = 1,
) -> ScanResult:
    """Check every new article against the store, record the verdicts, and group edges into stories.

    ``workers`` >= 2 verifies the candidate pairs of a lexical scan in that many spawned processes (see
    ``retold._pool``; a model scan embeds on both cores and aligns in this process, see :func:`verifiers`);
    the results are the same as in one.

    Only articles not yet scanned in this mode are queried (each query sees the whole store), and
    pairs already checked are skipped, so re-running a scan after adding a few articles is cheap.
    """
    with store.caching(SCAN_CACHE_KIB):
        return _scan(store, lexical, encoder, settings, progress, batch, workers)


def _scan(
    store: Store,
    lexical: bool,
    encoder: Encoder | None,
    settings: Settings | None,
    progress: Progress | None,
    batch: int,
    workers: int,
) -> ScanResult:
    s = settings or Settings()
    enc = None if lexical else encoder
    mode = mode_name(lexical, enc)
    tick = progress or silent
    t0 = time.perf_counter()
    corpus = cand.load(store)
    info = corpus.info
    store.settle_boilerplate(mode, corpus.boilerplate.entries())  # what it leaves out changed: asked again
    # a narrower window than before reports the stored edges inside it; held to the end as 8 bytes a row, not a list's
    # 36 (100,000 articles: 3.8 MiB of the main process through the verification)
    queries = array("q", store.to_scan(mode, s.window_days))
    tick("finding candidates", 0, len(queries))
    t1 = time.perf_counter()
    with spawned(verifiers(workers, enc is not None, len(queries))) as pool:
        if pool is not None:  # the workers start and load their models while candidates are found
            for _ in range(workers):
                pool.submit(warm_worker)
        done = codes_of(store.checked_pairs(mode, queries if len(queries) < len(info) else None))
        bp = corpus.boilerplate
        v = Verifier(store, lexical, enc, bp, settings=s, progress=tick, dropped=dropped_of(store, bp, Infos.of(info)))
        feed = Feed(v, info, pool, batch, done)
        # with workers, the pairs sure to be candidates are verified while the rest are found
        early = feed if pool is not None else None
        picked = cand.bulk(store, corpus, queries, s, use_vectors=enc is not None, tick=tick, early=early)
        del corpus  # its shared exact keys are let go: verification reads the metadata and the boilerplate
        store.unload_index()
        if len(queries) >= POOL_FROM:  # a long scan: the index and the searches' arrays go back before verifying
            release()
        tick("finding candidates", len(queries), len(queries))
        todo = in_article_order(unchecked(picked.codes(), done))
        t2 = time.perf_counter()
        # a model scan's batches of vectors, made and dropped by the encoder's threads, stay in the heap unless
        # given back (10,000 real articles, first 1,740 pairs: main process 734 -> 685 MB)
        feed.store(todo, picked, tick, trim=enc is not None and len(queries) >= POOL_FROM)
        v.finish()
    store.put_edges([], scanned=queries, mode=mode, window=s.window_days)
    t3 = time.perf_counter()
    edges, published = reuse_edges(store, mode, info, s)
    stories = build_stories(edges, published)
    t4 = time.perf_counter()
    return ScanResult(
        mode=mode,
        articles=len(info),
        scanned=len(queries),
        candidates=len(picked),
        compared=len(todo),
        edges=sorted(edges, key=lambda e: (-e.score, e.a, e.b)),
        stories=stories,
        seconds={"load": t1 - t0, "candidates": t2 - t1, "compare": t3 - t2, "stories": t4 - t3},
    )


def reuse_edges(
    store: Store, mode: str, info: Mapping[int, Info], s: Settings
) -> tuple[list[Edge], dict[str, float | None]]:
    """The mode's reuse edges inside the date window, and the publication times of their articles (what
    ``build_stories`` reads: every article's took some 150 bytes an article of the main process), read one edge at
    a time so that only the ``Edge`` of each stays."""
    edges: list[Edge] = []
    published: dict[str, float | None] = {}
    for e in store.each_edge(mode, REUSE):
        ia, ib = info[e.a_row], info[e.b_row]
        if in_window(ia.published_ts, ib.published_ts, s):
            edges.append(e.edge)
            published[ia.id], published[ib.id] = ia.published_ts, ib.published_ts
    return edges, published


def warm_worker() -> None:
    """In a verifying worker, before its first pairs: load what a comparison needs, not the language identifier
    (the pairs' articles come with the language ingest read; the 10,000-article scan's worker held 120 MiB after
    warming with it, 48 without), and keep its word caches bounded (``jobs.bound_caches``)."""
    from retold.pipeline import warm
    from retold.provenance.jobs import bound_caches

    bound_caches()
    warm(language="en")


def verifiers(workers: int, model: bool, queries: int) -> int:
    """Worker processes that align candidate pairs (0: this process does). With a sentence model this process
    embeds on both cores and aligns in between: the embedding is most of the work (at 10,000 articles a
    ``--lexical`` scan verified 5,167 pairs in 22 s, the model scan 5,917 in 826 s), so a worker process
    only contends for the cores and holds its own copy of the modules (2,000 real articles, twice
    in turn: compare 327 s in-process against 319 s with one worker, the same 625 pairs and 75 edges; all
    processes' peak 850 against 961 MB)."""
    if workers < 2 or queries < POOL_FROM or model:
        return 0
    return workers
