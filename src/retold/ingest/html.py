"""HTML pages: telling a page from text, and what a page gives an article (its text, title, URL, outlet and
date, read by trafilatura), or why it gives none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from retold.errors import InputError
from retold.ingest.decode import decode

_MAX_HTML_DEPTH = 255  # libxml2's default nesting limit, which lxml (and so trafilatura) keeps
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I | re.S)
_PAGE_TIME = "%Y-%m-%dT%H:%M:%S%z"  # the page's time and zone when it gives them (by default only the day)


def looks_like_html(text: str) -> bool:
    """A page, not text: it opens with a doctype or an html/head/body/meta/title tag."""
    return bool(_HTML_START.match(text[:4096]))


class _Depth(HTMLParser):
    """The deepest element nesting of a page, counted without recursion."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)


def html_depth(text: str) -> int:
    """How deep a page's elements nest: beyond the parser's limit its text is lost, which says why."""
    d = _Depth()
    d.feed(text)
    return d.deepest


def _page_date(found: str | None) -> str | None:
    """A page's date as found: a day without a time comes out at midnight without a zone, and is the day."""
    return found[:10] if found and found.endswith("T00:00:00") else found


@dataclass(frozen=True)
class Page:
    """What a page gives its article (``ingest.read`` makes the article of it)."""

    body: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None


def read_page(path: str, data: bytes) -> Page:
    """The article text and metadata of the page ``data`` (read from ``path``); a page without article text is
    an :class:`InputError`, which says when it nests too deep for the parser."""
    text = decode(data, path)
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a core dependency
        raise InputError(path, "reading HTML needs trafilatura: pip install trafilatura") from None
    # No extensive date search: it takes a footer's "Copyright 2026" for a publication date.
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": _PAGE_TIME},
        )
    except RecursionError:
        doc = None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        depth = html_depth(text)
        if depth > _MAX_HTML_DEPTH:
            raise InputError(
                path,
                f"HTML nested {depth:,} elements deep (parsers stop at {_MAX_HTML_DEPTH}): no article text found",
            )
        raise InputError(path, "no article text found in this HTML page")
    title = getattr(doc, "title", None)
    head, _, rest = body.strip().partition("\n")
    if title and rest.strip() and " ".join(head.split()) == " ".join(title.split()):
        body = rest  # the page's <h1> repeats the title, which article_from_text puts first anyway
    return Page(
        body,
        title,
        getattr(doc, "url", None),
        getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        _page_date(getattr(doc, "date", None)),
    )
