"""Match tags and match groups of a comparison: what the report's filters and groups sort matches by.

Works on the ``retold.comparison/2`` dict, so the HTML report, the web app and an export agree.
Tags (``short``, ``quote``) drive the filters. Groups answer the reviewer's question "was this
passage taken with credit?", as plagiarism checkers group their matches: each reuse match falls in
exactly one group. Credit is read at the article level, as news gives it ("..., Reuters reported",
"(AP) -"): the retelling names the source's outlet (its ``source`` field, else its URL's host, else the
wire its own dateline credits) somewhere in its text, by any name the fidelity stage reads as that outlet's
("AP" for "Associated Press": ``fidelity.outlet_names``). Without a known outlet the credit cannot be checked,
and the group says so.
"""

from __future__ import annotations

import re
from typing import Any

from retold.fidelity.datelines import opening_credit
from retold.fidelity.outlet_names import names_outlet
from retold.ingest.outlets import Origin, host_label, outlet_named

SHORT_WORDS = 8  # a match this short (in words, both sides) hides under "hide short matches"
QUOTE = re.compile('["“”„«»]')
REUSE = ("verbatim", "edited", "paraphrase", "translation")
COPIED = ("verbatim", "edited")
GROUPS = {  # in order of concern; the words the report shows
    "missing_citation": "missing citation: reused, not quoted, the source not named",
    "missing_quotation": "missing quotation marks: copied words, the source named",
    "unchecked": "credit not checked: reused, not quoted, the source's outlet unknown",
    "quoted": "in quotation marks",
    "cited": "cited: reworded, the source named",
    "related": "same topic only",
}


def tags(doc: dict[str, Any], m: dict[str, Any]) -> list[str]:
    """``short`` (fewer than SHORT_WORDS words on both sides) and ``quote`` (a side holds quotation marks)."""
    a = [doc["a"]["sentences"][i]["text"] for i in m["a"]]
    b = [doc["b"]["sentences"][j]["text"] for j in m["b"]]
    out = []
    if max(sum(len(t.split()) for t in a), sum(len(t.split()) for t in b)) < SHORT_WORDS:
        out.append("short")
    if any(QUOTE.search(t) for t in a + b):
        out.append("quote")
    return out


def outlet_names(article: dict[str, Any]) -> list[str]:
    """The names a retelling would credit this article by (see :func:`outlet`)."""
    return outlet(article)[0]


def outlet(article: dict[str, Any]) -> tuple[list[str], Origin | None]:
    """The names a retelling would credit this article by, and where they were read: its outlet, else its URL's
    host and that host's label (``euractiv`` of ``www.euractiv.com``), of three letters or more (a shorter one
    found as a word in the text says little: "ft" of ft.com is feet too), else the wire its own dateline credits
    ("LONDON (Reuters) -")."""
    dateline = opening_credit([s["text"] for s in article.get("sentences", ())])
    named = outlet_named(article.get("source"), article.get("url"), dateline)
    if named is None:
        return [], None
    name, origin = named
    label = host_label(name, shortest=3) if origin == "url" else None
    return ([name, label] if label else [name]), origin


def credited(doc: dict[str, Any]) -> bool | None:
    """Whether the retelling names the source's outlet anywhere (None: the outlet is unknown)."""
    src, _ = source_side(doc)
    return _names_credited(doc, outlet_names(doc[src]))


def _names_credited(doc: dict[str, Any], names: list[str]) -> bool | None:
    """Whether the retelling names any of the source outlet's ``names`` (None: none known); apart from
    :func:`credited` so that :func:`match_groups` reads the outlet once."""
    if not names:
        return None
    _, ret = source_side(doc)
    return names_outlet(" ".join(s["text"] for s in doc[ret]["sentences"]), names)


def source_side(doc: dict[str, Any]) -> tuple[str, str]:
    """``(source, retelling)`` sides as the flags read them (``flags_source``)."""
    return ("b", "a") if doc.get("flags_source") == "b" else ("a", "b")


def group(doc: dict[str, Any], m: dict[str, Any], credit: bool | None) -> str:
    """The one group of a match, given the article-level ``credit`` (see :func:`credited`)."""
    if m["label"] not in REUSE:
        return "related"
    _, ret = source_side(doc)
    if any(QUOTE.search(doc[ret]["sentences"][i]["text"]) for i in m[ret]):
        return "quoted"
    if credit is None:
        return "unchecked"
    if not credit:
        return "missing_citation"
    return "missing_quotation" if m["label"] in COPIED else "cited"


def match_groups(doc: dict[str, Any]) -> dict[str, Any]:
    """Every match's group, and each group's matches in order: ``{"credited", "outlet", "outlet_from",
    "of_match", "groups"}`` (``outlet_from``: where the outlet was read, ``source``, ``url`` or ``dateline``)."""
    src, _ = source_side(doc)
    names, origin = outlet(doc[src])
    credit = _names_credited(doc, names)
    of_match = [group(doc, m, credit) for m in doc["matches"]]
    groups = [
        {"key": key, "words": words, "matches": [k for k, g in enumerate(of_match) if g == key]}
        for key, words in GROUPS.items()
    ]
    return {
        "credited": credit,
        "outlet": names[0] if names else None,
        "outlet_from": origin,
        "of_match": of_match,
        "groups": [g for g in groups if g["matches"]],
    }
