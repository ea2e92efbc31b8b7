"""The JSON API of a real ``retold serve``: every endpoint, bad input answered with one-line 4xx, nothing stored."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from _server import TOKEN, Server

from retold.store.sqlite import Store

SCHEMA = json.loads(files("retold").joinpath("schemas/comparison.schema.json").read_text())


def stored(server: Server) -> list[str]:
    """The ids in the server's store, read straight from its SQLite file."""
    with Store(server.db) as store:
        return [str(m["id"]) for m in store.listing()]


def one_line_error(reply: object) -> str:
    msg = reply.json()["error"]  # type: ignore[attr-defined]
    assert isinstance(msg, str) and msg and "\n" not in msg and "Traceback" not in msg
    return msg


@pytest.fixture(scope="module")
def seed_texts(seeds: tuple[Path, Path]) -> tuple[str, str]:
    return seeds[0].read_text(encoding="utf-8"), seeds[1].read_text(encoding="utf-8")


def test_compare_answers_the_comparison_json(server: Server, seed_texts: tuple[str, str]) -> None:
    a, b = seed_texts
    r = server.call("POST", "/api/compare", {"a": {"text": a}, "b": {"text": b}, "lexical": True})
    assert r.status == 200, r.body
    doc = r.json()
    jsonschema.validate(doc, SCHEMA)
    assert doc["mode"] == "lexical" and doc["verdict"]["relation"] == "partial_reuse"
    assert {10, 11, 12} <= set(doc["only_in_b"])  # the EU-loan sentences are the retelling's own
    assert any(f["kind"] == "quote_altered" for f in doc["flags"])
    titled = server.call("POST", "/api/compare", {"a": {"text": a, "title": "Given title"}, "b": {"text": b}})
    assert titled.status == 200 and titled.json()["a"]["title"] == "Given title"
    assert titled.json()["mode"] == "model"  # the server's mode when the request does not choose


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"a": {"text": ""}, "b": {"text": "Some text here."}}, 422, "empty article"),
        ({"a": {"text": "   \n "}, "b": {"text": "Some text here."}}, 422, "empty article"),
        ({"a": {"text": 5}, "b": {"text": "Some text here."}}, 422, "a.text"),
        ({"a": {"text": "x"}, "b": {"text": "y"}, "lexical": "yes"}, 422, "lexical"),
        ({"a": {"text": "x"}}, 422, "b"),
        ({"a": {"text": "x", "colour": "red"}, "b": {"text": "y"}}, 422, "colour"),
        ([1, 2], 422, "body"),
    ],
)
def test_compare_bad_input_is_a_clear_4xx(server: Server, body: object, status: int, words: str) -> None:
    r = server.call("POST", "/api/compare", body)
    assert r.status == status
    assert words in one_line_error(r)


def test_bodies_over_the_limit_and_broken_json(server: Server) -> None:
    big = json.dumps({"a": {"text": "word " * 1_200_000}, "b": {"text": "x"}}).encode()
    assert len(big) > 6_000_000
    r = server.call("POST", "/api/compare", raw=big)
    assert r.status == 413 and "too large" in one_line_error(r)
    r = server.call("POST", "/api/articles", raw=big, token=TOKEN)
    assert r.status == 413 and big[:10] not in r.body
    r = server.call("POST", "/api/sources/shares", raw=json.dumps({"article": {"text": "word " * 1_200_000}}).encode())
    assert r.status == 413 and "too large" in one_line_error(r)
    r = server.call("POST", "/api/compare", raw=b'{"a": {"text": "unterminated')
    assert r.status == 422 and one_line_error(r)
    assert r.json()["error"].startswith("body: not valid JSON")  # not "0: JSON decode error"


