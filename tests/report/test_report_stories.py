"""Story graphs and the scan report: who took from whom, left to right; every pair one click away; safe text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_report_html import Page, sha

from retold.model import Edge
from retold.report.stories import NODE_W, graph


def _edge(a: str, b: str, direction: str, conf: float = 0.9) -> dict:
    return Edge(a, b, "partial_reuse", 0.5, 0.8, 0.6, direction, conf).__dict__  # type: ignore[arg-type]


def test_graph_puts_each_retelling_right_of_its_source() -> None:
    story = {
        "id": "s-1",
        "articles": [{"id": x, "title": None, "origin": x == "o"} for x in ("o", "r1", "r2", "u")],
        "origins": ["o"],
        "centre": None,
        "edges": [_edge("o", "r1", "a_to_b"), _edge("r2", "r1", "b_to_a"), _edge("o", "u", "undetermined", 0.0)],
    }
    g = graph(story)
    x = {n["id"]: n["x"] for n in g["nodes"]}
    assert x["o"] < x["r1"] < x["r2"] and x["u"] == x["r1"]  # r2 took from r1 (b_to_a), u: no direction
    assert [ln["directed"] for ln in g["lines"]] == [True, True, False]
    assert all(n["x"] + NODE_W <= g["width"] and n["y"] < g["height"] for n in g["nodes"])
    # an arrow starts at its source: r1 -> r2 although the edge was stored as (r2, r1)
    assert g["lines"][1]["d"].startswith(f"M{x['r1'] + NODE_W},")


def test_scan_html_report(examples_dir: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    first = json.loads((examples_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    copy = {**first, "id": "<script>alert(1)</script>", "title": "</textarea><img src=x onerror=alert(1)>"}
    copy["text"] = copy["text"] + "\nOne more sentence was added by the copier at the end."
    hostile.write_text(json.dumps(copy) + "\n", encoding="utf-8")
    out = tmp_path / "scan.html"
    r = subprocess.run(
        [sys.executable, "-m", "retold", "scan", "-q", "--lexical", "--db", str(tmp_path / "s.db"), "--html", str(out),
         str(examples_dir / "articles.jsonl"), str(hostile)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    assert html.count("<svg") >= 1 and "01_wire_original" in html
    links = [str(a["href"]) for t, a in page.tags if t == "a" and str(a.get("href", "")).startswith("#pair-")]
    assert links and all(h[1:] in page.ids for h in links)
    assert {f"pair-{n}" for n in range(len(links))} <= page.ids
    assert "<script>alert" not in html and "<img" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    code = [text for kind, text in page.scripts if kind is None]
    assert len(code) == 1 and sha(code[0]) in page.csp() and sha(page.styles[0]) in page.csp()
    assert "http://" not in html and "https://" not in html


def test_an_edge_between_two_stories_is_listed_not_left_out() -> None:
    """A story joins only articles with evidence between them, so an edge can link articles of two stories;
    the scan report lists such edges in a section of their own (it showed 14 of a scan's 16 edges)."""
    from retold.report.stories import scan_html

    def story(sid: str, a: str, b: str) -> dict:
        arts = [
            {"id": x, "title": None, "origin": x == a, "role": "origin" if x == a else "retelling", "about": ""}
            for x in (a, b)
        ]
        return {"id": sid, "articles": arts, "origins": [a], "centre": None, "edges": [_edge(a, b, "a_to_b")]}

    between = [_edge("x1", "y2", "a_to_b")]
    summary = {"mode": "lexical", "articles": 4, "edges": 3, "stories": 2, "pairs_left_out": 0}
    html = scan_html([story("s-1", "x1", "x2"), story("s-2", "y1", "y2")], [], summary, between)
    section = html.split('id="between"')[1].split("</section>")[0]
    assert "<td>x1</td><td>y2</td>" in section and "1 edges" in section
    assert 'id="between"' not in scan_html([story("s-1", "x1", "x2")], [], summary)


def test_the_stories_page_lists_edges_between_stories_too() -> None:
    """The web app's stories page, like the scan report, lists the edges that link two stories."""
    from retold.report.html import render_page

    html = render_page("stories.html.j2", stories=[], between=[_edge("x1", "y2", "a_to_b")])
    section = html.split('id="between"')[1].split("</section>")[0]
    assert "<td>x1</td><td>y2</td>" in section and "/pair?a=x1&amp;b=y2" in section
    assert 'id="between"' not in render_page("stories.html.j2", stories=[], between=[])


def test_a_storys_members_are_named_with_their_outlet_and_date(examples_dir: Path, tmp_path: Path) -> None:
    """The scan report and the stories page named a story's members by id and title only, so a reader could not
    check that its origin came first or who published each retelling: each now says its outlet and date too,
    as ``sources`` does beneath an id."""
    out = tmp_path / "scan.html"
    r = subprocess.run(
        [sys.executable, "-m", "retold", "scan", "-q", "--lexical", "--db", str(tmp_path / "s.db"), "--html", str(out),
         str(examples_dir / "articles.jsonl")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    text = Page(out.read_text(encoding="utf-8")).text
    assert "01_wire_original · \"Harben dockworkers strike over automation plan, halting grain exports\" - " \
        "Northwire, 2026-03-03" in text  # fmt: skip
    assert "03_heavy_rewrite · \"Chaos at Harben Port as Thousands of Workers Walk Out Over Robot Cranes\" - " \
        "TrendPulse News, 2026-03-05" in text  # fmt: skip
