"""Bad bodies at every POST endpoint of a real ``retold serve``: a one-line 4xx, never a 500, nothing stored.

The server runs in lexical mode with a 20 kB article limit (``RETOLD_MAX_ARTICLE_BYTES``), so an
article over the limit fits in a request body and reaches the library's own check.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from _server import TOKEN, Server, start, stop

from retold.store.sqlite import Store

GOOD = "The council of Harben met on Tuesday. It voted on the budget for the harbour."


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    before = os.environ.get("RETOLD_MAX_ARTICLE_BYTES")
    os.environ["RETOLD_MAX_ARTICLE_BYTES"] = "20000"
    try:
        s = start(tmp_path_factory.mktemp("serve") / "input.db", "--token", TOKEN, "--lexical")
    finally:
        if before is None:
            del os.environ["RETOLD_MAX_ARTICLE_BYTES"]
        else:
            os.environ["RETOLD_MAX_ARTICLE_BYTES"] = before
    yield s
    stop(s)


def stored(server: Server) -> list[str]:
    with Store(server.db) as store:
        return [str(m["id"]) for m in store.listing()]


BAD_ARTICLES: list[tuple[str, object, str]] = [
    ("missing text", {"title": "A headline"}, "text: Field required"),
    ("empty text", {"text": ""}, "empty article"),
    ("blank text", {"text": " \n\t "}, "empty article"),
    ("null text", {"text": None}, "text"),
    ("number text", {"text": 42}, "text: Input should be a valid string"),
    ("list text", {"text": ["a", "b"]}, "text: Input should be a valid string"),
    ("object text", {"text": {"body": GOOD}}, "text: Input should be a valid string"),
    ("over the size limit", {"text": GOOD + " More words here." * 1500}, "too large for one article"),
    ("unpaired surrogate", {"text": GOOD + " Broken \ud800 here."}, "unpaired surrogate (U+D800"),
    ("surrogate in the title", {"text": GOOD, "title": "Bad \udfff title"}, "title holds an unpaired surrogate"),
    ("only invisible characters", {"text": "\u202e\u200b\u2060"}, "no sentences"),
    ("not an object", [GOOD], "body"),
]


@pytest.mark.parametrize(("case", "body", "words"), BAD_ARTICLES, ids=[c[0] for c in BAD_ARTICLES])
def test_bad_article_bodies_are_one_line_4xx_everywhere(small: Server, case: str, body: object, words: str) -> None:
    before = stored(small)
    wrapped: list[tuple[str, object]] = [
        ("/api/articles", body),
        ("/api/sources", body),
        ("/api/compare", {"a": body, "b": {"text": GOOD}}),
        ("/api/compare", {"a": {"text": GOOD}, "b": body}),
    ]
    for path, payload in wrapped:
        r = small.call("POST", path, raw=json.dumps(payload).encode(), token=TOKEN)
        assert 400 <= r.status < 500, (path, r.status, r.body)
        msg = r.json()["error"]
        assert isinstance(msg, str) and "\n" not in msg and "Traceback" not in msg
        if path != "/api/compare" or words != "body":
            assert words in msg, (path, msg)
        assert "web-" not in msg, msg  # the digest id of a text sent without one means nothing to its sender
    assert stored(small) == before


def test_raw_bodies_that_are_not_json(small: Server) -> None:
    for raw in (b"", b"\xff\xfe\x00{", b"{'single': 'quotes'}", b'{"text": "unterminated', b"null", b"[" * 10_000):
        for path in ("/api/articles", "/api/compare", "/api/sources"):
            r = small.call("POST", path, raw=raw, token=TOKEN)
            assert 400 <= r.status < 500, (path, raw[:20], r.status, r.body)
            assert "\n" not in r.json()["error"]


def test_a_good_article_after_the_bad_ones_is_stored(small: Server) -> None:
    r = small.call("POST", "/api/articles", {"text": GOOD, "id": "good-one"}, token=TOKEN)
    assert r.status == 201, r.body
    assert "good-one" in stored(small)


def test_blank_ids_are_refused_when_sent_and_when_asked_for(small: Server) -> None:
    """An id of blanks only names nothing: refused as the store's reader refuses it, never stored or looked up."""
    before = stored(small)
    for blank in ("   ", "\u00a0\u2003"):
        sent = [
            ("/api/articles", {"text": GOOD, "id": blank}),
            ("/api/sources", {"text": GOOD, "id": blank}),
            ("/api/compare", {"a": {"text": GOOD, "id": blank}, "b": {"text": GOOD}}),
        ]
        for path, payload in sent:
            r = small.call("POST", path, payload, token=TOKEN)
            assert r.status == 400 and "needs an id" in r.json()["error"] and "not blank" in r.json()["error"], r.body
    assert stored(small) == before
    assert small.call("POST", "/api/articles", {"text": GOOD, "id": "kept-id"}, token=TOKEN).status == 201
    quoted = "%20%20%20"
    for method, path in (
        ("GET", f"/api/articles/{quoted}"),
        ("GET", f"/api/articles/{quoted}/sources"),
        ("GET", f"/api/articles/{quoted}/shares"),
        ("DELETE", f"/api/articles/{quoted}"),
    ):
        r = small.call(method, path, token=TOKEN)
        assert r.status == 400 and "not blank (got '   ')" in r.json()["error"], (path, r.status, r.body)
    for path in (f"/articles/{quoted}", f"/pair?a={quoted}&b=kept-id", f"/pair?a=kept-id&b={quoted}"):
        r = small.call("GET", path)
        assert r.status == 400 and 'class="error"' in r.text and "not blank" in r.text, (path, r.status)


