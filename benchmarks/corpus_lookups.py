"""The lookups of ``benchmarks/corpus_sources.py``: each planted copy looked up with ``sources`` in one warm
process, timed (wall and CPU) and scored; kept apart from the store's building so each file stays short."""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
import corpus_memory


def queries(planted: list[corpus_data.Planted], n: int) -> list[corpus_data.Planted]:
    """Up to ``n`` planted pairs with a known source, the kinds taken in turn."""
    by_kind: dict[str, list[corpus_data.Planted]] = {}
    for p in planted:
        if p.directed:
            by_kind.setdefault(p.kind, []).append(p)
    mixed = [p for group in itertools.zip_longest(*by_kind.values()) for p in group if p is not None]
    return mixed[:n]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def measure_now(db: Path, size: int, modes: set[str], n_queries: int, seed: int, load: tuple[float, ...]) -> None:
    """``--now``: the lookups on the store as it is, by the articles it holds now (a run cut short, or one whose
    add goes on); the planted corpus is made again in a folder of its own, for the queries."""
    from retold.store.sqlite import Store

    planted = corpus_data.build(size, db.parent / "now", seed)
    with Store(db) as st:
        n = len(st)
    print(f"lookups on {db} as it is now: {n:,} articles", flush=True)
    res: dict[str, object] = {"requested": size, "size": n, "load_before": load}
    res.update(lookups(db, queries(planted, n_queries), modes))
    res["load_after"] = os.getloadavg()
    out = db.parent / f"lookups-{n}.json"
    out.write_text(json.dumps(res, indent=2) + "\n")
    print(f"wrote {out}")


def lookups(db: Path, asked: list[corpus_data.Planted], modes: set[str]) -> dict[str, object]:
    """Each planted copy looked up in one warm process, in two passes over all of them: ``first`` (the first
    lookup of the article: its keys' pages may not be cached) and ``again``. Per pass and query, in this order:
    the candidate stage of ``sources --lexical`` (no vectors), the one of ``sources`` (with vectors), the whole
    ``sources --lexical``, the whole ``sources`` with the model (cold in the first pass: sentences embedded)."""
    from retold.embed import get_encoder
    from retold.provenance import candidates as cand
    from retold.provenance.query import for_article
    from retold.provenance.scan import sources

    model = "model" in modes
    enc = get_encoder() if model else None
    s = cand.Settings()
    steps = [
        (name, kind)
        for name, kind, mode in (
            ("candidates_lexical", "candidates", "candidates"),
            ("candidates", "candidates_vec", "model"),
            ("lexical", "lexical", "lexical"),
            ("model", "model", "model"),
        )
        if mode in modes and (kind != "candidates_vec" or "candidates" in modes)
    ]
    lat: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    by_kind: dict[str, dict[str, int]] = {}
    from retold.store.sqlite import Store

    with corpus_memory.TreeMemory() as mem, Store(db) as st:
        rows = st.rows_of([p.copy for p in asked])
        looked = [(p, st.get(p.copy)) for p in asked if p.copy in rows]
        if model:
            _ = st.index  # load once
        for when in ("first", "again"):
            for p, art in looked:
                kind = by_kind.setdefault(p.kind, {"n": 0})
                kind["n"] += when == "first"
                for name, step in steps:
                    t0, c0 = time.perf_counter(), time.process_time()
                    if step.startswith("candidates"):
                        picked = for_article(st, art, s, exclude=[rows[p.copy]], use_vectors=step == "candidates_vec")
                        hit = p.source in st.ids_of(picked).values()
                    else:
                        lexical = step == "lexical"
                        found = sources(st, art, lexical=lexical, encoder=enc, settings=s)
                        hit = bool(found) and found[0].edge.b == p.source
                    key = f"{name}_{when}"
                    lat.setdefault(key, []).append(time.perf_counter() - t0)
                    cpu.setdefault(key, []).append(time.process_time() - c0)
                    hits[key] = hits.get(key, 0) + hit
                    if when == "first":
                        kind[name] = kind.get(name, 0) + hit
    n = len(looked)
    latency = {
        k: {
            "p50": 1000 * statistics.median(v),
            "p95": 1000 * pct(v, 0.95),
            "mean": 1000 * statistics.fmean(v),
            "cpu_p50": 1000 * statistics.median(cpu[k]),
            "cpu_p95": 1000 * pct(cpu[k], 0.95),
        }
        for k, v in lat.items()
    }
    for k, v in latency.items():
        label = "source among candidates" if k.startswith("candidates") else "source ranked first"
        print(
            f"{k:>25}: p50 {v['p50']:7.1f} ms  p95 {v['p95']:7.1f} ms  "
            f"(CPU {v['cpu_p50']:6.1f} / {v['cpu_p95']:6.1f} ms; {label}: {hits[k]}/{n})",
            flush=True,
        )
    for kind_name, row in by_kind.items():
        print(f"  {kind_name:>18}: " + ", ".join(f"{k} {v}" for k, v in row.items()), flush=True)
    print(f"peak RSS of the lookups {mem.peak_mb:,.0f} MB", flush=True)
    return {
        "queries": n,
        "latency_ms": latency,
        "hit_at_1": {k: v / n for k, v in hits.items()},
        "hits_by_kind": by_kind,
        "peak_rss_lookups_mb": mem.peak_mb,
    }
