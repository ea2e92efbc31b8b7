"""Edge and story tables as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from retold.errors import UsageError
from retold.model import Edge

FORMATS = ("jsonl", "csv", "parquet")
EDGE_FIELDS = ("a", "b", "relation", "score", "coverage_a", "coverage_b", "direction", "direction_confidence")
STORY_FIELDS = ("story", "article", "role")


def edge_rows(edges: Sequence[Edge]) -> list[dict[str, Any]]:
    return [{k: asdict(e)[k] for k in EDGE_FIELDS} for e in edges]


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
                w = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
                w.writeheader()
                w.writerows(rows)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            types = {
                "score": pa.float64(),
                "coverage_a": pa.float64(),
                "coverage_b": pa.float64(),
                "direction_confidence": pa.float64(),
            }
            schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
            pq.write_table(pa.Table.from_pylist([{c: r[c] for c in columns} for r in rows], schema=schema), path)
    except OSError as e:  # a path the user named, as for --html: a usage problem, not the store's
        raise UsageError(f"{path}: cannot write ({e.strerror or e})") from None
    return path
