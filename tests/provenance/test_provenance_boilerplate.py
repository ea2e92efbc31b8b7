"""Furniture several outlets carry (a syndicated columnist's biography, ``furniture_papers``): boilerplate
for a scan and a ``sources`` query, while a wire story that as many outlets print stays reuse."""

from __future__ import annotations

from pathlib import Path

from retold.corpus import Corpus
from retold.provenance import boilerplate as bp
from retold.provenance import candidates as cand
from retold.store.sqlite import Store

WIRE = {f"wire-{k}" for k in range(4)}


def test_a_biography_several_outlets_run_makes_no_edges_and_wire_copy_stays(
    furniture_papers: Path, tmp_path: Path
) -> None:
    c = Corpus(tmp_path / "s.db")
    result, _, _ = c.scan([str(furniture_papers)], lexical=True)
    pairs = {(e.a, e.b) for e in result.edges}
    # no two columns are a retelling: they share the biography and nothing else
    assert not {p for p in pairs if p[0].startswith("column") or p[1].startswith("column")}
    # the four printings of the wire story are, pair by pair
    assert {tuple(sorted(p)) for p in pairs} == {(a, b) for a in WIRE for b in WIRE if a < b}
    with Store(tmp_path / "s.db") as st:
        everywhere = cand.load(st).boilerplate.everywhere
    # the biography's two sentences, none of the wire story's
    assert len(everywhere) == 2


def test_a_query_leaves_out_the_biography_too(furniture_papers: Path, tmp_path: Path) -> None:
    """``sources`` judges the boilerplate for the query's keys alone (``query.targeted_boilerplate``) and
    comes to the scan's answer."""
    c = Corpus(tmp_path / "s.db")
    c.add([str(furniture_papers)])
    assert c.sources("column-0", lexical=True) == []
    assert {f.edge.b for f in c.sources("wire-0", lexical=True)} == WIRE - {"wire-0"}


def test_spread_asks_what_else_the_holders_share() -> None:
    """A key four articles hold is furniture when their pairs share little else, not when they share a run."""
    outlets = {r: f"outlet {r}" for r in range(4)}
    alone = {1: [0, 1, 2, 3]}
    story = {k: [0, 1, 2, 3] for k in range(1, 7)}
    assert bp.spread(alone, outlets, 100) == {1}
    assert bp.spread(story, outlets, 100) == set()
    # articles of no known outlet are not counted: unnamed papers printing one line is no evidence
    assert bp.spread(alone, {0: "outlet 0", 1: "outlet 1", 2: "outlet 2"}, 100) == set()
