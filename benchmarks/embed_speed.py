"""CPU and wall per sentence of the default model's ``encode``, this code against the code before, in turn.

    python benchmarks/embed_speed.py --before /tmp/base/src [--sentences 5000] [--rounds 3] [--json]

``--before`` is the ``src`` folder of another checkout (``git archive COMMIT | tar -x -C /tmp/base``). Both
codes embed the same ``--sentences`` real news sentences (news_allsides, split as ingest splits them, their
``norm`` text, as ``static_models.news_sentences`` reads them) in slices of 256 as a scan does
(``scan.EMBED_SLICE``), each run in a fresh process with the project's default encoder (two single-thread
sessions on 2 cores), the codes alternating for ``--rounds`` rounds (the order reversed every other round).
Printed: CPU (user + system of the process, model load excluded) and wall ms a sentence for every run, the
least of each code and their ratio, the vectors' largest absolute difference, least cosine and how many rows
are equal bit for bit against the code before, and the padding of batches of 4 when sorted by characters and
by tokens (padded tokens over real ones).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SLICE = 256


def worker(texts_file: str, out_file: str) -> None:
    from retold.embed.onnx import default_encoder

    texts = json.loads(Path(texts_file).read_text())
    enc = default_encoder()
    enc.encode(texts[:8])  # sessions made
    c0, w0 = os.times(), time.perf_counter()
    vecs = np.vstack([enc.encode(texts[k : k + SLICE]) for k in range(0, len(texts), SLICE)])
    c1, wall = os.times(), time.perf_counter() - w0
    np.save(out_file, vecs)
    cpu = (c1.user - c0.user) + (c1.system - c0.system)
    print(json.dumps({"cpu_s": cpu, "wall_s": wall, "n": len(texts)}))


def run(src: str, texts_file: str, out_file: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, str(ROOT / "benchmarks")]))
    cmd = [sys.executable, __file__, "--worker", texts_file, out_file]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{src}: failed\n{proc.stderr[-3000:]}")
    got: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return got


def padding(texts: list[str]) -> dict[str, float]:
    """Padded tokens over real ones for batches of 4 within slices of 256, sorted by characters / by tokens."""
    from tokenizers import Tokenizer

    from retold.embed.onnx import default_files

    tok = Tokenizer.from_file(str(default_files()[1]))
    tok.enable_truncation(max_length=256)
    tok.no_padding()
    lens = [len(e.ids) for e in tok.encode_batch(texts)]
    out = {}
    for key in ("chars", "tokens"):
        padded = 0
        for s in range(0, len(texts), SLICE):
            part = range(s, min(s + SLICE, len(texts)))
            order = sorted(part, key=lambda k: len(texts[k]) if key == "chars" else lens[k])
            batches = [order[k : k + 4] for k in range(0, len(order), 4)]
            padded += sum(max(lens[i] for i in b) * len(b) for b in batches)
        out[key] = padded / sum(lens)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", help="the src folder of the code before")
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    if not args.before:
        ap.error("--before SRC is needed")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from static_models import news_sentences

    texts = news_sentences(args.sentences)
    codes = {"after": str(ROOT / "src"), "before": str(Path(args.before).resolve())}
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in codes}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = str(Path(tmp) / "texts.json")
        Path(texts_file).write_text(json.dumps(texts))
        for r in range(args.rounds):
            for name in list(codes) if r % 2 == 0 else list(codes)[::-1]:
                runs[name].append(run(codes[name], texts_file, str(Path(tmp) / f"{name}.npy")))
                load.append(os.getloadavg()[0])
        after, before = np.load(Path(tmp) / "after.npy"), np.load(Path(tmp) / "before.npy")
    diff = float(np.abs(after - before).max())
    cos = float((after * before).sum(axis=1).min())
    same = int((after == before).all(axis=1).sum())
    pad = padding(texts)
    best = {k: min(v, key=lambda x: x["cpu_s"]) for k, v in runs.items()}
    n = len(texts)
    print(f"{n} news sentences, slices of {SLICE}; load (1 min) {min(load):.1f}-{max(load):.1f}")
    for k, v in runs.items():
        listed = ", ".join(f"{1000 * x['cpu_s'] / n:.3f} / {1000 * x['wall_s'] / n:.3f}" for x in v)
        print(f"  {k:>6}: CPU / wall ms a sentence, each round: {listed}")
    ratio = best["after"]["cpu_s"] / best["before"]["cpu_s"]
    print(
        f"least CPU: after {1000 * best['after']['cpu_s'] / n:.3f} ms, before {1000 * best['before']['cpu_s'] / n:.3f}"
        f" ms a sentence: {ratio:.3f}x ({100 * (1 - ratio):.1f}% less)"
    )
    print(f"vectors against the code before: max abs difference {diff:.2e}, least cosine {cos:.7f}, same {same}/{n}")
    print(f"padded tokens / real tokens, batches of 4: by characters {pad['chars']:.4f}, by tokens {pad['tokens']:.4f}")
    if args.json:
        doc = {"runs": runs, "ratio": ratio, "max_abs": diff, "min_cos": cos, "equal": same, "padding": pad}
        print(json.dumps(doc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
