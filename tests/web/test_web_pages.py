"""The HTML pages of a real ``retold serve``: forms in, the report out, article text only ever as text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from _server import TOKEN, Server

HOSTILE = (
    "Harbour strike <script>alert(1)</script> ends\n\n"
    'Dock workers "><img src=x onerror=alert(1)> in Calden voted on Tuesday to end a strike, the union said.\n'
    "Cargo </textarea><b>x</b> will move again from Wednesday \u202egnirts\u202c, the port authority said.\n"
)
PLAIN = (
    "Harbour strike ends\n\n"
    "Dock workers in Calden voted on Tuesday to end a strike, the union said.\n"
    "Cargo will move again from Wednesday, the port authority said.\n"
)


def test_compare_page_posts_to_the_report(server: Server, seeds: tuple[Path, Path]) -> None:
    page = server.call("GET", "/")
    assert page.status == 200 and 'action="/compare"' in page.text and "<textarea" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "frame-ancestors 'none'" in csp
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    r = server.call("POST", "/compare", form={"a_text": a, "b_text": b, "lexical": "1"})
    assert r.status == 200
    for j in (10, 11, 12):  # the EU-loan sentences, only in the retelling
        row = r.text.split(f'id="b-{j}"')[0].rsplit("<tr ", 1)[1]
        assert 'class="row k-only_b"' in row
    assert "quote altered" in r.text and 'id="retold-data"' in r.text and 'href="/"' in r.text


def test_compare_page_errors_keep_the_form(server: Server) -> None:
    r = server.call("POST", "/compare", form={"a_text": "  ", "b_text": "Some text.", "b_title": "Kept"})
    assert r.status == 422 and 'class="error"' in r.text and "empty article" in r.text
    assert 'value="Kept"' in r.text and "Some text.</textarea>" in r.text


def test_hostile_text_comes_back_escaped(server: Server) -> None:
    r = server.call("POST", "/compare", form={"a_text": PLAIN, "b_text": HOSTILE, "lexical": "1"})
    assert r.status == 200
    for raw in ("<script>alert", "<img", "</textarea><b>", "\u202e"):
        assert raw not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text and "[U+202E]gnirts[U+202C]" in r.text
    bad = server.call("POST", "/compare", form={"a_text": "", "b_text": HOSTILE})  # echoed back into the form
    assert bad.status == 422 and "</textarea><b>" not in bad.text and "&lt;/textarea&gt;&lt;b&gt;" in bad.text


class FormFields(HTMLParser):
    """The fields of the page's ``compare-form`` as a browser would post them (text inputs, textareas, ticks)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms = 0
        self.fields: dict[str, str] = {}
        self.area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.forms += tag == "form" and a.get("id") == "compare-form"
        if (tag == "input" and a.get("type") == "text") or (a.get("type") == "checkbox" and "checked" in a):
            self.fields[str(a["name"])] = a.get("value") or ""
        if tag == "textarea":
            self.area = str(a["name"])
            self.fields[self.area] = ""

    def handle_data(self, data: str) -> None:
        if self.area:
            self.fields[self.area] += data

    def handle_endtag(self, tag: str) -> None:
        self.area = None if tag == "textarea" else self.area


