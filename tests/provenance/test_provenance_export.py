"""``scan --out DIR``'s tables read back the same in every format."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from retold.model import Edge
from retold.provenance.export import EDGE_FIELDS, FORMATS, STORY_FIELDS, edge_rows, write_table
from retold.provenance.stories import build_stories, story_rows


def _read(path: Path, fmt: str) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    return pq.read_table(path).to_pylist()


def test_every_format_writes_the_same_values_and_csv_writes_them_as_json_does(tmp_path: Path) -> None:
    """edges.csv wrote the ``translation`` flag as Python's ``False``/``True`` where edges.jsonl has
    ``false``/``true``: a script reading both (or a spreadsheet's TRUE) saw two vocabularies. Parquet holds each
    value typed, JSON Lines as JSON; a CSV cell now holds what JSON writes (a string as itself, null empty)."""
    edges = [
        Edge("wire-en", "copy-de", "partial_reuse", 0.42, 0.61, 0.37, "a_to_b", 0.9, "en", "de"),  # a translation
        Edge("wire-en", "copy-en", "near_duplicate", 0.9923, 0.993, 0.9923, "undetermined", 0.0, "en", "en"),
        Edge("old-a", "old-b", "identical", 1.0, 1.0, 1.0, "common_source", 0.6),  # stored before languages
    ]
    tables = {
        "edges": (edge_rows(edges), EDGE_FIELDS),
        "stories": (story_rows(build_stories(edges)), STORY_FIELDS),
    }
    for name, (rows, columns) in tables.items():
        read = {fmt: _read(write_table(tmp_path / f"{name}.{fmt}", rows, columns, fmt), fmt) for fmt in FORMATS}
        assert read["jsonl"] == read["parquet"] == [{c: r[c] for c in columns} for r in rows], name
        as_json = [{c: "" if v is None else v if isinstance(v, str) else json.dumps(v) for c, v in r.items()}
                   for r in read["jsonl"]]  # fmt: skip
        assert read["csv"] == as_json, name
    flags = [r["translation"] for r in _read(tmp_path / "edges.csv", "csv")]
    assert flags == ["true", "false", "false"]
