"""Stories on a real ``retold serve`` say what ``scan --json`` and the stories table say: an origin only where an
edge names a source, else the story's centre, drawn first but never called an origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _server import TOKEN, Server, start, stop

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def undirected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A lexical server holding two undated texts, a wire story and its light edit: no edge tells who came
    first, so their story has a centre and no origin."""
    s = start(tmp_path_factory.mktemp("serve") / "stories.db", "--token", TOKEN, "--lexical")
    try:
        for aid, name in (("wire", "01_wire_original"), ("edit", "02_light_edit")):
            text = (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")
            assert s.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status == 201
        yield s
    finally:
        stop(s)


def test_an_undirected_storys_centre_is_no_origin_in_the_api(undirected: Server) -> None:
    """``GET /api/stories`` listed the centre of a story whose edges name no source under ``origins``, where
    ``scan --json`` and the stories table call it the centre."""
    (story,) = undirected.call("GET", "/api/stories").json()
    assert [e["direction"] in ("a_to_b", "b_to_a") for e in story["edges"]] == [False]
    assert story["origins"] == [] and story["centre"] in ("wire", "edit")
    joined = ({"wire", "edit"} - {story["centre"]}).pop()
    assert story["roles"] == {story["centre"]: "centre", joined: "joined"}
    assert {a["id"]: (a["role"], a["origin"]) for a in story["articles"]} == {
        story["centre"]: ("centre", False),
        joined: ("joined", False),
    }
    assert undirected.call("GET", f"/api/stories/{story['id']}").json() == story


def test_the_stories_page_draws_the_centre_first_without_calling_it_an_origin(undirected: Server) -> None:
    (story,) = undirected.call("GET", "/api/stories").json()
    centre, joined = story["centre"], ({"wire", "edit"} - {story["centre"]}).pop()
    page = undirected.call("GET", "/stories").text
    graph = page.split("<svg")[1].split("</svg>")[0]
    by_label = {n.split('font-size="12" fill="#111">')[1].split("<")[0]: n for n in graph.split('<g class="node')[1:]}
    x = {k: int(n.split('<rect x="')[1].split('"')[0]) for k, n in by_label.items()}
    assert set(x) == {centre, joined}
    assert x[centre] < x[joined]  # the centre first, the member joined to it one column right
    assert by_label[centre].startswith(' centre"') and "(centre: no direction known)" in by_label[centre]
    assert "origin" not in graph and "marker-end" not in graph  # nothing is drawn or named as a source
    assert f'<strong>centre</strong> <a href="/articles/{centre}">' in page and "<strong>origin</strong>" not in page
    art = undirected.call("GET", f"/articles/{centre}").text
    assert "this is its centre" in art and "this is an origin" not in art
