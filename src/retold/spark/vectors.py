"""The default mode's extra Spark work as plain Python over rows (no pyspark import, tested on its own):
the vector channel's index shards and searches, and the transformer's sentence vectors.

Each function calls the library: the store's own hashed sentence vectors and faiss index
(``Indexing._vectors``, ``FaissIndex``), the candidate stage's query sentences and per-pair evidence
(``vector_channel.vector_queries``, ``vector_pairs``, ``Evidence.merge``), the encoder (``get_encoder``) and
verification (``make_job``, ``verify``). Articles carry a dense ``row`` (1, 2, ... in input order), the
local store's row ids, so vector ids (``sentence_id``) and every tie break as there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import numpy as np

from retold.embed import Encoder, get_encoder
from retold.embed.base import dequantise, quantise
from retold.fingerprint import HashedEncoder
from retold.model import Article, Edge
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Settings
from retold.provenance.jobs import make_job, settle, verify
from retold.provenance.scan import earlier
from retold.provenance.vector_channel import vector_pairs, vector_queries
from retold.spark.records import VEC_FIELDS, article, verified_row
from retold.store.faiss_index import FaissIndex
from retold.store.indexing import INDEX_PART, Indexing
from retold.store.records import Info

QUERY_CHUNK = 2_000  # articles searched at once, as ``candidates.bulk`` (the same faiss calls, the same floats)
SHARD_ARTICLES = 50_000  # articles per index shard: about 1.5 M hashed vectors, 2 GB with the HNSW graph
EMBED_BATCH = 64  # articles per encoder call (its own batches are 4 sentences)


class _Hashed:
    """What ``Indexing._vectors`` needs of a store: its hashed encoder."""

    encoder = HashedEncoder()


def _group(rows: Iterable[Any], key: str) -> Iterator[tuple[Any, list[Any]]]:
    """Consecutive rows with the same ``key`` (a partition sorted by it)."""
    cur: list[Any] = []
    for r in rows:
        if cur and r[key] != cur[0][key]:
            yield cur[0][key], cur
            cur = []
        cur.append(r)
    if cur:
        yield cur[0][key], cur


def index_shards(rows: Iterable[Any], folder: str) -> Iterator[dict[str, Any]]:
    """Build and save each shard's index (rows sorted by ``shard``, ``row``): the store's hashed vectors of
    every indexable sentence, added ``INDEX_PART`` articles at a time in row order, as the store does."""
    for shard, part in _group(rows, "shard"):
        index = FaissIndex(_Hashed.encoder.dim)
        for k in range(0, len(part), INDEX_PART):
            items = [(r["row"], article(r)) for r in part[k : k + INDEX_PART]]
            index.add(*Indexing._vectors(cast(Any, _Hashed()), items))
        where = Path(folder) / f"shard-{shard:05d}"
        index.save(where, 0)
        yield {"shard": shard, "path": str(where), "vectors": len(index)}


_loaded: dict[str, FaissIndex] = {}


def _shard(path: str) -> FaissIndex:
    """A saved shard, loaded once per Python worker (the last one used is kept)."""
    if path not in _loaded:
        _loaded.clear()
        got = FaissIndex.load(Path(path), _Hashed.encoder.dim)
        if got is None:
            raise RuntimeError(f"{path}: index shard missing or unreadable")
        _loaded[path] = got[0]
    return _loaded[path]


def _info(r: Mapping[str, Any]) -> Info:
    return Info(r["row"], r["id"], r["hash"], r["outlet"], r["ts"], r["n_sentences"], r["n_vec"])


def search_chunks(rows: Iterable[Any], bp: Boilerplate, s: Settings) -> Iterator[dict[str, Any]]:
    """Rows sorted by ``chunk``, ``shard``, ``row`` (each article once per shard): the chunk's query
    sentences (``vector_channel.vector_queries``) searched in the shard, one row per query sentence."""
    plain = (r.asDict() if hasattr(r, "asDict") else dict(r) for r in rows)
    groups = _group(({**r, "_g": (r["chunk"], r["shard"])} for r in plain), "_g")
    for (chunk, shard), part in groups:
        items = [(r["row"], article(r)) for r in part]
        q_rows, q_sent, texts = vector_queries(items, bp, {r["row"]: _info(r) for r in part})
        if not texts:
            continue
        scores, ids = _shard(part[0]["path"]).search(_Hashed.encoder.encode(texts), s.neighbours + 1)
        for pos in range(len(texts)):
            yield {
                "chunk": chunk,
                "shard": shard,
                "pos": pos,
                "q_row": q_rows[pos],
                "q_sent": q_sent[pos],
                "scores": scores[pos].tolist(),
                "ids": ids[pos].tolist(),
            }


def chunk_evidence(item: tuple[int, Iterable[Any]], s: Settings) -> list[dict[str, Any]]:
    """One chunk's hits (from every shard) to the vector channel's evidence per pair, as the local
    ``vector_channel.vector_evidence`` gives it: each sentence's best ``neighbours + 1`` over the shards (the better
    score first, an earlier shard on a tie, as a store's base before its tail), then ``vector_pairs``."""
    by_pos: dict[int, list[Any]] = {}
    for r in item[1]:
        by_pos.setdefault(r["pos"], []).append(r)
    k = s.neighbours + 1
    q_rows, q_sent, scores, ids = [], [], [], []
    for pos in sorted(by_pos):
        hits = sorted(by_pos[pos], key=lambda r: r["shard"])
        sc = np.concatenate([np.asarray(h["scores"], dtype=np.float32) for h in hits])
        ix = np.concatenate([np.asarray(h["ids"], dtype=np.int64) for h in hits])
        sc = np.where(ix < 0, -np.inf, sc)
        order = np.argsort(-sc, kind="stable")[:k]
        best, found = sc[order], ix[order]
        q_rows.append(hits[0]["q_row"])
        q_sent.append(hits[0]["q_sent"])
        scores.append(np.where(np.isinf(best), 0.0, best).astype(np.float32))
        ids.append(np.where(np.isinf(best), -1, found))
    if not q_rows:
        return []
    got = vector_pairs(q_rows, q_sent, np.stack(scores), np.stack(ids), s)
    return [{"lo_row": a, "hi_row": b, **{f: getattr(e, f) for f in VEC_FIELDS}} for (a, b), e in got.items()]


