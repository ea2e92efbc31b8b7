"""The cross-language step of a Spark scan (``--multilingual``): what ``add --multilingual`` and the local
scan's ``scan_across`` do, as Spark stages around the library (``retold.provenance.crosslingual``).

xpassages (each article's language and lead passages from the multilingual model, int8 as a store keeps
them) -> xpairs (every chunk of articles searched against every block of articles: each article's best
candidates in other languages, merged over the blocks; the search is exact, so its work grows with the
square of the collection, as the local one's) -> xverified (each pair aligned with the multilingual
model). The scan then leaves those pairs out of its own verification and builds its stories with them.
The functions over rows import no pyspark and are tested on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from retold.embed import Encoder, get_encoder
from retold.embed.base import dequantise, quantise
from retold.model import Article
from retold.provenance import crosslingual as xl
from retold.spark.records import article, verified_row

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

BLOCK_ARTICLES = 20_000  # target articles per search task (about 40,000 passages: 80 MB as float32)
QUERY_CHUNK = 2_000  # query articles per search task
PAIRS_PER_TASK = 200  # pairs aligned per task: each embeds both articles' sentences


def passage_rows(rows: Iterable[Any], model: str) -> Iterator[dict[str, Any]]:
    """Article rows to ``(ord, ts, language, vectors)``: the language ingest decided and the lead's passage
    vectors, int8 (``quantise``), ``crosslingual.EMBED_BATCH`` articles per encoder call, as ``embed_missing``
    stores them; an article without an indexable sentence has no row (a store loads none for it)."""
    enc = get_encoder(model)
    batch: list[Any] = []
    for r in rows:
        batch.append(r)
        if len(batch) == xl.EMBED_BATCH:
            yield from _passage_batch(enc, batch)
            batch = []
    yield from _passage_batch(enc, batch)


def _passage_batch(enc: Encoder, batch: list[Any]) -> Iterator[dict[str, Any]]:
    arts = [article(x) for x in batch]
    for x, art, vecs in zip(batch, arts, xl.article_passages(enc, arts) if arts else [], strict=True):
        if len(vecs):
            yield {"ord": x["ord"], "ts": x["ts"], "language": art.language, "vectors": quantise(vecs)}


def _passages(
    rows: Iterable[Any], dim: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str], dict[int, Any]]:
    """Passage rows (sorted by ``ord``) as the search needs them: the articles, each passage's article (0..),
    the unit vectors, and each article's language and date."""
    got = sorted(rows, key=lambda r: r["ord"])
    owners = np.array([r["ord"] for r in got], dtype=np.int64)
    vecs = [dequantise(r["vectors"], dim) for r in got]
    at = np.repeat(np.arange(len(got), dtype=np.int64), [len(v) for v in vecs])
    matrix = np.concatenate(vecs) if vecs else np.zeros((0, dim), dtype=np.float32)
    return owners, at, matrix, {r["ord"]: r["language"] for r in got}, {r["ord"]: r["ts"] for r in got}


def search_block(item: Any, dim: int, window_days: float | None) -> Iterator[dict[str, Any]]:
    """One chunk of query articles against one block of articles (``item``: their passage rows): each query's
    candidates in the block (``crosslingual.pick``), one row each."""
    rows, at, matrix, lang, ts = _passages(item["targets"], dim)
    lang = {**lang, **{r["ord"]: r["language"] for r in item["queries"]}}
    ts = {**ts, **{r["ord"]: r["ts"] for r in item["queries"]}}
    for r in item["queries"]:
        q = r["ord"]
        best = xl.best_cosines(dequantise(r["vectors"], dim), matrix, at, len(rows))
        for target, cos in xl.pick(q, rows, best, lang, ts, window_days):
            yield {"q": q, "r": target, "cos": cos}


def merged_picks(q: int, found: Iterable[Any]) -> list[tuple[tuple[int, int], float]]:
    """Query ``q``'s candidates from every block merged (``crosslingual.merge_picks``), each as its pair
    (``lo`` < ``hi``) and cosine; a pair both of whose articles pick it is kept once, at its better cosine
    (the local scan collects them so)."""
    return [((min(q, r), max(q, r)), cos) for r, cos in xl.merge_picks((f["r"], f["cos"]) for f in found)]


