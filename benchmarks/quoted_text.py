"""Strings in src/ and tests/ that copy a run of words from a sentence of the shared data.

    .venv/bin/python benchmarks/quoted_text.py [--list] [--words N] [--common K] [--paths P,...]

A rule of the project: everything in it is written here; facts and figures from elsewhere carry over, code and
sentences do not. This lists every string literal (implicitly joined literals read as one, docstrings included)
that holds a run of ``--words`` words (default 8; words are runs of letters and digits, case ignored) found in a
sentence of MRPC (train), the WMT19 rewrites (dev) or news_allsides (``../shared/data``, read only). A run found
in ``--common`` rows of that data or more (default 3: a pair of MRPC or WMT19 is one row, an article one row) is a
stock phrase or a name ("the broad Standard & Poor's 500 index fell ...") and does not count. Prints the hits per
file and the total; ``--list`` prints each string (path, line, the first words of the run found).

Session 35: 5ad27c5 had 374 strings holding such runs in 32 files (387 with no stock-phrase limit; the first
checker, which read only single literals of 40+ characters, counted 372).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = {
    "mrpc": (DATA / "mrpc" / "mrpc.train.jsonl", ("a", "b")),
    "wmt19": (DATA / "wmt19_rewrites" / "wmt19_ar_vs_arp.dev.jsonl", ("a", "b")),
    "allsides": (DATA / "news_allsides" / "allsides.jsonl", ("text",)),
}
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def runs(text: str, n: int) -> Iterator[tuple[str, ...]]:
    w = words(text)
    for i in range(len(w) - n + 1):
        yield tuple(w[i : i + n])


def literals(path: Path, n: int) -> Iterator[tuple[int, str]]:
    """Every string literal of ``path`` with ``n`` words or more, with its line."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(words(node.value)) >= n:
            yield node.lineno, node.value


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--list", action="store_true", help="print every string found, with the run it copies")
    p.add_argument("--words", type=int, default=8, help="the length of a copied run, in words")
    p.add_argument(
        "--common", type=int, default=3, help="a run in this many rows of the data or more is a stock phrase"
    )
    p.add_argument("--paths", default="src,tests", help="folders to read, comma-separated, from the repository root")
    args = p.parse_args()
    missing = [str(f) for f, _ in SOURCES.values() if not f.is_file()]
    if missing:
        print(f"skipped: the shared data is not here ({', '.join(missing)})")
        return 0
    found: list[tuple[Path, int, str, list[tuple[str, ...]]]] = []
    wanted: dict[tuple[str, ...], int] = {}
    for folder in args.paths.split(","):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, text in literals(path, args.words):
                own = list(dict.fromkeys(runs(text, args.words)))
                found.append((path, line, text, own))
                wanted.update((r, 0) for r in own)
    for path, fields in SOURCES.values():
        with path.open(encoding="utf-8") as fh:
            for raw in fh:
                if not raw.strip():
                    continue
                row = json.loads(raw)
                seen = {r for f in fields for r in runs(str(row.get(f) or ""), args.words) if r in wanted}
                for r in seen:
                    wanted[r] += 1
    per_file: dict[str, int] = {}
    total = 0
    for path, line, text, own in found:
        copied = [r for r in own if 0 < wanted[r] < args.common]
        if not copied:
            continue
        rel = str(path.relative_to(ROOT))
        per_file[rel] = per_file.get(rel, 0) + 1
        total += 1
        if args.list:
            print(f"{rel}:{line}: [{' '.join(copied[0])}] {text[:110]!r}")
    for rel, count in sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{count:5d} {rel}")
    print(
        f"total {total} strings in {len(per_file)} files (runs of {args.words} words in fewer than {args.common} rows)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
