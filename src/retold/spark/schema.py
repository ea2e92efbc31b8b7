"""The stage tables' Spark schemas (imported only once pyspark is known to be there)."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    BinaryType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)


def _schema(*fields: tuple[str, object]) -> StructType:
    return StructType([StructField(n, t, True) for n, t in fields])  # type: ignore[arg-type]


S, L, D, N = StringType(), LongType(), DoubleType(), IntegerType()

# read: a file's records (``record``), a text file's article (``article``) or why one was skipped
RECORD = _schema(
    ("ord", L), ("where", S), ("default_id", S), ("record", BinaryType()), ("article", BinaryType()), ("error", S)
)
# articles: a readable record (error null) or a skipped one (``where`` and ``error`` only)
ARTICLE = _schema(
    ("ord", L), ("where", S), ("error", S), ("id", S), ("hash", S), ("text", S), ("title", S), ("url", S),
    ("source", S), ("published", S), ("bounds", S), ("norms", S), ("title_first", N), ("language", S),
    ("outlet", S), ("ts", D), ("n_sentences", N), ("n_vec", N), ("bands", ArrayType(L)), ("key_key", ArrayType(L)),
    ("key_kind", ArrayType(N)),
)  # fmt: skip
# articles: what the store keeps of an id given more than once (its id made unique, its metadata filled in)
KEPT = _schema(
    ("ord", L), ("id", S), ("title", S), ("url", S), ("source", S), ("published", S), ("outlet", S), ("ts", D)
)
CANDIDATE = _schema(("lo", L), ("hi", L), ("strength", D), ("lsh", L), ("sentences", L), ("quotes", L), ("numbers", L))
PAIR = _schema(("lo", L), ("hi", L))
VERIFIED = _schema(
    ("a_ord", L), ("b_ord", L), ("a", S), ("b", S), ("relation", S), ("score", D), ("coverage_a", D),
    ("coverage_b", D), ("direction", S), ("direction_confidence", D), ("a_ts", D), ("b_ts", D), ("evidence", S),
)  # fmt: skip
STORY = _schema(("story", S), ("articles", ArrayType(S)), ("origins", ArrayType(S)))

# the default mode's stages: dense rows, index shards, each query sentence's neighbours per shard, the
# vector channel's evidence per pair, the selected pairs with the local scan's vector cache, the vectors
ROWS = _schema(("ord", L), ("row", L))
SHARD = _schema(("shard", L), ("path", S), ("vectors", L))
HITS = _schema(
    ("chunk", L), ("shard", L), ("pos", L), ("q_row", L), ("q_sent", L), ("scores", ArrayType(FloatType())),
    ("ids", ArrayType(L)),
)  # fmt: skip
VECTOR = _schema(
    ("lo_row", L), ("hi_row", L), ("vec_lo", L), ("vec_hi", L), ("vec_sum", D), ("vec_best", D), ("vec_close", L)
)
EMBEDDED = _schema(("ord", L), ("vectors", BinaryType()))

# the cross-language step (--multilingual): each article's language and int8 passage vectors, the pairs to align
PASSAGES = _schema(("ord", L), ("ts", D), ("language", S), ("vectors", BinaryType()))
XPAIR = _schema(("lo", L), ("hi", L), ("cos", D))
