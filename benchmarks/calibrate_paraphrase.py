"""Calibrate the paraphrase decision on MRPC train and write ``src/retold/align/paraphrase.json``.

For each mode ("model": with the default encoder's cosine; "lexical": without) it computes the
feature rows exactly as the engine does, fits a standardised logistic regression, estimates
accuracy and F1 by 10-fold stratified cross-validation (seed 0; each fold's cut chosen on the
other folds), chooses the shipped cut on all out-of-fold probabilities, and writes the weights.
The feature lists are read from the current ``paraphrase.json`` (edit them there to add one).

    .venv/bin/python benchmarks/calibrate_paraphrase.py [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

from evallib import paraphrase as cal
from evallib.common import Options, command_line, dump_json, today
from evallib.data import default_path, relative
from evallib.mrpc import features, load

WEIGHTS = Path(__file__).resolve().parents[1] / "src" / "retold" / "align" / "paraphrase.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="print the figures, do not write paraphrase.json")
    args = ap.parse_args(argv)

    current = json.loads(WEIGHTS.read_text())
    names = {mode: current[mode]["features"] for mode in ("model", "lexical")}
    source = default_path("mrpc")
    ta, tb, y = load(source)
    feats = features(Options(), ta, tb, with_cos=True)

    out: dict[str, dict[str, object]] = {}
    table = Table(title=f"MRPC train ({len(y)} pairs), {cal.FOLDS}-fold stratified CV, seed {cal.SEED}")
    for col in ("mode", "features", "CV accuracy", "CV F1", "cut"):
        table.add_column(col)
    figures = []
    for mode in ("model", "lexical"):
        x = cal.matrix(feats, names[mode])
        res = cal.cross_validate(x, y)
        out[mode] = cal.model_entry(names[mode], cal.fit_logistic(x, y), res.threshold)
        table.add_row(mode, ", ".join(names[mode]), f"{res.accuracy:.4f}", f"{res.f1:.4f}", f"{res.threshold:.4f}")
        figures.append(f"{mode}: CV accuracy {res.accuracy:.4f}, F1 {res.f1:.4f}, cut {res.threshold}")
    Console().print(table)

    note = (
        f"written by `{command_line()}` on {today()} from {relative(source)} ({len(y)} pairs; texts "
        "normalised, features from retold.align.features.pair_matrices + paraphrase.feature_rows, cosine "
        "from the default encoder all-MiniLM-L6-v2-int8); standardised L2 logistic regression (sklearn, "
        f"C=1); {cal.FOLDS}-fold stratified CV, seed {cal.SEED}, cut chosen on out-of-fold probabilities "
        f"(reported figures: each fold's cut chosen on the other folds). {'; '.join(figures)}"
    )
    if args.dry_run:
        Console(stderr=True).print("--dry-run: paraphrase.json left as it is")
        return 0
    WEIGHTS.write_text(dump_json({"note": note, **out}))
    Console(stderr=True).print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
