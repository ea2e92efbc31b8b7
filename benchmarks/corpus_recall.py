"""Which cheap sentence vectors should pick candidates? Recall@10 of the fast-stage options.

    .venv/bin/python benchmarks/corpus_recall.py [--pool 5000] [--no-transformer]

For each query sentence the task is to put its true partner among the 10 nearest of a pool (the
partners plus ``--pool`` real distractor sentences from ``corpus_data.py``): WMT19 rewrites (German,
paraphrased as much as possible: query = rewrite, partner = original) and MRPC paraphrase pairs
(English news, label 1: query = b, partner = a). Options:

* ``hashed``: what the store uses, signed hashing of character 3-5-grams into 256 dimensions;
* ``static``: a model2vec-style static embedding distilled here from the default ONNX model with
  no download (each vocabulary token run through the model on its own, PCA to 256 dimensions,
  sentence = mean of its tokens' vectors);
* ``static+hashed``: both halves concatenated;
* ``transformer``: the default MiniLM itself (the upper bound, about 200 sentences/s on 2 cores).

Prints recall@1, recall@10 and encoding speed; writes ``benchmarks/results/corpus_recall.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

RESULTS = Path(__file__).resolve().parent / "results"


def distil_static(dim: int = 256) -> tuple[np.ndarray, object]:
    """Token vectors from the default model (no hub, no torch): model output at each lone token, PCA."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from retold.embed.onnx import default_files

    model, tok_path = default_files()
    tok = Tokenizer.from_file(str(tok_path))
    tok.no_padding()
    tok.no_truncation()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
    n = tok.get_vocab_size()
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    out = np.zeros((n, 384), dtype=np.float32)
    for k in range(0, n, 1024):
        ids = np.arange(k, min(n, k + 1024))
        x = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], 1).astype(np.int64)
        h = sess.run(None, {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)})[0]
        out[ids] = h[:, 1, :]
    mu = out.mean(0)
    _, _, vt = np.linalg.svd(out - mu, full_matrices=False)
    return ((out - mu) @ vt[:dim].T).astype(np.float32), tok


def static_encode(table: np.ndarray, tok: object, texts: list[str]) -> np.ndarray:
    encs = tok.encode_batch(texts, add_special_tokens=False)  # type: ignore[attr-defined]
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    for i, e in enumerate(encs):
        if e.ids:
            out[i] = table[e.ids].mean(0)
    return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)


def tasks(pool_size: int) -> dict[str, tuple[list[str], list[str]]]:
    data = corpus_data.DATA
    wmt = [json.loads(x) for x in (data / "wmt19_rewrites" / "wmt19_ar_vs_arp.dev.jsonl").read_text().splitlines()]
    mrpc = [json.loads(x) for x in (data / "mrpc" / "mrpc.train.jsonl").read_text().splitlines()]
    pos = [r for r in mrpc if r["label"] == 1][:1000]
    partners = {r["a"] for r in pos}
    pool = [s for s in corpus_data.distractor_sentences() if s not in partners]
    random.Random(0).shuffle(pool)
    pool = pool[:pool_size]
    return {
        "wmt19 (de)": ([r["b"] for r in wmt], [r["a"] for r in wmt] + pool),
        "mrpc (en)": ([r["b"] for r in pos], [r["a"] for r in pos] + pool),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pool", type=int, default=5000)
    ap.add_argument("--no-transformer", action="store_true")
    args = ap.parse_args()

    from retold.embed import get_encoder
    from retold.fingerprint import HashedEncoder

    t0 = time.perf_counter()
    table, tok = distil_static()
    print(f"distilled a static table from the default model in {time.perf_counter() - t0:.1f}s", flush=True)
    hashed = HashedEncoder()

    def both(texts: list[str]) -> np.ndarray:
        x = np.hstack([static_encode(table, tok, texts), hashed.encode(texts)])
        return (x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-9, None)).astype(np.float32)

    options = {
        "hashed": hashed.encode,
        "static": lambda t: static_encode(table, tok, t),
        "static+hashed": both,
    }
    if not args.no_transformer:
        enc = get_encoder()
        options["transformer"] = enc.encode
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, fn in options.items():
        results[name] = {}
        for task, (queries, corpus) in tasks(args.pool).items():
            t0 = time.perf_counter()
            q, c = fn(queries), fn(corpus)
            rate = (len(queries) + len(corpus)) / (time.perf_counter() - t0)
            top = np.argsort(-(q @ c.T), axis=1)[:, :10]
            truth = np.arange(len(queries))[:, None]
            r1 = float(np.mean(top[:, 0] == truth[:, 0]))
            r10 = float(np.mean((top == truth).any(axis=1)))
            results[name][task] = {"recall@1": r1, "recall@10": r10, "sentences_per_s": rate}
            print(
                f"{name:>14} {task:>11}: recall@1 {r1:.3f}  recall@10 {r10:.3f}  ({rate:,.0f} sentences/s)", flush=True
            )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "corpus_recall.json"
    out.write_text(json.dumps({"pool": args.pool, "results": results}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