def test_the_pair_page_without_an_id_names_the_missing_one(small: Server) -> None:
    """``/pair`` without ``a`` or ``b`` is a missing input (422 naming it), not an unknown article (404)."""
    for query, missing in (("?a=some-id", "b"), ("?b=some-id", "a"), ("", "a")):
        r = small.call("GET", "/pair" + query)
        assert r.status == 422 and r.headers["content-type"].startswith("text/html"), (query, r.status, r.body[:200])
        assert f'id="error">{missing}: Field required<' in r.text, query


def test_a_form_over_the_size_limit_gets_a_page_and_the_api_keeps_json(small: Server) -> None:
    """A browser posting a form reads no JSON: the 413 comes as the error page; the API answers JSON as before."""
    big = GOOD + " More words." * 500_000  # 6 MB: over the 5 MB body limit
    posts = [
        ("/compare", {"form": {"a_text": big, "b_text": GOOD}}),
        ("/compare", {"form": {"b_text": GOOD}, "files": {"a_file": ("big.txt", big.encode())}}),
        ("/sources", {"form": {"text": big}}),
    ]
    for path, how in posts:
        r = small.call("POST", path, **how)  # type: ignore[arg-type]
        assert r.status == 413 and r.headers["content-type"].startswith("text/html"), (path, r.status, r.body[:200])
        assert 'class="error"' in r.text and "request body too large" in r.text and big[:200] not in r.text

    def chunks() -> Iterator[bytes]:  # no length given: cut off while read
        for _ in range(6):
            yield b"a_text=" + b"x" * 1_000_000

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    req = urllib.request.Request(small.url + "/compare", data=chunks(), method="POST", headers=form)
    with pytest.raises(urllib.error.HTTPError) as got:
        urllib.request.urlopen(req, timeout=120)
    page = got.value.read().decode()
    assert got.value.code == 413 and 'class="error"' in page and "request body too large" in page
    api = small.call("POST", "/api/compare", {"a": {"text": big}, "b": {"text": GOOD}})
    assert api.status == 413 and api.headers["content-type"] == "application/json"
    assert "request body too large" in api.json()["error"]