def embedded(rows: Iterable[Any], model: str | None) -> Iterator[dict[str, Any]]:
    """Article rows to ``(ord, vectors)``: the encoder's float32 vectors of every sentence (as
    ``Verifier.prepare`` computes them), ``EMBED_BATCH`` articles per call; the model loads once per
    Python worker (``get_encoder`` caches it, and Spark reuses its workers)."""
    enc = get_encoder(model)
    batch: list[Any] = []
    for r in rows:
        batch.append(r)
        if len(batch) == EMBED_BATCH:
            yield from _embed(enc, batch)
            batch = []
    yield from _embed(enc, batch)


def _embed(enc: Encoder, rows: list[Any]) -> Iterator[dict[str, Any]]:
    arts = [article(r) for r in rows]
    vecs = enc.encode([x.norm for a in arts for x in a.sentences])
    k = 0
    for r, a in zip(rows, arts, strict=True):
        n = len(a.sentences)
        yield {"ord": r["ord"], "vectors": np.ascontiguousarray(vecs[k : k + n], dtype=np.float32).tobytes()}
        k += n


def _vectors(blob: bytes, dim: int) -> np.ndarray:
    """An article's vectors as the local scan hands them to verification: through its int8 cache
    (``Verifier.prepare``)."""
    return dequantise(quantise(np.frombuffer(blob, dtype=np.float32).reshape(-1, dim)), dim)


def settled(rows: Iterable[Any], bp: Boilerplate, s: Settings) -> Iterator[dict[str, Any]]:
    """The pairs ``jobs.settle`` settles (and those with nothing left once the boilerplate is out), as rows."""
    for r in rows:
        lo, hi = r["lo"], r["hi"]
        a, b = (lo, hi) if earlier(lo["ts"], lo["ord"], hi["ts"], hi["ord"]) else (hi, lo)
        art_a, art_b = article(a), article(b)
        job = make_job(bp, art_a, a["outlet"], art_b, b["outlet"])
        got = None if job is None else settle(job, s)
        if job is None or got is not None:
            yield verified_row(a, b, *(got or _verdict(None, art_a, art_b)))


def verified(rows: Iterable[Any], bp: Boilerplate, model: str, dim: int) -> Iterator[dict[str, Any]]:
    """Verify each pair with the model's vectors (the earlier article is ``a``, as in the local scan)."""
    for r in rows:
        lo, hi = r["lo"], r["hi"]
        v_lo, v_hi = _vectors(r["lo_vec"], dim), _vectors(r["hi_vec"], dim)
        if earlier(lo["ts"], lo["ord"], hi["ts"], hi["ord"]):
            a, b, va, vb = lo, hi, v_lo, v_hi
        else:
            a, b, va, vb = hi, lo, v_hi, v_lo
        art_a, art_b = article(a), article(b)
        job = make_job(bp, art_a, a["outlet"], art_b, b["outlet"], (va, vb), model)
        yield verified_row(a, b, *_verdict(job, art_a, art_b))


def _verdict(job: Any, a: Article, b: Article) -> tuple[Edge, dict[str, Any]]:
    if job is None:
        return Edge(a.id, b.id, "unrelated", 0.0, 0.0, 0.0), {}
    return verify(job)
