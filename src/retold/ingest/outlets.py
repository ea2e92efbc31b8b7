"""The outlet an article comes from, read from its ``source`` and ``url``: one reading for the store's outlet
column, the report's credit check, the provenance lines and the direction's credits."""

from __future__ import annotations

from urllib.parse import urlparse

# the labels of a web host that say nothing of whose it is: "www", top-level and second-level domains, "news"
HOST_WORDS = frozenset("www com org net edu co uk news de fr eu int gov".split())


def outlet_name(source: str | None, url: str | None) -> str | None:
    """The publisher as a reader knows it: its source name (blanks folded), else its URL's host without
    ``www.``, else unknown."""
    if source and source.strip():
        return " ".join(source.split())
    if url:
        host = (urlparse(url).hostname or "").removeprefix("www.")
        return host or None
    return None


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The publisher an article belongs to, as a key: :func:`outlet_name` in lower case."""
    name = outlet_name(source, url)
    return name.lower() if name is not None else None


def host_label(host: str, shortest: int = 1) -> str | None:
    """The label of a web host that names its outlet: the last one of ``shortest`` letters or more that is not
    generic ("cnn" of "edition.cnn.com", "bbc" of "news.bbc.co.uk"); None when every label is."""
    labels = [x for x in host.lower().split(".") if len(x) >= shortest and x not in HOST_WORDS]
    return labels[-1] if labels else None
