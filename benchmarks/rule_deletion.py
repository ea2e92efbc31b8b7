"""Delete each fidelity rule in turn and show which tests fail without it.

    .venv/bin/python benchmarks/rule_deletion.py [--only PREFIX] [--rules-test-only] [--docs]

Each rule of ``retold.fidelity.rules.REGISTRY`` is switched off (``RETOLD_RULES_OFF=<name>``: the check
imports the rule's no-op instead, as if its code were deleted) and the fidelity tests run in a fresh
process. A rule that fails no test is a candidate for removal. The table goes to stdout and to
benchmarks/results/rule_deletion.md. ``--docs`` only writes docs/rules.md from the registry.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "rule_deletion.md"
DOCS = ROOT / "docs" / "rules.md"
FAILED = re.compile(r"^FAILED (\S+?)(?: - |$)", re.MULTILINE)


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


def short(test: str) -> str:
    """``tests/fidelity/test_fidelity_rules.py::test_rule_example[numbers.rounding-0]`` -> ``rules::...[...]``."""
    path, _, name = test.partition("::")
    return f"{Path(path).stem.removeprefix('test_fidelity_')}::{name}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="rules whose name starts with this")
    ap.add_argument("--rules-test-only", action="store_true", help="run only tests/fidelity/test_fidelity_rules.py")
    ap.add_argument("--docs", action="store_true", help="write docs/rules.md from the registry and stop")
    args = ap.parse_args()
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
