"""The outlet an article comes from, read from its ``source`` and ``url``: one reading for the store's outlet
column, the report's credit check, the provenance lines and the direction's credits. Where neither is known,
the report's credit check takes the wire the article's own dateline credits."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlparse

Origin = Literal["source", "url", "dateline"]  # where an outlet was read

# the labels of a web host that say nothing of whose it is: "www", top-level and second-level domains, "news"
HOST_WORDS = frozenset("www com org net edu co uk news de fr eu int gov".split())


def outlet_name(source: str | None, url: str | None) -> str | None:
    """The publisher as a reader knows it: its source name (blanks folded), else its URL's host without
    ``www.``, else unknown."""
    named = outlet_named(source, url)
    return named[0] if named else None


def outlet_named(source: str | None, url: str | None, dateline: str | None = None) -> tuple[str, Origin] | None:
    """:func:`outlet_name` and where it was read; with neither, the wire the article's ``dateline`` credits
    (``retold.fidelity.datelines.opening_credit``): the text names its outlet itself."""
    if source and source.strip():
        return " ".join(source.split()), "source"
    host = (urlparse(url).hostname or "").removeprefix("www.") if url else ""
    if host:
        return host, "url"
    return (dateline, "dateline") if dateline else None


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The publisher an article belongs to, as a key: :func:`outlet_name` in lower case."""
    name = outlet_name(source, url)
    return name.lower() if name is not None else None


def host_label(host: str, shortest: int = 1) -> str | None:
    """The label of a web host that names its outlet: the last one of ``shortest`` letters or more that is not
    generic ("cnn" of "edition.cnn.com", "bbc" of "news.bbc.co.uk"); None when every label is."""
    labels = [x for x in host.lower().split(".") if len(x) >= shortest and x not in HOST_WORDS]
    return labels[-1] if labels else None
