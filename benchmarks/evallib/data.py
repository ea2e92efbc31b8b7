"""Where the evaluation data lives and how to read it (never copied into the repo)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

FILES = {
    "clough": "clough_stevenson/clough_stevenson.pairs.jsonl",
    "mrpc": "mrpc/mrpc.train.jsonl",
    "stsb": "stsb/stsb.dev.jsonl",
    "pan13": "pan13_none/pan13_02_no_obfuscation.pairs.jsonl",
    "wmt19-docs": "wmt19_rewrites/wmt19_ar_vs_arp.dev.jsonl",
    "sts2017": "sts2017",
}


class DataMissing(SystemExit):
    """The shared data is not where we looked: exit with one clear line, no traceback."""

    def __init__(self, what: Path) -> None:
        super().__init__(
            f"error: {what} is absent. The evaluation data lives in ../shared/data beside the repo "
            "(set RETOLD_SHARED to another folder holding data/, or pass --path FILE)."
        )


def shared_dir() -> Path:
    """``../shared`` beside the repository, or ``$RETOLD_SHARED``."""
    env = os.environ.get("RETOLD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def seed_pair() -> tuple[Path, Path] | None:
    """The two seed documents (000, the article; 003, its retelling); None, said on stderr, when absent."""
    seeds = shared_dir() / "seeds"
    a = next(iter(sorted(seeds.glob("000_*.txt"))), None)
    b = next(iter(sorted(seeds.glob("003_*.txt"))), None)
    if a is None or b is None:
        print(f"skipped: the seed documents are not in {seeds}", file=sys.stderr)
        return None
    return a, b


def default_path(dataset: str) -> Path:
    """The shared file (or folder, for sts2017) a dataset is read from by default."""
    path = shared_dir() / "data" / FILES[dataset]
    if not path.exists():
        raise DataMissing(path)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DataMissing(path)
    return list(_lines(path))


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def relative(path: Path) -> str:
    """A path as the report shows it: relative to the repo's parent when it lies under it."""
    try:
        return str(Path("..") / path.resolve().relative_to(REPO.parent))
    except ValueError:
        return str(path)