def test_store_endpoints_round_trip(server: Server, seed_texts: tuple[str, str]) -> None:
    a, b = seed_texts
    assert server.call("POST", "/api/articles", {"text": a, "id": "orig"}).status == 401  # no token
    assert server.call("POST", "/api/articles", {"text": a, "id": "orig"}, token="wrong").status == 401
    assert "orig" not in stored(server)
    r = server.call("POST", "/api/articles", {"text": a, "id": "orig", "source": "Outlet A"}, token=TOKEN)
    assert r.status == 201 and r.json() == {"id": "orig", "status": "added"}
    again = server.call("POST", "/api/articles", {"text": a, "id": "orig"}, token=TOKEN)  # the same record
    assert again.status == 200 and again.json() == {"id": "orig", "status": "duplicate"}  # nothing created
    assert server.call("POST", "/api/articles", {"text": b, "id": "ret"}, token=TOKEN).json()["status"] == "added"
    assert sorted(stored(server)) == ["orig", "ret"]

    got = server.call("GET", "/api/articles/orig").json()
    assert got["text"] == a and got["source"] == "Outlet A" and got["title"].startswith("Rutte from Ukraine")
    assert any(e["a"] == "orig" and e["b"] == "ret" for e in got["edges"])

    found = server.call("GET", "/api/articles/ret/sources").json()
    assert [f["b"] for f in found] == ["orig"] and found[0]["relation"] in ("partial_reuse", "rewrite")
    assert found[0]["article"]["source"] == "Outlet A" and found[0]["comparison"]["schema"] == "retold.comparison/2"
    posted = server.call("POST", "/api/sources", {"text": b, "title": "A retelling"})
    by_id = {f["b"]: f for f in posted.json()}  # the stored retelling, titled: a near duplicate of it
    assert posted.status == 200 and set(by_id) == {"orig", "ret"} and by_id["ret"]["relation"] == "near_duplicate"
    assert sorted(stored(server)) == ["orig", "ret"]  # asking for sources stores nothing

    # excluding a source: the figures are recomputed by the library, the excluded one's sentences pass on
    ask = {"article": {"text": b, "title": "A retelling"}}
    whole = server.call("POST", "/api/sources/shares", ask).json()
    assert [f["b"] for f in whole["sources"]] == [f["b"] for f in posted.json()]
    first, second = whole["shares"]["sources"]
    assert first["id"] == "ret" and first["own"] == first["share"] > 0.9 and second["own"] < second["share"]
    assert whole["shares"]["reused"] == pytest.approx(first["own"] + second["own"], abs=2e-4)
    less = server.call("POST", "/api/sources/shares", {**ask, "exclude": ["ret", "unknown"]}).json()["shares"]
    assert less["excluded"] == ["ret"] and less["sources"][0] == {**first, "own": 0.0, "excluded": True}
    assert less["sources"][1]["own"] == second["share"]
    assert less["reused"] == second["share"] < whole["shares"]["reused"]
    for bad_body in ({"article": {"text": ""}}, {"article": {"text": b}, "exclude": "ret"},
                     {"article": {"text": b}, "exclude": [3]}, {"text": b}, {**ask, "colour": 1}):  # fmt: skip
        r = server.call("POST", "/api/sources/shares", bad_body)
        assert r.status == 422, bad_body
        one_line_error(r)
    assert sorted(stored(server)) == ["orig", "ret"]

    stories = server.call("GET", "/api/stories").json()
    assert len(stories) == 1 and stories[0]["origins"] == ["orig"]
    assert {x["id"] for x in stories[0]["articles"]} == {"orig", "ret"}
    one = server.call("GET", f"/api/stories/{stories[0]['id']}")
    assert one.status == 200 and one.json() == stories[0]

    assert server.call("DELETE", "/api/articles/ret").status == 401
    assert server.call("DELETE", "/api/articles/ret", token=TOKEN).json() == {"deleted": "ret"}
    assert stored(server) == ["orig"]
    assert server.call("GET", "/api/stories").json() == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/articles/no-such-id", None),
        ("GET", "/api/articles/no-such-id/sources", None),
        ("GET", "/api/articles/no-such-id/shares", None),
        ("DELETE", "/api/articles/no-such-id", None),
        ("GET", "/api/stories/s-000000000000", None),
    ],
)
def test_unknown_ids_are_404(server: Server, method: str, path: str, body: object) -> None:
    r = server.call(method, path, body, token=TOKEN)
    assert (r.status == 404 and "no-such-id" in one_line_error(r)) or "s-000000000000" in r.json()["error"]


