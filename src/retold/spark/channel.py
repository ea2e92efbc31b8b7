"""The default mode's Spark stages (``retold.spark.vectors`` holds what their tasks run).

rows (dense row numbers in input order) -> index (shards of the hashed sentence vectors, saved by
the library's ``FaissIndex``) -> hits (each query chunk searched in each shard) -> vectors (the
vector channel's evidence per pair); after selection, settled (the pairs the model need not see,
aligned without it), embedded (the transformer's vectors of every article in a pair not settled, in
batches per task) and the verification with them. ``with_articles`` joins pairs to their article rows
(both modes).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from retold.provenance.evidence import Settings
from retold.spark import vectors as vec
from retold.spark.schema import EMBEDDED, HITS, ROWS, SHARD, VECTOR, VERIFIED

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

ARTICLES_PER_TASK = 500  # articles embedded per task


def rows(spark: SparkSession, arts: DataFrame) -> DataFrame:
    """``(ord, row)``: 1, 2, ... in input order (``zipWithIndex`` over the sorted order keys), the row ids
    a local store gives the same articles."""
    ords = arts.select("ord").rdd.map(lambda r: r[0]).sortBy(lambda o: o)
    return spark.createDataFrame(ords.zipWithIndex().map(lambda t: (t[0], t[1] + 1)), ROWS)  # type: ignore[type-var]


def _numbered(arts: DataFrame, row_ids: DataFrame) -> DataFrame:
    keep = [c for c in arts.columns if c not in ("bands", "key_key", "key_kind", "error")]
    return arts.select(*keep).join(row_ids, "ord")


def index(spark: SparkSession, arts: DataFrame, row_ids: DataFrame, folder: Path) -> DataFrame:
    """Index shards of ``SHARD_ARTICLES`` consecutive rows, built and saved by the library, one task each."""
    from pyspark.sql import functions as F

    n = row_ids.count()
    shards = max(1, -(-n // vec.SHARD_ARTICLES))
    a = _numbered(arts, row_ids).withColumn("shard", F.floor((F.col("row") - 1) / vec.SHARD_ARTICLES).cast("long"))
    a = a.repartition(shards, "shard").sortWithinPartitions("shard", "row")
    where = str(folder)
    return spark.createDataFrame(a.rdd.mapPartitions(lambda it: vec.index_shards(it, where)), SHARD)  # type: ignore[type-var]


def hits(
    spark: SparkSession, arts: DataFrame, row_ids: DataFrame, shards: DataFrame, bp: Any, s: Settings
) -> DataFrame:
    """Every query chunk (``QUERY_CHUNK`` consecutive rows) searched in every shard: one task per pair."""
    from pyspark.sql import functions as F

    a = _numbered(arts, row_ids).withColumn("chunk", F.floor((F.col("row") - 1) / vec.QUERY_CHUNK).cast("long"))
    n_chunks = a.select("chunk").distinct().count()
    work = a.crossJoin(shards.select("shard", "path"))
    parts = max(1, n_chunks * shards.count())
    work = work.repartition(parts, "chunk", "shard").sortWithinPartitions("chunk", "shard", "row")
    found = work.rdd.mapPartitions(lambda it: vec.search_chunks(it, bp.value, s))
    return spark.createDataFrame(found, HITS)  # type: ignore[type-var]


def evidence(spark: SparkSession, found: DataFrame, row_ids: DataFrame, s: Settings) -> DataFrame:
    """The vector channel's evidence per pair and query chunk, ``lo``/``hi`` as order keys."""
    from pyspark.sql import functions as F

    by_chunk = found.rdd.map(lambda r: (r["chunk"], r)).groupByKey()
    pairs = spark.createDataFrame(by_chunk.flatMap(lambda item: vec.chunk_evidence(item, s)), VECTOR)  # type: ignore[type-var]
    lo = row_ids.select(F.col("row").alias("lo_row"), F.col("ord").alias("lo"))
    hi = row_ids.select(F.col("row").alias("hi_row"), F.col("ord").alias("hi"))
    return pairs.join(lo, "lo_row").join(hi, "hi_row").drop("lo_row", "hi_row")


def embedded(spark: SparkSession, arts: DataFrame, picked: DataFrame, model: str | None) -> DataFrame:
    """The transformer's vectors of every article in a selected pair, ``mapPartitions`` in batches (the
    model loaded once per Python worker; ``mapInPandas`` would add pandas to the extra for nothing)."""
    from pyspark.sql import functions as F

    wanted = picked.select(F.col("lo").alias("ord")).union(picked.select(F.col("hi").alias("ord"))).distinct()
    keep = [c for c in arts.columns if c not in ("bands", "key_key", "key_kind", "error")]
    a = arts.select(*keep).join(wanted, "ord")
    a = a.repartition(max(2, a.count() // ARTICLES_PER_TASK + 1))
    return spark.createDataFrame(a.rdd.mapPartitions(lambda it: vec.embedded(it, model)), EMBEDDED)  # type: ignore[type-var]


def settled(spark: SparkSession, pairs: DataFrame, bp: Any, s: Settings) -> DataFrame:
    """The ``verified`` rows of the pairs (both articles' rows as ``lo``/``hi``) that the model need not see
    (``jobs.settle``), aligned without it as the local scan does; the other pairs give no row."""
    return spark.createDataFrame(pairs.rdd.mapPartitions(lambda it: vec.settled(it, bp.value, s)), VERIFIED)  # type: ignore[type-var]


def verify(
    spark: SparkSession, pairs: DataFrame, emb: DataFrame, bp: Any, model: str, dim: int, parts: int
) -> DataFrame:
    """``pairs`` (both articles' rows as ``lo``/``hi``; those ``settled`` did not settle) with their vectors,
    verified."""
    from pyspark.sql import functions as F

    lo = emb.select(F.col("ord").alias("_lo"), F.col("vectors").alias("lo_vec"))
    hi = emb.select(F.col("ord").alias("_hi"), F.col("vectors").alias("hi_vec"))
    j = pairs.join(lo, F.col("lo.ord") == F.col("_lo")).join(hi, F.col("hi.ord") == F.col("_hi"))
    j = j.drop("_lo", "_hi").repartition(parts)
    out = j.rdd.mapPartitions(lambda it: vec.verified(it, bp.value, model, dim))
    return spark.createDataFrame(out, VERIFIED)  # type: ignore[type-var]


def unsettled(picked: DataFrame, settled: DataFrame) -> DataFrame:
    """The selected pairs that ``settled`` did not settle (``lo``/``hi``, as selected)."""
    from pyspark.sql import functions as F

    done = settled.select(F.least("a_ord", "b_ord").alias("lo"), F.greatest("a_ord", "b_ord").alias("hi"))
    return picked.join(done, ["lo", "hi"], "left_anti")


def with_articles(pairs: DataFrame, arts: DataFrame) -> DataFrame:
    """Each pair with its two articles' rows as structs ``lo`` and ``hi``."""
    from pyspark.sql import functions as F

    cols = [c for c in arts.columns]
    lo = arts.select(F.col("ord").alias("lo"), F.struct(*cols).alias("lo_row"))
    hi = arts.select(F.col("ord").alias("hi"), F.struct(*cols).alias("hi_row"))
    rest = [c for c in pairs.columns if c not in ("lo", "hi")]
    j = pairs.join(lo, "lo").join(hi, "hi")
    return j.select(F.col("lo_row").alias("lo"), F.col("hi_row").alias("hi"), *rest)
