"""``retold serve``: a JSON API and a few HTML pages over the library (FastAPI).

The app holds no logic: routes check the request's shape, call :class:`retold.web.backend.Backend`
and print the answer. Errors are mapped to HTTP codes in one place (:func:`status_of`), always as
``{"error": "<one line>"}`` (a page's request, a browser's, gets the HTML error page instead: one place,
:func:`error_answer`). Safety: bodies over ``max_body`` bytes get 413 before they are read, comparisons
past ``timeout`` seconds get 503, and with a token the write endpoints want ``Authorization: Bearer <token>``.
"""

import asyncio
import hmac
from typing import TYPE_CHECKING, Any

from retold.errors import InputError, ModelError, RetoldError, StoreBusy, StoreError, UsageError
from retold.store.connect import ReadOnlyStore
from retold.web.backend import Backend, NotFound

if TYPE_CHECKING:
    from fastapi import FastAPI

MAX_BODY = 5_000_000
TIMEOUT = 60.0
DRAIN = 8  # a body declared up to this many times the limit is read and dropped before the 413


class Refused(RetoldError):
    """A request the server turns away as asked: too large, too slow, not authorised (HTTP code given)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


BUSY_HINT = "try again when it is done"  # how a busy store's message ends for a client (StoreBusy.told)


def status_of(e: RetoldError) -> int:
    """The one place that turns retold's error kinds into HTTP codes."""
    if isinstance(e, Refused):
        return e.status
    kinds = (
        (NotFound, 404),
        (InputError, 422),
        (UsageError, 400),
        (ModelError, 503),
        (StoreBusy, 503),
        (ReadOnlyStore, 403),  # served for reading: a write is refused, not failed
        (StoreError, 500),
    )
    for kind, code in kinds:
        if isinstance(e, kind):
            return code
    return 500


def error_answer(path: str, status: int, message: str) -> Any:
    """Every error the app answers, in one shape per kind of client: ``{"error": ...}`` for the API, the HTML
    error page for a page's request (a browser posting a form or following a link reads no JSON)."""
    from retold.web.pages import is_page, page

    if is_page(path):
        return page("error.html.j2", status, error=message)
    from fastapi.responses import JSONResponse

    return JSONResponse({"error": message}, status_code=status)


