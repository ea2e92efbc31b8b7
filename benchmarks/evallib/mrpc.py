"""MRPC: the sentence paraphrase decision, cross-validated, and the shipped weights as they stand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from evallib import paraphrase as cal
from evallib.common import STDERR, Options, Result, bar
from evallib.data import default_path, read_jsonl
from retold.align.paraphrase import paraphrase_model


def load(path: Path | None, limit: int | None = None) -> tuple[list[str], list[str], np.ndarray]:
    """Normalised texts and labels; ``limit`` keeps the first N pairs (the file's order is random)."""
    rows = read_jsonl(path or default_path("mrpc"))
    if limit:
        rows = rows[:limit]
    ta = [cal.normal(r["a"]) for r in rows]
    tb = [cal.normal(r["b"]) for r in rows]
    return ta, tb, np.array([int(r["label"]) for r in rows])


def features(opts: Options, ta: list[str], tb: list[str], with_cos: bool) -> dict[str, np.ndarray]:
    va = vb = None
    if with_cos:
        enc = opts.encoder()
        if not opts.quiet:
            where = f" (vector cache: {enc.path})" if enc.persist else ""
            STDERR.print(f"embedding {2 * len(ta)} sentences{where} ...")
        va, vb = enc.encode(ta), enc.encode(tb)
        enc.save()
    with bar(len(ta), "features", opts.quiet) as tick:
        out = cal.pair_features(ta, tb, va, vb, tick)
    return out


def run(opts: Options) -> Result:
    ta, tb, y = load(opts.path, opts.limit)
    mode = opts.mode
    feats = features(opts, ta, tb, with_cos=not opts.lexical)
    shipped = paraphrase_model(mode)
    metrics: dict[str, Any] = {}
    notes = []
    if opts.path is None:
        res = cal.cross_validate(cal.matrix(feats, shipped.features), y)
        metrics["cv_accuracy"] = round(res.accuracy, 4)
        metrics["cv_f1"] = round(res.f1, 4)
        metrics["cv_threshold"] = res.threshold
        notes.append(
            f"cv_*: {cal.FOLDS}-fold stratified CV (seed {cal.SEED}) of the calibration on these pairs, "
            f"features {list(shipped.features)}; each fold's cut chosen on the other folds"
        )
    acc, f1 = cal.shipped_scores(shipped, feats, y)
    metrics["shipped_accuracy"] = round(acc, 4)
    metrics["shipped_f1"] = round(f1, 4)
    notes.append(
        "shipped_*: src/retold/align/paraphrase.json as it stands"
        + (" (fitted on MRPC train, so in-sample here: a regression check, not an estimate)" if not opts.path else "")
    )
    metrics["positives"] = round(float(y.mean()), 4)
    return Result("mrpc", metrics, len(y), notes)
