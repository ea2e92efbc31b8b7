"""The articles stage of the Spark scan: which readable records become articles, and under which ids.

The store's rules, applied to a DataFrame: a record given again fills in what its article lacks, the same text
under another id is an article of its own (``records.kept_of_id``), and ids taken are made unique in input order
(``store.records.unique_ids``), each renaming told as the local ``add`` tells it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from retold.spark import records as rec
from retold.store.filling import FILLABLE

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def articles(spark: SparkSession, read: DataFrame) -> DataFrame:
    """Readable rows, as the store keeps them: an id given once is its article; the rows of an id given more
    than once are decided by the store's rule (``records.kept_of_id``: the same text under another id is an
    article of its own, the same record again is no new article but fills in the metadata it lacks), and the
    ids then made unique as the store makes them (:func:`_unique`)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from retold.spark.schema import KEPT

    ok = read.where("error IS NULL").withColumn("_n", F.count("*").over(Window.partitionBy("id")))
    alone, given = ok.where("_n = 1").drop("_n"), ok.where("_n > 1").drop("_n")
    rows = given.select("ord", "id", "hash", "text", *FILLABLE).rdd.map(lambda r: (r["id"], r.asDict()))
    kept = spark.createDataFrame(rows.groupByKey().flatMap(lambda g: rec.kept_of_id(g[1])), KEPT)  # type: ignore[type-var]
    return _unique(spark, alone.unionByName(given.drop(*KEPT.fieldNames()[1:]).join(kept, "ord")))


def _unique(spark: SparkSession, arts: DataFrame) -> DataFrame:
    """Each id made unique by the store's rule (``store.records.unique_ids``, in input order): only the articles
    whose ids may meet (``records.may_clash``; none, most often) are named on the driver, the rest keep theirs."""
    from pyspark.sql import functions as F

    from retold.store.records import unique_ids

    repeated = {r["id"] for r in arts.groupBy("id").count().where("count > 1").select("id").collect()}
    if not repeated:
        return arts
    meet = arts.select("ord", "id", "hash").rdd.filter(lambda r: rec.may_clash(r["id"], repeated)).collect()
    meet.sort(key=lambda r: r["ord"])
    names = unique_ids([(r["id"], r["hash"]) for r in meet], lambda _: False)
    new = [(r["ord"], n) for r, n in zip(meet, names, strict=True) if n != r["id"]]
    named = spark.createDataFrame(new, "ord long, _id string")
    return arts.join(named, "ord", "left").withColumn("id", F.coalesce("_id", "id")).drop("_id")


def renamed(parsed: DataFrame, arts: DataFrame) -> list[tuple[str, str, str]]:
    """``(where, id, stored as)`` of each article whose id was taken, in input order: told, as the local
    ``add`` tells them, never renamed silently."""
    from pyspark.sql import functions as F

    given = parsed.where("error IS NULL").select("ord", "where", F.col("id").alias("wanted"))
    rows = given.join(arts.select("ord", "id"), "ord").where("wanted != id").orderBy("ord").collect()
    return [(r["where"], r["wanted"], r["id"]) for r in rows]