class BodyLimit:
    """ASGI middleware: 413 for a body declared larger than ``limit``, or one that grows past it while read."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    def message(self) -> str:
        return f"request body too large (the limit is {self.limit:,} bytes)"

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            if declared.isdigit() and int(declared) <= DRAIN * self.limit:  # read it away, so the client
                more = True  # hears the 413 instead of a connection reset while still sending
                while more:
                    msg = await receive()
                    more = msg.get("type") == "http.request" and bool(msg.get("more_body"))
            await error_answer(scope["path"], 413, self.message())(scope, receive, send)
            return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.limit:
                from starlette.exceptions import HTTPException

                # read the rest away (up to ``DRAIN`` times the limit), as for a declared length: a server
                # that closes while the client still sends makes the client hear a reset, not the 413
                more = bool(msg.get("more_body"))
                while more and seen <= DRAIN * self.limit:
                    nxt = await receive()
                    seen += len(nxt.get("body", b""))
                    more = nxt.get("type") == "http.request" and bool(nxt.get("more_body"))
                raise HTTPException(413, self.message())
            return msg

        await self.app(scope, limited, send)


def require_web() -> None:
    """Fail with the install hint when the ``web`` extra is missing (FastAPI, uvicorn, Jinja2)."""
    try:
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError("the web app needs FastAPI, uvicorn and Jinja2: pip install 'retold[web]'") from None


def create_app(
    db: str, *, token: str | None = None, lexical: bool = False, model: str | None = None,
    max_body: int = MAX_BODY, timeout: float = TIMEOUT, warm: bool = True, warn: Any = None,
) -> Any:  # fmt: skip
    """The ASGI app over the store ``db`` (created when absent; a read-only one is served for reading); ``warn``
    hears what it goes on despite."""
    require_web()
    from fastapi import Depends, FastAPI, Header, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException

    from retold.web import models, pages

    backend = Backend(db, lexical=lexical, model=model, warn=warn)
    if warm:
        backend.warm()
    app = FastAPI(
        title="retold",
        version="0.1.0",
        description='Find where a news story was retold. Errors answer {"error": "<one line>"}.',
        docs_url=None,  # served below from the packaged Swagger UI: FastAPI's default page loads it from a CDN
        redoc_url=None,
    )
    app.state.backend = backend
    add_docs(app)

    def error(request: Any, status: int, message: str) -> Any:
        return error_answer(request.url.path, status, message)

    @app.exception_handler(RetoldError)
    async def _retold(request: Any, e: RetoldError) -> Any:
        said = e.told(BUSY_HINT) if isinstance(e, StoreBusy) else str(e)  # a client has no wait to give
        return error(request, status_of(e), said.splitlines()[0] if said else type(e).__name__)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Any, e: RequestValidationError) -> Any:
        first = e.errors()[0] if e.errors() else {}
        if first.get("type") == "json_invalid":  # its location is a character offset, not a field
            why = (first.get("ctx") or {}).get("error", "")
            return error(request, 422, f"body: not valid JSON{f' ({why})' if why else ''}")
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query")) or "body"
        return error(request, 422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(HTTPException)
    async def _http(request: Any, e: HTTPException) -> Any:
        return error(request, e.status_code, str(e.detail))

    @app.exception_handler(Exception)
    async def _bug(request: Any, e: Exception) -> Any:
        return error(request, 500, f"internal error ({type(e).__name__}); the server log has the traceback")

    app.add_middleware(BodyLimit, limit=max_body)

    def authorise(authorization: str | None = Header(default=None)) -> None:
        """The write endpoints' check, a dependency: it runs before the body is validated, so a caller without
        the token learns only that (401), and the scheme must be Bearer."""
        if token is None:
            return
        scheme, _, given = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise Refused(401, "this endpoint needs 'Authorization: Bearer <token>' (the token given to retold serve)")

    async def timed(fn: Any, *args: Any) -> Any:
        """Run library work in a thread; past the limit the caller gets 503 (the work finishes unseen)."""
        try:
            return await asyncio.wait_for(run_in_threadpool(fn, *args), timeout)
        except TimeoutError:
            raise Refused(503, f"the request took longer than {timeout:g} s; try shorter articles") from None

    Ids = Query(default=[], description="ids of sources to leave out, the parameter repeated for each")
    # ids may hold a slash (sent encoded as %2F): {id:path} takes it, the /sources and /shares routes go
    # first, and hand an id that ends in an encoded "/sources" or "/shares" on to the article route

    @app.post("/api/compare", tags=["compare"])
    async def api_compare(req: models.CompareIn) -> Any:
        """Compare two articles: the ``retold.comparison/2`` JSON."""
        return json_response(await timed(backend.compare, req.a.fields(), req.b.fields(), req.lexical))

    @app.post("/api/articles", status_code=201, tags=["store"], dependencies=[Depends(authorise)])
    async def api_add(req: models.ArticleIn) -> Any:
        """Add one article to the store: 201, or 200 with the stored id when its content is stored already."""
        added = await run_in_threadpool(backend.add, req.fields())
        return JSONResponse(added, status_code=201 if added["status"] == "added" else 200)

    @app.get("/api/articles/{id:path}/shares", tags=["store"])
    async def api_article_shares(
        request: Request, id: str, exclude: list[str] = Ids, limit: int | None = Query(default=None, ge=1)
    ) -> Any:
        """A stored article's sources and how much of it each carries, those in ``exclude`` left out
        (as ``POST /api/sources/shares``)."""
        if not sent_tail(request, "shares"):
            return await api_article(f"{id}/shares")
        return await timed(backend.shares_of, id, exclude, limit)

    @app.get("/api/articles/{id:path}/sources", tags=["store"])
    async def api_article_sources(request: Request, id: str, limit: int | None = Query(default=None, ge=1)) -> Any:
        """Stored articles that this stored article retells, best first."""
        if not sent_tail(request, "sources"):
            return await api_article(f"{id}/sources")
        return await timed(backend.sources_of, id, limit)

    @app.get("/api/articles/{id:path}", tags=["store"])
    async def api_article(id: str) -> Any:
        """A stored article: text, sentences and the reuse edges that name it."""
        return await run_in_threadpool(backend.article, id)

    @app.delete("/api/articles/{id:path}", tags=["store"], dependencies=[Depends(authorise)])
    async def api_delete(id: str) -> Any:
        """Delete a stored article with its vectors and edges."""
        return await run_in_threadpool(backend.delete, id)

    @app.post("/api/sources", tags=["store"])
    async def api_sources(req: models.ArticleIn, limit: int | None = Query(default=None, ge=1)) -> Any:
        """Stored articles that this article (not stored) retells, best first."""
        return await timed(backend.sources, req.fields(), limit)

    @app.post("/api/sources/shares", tags=["store"])
    async def api_shares(req: models.SharesIn, limit: int | None = Query(default=None, ge=1)) -> Any:
        """The article's sources and how much of it each carries, with the sources in ``exclude`` left out:
        ``reused`` (its share reused from the kept sources), each source's ``share`` (from it alone) and
        ``own`` (credited to it, best-ranked first; 0 when excluded)."""
        return await timed(backend.shares, req.article.fields(), req.exclude, limit)

    @app.get("/api/stories", tags=["store"])
    async def api_stories() -> Any:
        """Stories: stored articles grouped around the origin each retells (``origins``), or around a ``centre``
        where no edge names a source; each member's ``role`` as ``scan --json`` and the stories table give it."""
        return await run_in_threadpool(backend.stories)

    @app.get("/api/stories/{id}", tags=["store"])
    async def api_story(id: str) -> Any:
        return await run_in_threadpool(backend.story, id)

    pages.add_pages(app, backend, timed)
    return app


