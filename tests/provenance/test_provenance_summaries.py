"""What ``--json`` gives scripts: the same facts as the tables and lines."""

from __future__ import annotations

import json

from retold.model import Edge
from retold.provenance.scan import ScanResult
from retold.provenance.stories import build_stories, story_rows
from retold.provenance.summaries import scan_json, summary_json


def test_scan_json_names_an_origin_only_where_an_edge_names_a_source_as_the_stories_table_does() -> None:
    """``scan --json`` listed the centre of a story whose edges name no source among its ``origins``, where
    ``stories.<fmt>`` (and the scan's 'centre ~ others (no direction known)') calls it the centre: a script
    took it for the source. Its ``origins`` are now the table's origins only, the centre is ``centre`` and
    each member has the table's role."""
    edges = [
        Edge("wire", "copy", "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", 0.9),
        Edge("wire", "twin", "near_duplicate", 0.9, 0.9, 0.9, "undetermined", 0.0),
        Edge("blog-1", "blog-2", "near_duplicate", 0.9, 0.9, 0.9, "common_source", 0.7),
    ]
    stories = build_stories(edges)
    result = ScanResult("lexical", 5, 5, 3, 3, edges, stories, {})
    got = json.loads(summary_json(scan_json(result, None, [])))["stories"]
    table: dict[str, dict[str, str]] = {}
    for row in story_rows(stories):
        table.setdefault(row["story"], {})[row["article"]] = row["role"]
    assert {st["id"]: st["roles"] for st in got} == table
    by_member = {a: st for st in got for a in st["articles"]}
    assert (by_member["wire"]["origins"], by_member["wire"]["centre"]) == (["wire"], None)
    assert by_member["wire"]["roles"] == {"wire": "origin", "copy": "retelling", "twin": "joined"}
    undirected = by_member["blog-1"]
    assert undirected["origins"] == [] and undirected["centre"] in ("blog-1", "blog-2")
    assert set(undirected["articles"]) == {"blog-1", "blog-2"}
