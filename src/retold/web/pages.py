"""The HTML pages of ``retold serve``: forms that post plain HTML forms, answers printed by the report templates.

No page script does any work: a comparison posted here comes back as the same report ``retold compare
--html`` writes. Forms are parsed from ``application/x-www-form-urlencoded`` by the standard library
(no python-multipart needed); each answer carries the report's Content-Security-Policy as a header too.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from retold.errors import RetoldError
from retold.report.html import content_security_policy, render_page, report_html
from retold.web.backend import Backend

if TYPE_CHECKING:
    from fastapi import FastAPI

QUERY_DIRECTION = {  # a sources edge: a = the pasted article, b = the stored one
    "b_to_a": "the stored one came first",
    "a_to_b": "this one came first",
    "common_source": "both retell a common source",
    "undetermined": "undetermined",
}
NOT_PAGES = ("/api/", "/openapi.json", "/docs", "/static/")  # the JSON API and its documentation
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def is_page(path: str) -> bool:
    """Whether a request's path is one of the pages (or none of the app's): its errors are shown as a page."""
    return not path.startswith(NOT_PAGES)


def html(text: str, status: int = 200) -> Any:
    from fastapi.responses import HTMLResponse

    csp = content_security_policy(form_action=True) + "; frame-ancestors 'none'"
    return HTMLResponse(text, status_code=status, headers={**HEADERS, "Content-Security-Policy": csp})


@dataclass
class Form:
    """A posted form: each field's values, and each chosen file as ``(name, bytes)``."""

    values: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        """The field's last value (what a browser sends once)."""
        v = self.values.get(key)
        return v[-1] if v else default

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def __contains__(self, key: str) -> bool:
        return key in self.values


def multipart(content_type: str, body: bytes) -> Form:
    """A ``multipart/form-data`` body read by the standard library's MIME parser (no python-multipart).
    A file input left empty sends an empty part without a name, which counts as no file."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    msg = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    out = Form()
    if not isinstance(msg, EmailMessage) or not msg.is_multipart():
        return out
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        data = part.get_payload(decode=True)
        data = data if isinstance(data, bytes) else b""
        filename = part.get_filename()
        if filename is None:
            out.values.setdefault(name, []).append(data.decode("utf-8", "replace").replace("\r\n", "\n"))
        elif filename or data:
            out.files[name] = (filename or "upload", data)
    return out


async def form(request: Any) -> Form:
    """The posted form (URL-encoded or multipart); a body that is neither gives no fields."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        return multipart(ctype, await request.body())
    if not ctype.startswith("application/x-www-form-urlencoded"):
        return Form()
    body = (await request.body()).decode("utf-8", "replace")
    return Form(parse_qs(body, keep_blank_values=True))


def article_fields(f: Form, side: str) -> dict[str, str]:
    return {"text": f.get(f"{side}text"), "title": f.get(f"{side}title"), "source": f.get(f"{side}source")}


def refilled(f: Form, texts: tuple[str, str], uploads: tuple[Any, Any]) -> Form:
    """The posted form for the answer's compare form: a side read from a chosen file gets the text read from
    it, title included (a file input cannot be filled in again), instead of the pasted text the file beat."""
    values = dict(f.values)
    for side, text, upload in zip(("a_", "b_"), texts, uploads, strict=True):
        if upload is not None:
            values[f"{side}text"], values[f"{side}title"] = [text], []
    return Form(values)


def download(data: Any, name: str) -> Any:
    """JSON data as a file to save (``name`` is ours, never the user's)."""
    from retold.web.app import json_response

    resp = json_response(data)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    resp.headers.update(HEADERS)
    return resp


def page(template: str, status: int = 200, **context: Any) -> Any:
    return html(render_page(template, form_action=True, **context), status)


