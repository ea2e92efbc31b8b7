"""The HTML pages of ``retold serve``: forms that post plain HTML forms, answers printed by the report templates.

No page script does any work: a comparison posted here comes back as the same report ``retold compare
--html`` writes. Forms are parsed from ``application/x-www-form-urlencoded`` by the standard library
(no python-multipart needed); each answer carries the report's Content-Security-Policy as a header too.
"""

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
HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}


def html(text: str, status: int = 200) -> Any:
    from fastapi.responses import HTMLResponse

    csp = content_security_policy(form_action=True) + "; frame-ancestors 'none'"
    return HTMLResponse(text, status_code=status, headers={**HEADERS, "Content-Security-Policy": csp})


async def form(request: Any) -> dict[str, str]:
    """The posted form's fields (the last value of each); a body that is not a form gives no fields."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


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
        a = {"text": f.get("a_text", ""), "title": f.get("a_title", "")}
        b = {"text": f.get("b_text", ""), "title": f.get("b_title", "")}
        try:
            doc = await timed(backend.compare, a, b, "lexical" in f)
        except RetoldError as e:
            return page("compare.html.j2", status_of(e), f=f, error=str(e), lexical="lexical" in f)
        return html(report_html(doc, back="/", form_action=True))

    @app.get("/sources", include_in_schema=False)
    async def sources_page() -> Any:
        n = len(await timed(backend.listing))
        return page("sources.html.j2", f={}, error=None, found=None, stored=n)

    @app.post("/sources", include_in_schema=False)
    async def sources_post(request: Request) -> Any:
        f = await form(request)
        query = {"text": f.get("text", ""), "title": f.get("title", "")}
        n = len(await timed(backend.listing))
        try:
            found = await timed(backend.sources, query, 50)
        except RetoldError as e:
            return page("sources.html.j2", status_of(e), f=f, error=str(e), found=None, stored=n)
        for item in found:  # both texts, for the form that opens the pair's report
            stored = await timed(backend.article, item["b"])
            item["pair"] = {"a_text": query["text"], "a_title": query["title"], "b_text": stored["text"]}
            item["direction_words"] = QUERY_DIRECTION.get(item["direction"], item["direction"])
        return page("sources.html.j2", f=f, error=None, found=found, stored=n)

    @app.get("/articles/{id:path}", include_in_schema=False)
    async def article_page(id: str) -> Any:
        try:
            art = await timed(backend.article, id)
        except RetoldError as e:
            return page("error.html.j2", status_of(e), error=str(e))
        stories = [st for st in await timed(backend.stories) if id in st["origins"] or id in _members(st)]
        return page("article.html.j2", art=art, stories=stories)

    @app.get("/pair", include_in_schema=False)
    async def pair_page(a: str = "", b: str = "") -> Any:
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
        return page("stories.html.j2", stories=stories)


def _members(story: dict[str, Any]) -> list[str]:
    return [a["id"] for a in story["articles"]]
