"""The corpus vector index with 8-bit codes against float32: neighbours found, bytes, build and search time.

    .venv/bin/python benchmarks/vector_codes.py [--articles 3000] [--queries 2000] [--graphs 32:80,16:40]

Hashed sentence vectors (``retold.fingerprint.HashedEncoder``, what the store indexes) of the sentences
of the first ``--articles`` real news_allsides articles; ``--queries`` of them drawn (seed 0) search each
index for 10 neighbours. Truth: an exact inner-product search; a neighbour counts when its cosine is
>= 0.45 (``evidence.Settings.min_cos``, the vector channel's floor). Both HNSW indexes are built the way
``retold.store.faiss_index`` builds them (M=32, efConstruction 80, efSearch 32), in the same run, and
the script prints the share of true neighbours each finds, bytes per vector on disk, seconds to build
and to search, and the ratios. ``--graphs M:efConstruction,...`` instead builds the 8-bit index with each of
those graphs (the first is the yardstick) and searches each with efSearch 32 (a scan) and 128 (a lookup).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data


def measure(
    kind: str, x: np.ndarray, q: np.ndarray, truth: list[tuple[int, int]], m: int = 32, ef: int = 80
) -> dict[str, float]:
    import faiss

    if kind == "float32":
        ix = faiss.IndexHNSWFlat(x.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    else:
        ix = faiss.IndexHNSWSQ(x.shape[1], faiss.ScalarQuantizer.QT_8bit, m, faiss.METRIC_INNER_PRODUCT)
    ix.hnsw.efConstruction = ef
    t = time.perf_counter()
    if not ix.is_trained:
        ix.train(x)
    ix.add(x)
    build = time.perf_counter() - t
    found_at: dict[int, float] = {}
    search = 0.0
    for ef_search in (128, 32):
        ix.hnsw.efSearch = ef_search
        t = time.perf_counter()
        _, found = ix.search(q, 10)
        search = time.perf_counter() - t
        found_at[ef_search] = sum(1 for r, j in truth if j in set(found[r].tolist())) / len(truth)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "ix.faiss")
        faiss.write_index(ix, path)
        size = os.path.getsize(path)
    err = float(np.abs(ix.reconstruct_n(0, len(x)) - x).max())
    return {
        "found": found_at[32],
        "found_ef128": found_at[128],
        "bytes_per_vector": size / len(x),
        "build_s": build,
        "search_s": search,
        "max_code_error": err,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--graphs", help="M:efConstruction pairs, comma-separated (8-bit; the first is the yardstick)")
    args = ap.parse_args()
    path = corpus_data.DATA / "news_allsides" / "allsides.jsonl"
    if not path.is_file():
        print(f"skipped: {path} is absent (the shared data sets)")
        return
    import faiss

    from retold.fingerprint import HashedEncoder
    from retold.ingest import article_from_text

    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= args.articles:
                break
            texts += [s.norm for s in article_from_text(json.loads(line)["text"], id=str(k)).sentences]
    x = np.ascontiguousarray(HashedEncoder().encode(texts), dtype=np.float32)
    q = x[np.random.default_rng(0).choice(len(x), min(args.queries, len(x)), replace=False)]
    exact = faiss.IndexFlatIP(x.shape[1])
    exact.add(x)
    scores, ids = exact.search(q, 10)
    truth = [(r, int(j)) for r in range(len(q)) for j, s in zip(ids[r], scores[r], strict=True) if s >= 0.45]
    print(
        f"{len(x):,} sentence vectors of {args.articles:,} articles, {len(q):,} queries, {len(truth):,} true neighbours"
    )
    if args.graphs:
        graphs = [tuple(int(v) for v in g.split(":")) for g in args.graphs.split(",")]
        rows = {g: measure("8-bit", x, q, truth, *g) for g in graphs}
        base = rows[graphs[0]]
        for (m, ef), r in rows.items():
            print(
                f"M={m:<3} efConstruction={ef:<4} neighbours found {r['found']:.4f} (efSearch 32), "
                f"{r['found_ef128']:.4f} (128)  {r['bytes_per_vector']:,.0f} B/vector  build {r['build_s']:.1f} s "
                f"({r['build_s'] / base['build_s']:.2f}x)  search {r['search_s']:.2f} s "
                f"({r['search_s'] / base['search_s']:.2f}x)"
            )
        return
    res = {kind: measure(kind, x, q, truth) for kind in ("float32", "8-bit")}
    for kind, r in res.items():
        print(
            f"{kind:>8}: neighbours found {r['found']:.4f}  {r['bytes_per_vector']:,.0f} B/vector"
            f"  build {r['build_s']:.1f} s"
            f"  search {r['search_s']:.2f} s  largest code error {r['max_code_error']:.4f}"
        )
    a, b = res["8-bit"], res["float32"]
    print(
        f"8-bit / float32: bytes {a['bytes_per_vector'] / b['bytes_per_vector']:.2f}x,"
        f" build {a['build_s'] / b['build_s']:.2f}x,"
        f" search {a['search_s'] / b['search_s']:.2f}x, neighbours found {a['found'] - b['found']:+.4f}"
    )


if __name__ == "__main__":
    main()