def add_pages(app: "FastAPI", backend: Backend, timed: Any) -> None:
    """Compare, sources and stories pages on ``app``."""
    from fastapi import Request

    from retold.web.app import status_of

    @app.get("/", include_in_schema=False)
    async def compare_page() -> Any:
        return page("compare.html.j2", f={}, error=None, lexical=backend.lexical)

    @app.post("/compare", include_in_schema=False)
    async def compare_post(request: Request) -> Any:
        f = await form(request)
        a, b = article_fields(f, "a_"), article_fields(f, "b_")
        uploads = (f.files.get("a_file"), f.files.get("b_file"))
        try:
            doc, texts = await timed(backend.compare_read, a, b, "lexical" in f, uploads)
        except RetoldError as e:
            return page("compare.html.j2", status_of(e), f=f, error=str(e), lexical="lexical" in f)
        again = {"form": refilled(f, texts, uploads), "lexical": "lexical" in f}
        return html(report_html(doc, back="/", form_action=True, again=again))

    @app.get("/sources", include_in_schema=False)
    async def sources_page() -> Any:
        n = len(await timed(backend.listing))
        return page("sources.html.j2", f={}, error=None, found=None, shares=None, stored=n)

    @app.post("/sources", include_in_schema=False)
    async def sources_post(request: Request) -> Any:
        """Find the sources; a re-post from the result (``listed`` ids, the ``keep`` ones ticked) leaves the
        unticked ones out of the figures; ``format=json`` answers the view as a JSON download."""
        f = await form(request)
        query = article_fields(f, "")
        n = len(await timed(backend.listing))
        exclude = [i for i in f.all("listed") if i not in set(f.all("keep"))]
        try:
            got = await timed(backend.shares, query, exclude, 50)
        except RetoldError as e:
            return page("sources.html.j2", status_of(e), f=f, error=str(e), found=None, shares=None, stored=n)
        if f.get("format") == "json":
            return download(got, "retold-sources.json")
        found, shares = got["sources"], {s["id"]: s for s in got["shares"]["sources"]}
        for item in found:  # both texts, for the form that opens the pair's report
            stored = await timed(backend.article, item["b"])
            item["pair"] = {"a_text": query["text"], "a_title": query["title"], "b_text": stored["text"]}
            item["direction_words"] = QUERY_DIRECTION.get(item["direction"], item["direction"])
            item["share"] = shares[item["b"]]
        return page("sources.html.j2", f=f, error=None, found=found, shares=got["shares"], stored=n)

    @app.get("/articles/{id:path}", include_in_schema=False)
    async def article_page(request: Request, id: str) -> Any:
        """The article; with ``?sources=1`` its sources too, those listed but not kept left out of the figures."""
        try:
            art = await timed(backend.article, id)
        except RetoldError as e:
            return page("error.html.j2", status_of(e), error=str(e))
        stories = [st for st in await timed(backend.stories) if id in _members(st)]
        q = request.query_params
        got = None
        if q.get("sources"):
            keep = set(q.getlist("keep"))
            got = await timed(backend.shares_of, id, [i for i in q.getlist("listed") if i not in keep], 50)
            for item in got["sources"]:
                item["share"] = next(s for s in got["shares"]["sources"] if s["id"] == item["b"])
                item["direction_words"] = QUERY_DIRECTION.get(item["direction"], item["direction"])
        return page("article.html.j2", art=art, stories=stories, got=got)

    @app.get("/pair", include_in_schema=False)
    async def pair_page(a: str, b: str) -> Any:
        """Two stored articles' report; without either id, a 422 naming it (as any missing input)."""
        try:
            doc = await timed(backend.pair, a, b)
        except RetoldError as e:
            return page("error.html.j2", status_of(e), error=str(e))
        return html(report_html(doc, back="/stories", form_action=True))

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Any:
        from fastapi.responses import Response

        return Response(status_code=204)  # none: a browser asking gets no 404 in its console

    @app.get("/stories", include_in_schema=False)
    async def stories_page() -> Any:
        from retold.report.stories import graph

        stories = [{**st, "graph": graph(st)} for st in await timed(backend.stories)]
        return page("stories.html.j2", stories=stories, between=await timed(backend.between, stories))


def _members(story: dict[str, Any]) -> list[str]:
    return [a["id"] for a in story["articles"]]
