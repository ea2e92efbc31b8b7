"""Delete each fidelity rule in turn and show which tests fail without it.

    .venv/bin/python benchmarks/rule_deletion.py [--only PREFIX] [--rules-test-only] [--docs]
    .venv/bin/python benchmarks/rule_deletion.py --figures RULE[,RULE...] [--limit N]

Each rule of ``retold.fidelity.rules.REGISTRY`` is switched off (``RETOLD_RULES_OFF=<name>``: the check
imports the rule's no-op instead, as if its code were deleted) and the fidelity tests run in a fresh
process. A rule that fails no test is a candidate for removal. The table goes to stdout and to
benchmarks/results/rule_deletion.md. ``--figures`` runs ``benchmarks/fidelity_eval.py --json`` with each named
rule off (for the rules only their own examples need) and lists the figures that move; the section is
appended to the same file. ``--docs`` only writes docs/rules.md from the registry.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "rule_deletion.md"
DOCS = ROOT / "docs" / "rules.md"
FAILED = re.compile(r"^FAILED (\S+?(?:\[[^\]]*\])?)(?: - .*)?$", re.MULTILINE)  # ids may hold spaces


def registry() -> list[tuple[str, int]]:
    """(name, number of examples) of every registered rule."""
    import retold.fidelity  # noqa: F401  (registers the rules)
    from retold.fidelity.rules import REGISTRY

    return [(r.name, len(r.examples)) for r in sorted(REGISTRY.values(), key=lambda r: r.name)]


def failing(off: str, paths: list[str]) -> tuple[list[str], int, float]:
    """The tests that fail with rule ``off`` switched off, pytest's exit code, and the seconds taken."""
    env = dict(os.environ, RETOLD_RULES_OFF=off)
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", "--tb=no", *paths]
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    return FAILED.findall(p.stdout), p.returncode, time.perf_counter() - t0


def figures(off: str, limit: int | None) -> dict[str, float]:
    """``fidelity_eval.py --json`` with rule ``off`` switched off, flattened; timings left out."""
    env = dict(os.environ, RETOLD_RULES_OFF=off)
    cmd = [sys.executable, "benchmarks/fidelity_eval.py", "--json", *(["--limit", str(limit)] if limit else [])]
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    out: dict[str, float] = {}

    def walk(x: object, path: str) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{path}.{k}" if path else str(k))
        elif isinstance(x, list):
            out[path] = float(len(x))
        elif isinstance(x, int | float) and not path.endswith("_ms") and "ms_per" not in path:
            out[path] = float(x)

    walk(json.loads(p.stdout), "")
    return out


def figures_section(names: list[str], limit: int | None) -> list[str]:
    """The figures of fidelity_eval that move when each rule is off."""
    base = figures("", limit)
    lines = [
        "## Benchmark figures",
        "",
        f"`benchmarks/fidelity_eval.py --json{f' --limit {limit}' if limit else ''}` with each rule off, against all",
        "rules on: the figures that moved (timings left out).",
        "",
        "| rule | figures moved | largest moves |",
        "|---|---|---|",
    ]
    for name in names:
        got = figures(name, limit)
        moved = {k: (base.get(k), v) for k, v in got.items() if base.get(k) != v}
        worst = sorted(moved.items(), key=lambda kv: -abs((kv[1][1] or 0) - (kv[1][0] or 0)))[:3]
        shown = ", ".join(f"`{k}` {a} -> {b}" for k, (a, b) in worst)
        lines.append(f"| `{name}` | {len(moved)} | {shown or '-'} |")
        print(f"{name:45s} {len(moved):3d} figures moved  {shown}", flush=True)
    return [*lines, ""]


def short(test: str) -> str:
    """``tests/fidelity/test_fidelity_rules.py::test_rule_example[numbers.rounding-0]`` -> ``rules::...[...]``."""
    path, _, name = test.partition("::")
    return f"{Path(path).stem.removeprefix('test_fidelity_')}::{name}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="rules whose name starts with this")
    ap.add_argument("--rules-test-only", action="store_true", help="run only tests/fidelity/test_fidelity_rules.py")
    ap.add_argument("--docs", action="store_true", help="write docs/rules.md from the registry and stop")
    ap.add_argument("--figures", default="", help="rules (comma separated) whose benchmark figures to compare")
    ap.add_argument("--limit", type=int, default=None, help="pairs per data set for --figures")
    args = ap.parse_args()
    if args.figures:
        section = figures_section([n for n in args.figures.split(",") if n], args.limit)
        old = RESULTS.read_text(encoding="utf-8").split("## Benchmark figures")[0] if RESULTS.exists() else ""
        RESULTS.write_text(old.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")
        return 0
    if args.docs:
        from retold.fidelity.rules import catalogue

        registry()
        DOCS.write_text(catalogue() + "\n", encoding="utf-8")
        print(f"wrote {DOCS.relative_to(ROOT)}")
        return 0
    paths = ["tests/fidelity/test_fidelity_rules.py"] if args.rules_test_only else ["tests/fidelity"]
    base, code, secs = failing("", paths)
    if code != 0:
        print(f"the tests fail with every rule on ({len(base)}): {base[:5]}", file=sys.stderr)
        return 1
    rows: list[tuple[str, int, list[str]]] = []
    for name, n_examples in registry():
        if not name.startswith(args.only):
            continue
        got, code, secs = failing(name, paths)
        if code not in (0, 1):
            print(f"{name}: pytest exit {code}", file=sys.stderr)
        rows.append((name, n_examples, got))
        own = sum(1 for t in got if f"[{name}-" in t)
        print(f"{name:45s} {len(got):3d} failing ({own} own examples)  {secs:5.1f} s", flush=True)
    lines = [
        "# Rule deletion",
        "",
        "Each fidelity rule switched off in turn (`RETOLD_RULES_OFF=<name>`: the check gets the rule's no-op, as if",
        f"its code were deleted) and `pytest {' '.join(paths)}` run. Written by `benchmarks/rule_deletion.py`.",
        "",
        "| rule | examples | failing tests | of them its own examples | other failing tests |",
        "|---|---|---|---|---|",
    ]
    for name, n_examples, got in rows:
        own = [t for t in got if f"[{name}-" in t]
        other = [short(t) for t in got if t not in own]
        shown = ", ".join(f"`{t}`" for t in other[:4]) + (f" and {len(other) - 4} more" if len(other) > 4 else "")
        lines.append(f"| `{name}` | {n_examples} | {len(got)} | {len(own)} | {shown or '-'} |")
    none = [name for name, _, got in rows if not got]
    lines += [
        "",
        f"{len(rows)} rules; {len(rows) - len(none)} fail at least one test when switched off.",
        "Candidates for removal (no test fails without them): " + (", ".join(f"`{n}`" for n in none) or "none") + ".",
        "",
    ]
    if not args.only:
        RESULTS.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    print("\n".join(lines[-3:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
