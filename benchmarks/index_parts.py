"""Does the size of the parts a store adds to its HNSW graph change what the graph finds?

    .venv/bin/python benchmarks/index_parts.py [--articles 6000] [--queries 5000] [--parts 2000,250] [--orders 2]

A store builds its sentence-vector index part by part (``retold.store.indexing``), and a scan shows no
progress while one part is inserted. HNSW inserts a batch highest level first, so smaller parts make
another graph; whether it is a worse one is measured here against the noise of the graph itself. The
hashed sentence vectors of the first ``--articles`` real news_allsides articles (the indexable
sentences, as the store keeps them) are added to ``retold.store.faiss_index.FaissIndex`` in parts of
each ``--parts`` size (articles a part), in the corpus order and in ``--orders`` shuffled article orders
(another graph from the same vectors: the yardstick of chance). ``--queries`` sentences drawn (seed 0)
search each index for 10 neighbours as a scan searches it (batches of 3,000: efSearch 32) and as a
lookup does (one article's sentences: efSearch 128). Truth: an exact inner-product search, a neighbour
counting when its cosine is >= 0.45 (``evidence.Settings.min_cos``). Prints the share of true
neighbours each graph finds, its build time and the longest time one part took.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

BATCH = 3000  # about what a scan's search of 100 articles sends at once
MIN_COS = 0.45


def build(per_article: list[tuple[np.ndarray, np.ndarray]], part: int, dim: int) -> tuple[object, float, float]:
    from retold.store.faiss_index import FaissIndex

    index = FaissIndex(dim)
    longest = 0.0
    t0 = time.perf_counter()
    for k in range(0, len(per_article), part):
        chunk = per_article[k : k + part]
        t = time.perf_counter()
        index.add(np.concatenate([i for i, _ in chunk]), np.vstack([v for _, v in chunk]))
        longest = max(longest, time.perf_counter() - t)
    return index, time.perf_counter() - t0, longest


def found(index: object, q: np.ndarray, truth: list[tuple[int, int]], batch: int) -> float:
    hits: set[tuple[int, int]] = set()
    for k in range(0, len(q), batch):
        _, ids = index.search(q[k : k + batch], 10)  # type: ignore[attr-defined]
        hits |= {(k + r, int(j)) for r in range(len(ids)) for j in ids[r] if j >= 0}
    return sum(1 for t in truth if t in hits) / len(truth)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=6000)
    ap.add_argument("--queries", type=int, default=5000)
    ap.add_argument("--parts", default="2000,250", help="articles a part, comma-separated (the first is the yardstick)")
    ap.add_argument("--orders", type=int, default=2, help="shuffled article orders besides the corpus order")
    args = ap.parse_args()
    path = corpus_data.DATA / "news_allsides" / "allsides.jsonl"
    if not path.is_file():
        print(f"skipped: {path} is absent (the shared data sets)")
        return
    import faiss

    from retold.fingerprint import HashedEncoder, indexable
    from retold.ingest import article_from_text
    from retold.store.base import sentence_id

    enc = HashedEncoder()
    per_article: list[tuple[np.ndarray, np.ndarray]] = []
    for row, r in enumerate(corpus_data.news()[0][: args.articles]):
        sents = [s for s in article_from_text(r["text"], id=str(row)).sentences if indexable(s)]
        if sents:
            ids = np.array([sentence_id(row, s.i) for s in sents], dtype=np.int64)
            per_article.append((ids, np.ascontiguousarray(enc.encode([s.norm for s in sents]), dtype=np.float32)))
    all_ids = np.concatenate([i for i, _ in per_article])
    x = np.vstack([v for _, v in per_article])
    pick = np.random.default_rng(0).choice(len(x), min(args.queries, len(x)), replace=False)
    q = x[pick]
    exact = faiss.IndexFlatIP(x.shape[1])
    exact.add(x)
    scores, pos = exact.search(q, 10)
    truth = [
        (r, int(all_ids[j])) for r in range(len(q)) for j, s in zip(pos[r], scores[r], strict=True) if s >= MIN_COS
    ]
    print(f"{len(x):,} vectors of {len(per_article):,} articles, {len(q):,} queries, {len(truth):,} true neighbours")
    parts = [int(p) for p in args.parts.split(",")]
    for order in range(args.orders + 1):
        arts = list(per_article)
        if order:
            random.Random(order).shuffle(arts)
        for part in parts:
            index, secs, longest = build(arts, part, x.shape[1])
            scan, lookup = found(index, q, truth, BATCH), found(index, q, truth, 64)
            name = "corpus order" if not order else f"shuffled ({order})"
            print(
                f"{name:>13}, parts of {part:>5,} articles: found {scan:.4f} (scan, efSearch 32), {lookup:.4f}"
                f" (lookup, 128); build {secs:.1f} s, longest part {longest:.1f} s"
            )


if __name__ == "__main__":
    main()
