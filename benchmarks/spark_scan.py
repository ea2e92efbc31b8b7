"""The Spark engine (``local[2]``) beside the local engine on the same real-length articles.

    .venv/bin/python benchmarks/spark_scan.py [N]        # N articles (corpus_data.build, default 2,000), --lexical
    .venv/bin/python benchmarks/spark_scan.py N --model  # the default mode: vector channel, the default model

Prints both engines' wall time and throughput, their ratio, whether their edge and story tables are
identical, and per Spark stage: seconds, the stage's parquet bytes, the shuffle bytes Spark wrote
and read in it (from Spark's status store), and articles per second per core. ``docs/scale.md``
builds the 100 M article plan from these figures.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus_data
from retold.corpus import Corpus
from retold.spark.engine import STAGES, scan

CORES = 2


def _session() -> Any:
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    b = SparkSession.builder.master(f"local[{CORES}]").appName("retold-bench")
    for k, v in {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.shuffle.partitions": str(2 * CORES),
        "spark.ui.retainedStages": "100000",
        "spark.ui.retainedJobs": "100000",
    }.items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _shuffle(spark: Any) -> tuple[int, int]:
    """Shuffle bytes (written, read) over every Spark stage so far, from the JVM's status store."""
    sc = spark.sparkContext
    no_quantiles = sc._gateway.new_array(sc._gateway.jvm.double, 0)
    stages = sc._jsc.sc().statusStore().stageList(None, False, False, no_quantiles, None)
    w = r = 0
    for i in range(stages.size()):
        st = stages.apply(i)
        w += int(st.shuffleWriteBytes())
        r += int(st.shuffleReadBytes())
    return w, r


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--model"]
    lexical = "--model" not in sys.argv[1:]
    n = int(args[0]) if args else 2000
    work = Path(tempfile.mkdtemp(prefix="retold-spark-bench-"))
    planted = corpus_data.build(n, work)
    feed = work / "corpus.jsonl"
    n_arts = sum(1 for _ in feed.open(encoding="utf-8"))
    print(f"{n_arts:,} articles ({feed.stat().st_size / 1e6:.1f} MB), {len(planted)} planted pairs; work in {work}")
    print("mode: " + ("--lexical" if lexical else "default (vector channel, default model)"))

    t0 = time.perf_counter()
    res, _, _ = Corpus(work / "store.db").scan([str(feed)], lexical=lexical, out=work / "local", workers=CORES)
    local_s = time.perf_counter() - t0
    print(f"local engine, {CORES} workers: {local_s:.1f} s, {n_arts / local_s:.1f} articles/s; {len(res.edges)} edges")
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in res.seconds.items()) + " (scan; the rest is add)")

    spark = _session()
    marks: dict[str, tuple[float, tuple[int, int]]] = {}

    def tick(stage: str) -> None:
        marks[stage] = (time.perf_counter(), _shuffle(spark))

    t0 = time.perf_counter()
    got = scan([str(feed)], work / "spark", spark=spark, progress=tick, lexical=lexical)
    spark_s = time.perf_counter() - t0
    marks["end"] = (time.perf_counter(), _shuffle(spark))
    print(f"Spark local[{CORES}]: {spark_s:.1f} s, {n_arts / spark_s:.1f} articles/s; {got.edges} edges")
    print(f"ratio Spark / local wall time: {spark_s / local_s:.2f}x")
    same = all(
        (work / "local" / f).read_bytes() == (work / "spark" / f).read_bytes() for f in ("edges.jsonl", "stories.jsonl")
    )
    print(f"identical edges.jsonl and stories.jsonl: {same}")
    print(f"candidates {got.candidates:,}, compared {got.compared:,}, edges {got.edges:,}, stories {got.stories:,}")
    print()
    print("| stage | s | parquet MB | shuffle write MB | shuffle read MB | articles/s/core |")
    print("|---|---:|---:|---:|---:|---:|")
    names = [s for s in STAGES if s in marks]
    for k, name in enumerate(names):
        nxt = marks[names[k + 1]] if k + 1 < len(names) else marks["end"]
        secs = got.seconds.get(name, nxt[0] - marks[name][0])
        wb, rb = nxt[1][0] - marks[name][1][0], nxt[1][1] - marks[name][1][1]
        mb = got.stage_bytes.get(name, 0) / 1e6
        per_core = n_arts / max(secs, 1e-9) / CORES
        print(f"| {name} | {secs:.1f} | {mb:.2f} | {wb / 1e6:.2f} | {rb / 1e6:.2f} | {per_core:.1f} |")
    spark.stop()


if __name__ == "__main__":
    main()
