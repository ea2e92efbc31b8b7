"""What the web app asks of the library, as JSON-ready dicts: no HTTP here, and no retold logic either.

Every call goes to ``retold.compare``, ``retold.ingest.article_from_text``, ``retold.corpus.Corpus`` or
the store's own reads. Store calls are serialised by one lock: the store allows one writer per process
and the server's worker threads would otherwise race for it. Articles given over the web never carry a
path: their ids are what the caller sent (or a digest of the text), never a file name.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from retold.errors import RetoldError, UnknownArticle
from retold.model import Article, Edge
from retold.report.json import article_dict as json_article
from retold.report.json import comparison_dict

ARTICLE_FIELDS = ("title", "url", "source", "published")


class NotFound(RetoldError):
    """An id the store does not hold (HTTP 404)."""


def make_article(fields: Mapping[str, Any], default_id: str, upload: tuple[str, bytes] | None = None) -> Article:
    """An article from request fields; empty or oversized text raises ``InputError`` naming ``default_id``.

    ``upload`` (a file's name and bytes) wins over ``text`` and ``title``: it is read as a file of that
    name would be (text, Markdown, HTML) by the library's reader; the name never becomes a path.
    """
    from retold.ingest import article_from_bytes, article_from_text

    aid = fields.get("id") or default_id
    meta: dict[str, str | None] = {k: fields.get(k) or None for k in ARTICLE_FIELDS}
    if upload is not None:
        art = article_from_bytes(upload[1], upload[0], id=aid)
        return replace(
            art,
            url=meta["url"] or art.url,
            source=meta["source"] or art.source,
            published=meta["published"] or art.published,
        )
    text = fields.get("text") or ""
    return article_from_text(
        text, id=aid, title=meta["title"], url=meta["url"], source=meta["source"], published=meta["published"]
    )


def text_id(fields: Mapping[str, Any]) -> str:
    """A stable id for an article sent without one: a digest of its title and text."""
    data = f"{fields.get('title') or ''}\n{fields.get('text') or ''}".encode("utf-8", "surrogatepass")
    return "web-" + hashlib.sha256(data).hexdigest()[:12]


def sent_article(fields: Mapping[str, Any]) -> Article:
    """An article sent to be stored or searched. Sent without an id it is named by :func:`text_id`, but its
    errors name the ``text`` field: the digest is nothing the sender wrote."""
    if fields.get("id"):
        return make_article(fields, str(fields["id"]))
    return replace(make_article(fields, "text"), id=text_id(fields))


def article_dict(a: Article) -> dict[str, Any]:
    """An article as the comparison JSON gives it, with its whole text."""
    return {**json_article(a), "text": a.text}


def edge_dict(e: Edge) -> dict[str, Any]:
    return asdict(e)


class Articles:
    """The articles of recent comparisons, by what was sent: a text compared again (one article against
    several, a report re-posted, a source's pair opened) is the same object, so the library's caches on
    it (its prepared sentences, names, numbers, credits) are not rebuilt. Results are the same either way."""

    def __init__(self, max_chars: int = 2_000_000, max_items: int = 32) -> None:
        self.max_chars, self.max_items = max_chars, max_items
        self.kept: OrderedDict[tuple[Any, ...], Article] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, fields: Mapping[str, Any], default_id: str, upload: tuple[str, bytes] | None = None) -> Article:
        if upload is not None:  # files are read afresh: their bytes are no key worth keeping
            return make_article(fields, default_id, upload)
        key = (default_id, *(fields.get(k) or None for k in ("text", "id", *ARTICLE_FIELDS)))
        with self.lock:
            art = self.kept.get(key)
            if art is not None:
                self.kept.move_to_end(key)
                return art
        art = make_article(fields, default_id)  # raises on unusable text: nothing kept
        with self.lock:
            self.kept[key] = art
            while len(self.kept) > self.max_items or sum(len(x.text) for x in self.kept.values()) > self.max_chars:
                self.kept.popitem(last=False)
        return art


class Backend:
    """One store file and one comparison mode, shared by every request of a server."""

    def __init__(self, db: str | Path, *, lexical: bool = False, model: str | None = None, warn: Any = None) -> None:
        from retold.corpus import Corpus
        from retold.store.connect import ReadOnlyStore
        from retold.store.sqlite import Store

        self.db = Path(db)
        self.lexical = lexical
        self.model = model
        self.corpus = Corpus(self.db, model=model)
        self.lock = threading.Lock()
        self._encoder: Any = None
        self._indexed = lexical  # the store keeps the sentence index a default-mode lookup reads
        self.articles = Articles()
        self.read_only = False
        try:
            with self.lock, Store(self.db, write=True):  # create the file now: reads never meet a missing store
                pass
        except ReadOnlyStore:  # still readable: pages and lookups answer, adding and deleting are refused (403)
            if not self.db.is_file():
                raise
            self.read_only = self._indexed = True  # a lookup builds what the store does not keep, in memory
        said = warn or (lambda _: None)
        if self.read_only:
            said(f"{self.db} is read-only: pages and lookups answer, adding and deleting articles are refused")
        elif not self._indexed:
            with Store(self.db) as store:
                if len(store) and not store.has_index:  # warm() builds and keeps it: say why the start is slow
                    said("the store keeps no sentence index yet: building and keeping it before serving")

    def encoder(self, lexical: bool) -> Any:
        """The sentence model, loaded once per server (None in lexical mode), keeping the vectors of the
        sentences it has seen: articles come back (one against several, a source and then its pair)."""
        if lexical:
            return None
        if self._encoder is None:
            from retold.embed import get_encoder
            from retold.embed.cache import CachedEncoder

            self._encoder = CachedEncoder(get_encoder(self.model))
        return self._encoder

    def warm(self) -> None:
        """Load the model and the modules a comparison needs before the first request waits for them."""
        from retold.pipeline import warm

        warm(lexical=self.lexical, encoder=self.encoder(self.lexical))
        with self.lock:
            self._keep_index()

    def _keep_index(self) -> None:
        """Build and keep the store's sentence index when it keeps none (articles added, no default-mode scan
        yet): a lookup, a reader, built one in memory for every request (5 s at 373 articles, minutes at 10,000,
        past the request's time limit), holding the lock every page waits on. Called holding the lock."""
        if self._indexed:
            return
        from retold.store.sqlite import Store

        with Store(self.db, write=True) as store:
            if not store.has_index:
                store.open_index()  # a writer saves what it builds; every later write keeps it current
        self._indexed = True

    # -- comparisons -------------------------------------------------------------------------

    def compare_articles(self, a: Article, b: Article, lexical: bool) -> dict[str, Any]:
        from retold.pipeline import compare

        return comparison_dict(compare(a, b, lexical=lexical, encoder=self.encoder(lexical)))

    def compare(
        self, a: Mapping[str, Any], b: Mapping[str, Any], lexical: bool | None = None,
        uploads: tuple[tuple[str, bytes] | None, tuple[str, bytes] | None] = (None, None),
    ) -> dict[str, Any]:  # fmt: skip
        """The ``retold.comparison/2`` dict of two articles given as fields (``text``, ``title``, ...) or files."""
        return self.compare_read(a, b, lexical, uploads)[0]

    def compare_read(
        self, a: Mapping[str, Any], b: Mapping[str, Any], lexical: bool | None = None,
        uploads: tuple[tuple[str, bytes] | None, tuple[str, bytes] | None] = (None, None),
    ) -> tuple[dict[str, Any], tuple[str, str]]:  # fmt: skip
        """:meth:`compare`, with the two texts as compared (a file's as read from it): what the answer's form
        offers to edit, since a chosen file cannot be chosen again for the user."""
        art_a, art_b = self.articles.get(a, "A", uploads[0]), self.articles.get(b, "B", uploads[1])
        return self.compare_articles(art_a, art_b, self.lexical if lexical is None else lexical), (
            art_a.text,
            art_b.text,
        )

    # -- the store ---------------------------------------------------------------------------

    def add(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Store one article (nothing when its text is unusable), then scan so its edges and stories exist."""
        from retold.store.sqlite import Store

        art = sent_article(fields)
        with self.lock:
            with Store(self.db, write=True) as store:
                added = store.add([art])[0]
            self.corpus.scan(lexical=self.lexical, encoder=self.encoder(self.lexical))
        if added.status == "duplicate":
            return {"id": added.existing, "status": "duplicate"}
        return {"id": added.id, "status": "added"}

    def _get(self, store: Any, id: str) -> Article:
        from retold.ingest import check_id

        check_id(id)  # a blank id is refused as the sender's mistake (400), not looked up as an unknown one
        if id not in store.rows_of([id]):
            raise NotFound(f"no article with id {id!r}")
        art: Article = store.get(id)
        return art

    def article(self, id: str) -> dict[str, Any]:
        """A stored article with its text, sentences and every reuse edge that names it."""
        from retold.store.sqlite import Store

        with self.lock, Store(self.db) as store:
            art = self._get(store, id)
            edges = [edge_dict(e) for e in self._edges(store) if id in (e.a, e.b)]
        return {**article_dict(art), "edges": edges}

    def pair(self, a: str, b: str) -> dict[str, Any]:
        """The comparison of two stored articles (what a story's edge links to)."""
        from retold.store.sqlite import Store

        with self.lock, Store(self.db) as store:
            art_a, art_b = self._get(store, a), self._get(store, b)
        return self.compare_articles(art_a, art_b, self.lexical)

    def delete(self, id: str) -> dict[str, Any]:

        from retold.ingest import check_id

        check_id(id)
        with self.lock:
            try:
                self.corpus.delete([id])  # one writing store: it checks the id and deletes
            except UnknownArticle:
                raise NotFound(f"no article with id {id!r}") from None
        return {"deleted": id}

    def _found(self, found: list[Any], store: Any) -> list[dict[str, Any]]:
        meta = {m["id"]: m for m in store.listing()} if found else {}
        return [
            {
                **edge_dict(f.edge),
                "article": {k: meta.get(f.edge.b, {}).get(k) for k in ("id", *ARTICLE_FIELDS)},
                "comparison": comparison_dict(f.comparison),
            }
            for f in found
        ]

    def sources_of(self, id: str, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles that a stored article retells, best first."""
        from retold.store.sqlite import Store

        with self.lock, Store(self.db) as store:
            art = self._get(store, id)
        return self.sources(art, limit)

    def _sources(
        self, article: Article | Mapping[str, Any], limit: int | None
    ) -> tuple[list[Any], list[dict[str, Any]]]:
        from retold.store.sqlite import Store

        art = article if isinstance(article, Article) else sent_article(article)
        with self.lock:
            self._keep_index()
            found = self.corpus.sources(art, lexical=self.lexical, encoder=self.encoder(self.lexical), limit=limit)
            with Store(self.db) as store:
                return found, self._found(found, store)

    def shares_of(self, id: str, exclude: Collection[str] = (), limit: int | None = None) -> dict[str, Any]:
        """:meth:`shares` for a stored article."""
        from retold.store.sqlite import Store

        with self.lock, Store(self.db) as store:
            art = self._get(store, id)
        return self.shares(art, exclude, limit)

    def sources(self, article: Article | Mapping[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles that this article (not necessarily stored) retells, best first."""
        return self._sources(article, limit)[1]

    def shares(
        self, article: Article | Mapping[str, Any], exclude: Collection[str] = (), limit: int | None = None
    ) -> dict[str, Any]:
        """The sources of an article and the shares of it they carry, leaving out ``exclude``:
        ``{"sources": [as sources()], "shares": {"reused", "sources": [{id, share, own, excluded}], "excluded"}}``."""
        from retold.provenance.shares import source_shares

        found, items = self._sources(article, limit)
        return {"sources": items, "shares": asdict(source_shares(found, exclude))}

    def _edges(self, store: Any) -> list[Edge]:
        from retold.provenance.jobs import REUSE
        from retold.provenance.scan import mode_name

        mode = mode_name(self.lexical, self.encoder(self.lexical))
        return [e.edge for e in store.edges(mode, REUSE)]

    def stories(self) -> list[dict[str, Any]]:
        """The stories of the stored edges (as the last scan left them), largest first."""
        from retold.provenance.stories import build_stories
        from retold.report.stories import story_dict
        from retold.store.sqlite import Store

        with self.lock, Store(self.db) as store:
            edges = self._edges(store)
            published = {i.id: i.published_ts for i in store.info().values()}
            listing = {m["id"]: m for m in store.listing()}
        return [story_dict(st, listing) for st in build_stories(edges, published)]

    def between(self, stories: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Stored reuse edges that link articles of two of these stories (a story joins only articles with
        evidence between them), for the stories page to list, never leave out."""
        from retold.store.sqlite import Store

        told = {(e["a"], e["b"]) for st in stories for e in st["edges"]}
        with self.lock, Store(self.db) as store:
            return [asdict(e) for e in self._edges(store) if (e.a, e.b) not in told]

    def story(self, id: str) -> dict[str, Any]:
        for st in self.stories():
            if st["id"] == id:
                return st
        raise NotFound(f"no story with id {id!r}")

    def listing(self) -> list[dict[str, Any]]:
        with self.lock:
            return self.corpus.listing()
