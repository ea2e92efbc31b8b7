"""Measure retold's accuracy on one public dataset and print the figures (a table, or JSON).

    .venv/bin/python benchmarks/eval.py DATASET [--path FILE] [--json] [--model NAME | --lexical] [--limit N]

DATASET is one of clough, mrpc, stsb, pan13, wmt19-docs, sts2017. Data is read from
``../shared/data`` beside the repo (or ``$RETOLD_SHARED/data``); ``--path`` scores another file
of the same schema, with anything learned fitted on the shared data only. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

from evallib.common import Options, Result, command_line, today
from evallib.runners import DATASETS, run_dataset


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", choices=DATASETS)
    ap.add_argument("--path", type=Path, help="score this file (same schema) instead of the shared one")
    ap.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--model", help="sentence model (default: the offline all-MiniLM-L6-v2-int8)")
    mode.add_argument("--lexical", action="store_true", help="no sentence model")
    ap.add_argument("--limit", type=int, help="only the first N items (pairs, answers, pseudo-articles)")
    ap.add_argument("--no-cache", action="store_true", help="embed everything afresh (no vector cache in /tmp)")
    return ap.parse_args(argv)


def render(res: Result, opts: Options, seconds: float) -> None:
    out = Console()
    table = Table(title=f"{res.dataset}: {res.n} items, {opts.model_name}, {seconds:.0f} s")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for k, v in res.metrics.items():
        table.add_row(k, f"{v:.4f}" if isinstance(v, float) else str(v))
    out.print(table)
    for name, t in res.tables.items():
        if isinstance(t, dict) and "matrix" in t:
            cm = Table(title=f"{name} (rows: true, columns: predicted)")
            cm.add_column("")
            for lab in t["labels"]:
                cm.add_column(lab, justify="right")
            for lab, row in zip(t["labels"], t["matrix"], strict=True):
                cm.add_row(lab, *(str(v) for v in row))
            out.print(cm)
        elif isinstance(t, str):
            out.print(f"[bold]{name}[/bold]\n{t}")
        else:
            out.print(f"[bold]{name}[/bold]: {t}")
    for note in res.notes:
        out.print(f"[dim]- {note}[/dim]")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.path is not None and not args.path.exists():
        raise SystemExit(f"error: --path {args.path} does not exist")
    opts = Options(path=args.path, model=args.model, lexical=args.lexical, limit=args.limit, cache=not args.no_cache)
    t0 = time.perf_counter()
    res = run_dataset(args.dataset, opts)
    seconds = time.perf_counter() - t0
    res.metrics["seconds"] = round(seconds, 1)
    if args.json:
        print(
            json.dumps(
                {
                    "dataset": res.dataset,
                    "metrics": res.metrics,
                    "n": res.n,
                    "model": opts.model_name,
                    "command": command_line(),
                    "date": today(),
                    "notes": res.notes,
                    "tables": res.tables,
                }
            )
        )
    else:
        render(res, opts, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
