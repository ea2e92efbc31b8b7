"""Edge and story tables as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from retold.errors import UsageError
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
    except OSError as e:  # a path the user named, as for --html: a usage problem, not the store's
        raise UsageError(f"{path}: cannot write ({e.strerror or e})") from None
    return path
