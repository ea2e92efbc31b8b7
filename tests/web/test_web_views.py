"""The pages' newer views on a real ``retold serve``: uploaded files, match groups, sources left out, exports."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import pytest
from _server import TOKEN, Server

NAV = "<nav><a href='/'>Home</a> <a href='/sport'>Sport pages</a> <a href='/login'>Log in</a></nav>"


def page_of(text: str, title: str) -> bytes:
    """A news page around ``text``: a menu, a tracking script and a footer that are no part of the article."""
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()[1:] if line.strip())
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title><script>track('page')</script></head>"
        f"<body>{NAV}<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright 2026 Example Media Group. All rights reserved.</footer></body></html>"
    ).encode()


@pytest.fixture(scope="module")
def texts(seeds: tuple[Path, Path]) -> tuple[str, str]:
    return seeds[0].read_text(encoding="utf-8"), seeds[1].read_text(encoding="utf-8")


def rows_of(page: str, j: int) -> str:
    return page.split(f'id="b-{j}"')[0].rsplit("<tr ", 1)[1]


def test_compare_page_reads_uploaded_text_and_html_files(server: Server, texts: tuple[str, str]) -> None:
    a, b = texts
    pasted = server.call("POST", "/compare", form={"a_text": a, "b_text": b, "lexical": "1"})
    files = {"a_file": ("000.txt", a.encode()), "b_file": ("003.txt", b.encode())}
    up = server.call("POST", "/compare", form={"a_text": "ignored: a file wins", "lexical": "1"}, files=files)
    assert up.status == 200 and up.text.count('class="row ') == pasted.text.count('class="row ')
    for j in (10, 11, 12):
        assert 'class="row k-only_b' in rows_of(up.text, j)
    assert "ignored: a file wins" not in up.text
    # an HTML page is read by the library's HTML reader: the article, its title, no menu and no script
    page = {"b_file": ("story.html", page_of(b, "NATO chief in Wiesbaden"))}
    r = server.call("POST", "/compare", form={"a_text": a, "lexical": "1"}, files=page)
    assert r.status == 200 and "NATO chief in Wiesbaden" in r.text
    shown = r.text.split('id="alignment"')[1].split('id="flags"')[0]
    assert "Sport pages" not in shown and "track(" not in shown and "Copyright 2026" not in shown
    assert "EU" in shown and "partial reuse" in r.text
    bad = server.call("POST", "/compare", form={"a_text": a}, files={"b_file": ("many.jsonl", b'{"text": "x"}\n')})
    assert bad.status == 422 and "records file" in bad.text and 'class="error"' in bad.text
    # a file's name is a label: a path names nothing on the server, markup in it is shown as text
    odd = {"a_file": ("../../../../etc/hostname", b"Words about the port strike, from the upload itself.\n")}
    r = server.call("POST", "/compare", form={"b_text": b, "lexical": "1"}, files=odd)
    assert r.status == 200 and "from the upload itself" in r.text
    evil = {"b_file": ('"><img src=x onerror=alert(1)>.jsonl', b"{}\n")}
    r = server.call("POST", "/compare", form={"a_text": a}, files=evil)
    assert r.status == 422 and "<img" not in r.text and "&lt;img src=x onerror=alert(1)&gt;.jsonl" in r.text
    empty = server.call(
        "POST", "/compare", form={"a_text": a, "b_text": b, "lexical": "1"}, files={"b_file": ("", b"")}
    )
    assert empty.status == 200  # a file input left empty: the pasted text is used


def test_report_groups_matches_by_credit(server: Server, texts: tuple[str, str]) -> None:
    a, b = texts
    r = server.call("POST", "/compare", form={"a_text": a, "b_text": b, "a_source": "Euractiv", "lexical": "1"})
    assert r.status == 200 and "never names the source's outlet (Euractiv)" in r.text
    assert 'id="grp-missing_citation"' in r.text and "g-missing_citation" in r.text
    credited = server.call(
        "POST",
        "/compare",
        form={"a_text": a, "b_text": b + "\nEuractiv reported first.", "a_source": "Euractiv", "lexical": "1"},
    )
    assert "names the source's outlet (Euractiv)" in credited.text and "grp-missing_citation" not in credited.text
    evil = server.call("POST", "/compare", form={"a_text": a, "b_text": b, "a_source": "<img src=x onerror=alert(1)>"})
    assert evil.status == 200 and "<img" not in evil.text and "(&lt;img src=x onerror=alert(1)&gt;)" in evil.text
    data = json.loads(r.text.split('id="retold-data">')[1].split("</script>")[0])
    export = json.loads(base64.b64decode(data["export"]))  # what "download JSON" saves (the browser test clicks it)
    assert export["comparison"]["a"]["source"] == "Euractiv" and all(
        s["text"] in b for s in export["comparison"]["b"]["sentences"]
    )
    assert export["groups"]["of_match"].count("missing_citation") >= 1


def test_sources_page_leaves_out_unticked_sources(server: Server, texts: tuple[str, str]) -> None:
    a, b = texts
    for text, aid in ((a, "v-original"), (b, "v-retelling")):
        assert server.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status == 201
    query = b + "\nA closing line that this page adds of its own, about the weather in Wiesbaden."
    first = server.call("POST", "/sources", form={"text": query})
    assert first.status == 200 and 'id="shares"' in first.text
    assert first.text.count('name="keep"') == 2 and "excluded" not in first.text.split('id="found"')[1]
    api = server.call("POST", "/api/sources/shares", {"article": {"text": query}}).json()["shares"]
    assert f"{api['reused'] * 100:.0f}%</strong>" in first.text
    listed = [s["id"] for s in api["sources"]]
    again = server.call("POST", "/sources", form={"text": query, "listed": listed, "keep": listed[1:]})
    row = again.text.split(f'data-id="{listed[0]}"')[1].split("</tr>")[0]
    assert 'class="source excluded"' in again.text and "excluded" in row and "checked" not in row.split("</td>")[0]
    fewer = server.call("POST", "/api/sources/shares", {"article": {"text": query}, "exclude": listed[:1]}).json()
    assert f"{fewer['shares']['reused'] * 100:.0f}%</strong>" in again.text and f"excluded: {listed[0]}" in again.text
    # the view as a JSON download: the same figures the page shows
    got = server.call("POST", "/sources", form={"text": query, "listed": listed, "keep": listed[1:], "format": "json"})
    assert got.status == 200 and "attachment" in got.headers["content-disposition"]
    assert got.json()["shares"] == fewer["shares"]


def test_article_page_shows_its_sources_and_leaves_out_the_unticked(server: Server, texts: tuple[str, str]) -> None:
    a, b = texts
    query = b + "\nAnother closing line, about the rain over the Wiesbaden barracks on Monday evening."
    for text, aid in ((a, "w-original"), (b, "w-retelling"), (query, "w-query")):
        assert server.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status == 201
    plain = server.call("GET", "/articles/w-query")
    assert plain.status == 200 and 'id="find-sources"' in plain.text and 'id="found"' not in plain.text
    api = server.call("GET", "/api/articles/w-query/shares").json()
    listed = [s["id"] for s in api["shares"]["sources"]]
    assert {"w-original", "w-retelling"} <= set(listed) and "w-query" not in listed
    page = server.call("GET", "/articles/w-query?sources=1")
    assert f"{api['shares']['reused'] * 100:.0f}%</strong>" in page.text and "/pair?a=w-query&amp;b=" in page.text
    kept = [i for i in listed if i != "w-retelling"]
    query_string = "&".join(["sources=1", *(f"listed={i}" for i in listed), *(f"keep={i}" for i in kept)])
    fewer = server.call("GET", "/articles/w-query?" + query_string)
    want = server.call("GET", "/api/articles/w-query/shares?exclude=w-retelling").json()["shares"]
    assert want["excluded"] == ["w-retelling"] and want["reused"] <= api["shares"]["reused"]
    assert f"{want['reused'] * 100:.0f}%</strong>" in fewer.text and "excluded: w-retelling" in fewer.text
    assert server.call("GET", "/api/articles/no-such/shares").status == 404
