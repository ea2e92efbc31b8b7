"""Stories on a page: each story's provenance graph laid out here (for an inline SVG), and the scan report.

The layout is decided in Python so the page needs no script to draw: origins (or, where no edge names a
source, the story's centre, never called an origin) in the first column, then each article one column to the
right of the article it took from (edges whose direction is confident, as
:func:`retold.provenance.stories.arrow` reads them), undirected members after the first column.
``retold scan --html`` writes one file with every story's graph and, one click away, the full aligned view of
each pair (compared again from the stored texts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from retold.model import Edge, Story
from retold.provenance.stories import arrow, roles

COL, ROW, NODE_W, NODE_H, PAD = 340, 64, 190, 36, 20
MAX_PAIRS = 60  # pair views in one scan report: each is a full comparison, run again
RELATION_LABEL = {"near_duplicate": "near dup.", "partial_reuse": "partial", "identical": "identical"}


def story_dict(st: Story, listing: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """A story as the API and the pages give it: what ``scan --json`` says of it (``provenance.summaries.story_json``:
    origins only where an edge names a source, else the ``centre``, and each member's role), its articles with
    titles, roles and ``about`` (title, outlet and date, so a reader can check who came first), and its edges;
    ``listing`` is ``Store.listing()`` by id."""
    from retold.ingest.dates import read_date
    from retold.provenance.render import description
    from retold.provenance.summaries import story_json

    role = roles(st)

    def member(a: str) -> dict[str, Any]:
        m = listing.get(a, {})
        about = description(m.get("title"), m.get("source"), m.get("url"), read_date(m.get("published")))
        return {"id": a, "title": m.get("title"), "origin": role[a] == "origin", "role": role[a], "about": about}

    return {**story_json(st), "articles": [member(a) for a in st.articles], "edges": [asdict(e) for e in st.edges]}


def graph(story: Mapping[str, Any]) -> dict[str, Any]:
    """Node boxes and edge lines of one story, in pixels: who took from whom, left to right."""
    ids = [a["id"] for a in story["articles"]]
    edges = [Edge(**e) for e in story["edges"]]
    first = list(story["origins"]) or [story["centre"]]  # no edge names a source: the centre comes first
    depth = {a: 0 for a in first}
    arrows = [arr for e in edges if (arr := arrow(e))]
    for _ in ids:  # longest path from an origin, bounded by the member count (a cycle stops growing)
        for src, dst in arrows:
            if src in depth and dst not in first and depth.get(dst, 0) < depth[src] + 1 <= len(ids):
                depth[dst] = depth[src] + 1
    for a in ids:
        depth.setdefault(a, 1)  # after the first column, which always holds the origins or the centre
    columns: dict[int, list[str]] = {}
    for a in ids:
        columns.setdefault(depth[a], []).append(a)
    pos: dict[str, tuple[int, int]] = {}
    for d, members in sorted(columns.items()):
        for k, a in enumerate(members):
            pos[a] = (PAD + d * COL, PAD + k * ROW)
    titles = {a["id"]: a["title"] for a in story["articles"]}
    nodes = [
        {"id": a, "x": x, "y": y, "label": a if len(a) <= 26 else a[:25] + "…", "title": titles.get(a) or a,
         "origin": a in story["origins"], "centre": a == story["centre"]}
        for a, (x, y) in pos.items()
    ]  # fmt: skip
    lines = []
    for e in edges:
        arr = arrow(e)
        src, dst = arr if arr else (e.a, e.b)
        (x1, y1), (x2, y2) = pos[src], pos[dst]
        y1, y2 = y1 + NODE_H // 2, y2 + NODE_H // 2
        if x2 == x1:  # same column: a curve out to the right of both boxes
            x1 = x2 = x1 + NODE_W
            cx, cy = x1 + 70, (y1 + y2) // 2
        else:
            x1, x2 = (x1 + NODE_W, x2) if x1 < x2 else (x1, x2 + NODE_W)
            cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        lines.append(
            {
                "d": f"M{x1},{y1} Q{cx},{cy} {x2},{y2}", "directed": arr is not None, "a": e.a, "b": e.b,
                "tx": (x1 + 2 * cx + x2) // 4 + (8 if x1 == x2 else 0), "ty": (y1 + 2 * cy + y2) // 4 - 6,
                "anchor": "start" if x1 == x2 else "middle",
                "label": f"{RELATION_LABEL.get(e.relation, e.relation)} {max(e.coverage_a, e.coverage_b):.0%}",
            }
        )  # fmt: skip
    width = PAD * 2 + max(d for d in columns) * COL + NODE_W + 110
    height = PAD * 2 + max(len(m) for m in columns.values()) * ROW
    return {"nodes": nodes, "lines": lines, "width": width, "height": height, "node_w": NODE_W, "node_h": NODE_H}


def scan_html(
    stories: Sequence[Mapping[str, Any]], pairs: Sequence[tuple[Mapping[str, Any], dict[str, Any]]],
    summary: Mapping[str, Any], between: Sequence[Mapping[str, Any]] = (),
) -> str:  # fmt: skip
    """The scan report: ``stories`` (as :func:`story_dict`), ``pairs`` (edge dict, comparison dict), and the
    edges ``between`` stories (a story joins only articles with evidence between them, so an edge can link
    two: it is listed on its own, never left out)."""
    from retold.report.html import render_page, script_json, view
    from retold.report.reading import MARKS, legend

    views, partners, anchor = [], {}, {}
    for n, (edge, doc) in enumerate(pairs):
        v = view(doc, p=f"p{n}-")
        partners.update(v["partners"])
        views.append({"n": n, "edge": edge, "v": v})
        anchor[(edge["a"], edge["b"])] = f"pair-{n}"
    shown = [{**st, "graph": graph(st), "links": [anchor.get((e["a"], e["b"])) for e in st["edges"]]} for st in stories]
    links = [anchor.get((e["a"], e["b"])) for e in between]
    data = script_json({"partners": partners, "matches": []})
    return render_page(
        "scan.html.j2", stories=shown, pairs=views, summary=summary, data=data,
        labels=legend(m["label"] for _, doc in pairs for m in doc["matches"]), marks=MARKS,
        between={"edges": list(between), "links": links},
    )  # fmt: skip


def write_scan_html(result: Any, db: str | Path, path: str, *, lexical: bool = False, model: str | None = None) -> None:
    """Write the scan report of ``result`` (a ``ScanResult``) over the store ``db`` to ``path``."""
    from retold.embed import get_encoder
    from retold.pipeline import compare
    from retold.report.json import comparison_dict
    from retold.store.sqlite import Store

    with Store(db, create=False) as store:
        listing = {str(m["id"]): m for m in store.listing()}
        stories = [story_dict(st, listing) for st in result.stories]
        inside = [e for st in stories for e in st["edges"]]
        told = {(e["a"], e["b"]) for e in inside}
        between = [asdict(e) for e in result.edges if (e.a, e.b) not in told]
        edges = {(e["a"], e["b"]): e for e in [*inside, *between]}  # every edge, those of stories first
        wanted = list(edges)[:MAX_PAIRS]
        rows = store.rows_of(sorted({i for pair in wanted for i in pair}))
        arts = {a.id: a for a in store.articles_by_row(rows.values()).values()}
    enc = None if lexical else get_encoder(model)
    pairs = [
        (edges[(a, b)], comparison_dict(compare(arts[a], arts[b], lexical=lexical, encoder=enc)))
        for a, b in wanted
        if a in arts and b in arts
    ]
    summary = {
        "mode": result.mode, "articles": result.articles, "edges": len(result.edges),
        "stories": len(result.stories), "pairs_left_out": max(0, len(edges) - len(pairs)),
    }  # fmt: skip
    page = scan_html(stories, pairs, summary, between)
    from retold.report.html import write_page

    write_page(str(path), page)