def verified_rows(rows: Iterable[Any], model: str) -> Iterator[dict[str, Any]]:
    """Pairs (``lo``/``hi``: article rows with their ``language``) aligned with the multilingual model
    (``crosslingual.verify_across``), as the ``verified`` stage's rows."""
    enc = get_encoder(model)
    got = list(rows)
    side: dict[int, Mapping[str, Any]] = {}
    for r in got:
        side[r["lo"]["ord"]], side[r["hi"]["ord"]] = r["lo"], r["hi"]
    arts: dict[int, Article] = {o: replace(article(row), language=row["language"]) for o, row in side.items()}
    vectors = xl.sentence_vectors(enc, arts)
    pairs = [(r["lo"]["ord"], r["hi"]["ord"], r["cos"]) for r in got]
    published = {o: row["ts"] for o, row in side.items()}
    outlets = {o: row["outlet"] for o, row in side.items()}
    for a, b, edge, evidence in xl.verify_across(pairs, arts, vectors, published, outlets, model):
        yield verified_row(side[a], side[b], edge, evidence)


def passages(spark: SparkSession, arts: DataFrame, model: str) -> DataFrame:
    """The ``xpassages`` stage: every article's language and passage vectors."""
    from retold.spark.schema import PASSAGES

    a = arts.drop("bands", "key_key", "key_kind", "error")
    a = a.repartition(max(2, a.count() // 500 + 1))
    return spark.createDataFrame(a.rdd.mapPartitions(lambda it: passage_rows(it, model)), PASSAGES)  # type: ignore[type-var]


def pairs(spark: SparkSession, xp: DataFrame, dim: int, window_days: float | None) -> DataFrame:
    """The ``xpairs`` stage: each chunk of articles searched against each block, one task per (chunk, block);
    each query's candidates from all blocks are merged after a shuffle by query."""
    from pyspark.sql import functions as F

    from retold.spark.schema import ROWS, XPAIR

    ords = xp.select("ord").rdd.map(lambda r: r[0]).sortBy(lambda o: o).zipWithIndex()
    numbered = xp.join(spark.createDataFrame(ords, ROWS).withColumnRenamed("row", "_n"), "ord")  # type: ignore[type-var]
    rec = F.struct("ord", "ts", "language", "vectors")
    chunks = numbered.groupBy((F.col("_n") / QUERY_CHUNK).cast("long").alias("chunk")).agg(
        F.collect_list(rec).alias("queries")
    )
    blocks = numbered.groupBy((F.col("_n") / BLOCK_ARTICLES).cast("long").alias("block")).agg(
        F.collect_list(rec).alias("targets")
    )
    work = chunks.crossJoin(blocks)
    work = work.repartition(max(1, work.count()))
    found = work.rdd.mapPartitions(lambda it: (f for item in it for f in search_block(item, dim, window_days)))
    by_query = found.map(lambda f: (f["q"], f)).groupByKey()
    merged = by_query.flatMap(lambda item: merged_picks(item[0], item[1])).reduceByKey(max)
    rows = merged.map(lambda kv: {"lo": kv[0][0], "hi": kv[0][1], "cos": kv[1]})
    return spark.createDataFrame(rows, XPAIR)  # type: ignore[type-var]


def verify(spark: SparkSession, xpairs: DataFrame, meta: DataFrame, model: str) -> DataFrame:
    """The ``xverified`` stage: the pairs with both articles (and their languages), aligned."""
    from pyspark.sql import functions as F

    from retold.spark.schema import VERIFIED

    cols = meta.columns  # an article row carries the language ingest decided, the one its passages were read in
    lo = meta.select(F.col("ord").alias("_lo"), F.struct(*cols).alias("lo_row"))
    hi = meta.select(F.col("ord").alias("_hi"), F.struct(*cols).alias("hi_row"))
    j = xpairs.join(lo, xpairs["lo"] == lo["_lo"]).join(hi, xpairs["hi"] == hi["_hi"])
    j = j.select(F.col("lo_row").alias("lo"), F.col("hi_row").alias("hi"), "cos")
    j = j.repartition(max(2, j.count() // PAIRS_PER_TASK + 1))
    return spark.createDataFrame(j.rdd.mapPartitions(lambda it: verified_rows(it, model)), VERIFIED)  # type: ignore[type-var]


def stages(
    stage: Callable[[str, Callable[[], DataFrame]], DataFrame],
    spark: SparkSession,
    arts: DataFrame,
    meta: DataFrame,
    model: str,
    window_days: float | None,
) -> tuple[DataFrame, DataFrame] | None:
    """The cross-language stages, run through the scan's ``stage`` (so they resume): ``(pairs, verified)``, or
    None when every article is in one language."""
    xp = stage("xpassages", lambda: passages(spark, arts, model))
    if xp.select("language").distinct().count() < 2:
        return None
    dim = get_encoder(model).dim
    xpairs = stage("xpairs", lambda: pairs(spark, xp, dim, window_days))
    return xpairs, stage("xverified", lambda: verify(spark, xpairs, meta, model))
