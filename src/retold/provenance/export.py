"""Edge and story tables as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from retold.errors import UsageError, write_failed
from retold.model import Edge

FORMATS = ("jsonl", "csv", "parquet")
# each article's language as the pair was aligned, and whether they differ (a retelling across languages)
EDGE_FIELDS = (
    "a", "b", "relation", "score", "coverage_a", "coverage_b", "direction", "direction_confidence",
    "language_a", "language_b", "translation",
)  # fmt: skip
STORY_FIELDS = ("story", "article", "role")


def edge_rows(edges: Iterable[Edge]) -> list[dict[str, Any]]:
    """The rows of ``scan --out`` and ``sources --json``: the edge's fields and whether it crosses languages."""
    return [{k: getattr(e, k) for k in EDGE_FIELDS} for e in edges]


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell says it: as JSON writes it (``true``/``false``, not Python's ``True``/``False``), a
    string as itself, null as an empty cell; so edges.csv reads as edges.jsonl does."""
    return "" if value is None else json.dumps(value) if isinstance(value, bool) else value


def writable(path: str | os.PathLike[str] | None, option: str, folder: bool) -> None:
    """Say a path that cannot be written before the work, not late from a long scan or a JVM: the file (or folder)
    itself when it exists, else the nearest folder above it that does, tried by writing there (a probe made and
    removed, a file opened to append): a permission test says yes to root, where ``/proc`` or a read-only mount
    still says no."""
    if path is None:
        return
    target = p = os.path.abspath(path)
    while not os.path.exists(p):
        p = os.path.dirname(p)
    if p != target and not os.path.isdir(p):
        why = f"{p} is not a folder"
    elif p == target and os.path.isdir(p) != folder:
        why = "it is a folder" if os.path.isdir(p) else "it is a file"
    else:
        try:
            if not os.path.isdir(p):
                with open(p, "ab"):
                    return
            if p != target and folder:  # the folder will be made here
                os.rmdir(tempfile.mkdtemp(prefix=".retold-probe-", dir=p))
            else:
                fd, probe = tempfile.mkstemp(prefix=".retold-probe-", dir=p)
                os.close(fd)
                os.unlink(probe)
            return
        except PermissionError:
            why = f"permission denied ({p})"
        except OSError as e:
            why = f"nothing can be written in {p} ({e.strerror or e})"
    raise UsageError(f"{option} {path}: cannot write there: {why}")


def write_table(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> Path:
    """Write rows with these columns; an empty table still gets its header or schema."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps({c: r[c] for c in columns}, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=list(columns))
                w.writeheader()
                w.writerows({c: csv_cell(r[c]) for c in columns} for r in rows)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            types = {
                "score": pa.float64(),
                "coverage_a": pa.float64(),
                "coverage_b": pa.float64(),
                "direction_confidence": pa.float64(),
                "translation": pa.bool_(),
            }
            schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
            pq.write_table(pa.Table.from_pylist([{c: r[c] for c in columns} for r in rows], schema=schema), path)
    except OSError as e:  # a path the user named, as for --html: a usage problem (a full disk: exit 7), not the store's
        raise write_failed(str(path), "the table", e) from None
    return path