def test_failed_writes_store_nothing(server: Server) -> None:
    before = stored(server)
    bad = [
        ({"text": ""}, 422),
        ({"text": "  "}, 422),
        ({"text": 17}, 422),
        ({"text": "Fine text.", "id": 3}, 422),
        ({"text": "Fine text.", "id": ""}, 422),
        ({"text": "Fine text.", "id": "bad\nid"}, 422),
        ({"title": "no text"}, 422),
        ({"text": "Fine text.", "published": ["2024"]}, 422),
    ]
    for body, status in bad:
        r = server.call("POST", "/api/articles", body, token=TOKEN)
        assert r.status == status, body
        one_line_error(r)
    assert server.call("POST", "/api/articles", raw=b"x" * 6_000_000, token=TOKEN).status == 413
    assert stored(server) == before


def test_openapi_lists_every_endpoint(server: Server) -> None:
    paths = server.call("GET", "/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/compare",
        "/api/articles",
        "/api/articles/{id}",
        "/api/articles/{id}/sources",
        "/api/articles/{id}/shares",
        "/api/sources",
        "/api/sources/shares",
        "/api/stories",
        "/api/stories/{id}",
    }
    assert set(paths["/api/articles/{id}"]) == {"get", "delete"}


def test_reachable_address_needs_a_token(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "retold", "serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0", "--lexical"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "--token" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.db").exists()


def test_slow_requests_get_503(tmp_path: Path) -> None:
    from _server import start, stop

    server = start(tmp_path / "slow.db", "--lexical", "--timeout", "0.3")
    try:
        a = "\n".join(
            f"Dock workers in port {i} voted on day {i} to end strike number {i}, union {i} said." for i in range(300)
        )
        b = "\n".join(f"Port {i} dock workers voted on day {i} to end their strike {i}." for i in range(300))
        r = server.call("POST", "/api/compare", {"a": {"text": a}, "b": {"text": b}})
        assert r.status == 503 and "longer than 0.3 s" in one_line_error(r)
        same = {"a": {"text": "One short line."}, "b": {"text": "One short line."}}
        for _ in range(60):  # still serving (a short request may time out too while the long one runs)
            small = server.call("POST", "/api/compare", same)
            if small.status != 503:
                break
            time.sleep(0.5)
        assert small.status == 200 and small.json()["verdict"]["relation"] == "identical"
    finally:
        stop(server)


def test_ids_with_a_slash(server: Server) -> None:
    text = "Dock workers in Calden voted on Tuesday to end a nine-day strike over pay, the union said."
    assert server.call("POST", "/api/articles", {"text": text, "id": "feed/17"}, token=TOKEN).status == 201
    assert server.call("GET", "/api/articles/feed%2F17").json()["id"] == "feed/17"
    assert server.call("GET", "/api/articles/feed%2F17/sources").status == 200
    assert server.call("DELETE", "/api/articles/feed%2F17", token=TOKEN).json() == {"deleted": "feed/17"}
    assert "feed/17" not in stored(server)


@pytest.mark.parametrize("tail", ["sources", "shares"])
def test_an_id_ending_like_a_sub_route_is_fetched_as_itself(server: Server, tail: str) -> None:
    """The id 'wire/sources' sent encoded is the article, not the sources of 'wire' (the server decodes
    %2F before routing); the sub-route itself still answers for 'wire'."""
    texts = {
        "wire": "Harbour pilots in Calden ended a strike on Monday after the port agreed to hire more staff.",
        f"wire/{tail}": "A bakery in Orvel won a regional prize for its rye bread, the town council said.",
    }
    for aid, text in texts.items():
        assert server.call("POST", "/api/articles", {"text": text, "id": aid}, token=TOKEN).status == 201
    got = server.call("GET", f"/api/articles/wire%2F{tail}")
    assert got.status == 200 and got.json()["id"] == f"wire/{tail}" and got.json()["text"] == texts[f"wire/{tail}"]
    sub = server.call("GET", f"/api/articles/wire/{tail}")
    assert sub.status == 200 and "text" not in sub.json()
    for aid in texts:
        assert server.call("DELETE", f"/api/articles/{aid.replace('/', '%2F')}", token=TOKEN).status == 200


def test_chunked_bodies_over_the_limit(server: Server) -> None:
    """A body sent without a length (chunked) is cut off once it passes 5 MB: 413, nothing stored."""
    before = stored(server)

    def chunks() -> Iterator[bytes]:
        for _ in range(6):
            yield b"x" * 1_000_000

    for path in ("/api/compare", "/api/articles", "/api/sources/shares"):
        r = server.call("POST", path, raw=chunks(), token=TOKEN)  # type: ignore[arg-type]
        assert r.status == 413 and "too large" in one_line_error(r)
    assert stored(server) == before


def test_the_api_page_loads_nothing_from_the_network(server: Server) -> None:
    page = server.call("GET", "/docs")
    assert page.status == 200 and "/openapi.json" in page.text
    assert "cdn." not in page.text and "https://" not in page.text.replace("https://swagger.io", "")
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/static/swagger/{asset}" in page.text
        assert server.call("GET", f"/static/swagger/{asset}").status == 200


def test_the_token_needs_the_bearer_scheme_and_comes_before_the_body(server: Server) -> None:
    """'Authorization: TOKEN' without its scheme was taken; a caller without the token learns only that it
    needs one (401), not what the body lacks (422)."""
    import urllib.error
    import urllib.request

    def post(headers: dict[str, str], body: dict[str, str]) -> int:
        req = urllib.request.Request(server.url + "/api/articles", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})  # fmt: skip
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return int(r.status)
        except urllib.error.HTTPError as e:
            return int(e.code)

    assert post({"Authorization": TOKEN}, {"text": "A ferry was cancelled on Friday.", "id": "nobearer"}) == 401
    assert post({}, {"tex": "x"}) == 401
    assert post({"Authorization": f"Bearer {TOKEN}"}, {"tex": "x"}) == 422
    assert post({"Authorization": f"bearer {TOKEN}"}, {"text": "A ferry was cancelled on Friday.", "id": "ok"}) == 201


