"""Markdown syntax: the characters of a ``.md`` file that are markup, not the article's words.

Left out of comparison the way page furniture is (offsets into the file kept): heading, list and quote
marks, emphasis, link brackets and targets, a YAML front-matter block, the underline of a heading written
``Title`` over ``=====``, reference definitions (``[1]: https://...``) and code fences. Read from a whole
file by ingest, and again from one sentence's text by the fidelity checks (the constructs inside a line
need no line of their own to be found), so a link's target never reaches a flag.
"""

from __future__ import annotations

import re

__all__ = ["EXAMPLES", "front_matter", "looks_like_markdown", "syntax"]

_URL = r"(?:[^()\s]|\([^()\s]*\))*"  # a link target, parentheses inside it balanced once: /wiki/a_(b)
_INLINE = re.compile(
    rf"!\[[^\]]*\]\({_URL}(?:\s+\"[^\"]*\")?\)"  # an image, whole
    rf"|\]\({_URL}(?:\s+\"[^\"]*\")?\)"  # a link's target and its closing bracket
    r"|\]\[[^\]]*\]"  # a reference link's label: [the plan][1]
    r"|\[(?=[^\]]*\](?:\(|\[))"  # a link's opening bracket
    r"|(?<!\w)(?:\*\*|__|\*|_)(?=\S)|(?<=\S)(?:\*\*|__|\*|_)(?!\w)"  # emphasis
)
_LINES = re.compile(
    r"^[ \t]{0,3}#{1,6}[ \t]+"  # a heading's marks
    r"|^[ \t]{0,3}>[ \t]?"  # a quoted line's mark
    r"|^[ \t]{0,3}[-*+][ \t]+"  # a list item's mark
    r"|^[ \t]{0,3}(?:=+|-{2,})[ \t]*$"  # the underline of a heading
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$"  # a reference definition
    r"|^[ \t]{0,3}(?:```|~~~).*$",  # a code fence
    re.MULTILINE,
)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_OPENING_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+\S")
_LINK = re.compile(rf"\[[^\]\n]+\]\((?:https?://|/){_URL}\)")  # [words](https://...), not [sic] (sic)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)

# (Markdown, the words left once its syntax is out); ``tests/text/test_text_markdown.py`` runs them
EXAMPLES = (
    ("The **union** said _no_.", "The union said no."),
    ("See [the report](https://example.org/a_(b)).", "See the report."),
    ("The union said [the plan][1] would cut jobs.", "The union said the plan would cut jobs."),
    ("# Port strike\n\nText.", "Port strike\n\nText."),
    ("Port strike\n===========\n\nText.", "Port strike\n\n\nText."),
    ("---\ntitle: Port strike\ndate: 2019-05-03\n---\n\nText.", "\nText."),
    ("Text.\n\n[1]: https://example.org/plan\n", "Text.\n\n\n"),
    ("- Ships wait.\n> A quote.", "Ships wait.\nA quote."),
    ("```\ncode\n```", "\ncode\n"),
)


def syntax(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that are Markdown syntax, in order, not overlapping."""
    spans = [m.span() for m in _INLINE.finditer(text)] + [
        m.span() for m in _LINES.finditer(text) if m.end() > m.start()
    ]
    front = _FRONT_MATTER.match(text)
    if front:
        spans.append(front.span())
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def front_matter(text: str) -> dict[str, str]:
    """The plain ``key: value`` fields of a YAML front-matter block (quotes taken off); nested ones are not read."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return {}
    return {m["key"].lower(): m["value"].strip("\"'") for m in _FIELD.finditer(block.group()) if m["value"]}


def looks_like_markdown(text: str) -> bool:
    """Markdown beyond doubt, for text without a suffix to say so (standard input, a file without one): a YAML
    front-matter block or a heading (``# Title``) opening it, or a link written ``[words](https://...)``. Plain
    news text has none of them (not one of the 66,112 texts of the shared news and paraphrase sets), where
    ``**`` (in 19 of them) and a list mark opening a line (in 340) are too common in it to tell."""
    return bool(_FRONT_MATTER.match(text) or _OPENING_HEADING.match(text) or _LINK.search(text))
