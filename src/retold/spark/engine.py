"""The scan as Spark stages, each a Spark operation around the library (``retold.spark.records``).

read -> articles (duplicates out, ids made unique: ``retold.spark.articles``) -> boilerplate -> candidates
(band-key and exact-key joins, hot keys capped) -> selected (the per-article cap) -> verified -> stories. The
default (model) mode adds the vector channel before the candidates and the transformer's vectors before the
verification (``retold.spark.channel``). Each stage
writes parquet under ``OUT/_stages/<name>`` (written to a temporary folder, then renamed), and a
re-run skips every stage whose folder is there: a killed job resumes after its last finished stage.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retold.embed import get_encoder
from retold.errors import UsageError
from retold.fingerprint import KIND_QUOTE, KIND_SENTENCE
from retold.provenance.boilerplate import SPREAD_MIN, everywhere_threshold
from retold.provenance.candidates import cap_per_article
from retold.provenance.evidence import Settings
from retold.provenance.export import EDGE_FIELDS, FORMATS, STORY_FIELDS, edge_rows, write_table
from retold.provenance.jobs import REUSE
from retold.provenance.scan import mode_name
from retold.provenance.stories import story_rows
from retold.spark import records as rec
from retold.spark.across import stages as xstages
from retold.spark.articles import articles, renamed
from retold.spark.session import session

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from retold.model import Edge

PER_TASK = 2_000  # articles made per task in the parse stage
PAIRS_PER_TASK = 500  # candidate pairs verified per task
STAGES = (
    "read", "parsed", "articles", "boilerplate", "spread", "rows", "index", "hits", "vectors", "candidates", "selected",
    "embedded", "verified", "xpassages", "xpairs", "xverified", "stories",
)  # fmt: skip
Progress = Callable[[str], None]


@dataclass
class SparkScan:
    """What a Spark scan did: counts, what it could not read or renamed (as the local ``add`` reports them),
    seconds and bytes per stage."""

    articles: int = 0
    candidates: int = 0
    compared: int = 0
    edges: int = 0
    stories: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # files found unreadable before Spark started
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # id collisions: (where, id, stored as)
    passed_over: list[tuple[str, str]] = field(default_factory=list)  # what folders hold that is not read
    seconds: dict[str, float] = field(default_factory=dict)
    stage_bytes: dict[str, int] = field(default_factory=dict)
    resumed: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:  # a file that cannot be read fails in the read stage, with its reason
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


class _Stages:
    """Stage folders under ``OUT/_stages``: present means finished."""

    def __init__(self, spark: SparkSession, out: Path, params: dict[str, Any], result: SparkScan) -> None:
        self.spark, self.dir, self.result = spark, out / "_stages", result
        self.dir.mkdir(parents=True, exist_ok=True)
        pfile = self.dir / "params.json"
        if pfile.exists() and json.loads(pfile.read_text(encoding="utf-8")) != params:
            raise UsageError(
                f"{self.dir} holds the stages of another scan (other inputs, inputs changed since, or other settings):"
                f" delete {self.dir} or use another --out"
            )
        pfile.write_text(json.dumps(params, sort_keys=True), encoding="utf-8")

    def run(self, name: str, make: Callable[[], DataFrame]) -> DataFrame:
        path = self.dir / name
        t0 = time.perf_counter()
        if path.is_dir():
            self.result.resumed.append(name)
        else:
            tmp = self.dir / f".{name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            make().write.parquet(str(tmp))
            tmp.rename(path)
        self.result.seconds[name] = time.perf_counter() - t0
        self.result.stage_bytes[name] = sum(f.stat().st_size for f in path.rglob("*.parquet"))
        return self.spark.read.parquet(str(path))


def scan(
    files: Sequence[str],
    out: str | Path,
    *,
    fmt: str = "jsonl",
    master: str = "local[*]",
    settings: Settings | None = None,
    fields: Mapping[str, str] | None = None,
    spark: SparkSession | None = None,
    progress: Progress | None = None,
    lexical: bool = True,
    model: str | None = None,
    multilingual: str | None = None,
    log: Path | None = None,
) -> SparkScan:
    """Scan these input files on Spark (``lexical``, or the default mode with ``model``, None for the
    default model); write ``OUT/edges.<fmt>`` and ``OUT/stories.<fmt>`` as the local ``scan --out`` does,
    same rows, same ids. ``multilingual`` (a multilingual model's name) adds the cross-language step
    (``retold.spark.across``), as a local store made with ``add --multilingual`` does. ``log``: where a session
    started here puts what the JVM and its workers write (``retold.spark.session``)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if multilingual and lexical:
        raise UsageError("--multilingual aligns across languages with a multilingual model: leave out --lexical")
    s = settings or Settings()
    tick = progress or (lambda stage: None)
    spark = spark or session(master, log=log)
    from retold.spark import channel
    from retold.spark.schema import ARTICLE, RECORD, VERIFIED

    result = SparkScan()
    fmap = dict(fields or {})
    encoder = None if lexical else get_encoder(model)
    mode = mode_name(lexical, encoder)
    # each input with its size and modification time: a stage is reused only for the inputs it was made from
    inputs = [[os.path.abspath(f), *_stamp(f)] for f in files]
    params = {"files": inputs, "settings": asdict(s), "fields": fmap, "mode": mode}
    if multilingual:
        params["multilingual"] = multilingual
    st = _Stages(spark, Path(out), params, result)
    sc = spark.sparkContext

    def stage(name: str, make: Callable[[], DataFrame]) -> DataFrame:
        tick(name)
        return st.run(name, make)

    def read_df() -> DataFrame:
        jobs = [(k, f) for k, f in enumerate(files)]
        rdd = sc.parallelize(jobs, max(1, len(jobs))).flatMap(lambda j: rec.read_file(j[0], j[1], fmap))
        return spark.createDataFrame(rdd, RECORD)  # type: ignore[type-var]

    def parse_df() -> DataFrame:
        parts = max(2 * sc.defaultParallelism, read.count() // PER_TASK + 1)
        return spark.createDataFrame(read.repartition(parts).rdd.mapPartitions(rec.prepared), ARTICLE)  # type: ignore[type-var]

    read = stage("read", read_df)
    parsed = stage("parsed", parse_df)
    result.skipped = [(r["where"], r["error"]) for r in parsed.where("error IS NOT NULL").orderBy("ord").collect()]
    arts = stage("articles", lambda: articles(spark, parsed))
    result.renamed = renamed(parsed, arts)
    n = arts.count()
    result.articles = n
    counts = stage("boilerplate", lambda: _outlet_counts(arts))
    held = stage("spread", lambda: _spread_rows(arts, n))
    bp = rec.boilerplate(counts.collect(), n, held.collect())
    bp_b = sc.broadcast(bp)
    found: DataFrame | None = None
    if encoder is not None:
        row_ids = stage("rows", lambda: channel.rows(spark, arts))
        shards = stage("index", lambda: channel.index(spark, arts, row_ids, st.dir / "index.shards"))
        hits = stage("hits", lambda: channel.hits(spark, arts, row_ids, shards, bp_b, s))
        found = stage("vectors", lambda: channel.evidence(spark, hits, row_ids, s))
    cands = stage("candidates", lambda: _candidates(spark, arts, bp_b, s, n, found))
    result.candidates = cands.count()
    picked = stage("selected", lambda: _selected(spark, cands, s))
    meta = arts.drop("bands", "key_key", "key_kind", "error")
    across = xstages(stage, spark, arts, meta, multilingual, s.window_days) if multilingual else None
    if across is not None:  # those pairs are aligned across languages already, as the local scan skips them
        picked = picked.join(across[0].select("lo", "hi"), ["lo", "hi"], "left_anti")
    result.compared = picked.count()
    parts = max(2 * sc.defaultParallelism, result.compared // PAIRS_PER_TASK + 1)
    emb = settled = None
    pending = picked
    if encoder is not None:  # the pairs the model need not see are settled first; only the rest are embedded
        with_arts = channel.with_articles(picked, meta).repartition(parts)
        settled = stage("settled", lambda: channel.settled(spark, with_arts, bp_b, s))
        pending = channel.unsettled(picked, settled)
        emb = stage("embedded", lambda: channel.embedded(spark, arts, pending, model))

    def verify_df() -> DataFrame:
        if encoder is not None and emb is not None and settled is not None:
            pairs = channel.with_articles(pending, meta)
            return channel.verify(spark, pairs, emb, bp_b, encoder.name, encoder.dim, parts).unionByName(settled)
        pairs = channel.with_articles(picked, meta).repartition(parts)
        return spark.createDataFrame(pairs.rdd.mapPartitions(lambda rows: rec.verified(rows, bp_b.value)), VERIFIED)  # type: ignore[type-var]

    verified = stage("verified", verify_df)
    if across is not None:
        verified = verified.unionByName(across[1])
    edges = verified.where(_in("relation", REUSE))
    stories = stage("stories", lambda: _stories(spark, edges))
    _write(Path(out), fmt, edges, stories, result)
    if not n:  # nothing was read: no stages to resume from, none to refuse a corrected rerun with
        shutil.rmtree(st.dir)
    return result


def _in(col: str, values: Sequence[str]) -> Any:
    from pyspark.sql import functions as F

    return F.col(col).isin(list(values))


def _keys(arts: DataFrame) -> DataFrame:
    """``(key, kind, ord, outlet)``: one row per exact key an article holds; ``kind`` is the key's
    smallest kind over all articles (as the store's ``shared_keys``), kept only for keys of 2+ articles."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    k = arts.select("ord", "outlet", F.explode(F.arrays_zip("key_key", "key_kind")).alias("k"))
    k = k.select("ord", "outlet", F.col("k.key_key").alias("key"), F.col("k.key_kind").alias("kind"))
    k = k.groupBy("key", "ord", "outlet").agg(F.min("kind").alias("kind"))
    w = Window.partitionBy("key")
    k = k.withColumn("kind", F.min("kind").over(w)).withColumn("_n", F.count("*").over(w))
    return k.where("_n > 1").drop("_n")


def _outlet_counts(arts: DataFrame) -> DataFrame:
    """``(key, outlet, n)``: articles of each outlet holding each shared sentence key (boilerplate's input)."""
    from pyspark.sql import functions as F

    k = _keys(arts).where(F.col("kind") == KIND_SENTENCE)
    return k.groupBy("key", "outlet").agg(F.count("*").alias("n"))


def _spread_rows(arts: DataFrame, n: int) -> DataFrame:
    """``(key, ord, outlet)``: the shared sentence keys (under the everywhere threshold) of the articles that hold
    a key ``boilerplate.spread`` may call furniture (``SPREAD_MIN`` or more holders of known outlets), what it
    needs to count what else they share."""
    from pyspark.sql import functions as F

    k = _keys(arts).where(F.col("kind") == KIND_SENTENCE).select("key", "ord", "outlet")
    per = k.groupBy("key").agg(F.count("*").alias("_n"), F.count("outlet").alias("_o"))
    k = k.join(per.where(F.col("_n") < everywhere_threshold(n)), "key")
    maybe = k.where(F.col("_o") >= SPREAD_MIN).select("ord").distinct()
    return k.join(maybe, "ord").select("key", "ord", "outlet")


def _candidates(
    spark: SparkSession, arts: DataFrame, bp: Any, s: Settings, n: int, found: DataFrame | None = None
) -> DataFrame:
    """Pairs the channels admit, ranked. One self-join over every lexical channel's key groups: LSH
    bands (buckets of 2 to ``bucket_cap`` articles) and exact keys (boilerplate sentences out, keys of
    more than ``min(bucket_cap, everywhere)`` articles skipped: a hot key says nothing about a pair);
    per pair, how many groups of each channel it shares; with ``found`` (the vector channel's evidence
    per pair and query chunk), the union of both, each pair's evidence merged."""
    from pyspark.sql import functions as F

    from retold.spark.schema import CANDIDATE

    bands = arts.select(F.lit("lsh").alias("ch"), F.explode("bands").alias("key"), "ord").distinct()
    keys = _keys(arts)
    kept = spark.createDataFrame(keys.rdd.filter(lambda r: not _boilerplate(bp.value, r)), keys.schema)
    name = F.when(F.col("kind") == KIND_SENTENCE, "sentences").when(F.col("kind") == KIND_QUOTE, "quotes")
    exact = kept.select(name.otherwise("numbers").alias("ch"), "key", "ord")
    groups = bands.unionByName(exact)
    cap = F.when(F.col("ch") == "lsh", s.bucket_cap).otherwise(min(s.bucket_cap, everywhere_threshold(n)))
    sizes = groups.groupBy("ch", "key").agg(F.count("*").alias("_n")).where((F.col("_n") >= 2) & (F.col("_n") <= cap))
    g = groups.join(sizes.select("ch", "key"), ["ch", "key"])
    x, y = g.alias("x"), g.alias("y")
    same = (F.col("x.ch") == F.col("y.ch")) & (F.col("x.key") == F.col("y.key")) & (F.col("x.ord") < F.col("y.ord"))
    counts = [F.sum(F.when(F.col("x.ch") == c, 1).otherwise(0)).cast("long").alias(c) for c in rec.CHANNELS]
    ev = x.join(y, same).groupBy(F.col("x.ord").alias("lo"), F.col("y.ord").alias("hi")).agg(*counts)
    if found is not None:
        vec = found.groupBy("lo", "hi").agg(F.collect_list(F.struct(*rec.VEC_FIELDS)).alias("vec"))
        ev = ev.join(vec, ["lo", "hi"], "full")
    meta = arts.select("ord", "id", "hash", "outlet", "ts", "n_sentences", "n_vec")
    from retold.spark.channel import with_articles

    rows = with_articles(ev, meta)
    with_vec = found is not None  # a plain bool: the task must not hold the DataFrame
    ranked = rows.rdd.mapPartitions(lambda it: rec.ranked(it, s, vectors=with_vec))
    return spark.createDataFrame(ranked, CANDIDATE)  # type: ignore[type-var]


def _boilerplate(bp: Any, r: Any) -> bool:
    return bool(r["kind"] == KIND_SENTENCE and bp.is_boilerplate(r["key"], r["outlet"]))


def _selected(spark: SparkSession, cands: DataFrame, s: Settings) -> DataFrame:
    """The per-article cap, strongest pairs first: the one sequential step, streamed through the driver
    (a pair's fate depends on every stronger pair of both its articles)."""
    from pyspark.sql import functions as F

    ordered = cands.orderBy(F.col("strength").desc(), "lo", "hi").select("lo", "hi")
    stream: Iterator[tuple[int, int]] = ((r["lo"], r["hi"]) for r in ordered.toLocalIterator())
    from retold.spark.schema import PAIR

    pairs = list(cap_per_article(stream, s.per_article))
    return spark.createDataFrame([{"lo": a, "hi": b} for a, b in pairs], PAIR)


def _stories(spark: SparkSession, edges: DataFrame) -> DataFrame:
    """Connected components of the reuse edges (label propagation with joins), then the library's
    stories per component: the same stories as the local scan, no chaining inside a component."""
    from pyspark.sql import functions as F

    from retold.spark.schema import STORY

    links = edges.select(F.col("a").alias("v"), F.col("b").alias("w"))
    links = links.union(links.select(F.col("w").alias("v"), F.col("v").alias("w"))).cache()
    label = links.groupBy("v").agg(F.least(F.min("w"), F.first("v")).alias("c")).cache()
    while True:
        hop = links.join(label.withColumnRenamed("v", "w"), "w").groupBy("v").agg(F.min("c").alias("c2"))
        nxt = label.join(hop, "v").select("v", F.least("c", "c2").alias("c")).localCheckpoint()
        changed = nxt.join(label.withColumnRenamed("c", "c0"), "v").where("c != c0").count()
        label = nxt
        if changed == 0:
            break
    comp = edges.join(label.withColumnRenamed("v", "a"), "a")
    grouped = comp.rdd.map(lambda r: (r["c"], r.asDict())).groupByKey()

    def rows(item: tuple[str, Any]) -> list[dict[str, Any]]:
        return [
            {"story": st.id, "articles": list(st.articles), "origins": list(st.origins)}
            for st in rec.component_stories(item[1])
        ]

    return spark.createDataFrame(grouped.flatMap(rows), STORY)


def _own(members: Sequence[str], touching: Mapping[str, Sequence[Edge]]) -> tuple[Edge, ...]:
    """A story's own edges (both ends its members), which say its members' roles (``stories.roles``); a member
    may sit in two stories, as the library groups them."""
    inside = set(members)
    return tuple(e for a in members for e in touching.get(a, ()) if e.b in inside)


def _write(out: Path, fmt: str, edges: DataFrame, stories: DataFrame, result: SparkScan) -> SparkScan:
    """The local scan's tables from the stage results (sorted as the local scan sorts them)."""
    from retold.model import Story

    es = sorted((rec.edge(r.asDict()) for r in edges.collect()), key=lambda e: (-e.score, e.a, e.b))
    touching: dict[str, list[Edge]] = {}
    for e in es:
        touching.setdefault(e.a, []).append(e)
    sts = [
        Story(r["story"], tuple(r["articles"]), tuple(r["origins"]), _own(r["articles"], touching))
        for r in stories.collect()
    ]
    sts.sort(key=lambda st: (-len(st.articles), st.id))
    result.edges, result.stories = len(es), len(sts)
    result.written = [
        write_table(out / f"edges.{fmt}", edge_rows(es), EDGE_FIELDS, fmt),
        write_table(out / f"stories.{fmt}", story_rows(sts), STORY_FIELDS, fmt),
    ]
    return result
