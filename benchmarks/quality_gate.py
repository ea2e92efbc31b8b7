"""Quality gate: run a fast subset of the evaluation and fail when a figure drops below its floor.

    .venv/bin/python benchmarks/quality_gate.py [--raise-floors] [--floors FILE]

The subset (Clough, the first 100 scorable PAN13 pairs in lexical mode, the first 500 MRPC pairs)
runs in a few minutes on 2 cores, with no vector cache so the encoder itself is exercised. A metric
more than ``TOLERANCE`` below its floor in ``results/floors.json`` fails the gate (exit 1).
``--raise-floors`` writes the new figures where they beat the floors; it never lowers one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rich.console import Console
from rich.table import Table

from evallib.common import Options, today
from evallib.data import shared_dir
from evallib.runners import run_dataset

FLOORS = Path(__file__).resolve().parent / "results" / "floors.json"
TOLERANCE = 0.01

# name -> (dataset, options, command that gives the same figures, gated metrics: all higher-is-better)
SUBSET: dict[str, tuple[str, dict[str, Any], str, tuple[str, ...]]] = {
    "clough": (
        "clough",
        {},
        "benchmarks/eval.py clough --no-cache",
        ("accuracy_4class", "accuracy_binary", "accuracy_binary_verdict", "direction_accuracy"),
    ),
    "pan13-100-lexical": (
        "pan13",
        {"lexical": True, "limit": 100},
        "benchmarks/eval.py pan13 --lexical --limit 100",
        ("plagdet", "precision", "recall"),
    ),
    "mrpc-500": (
        "mrpc",
        {"limit": 500},
        "benchmarks/eval.py mrpc --limit 500 --no-cache",
        ("cv_accuracy", "cv_f1", "shipped_accuracy", "shipped_f1"),
    ),
}


def measure(quiet: bool = False) -> dict[str, dict[str, float]]:
    """Run the subset; ``{entry: {metric: value}}`` for the gated metrics (plus seconds)."""
    out: dict[str, dict[str, float]] = {}
    for name, (dataset, kw, _, gated) in SUBSET.items():
        t0 = time.perf_counter()
        res = run_dataset(dataset, Options(cache=False, quiet=quiet, **kw))
        out[name] = {m: float(res.metrics[m]) for m in gated}
        out[name]["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def failures(
    floors: dict[str, dict[str, float]], now: dict[str, dict[str, float]], tol: float = TOLERANCE
) -> list[str]:
    """Every gated metric more than ``tol`` below its floor (a missing figure fails too)."""
    bad = []
    for name, metrics in floors.items():
        for metric, floor in metrics.items():
            got = now.get(name, {}).get(metric)
            if got is None:
                bad.append(f"{name}.{metric}: not measured (floor {floor:.4f})")
            elif got < floor - tol:
                bad.append(f"{name}.{metric}: {got:.4f} < floor {floor:.4f} - {tol}")
    return bad


def raised(floors: dict[str, dict[str, float]], now: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """New floors: the higher of floor and figure for each gated metric; floors are never lowered."""
    out = {name: dict(metrics) for name, metrics in floors.items()}
    for name, (_, _, _, gated) in SUBSET.items():
        for metric in gated:
            if metric in now.get(name, {}):
                old = out.setdefault(name, {}).get(metric)
                out[name][metric] = max(now[name][metric], old) if old is not None else now[name][metric]
    return out


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.is_file() else {"floors": {}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raise-floors", action="store_true", help="raise floors to the new figures (never lower)")
    ap.add_argument("--floors", type=Path, default=FLOORS, help=f"floors file (default {FLOORS})")
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args(argv)
    if not (shared_dir() / "data").is_dir():
        print(f"quality gate skipped: {shared_dir() / 'data'} is absent (the evaluation data lives there)")
        return 0

    doc = load(args.floors)
    floors: dict[str, dict[str, float]] = doc.get("floors", {})
    t0 = time.perf_counter()
    now = measure(args.quiet)
    total = time.perf_counter() - t0

    table = Table(title=f"quality gate ({total:.0f} s; fails below floor - {TOLERANCE})")
    for col in ("entry", "metric", "floor", "now", ""):
        table.add_column(col)
    bad = failures(floors, now)
    for name, metrics in now.items():
        for metric, value in metrics.items():
            if metric == "seconds":
                continue
            floor = floors.get(name, {}).get(metric)
            status = "-" if floor is None else ("FAIL" if value < floor - TOLERANCE else "ok")
            table.add_row(name, metric, "-" if floor is None else f"{floor:.4f}", f"{value:.4f}", status)
    Console().print(table)

    if args.raise_floors:
        new = raised(floors, now)
        doc["floors"] = new
        doc["commands"] = {name: f".venv/bin/python {cmd}" for name, (_, _, cmd, _) in SUBSET.items()}
        doc["updated"] = today()
        doc["note"] = (
            "floors of the quality-gate subset (benchmarks/quality_gate.py); a figure more than "
            f"{TOLERANCE} below its floor fails; floors are only ever raised (--raise-floors)"
        )
        args.floors.parent.mkdir(parents=True, exist_ok=True)
        args.floors.write_text(json.dumps(doc, indent=2, sort_keys=True) + "\n")
        Console(stderr=True).print(f"floors written to {args.floors}")
    if bad:
        Console(stderr=True).print("[red]quality gate failed:[/red]\n  " + "\n  ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