def test_serve_on_a_taken_port_is_a_usage_error(tmp_path: Path) -> None:
    """uvicorn exits 3 on a taken port, which is retold's code for unreadable input: say it as a usage problem."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "retold", "serve", "--db", str(tmp_path / "s.db"), "--lexical",
                            "--port", str(port)], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert r.returncode == 2 and f"127.0.0.1:{port}:" in r.stderr and "choose another --port" in r.stderr


def test_serve_warns_of_a_store_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mistyped --db started an empty store, unsaid, that answered every query with "no sources"."""
    import uvicorn
    from _server import free_port

    from retold.web import app as web

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # the app is made; it is not served
    heard: list[str] = []
    missing = tmp_path / "mistyped.db"
    web.serve(str(missing), port=free_port(), lexical=True, warn=heard.append)
    assert heard == [f"no store at {missing}: starting an empty one"]
    web.serve(str(missing), port=free_port(), lexical=True, warn=heard.append)  # made by the first start
    assert len(heard) == 1


def test_a_busy_store_is_503_saying_to_try_again(server: Server) -> None:
    """The web app passed on the command line's "--wait SECONDS waits longer", which no client can give."""
    with Store(server.db, write=True):  # holds the writer's lock past the server's wait
        r = server.call("POST", "/api/articles", {"text": "The ferry left Harben at dawn.", "id": "busy"}, token=TOKEN)
    assert r.status == 503
    assert one_line_error(r).endswith("waited 10 s (try again when it is done)"), one_line_error(r)
    assert "busy" not in stored(server)