def form_fields(page: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(page.split('id="compare-again"', 1)[1])
    assert parser.forms == 1
    return parser.fields


def test_the_report_has_the_form_filled_with_the_two_texts(server: Server, seeds: tuple[Path, Path]) -> None:
    """The answer of the compare form offers the same form below it, filled with what was compared: edited
    and posted again it compares again; article text in it stays text."""
    hostile = HOSTILE.replace("\u202e", "").replace("\u202c", "")  # bidi controls are shown as [U+202E]
    sent = {
        "a_text": PLAIN,
        "b_text": hostile,
        "a_title": 'The "harbour" <i>',
        "b_source": "Calden Post",
        "lexical": "1",
    }
    r = server.call("POST", "/compare", form=sent)
    assert r.status == 200 and 'id="verdict"' in r.text and 'href="#compare-again"' in r.text
    assert (
        "</textarea><b>" not in r.text
        and "&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;" in r.text.split('id="compare-again"')[1]
    )
    filled = form_fields(r.text)
    assert filled == {**sent, "b_title": "", "a_source": ""}
    edited = server.call("POST", "/compare", form={**filled, "a_title": "", "b_text": PLAIN})
    assert edited.status == 200 and "identical" in edited.text.split('id="verdict"')[1].split("</h1>")[0]
    # a side read from a file: its text as read is offered (a file input cannot be filled in again)
    a = seeds[0].read_text(encoding="utf-8")
    up = server.call(
        "POST",
        "/compare",
        form={"a_text": "pasted, the file wins", "b_text": PLAIN},
        files={"a_file": ("000.txt", a.encode())},
    )
    got = form_fields(up.text)
    assert "pasted, the file wins" not in up.text and got["a_text"].split() == a.split() and "lexical" not in got
    assert 'id="compare-again"' not in server.call("GET", "/pair?a=x&b=y").text  # only the form's answer has it


def test_sources_page_finds_the_stored_original(server: Server, seeds: tuple[Path, Path]) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    assert server.call("POST", "/api/articles", {"text": a, "id": "seed-original"}, token=TOKEN).status == 201
    page = server.call("GET", "/sources")
    assert page.status == 200 and "1 stored" in page.text
    r = server.call("POST", "/sources", form={"text": b})
    assert r.status == 200 and 'data-id="seed-original"' in r.text and "partial reuse" in r.text
    assert "view the pair" in r.text and "the stored one came first" in r.text
    assert server.call("POST", "/api/articles", {"text": b, "id": "seed-retelling"}, token=TOKEN).status == 201
    stories = server.call("GET", "/stories")
    assert stories.status == 200 and stories.text.count("<svg") == 1
    graph = stories.text.split("<svg")[1].split("</svg>")[0]
    assert "seed-original" in graph and "seed-retelling" in graph and "marker-end" in graph  # a directed edge


def test_article_and_pair_pages(server: Server, seeds: tuple[Path, Path]) -> None:
    a, b = (p.read_text(encoding="utf-8") for p in seeds)
    for text, aid in ((a, "pair-original"), (b, "pair-retelling")):  # duplicates of other tests' ids are fine
        assert server.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status == 201
    ids = {x["id"] for st in server.call("GET", "/api/stories").json() for x in st["articles"]}
    original = "pair-original" if "pair-original" in ids else "seed-original"
    page = server.call("GET", f"/articles/{original}")
    assert page.status == 200 and 'id="edges"' in page.text and "/pair?a=" in page.text
    assert "Rutte" in page.text.split('id="text"')[1]
    link = page.text.split('href="/pair?')[1].split('"')[0].replace("&amp;", "&")
    pair = server.call("GET", "/pair?" + link)
    assert pair.status == 200 and 'id="verdict"' in pair.text and 'id="retold-data"' in pair.text
    assert server.call("GET", "/articles/no-such-article").status == 404
    missing = server.call("GET", "/pair?a=no-such-article&b=" + original)
    assert missing.status == 404 and "no-such-article" in missing.text


def test_article_page_escapes_stored_fields(server: Server) -> None:
    body = {
        "text": PLAIN,
        "id": "evil<script>x</script>",
        "title": "<img src=x onerror=alert(1)>",
        "url": "javascript:alert(1)",
    }
    r = server.call("POST", "/api/articles", body, token=TOKEN)
    assert r.status == 201
    page = server.call("GET", "/articles/evil%3Cscript%3Ex%3C%2Fscript%3E")
    assert page.status == 200
    assert "<img" not in page.text and "<script>x" not in page.text and "&lt;img src=x" in page.text
    assert 'href="javascript:' not in page.text  # a stored URL is shown as text, never a link


def test_an_id_with_slashes_and_dots_links_to_its_own_page(server: Server) -> None:
    """An id like 'a/b/../c' is linked as one encoded segment: with '/' left as is a browser folds the link
    into '/articles/a/c' (a 404)."""
    r = server.call("POST", "/api/articles", {"text": PLAIN, "id": "dots/b/../c"}, token=TOKEN)
    assert r.status == 201
    page = server.call("GET", "/articles/dots%2Fb%2F..%2Fc")
    assert page.status == 200
    stories = server.call("GET", "/stories").text + page.text
    assert 'href="/articles/dots/b/../c"' not in stories
    assert "/articles/dots%2Fb%2F..%2Fc" in page.text
