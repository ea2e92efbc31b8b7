"""Where the default model's time goes, and settings that might cut it: ORT levels, batch sizes, faiss threads.

    python benchmarks/embed_options.py [--parts profile,options,index] [--sentences 1500] [--rounds 3]
        [--articles 2000]

Every part on real news (``static_models.news_sentences``: news_allsides, split as ingest splits them, ``norm``
text), in this process, the variants in turn on the same data (the order reversed every other round):

* ``profile``: onnxruntime's own profile of one single-thread session embedding 400 sentences, at each graph
  optimisation level: each op type's share of the kernels' time;
* ``options``: CPU ms a sentence (slices of 256, as a scan embeds) of the default encoder (two single-thread
  sessions, batches of 4 by token count) against the same with ``ORT_ENABLE_EXTENDED`` / ``ORT_ENABLE_ALL``,
  batches of 6 / 8 / 16, ``enable_mem_pattern`` or ``enable_cpu_mem_arena`` off; each row's least CPU, every
  round, and the largest absolute difference of its vectors from the default's;
* ``index``: the hashed sentence vectors of ``corpus_data.build(--articles)``'s articles (what the store indexes),
  added to a ``FaissIndex`` in parts of 250 articles as ``indexing._build_index`` adds them, with faiss's OpenMP at
  one thread and at two: CPU and wall of the build, the share of an exact search's neighbours (cosine >= 0.45, 10
  a query, 2,000 queries) each finds, and whether their neighbour lists are the same.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from static_models import news_sentences

SLICE = 256


def encoder(batch: int = 4, level: str = "ORT_ENABLE_BASIC", **options: Any) -> Any:
    import onnxruntime as ort

    from retold.embed import onnx

    class Batched(onnx.OnnxEncoder):
        def encode(self, texts: Any) -> np.ndarray:
            onnx._BATCH = batch  # one encoder runs at a time here
            try:
                return super().encode(texts)
            finally:
                onnx._BATCH = 4

    model, tok = onnx.default_files()
    enc = Batched(model, tok, onnx.DEFAULT_NAME, dim=onnx.DEFAULT_DIM)
    enc._opts.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
    for k, v in options.items():
        setattr(enc._opts, k, v)
    return enc


def profile(texts: list[str]) -> None:
    import onnxruntime as ort

    from retold.embed import onnx

    model, tok = onnx.default_files()
    print(f"\nprofile: {len(texts)} sentences, one single-thread session, share of the kernels' time by op type")
    with tempfile.TemporaryDirectory() as tmp:
        for level in ("ORT_DISABLE_ALL", "ORT_ENABLE_BASIC", "ORT_ENABLE_ALL"):
            enc = onnx.OnnxEncoder(model, tok, onnx.DEFAULT_NAME, threads=1, dim=onnx.DEFAULT_DIM)
            enc._opts.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
            enc._opts.enable_profiling = True
            enc._opts.profile_file_prefix = str(Path(tmp) / level)
            enc.encode(texts)
            events = json.loads(Path(enc._sessions[0].end_profiling()).read_text())
            took: collections.Counter[str] = collections.Counter()
            for e in events:
                if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
                    took[e["args"].get("op_name")] += e["dur"]
            total = sum(took.values())
            shares = ", ".join(f"{op} {v / total:.3f}" for op, v in took.most_common(10))
            print(f"  {level}: kernels {total / 1000 / len(texts):.2f} ms a sentence; {shares}")


def options(texts: list[str], rounds: int) -> None:
    variants = {
        "default (basic, batches of 4)": {},
        "ORT_ENABLE_EXTENDED": {"level": "ORT_ENABLE_EXTENDED"},
        "ORT_ENABLE_ALL": {"level": "ORT_ENABLE_ALL"},
        "batches of 6": {"batch": 6},
        "batches of 8": {"batch": 8},
        "batches of 16": {"batch": 16},
        "enable_mem_pattern off": {"enable_mem_pattern": False},
        "enable_cpu_mem_arena off": {"enable_cpu_mem_arena": False},
    }
    encs = {}
    for name, kw in variants.items():
        encs[name] = encoder(**kw)
        encs[name].encode(texts[:8])
    cpu: dict[str, list[float]] = {k: [] for k in encs}
    vecs = {}
    load = [os.getloadavg()[0]]
    for r in range(rounds):
        for name in list(encs) if r % 2 == 0 else list(encs)[::-1]:
            c0 = time.process_time()
            vecs[name] = np.vstack([encs[name].encode(texts[k : k + SLICE]) for k in range(0, len(texts), SLICE)])
            cpu[name].append(1000 * (time.process_time() - c0) / len(texts))
            load.append(os.getloadavg()[0])
    base = vecs["default (basic, batches of 4)"]
    best = min(cpu["default (basic, batches of 4)"])
    print(
        f"\noptions: {len(texts)} sentences, CPU ms a sentence, {rounds} rounds, load {min(load):.1f}-{max(load):.1f}"
    )
    for name in encs:
        diff = float(np.abs(vecs[name] - base).max())
        each = ", ".join(f"{x:.3f}" for x in cpu[name])
        print(f"  {name:>30}: least {min(cpu[name]):.3f} ({min(cpu[name]) / best:.3f}x); {each}; max diff {diff:.1e}")


def index(articles: int, rounds: int) -> None:
    import faiss

    import corpus_data
    import retold
    from retold.fingerprint import HashedEncoder, indexable
    from retold.store.faiss_index import FaissIndex

    with tempfile.TemporaryDirectory() as tmp:
        corpus_data.build(articles, Path(tmp), 0)
        arts = []
        with (Path(tmp) / "corpus.jsonl").open(encoding="utf-8") as f:
            for k, line in enumerate(f):
                sents = retold.article_from_text(json.loads(line)["text"], id=f"a{k}").sentences
                arts.append([s.norm for s in sents if indexable(s)])
    enc = HashedEncoder()
    parts = [enc.encode([t for a in arts[k : k + 250] for t in a]) for k in range(0, len(arts), 250)]
    vectors = np.vstack(parts)
    queries = vectors[np.random.default_rng(0).choice(len(vectors), 2000, replace=False)]
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    scores, ids = exact.search(queries, 10)
    truth = [(r, int(j)) for r in range(len(queries)) for s, j in zip(scores[r], ids[r], strict=True) if s >= 0.45]
    threads = faiss.omp_get_max_threads()
    found: dict[int, list[np.ndarray]] = {1: [], threads: []}
    print(
        f"\nindex: {len(vectors):,} hashed sentence vectors of {len(arts):,} articles, {len(truth):,} true neighbours"
    )
    for r in range(rounds):
        for n in (threads, 1) if r % 2 == 0 else (1, threads):
            faiss.omp_set_num_threads(n)
            c0, w0 = os.times(), time.perf_counter()
            ix, start = FaissIndex(vectors.shape[1]), 0
            for p in parts:
                ix.add(np.arange(start, start + len(p)), p)
                start += len(p)
            c1, wall = os.times(), time.perf_counter() - w0
            faiss.omp_set_num_threads(threads)
            got = ix.search(queries, 10)[1]
            found[n].append(got)
            share = sum(1 for q, j in truth if j in set(got[q].tolist())) / len(truth)
            cpu = c1.user - c0.user + c1.system - c0.system
            print(
                f"  {n} thread(s): build CPU {cpu:.2f} s, wall {wall:.2f} s, found {share:.4f}, "
                f"load {os.getloadavg()[0]:.1f}"
            )
    lists = [g for v in found.values() for g in v]
    print(f"  the same neighbour lists in every build: {all(np.array_equal(lists[0], g) for g in lists)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parts", default="profile,options,index")
    ap.add_argument("--sentences", type=int, default=1500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    parts = args.parts.split(",")
    texts = news_sentences(args.sentences)
    if "profile" in parts:
        profile(texts[:400])
    if "options" in parts:
        options(texts, args.rounds)
    if "index" in parts:
        index(args.articles, min(args.rounds, 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