def sent_tail(request: Any, tail: str) -> bool:
    """Whether the path ends in ``/tail`` as the client sent it: the server decodes ``%2F`` before routing,
    so the id ``x/sources`` (sent ``x%2Fsources``) reaches the route of ``x``'s sources."""
    raw = request.scope.get("raw_path")
    return raw is None or bytes(raw).split(b"?", 1)[0].endswith(b"/" + tail.encode())


def json_response(data: Any) -> Any:
    """Plain JSON data answered as is: FastAPI's default walks every value of the comparison through
    ``jsonable_encoder`` first, which cost 2-5 ms a seeds comparison for nothing."""
    import json

    from fastapi.responses import Response

    body = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    return Response(body, media_type="application/json")


SWAGGER = "/static/swagger"


def add_docs(app: "FastAPI") -> None:
    """``/docs``: the OpenAPI page, its Swagger UI served from the ``swagger-ui-bundle`` package (no network
    request, so it works offline); without the package, a one-line pointer to ``/openapi.json``."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import PlainTextResponse
    from fastapi.staticfiles import StaticFiles

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:

        @app.get("/docs", include_in_schema=False)
        async def no_docs() -> Any:
            hint = "the API page needs swagger-ui-bundle: pip install 'retold[web]'; the schema is at /openapi.json"
            return PlainTextResponse(hint, status_code=404)

        return
    app.mount(SWAGGER, StaticFiles(directory=str(swagger_ui_path)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="retold API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (a name other than localhost counts as reachable)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
    lexical: bool = False, model: str | None = None, timeout: float = TIMEOUT, warn: Any = None,
) -> None:  # fmt: skip
    """Run the app with uvicorn until interrupted; a reachable address needs a token. ``warn`` hears what the
    server goes on despite (a store that does not exist yet: a mistyped path answered from an empty one)."""
    if not is_loopback(host) and not token:
        raise UsageError(f"--host {host} lets other machines in: give --token (write endpoints will require it)")
    require_web()
    import os

    import uvicorn

    _port_free(host, port)
    if warn is not None and not os.path.exists(db):
        warn(f"no store at {db}: starting an empty one")
    app = create_app(db, token=token, lexical=lexical, model=model, timeout=timeout, warn=warn)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _port_free(host: str, port: int) -> None:
    """Say a taken port as a usage problem (uvicorn exits 3, retold's code for unreadable input)."""
    import socket

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except OSError as e:
        raise UsageError(f"--host {host}: {e.strerror or e}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as e:
            raise UsageError(f"{host}:{port}: {e.strerror or e}; choose another --port") from None
