"""Page furniture inside a sentence: text a scraper pulled in from a page's widgets, not the article's words.

Left in, furniture is read as content: its names, numbers and headlines become flags ("entity_added:
Kamala Harris") and, worse, its headlines match sentences of other articles, so a pair is aligned on
words neither article wrote. Each rule is a named pattern with examples (what the text reads as once
the furniture is left out); ``tests/text/test_text_furniture.py`` runs them all and checks each rule
against cases of its own, so deleting a rule fails a test. Whole lines repeated across a collection
(newsletter promos, biographies) are another matter: :mod:`retold.provenance.boilerplate` drops them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RULES", "Furniture", "blank", "furniture", "without"]


@dataclass(frozen=True)
class Furniture:
    """A named pattern whose ``drop`` group is furniture; ``examples`` are ``(text, text as read)``."""

    name: str
    purpose: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]


_NAME_WORD = r"[A-Z(][\w.'\u2019()-]*"
RULES: tuple[Furniture, ...] = (
    Furniture(
        name="name_card",
        purpose=(
            "A hover card scraped into the sentence after a person's name: the full name glued to three related"
            " headlines and closed by MORE (The Hill: 1,874 cards in 438 of news_allsides' 14,000 articles, none"
            " in the other news sets). The full name ends with the name just mentioned, which anchors the card."
        ),
        pattern=re.compile(
            rf"\b(?P<last>[A-Z][\w'\u2019-]+)(?P<drop>\s+(?:{_NAME_WORD}\s+){{1,4}}(?P=last)\s?"
            r"(?=[A-Z0-9\"\u201c\u2018]|['\u2019][A-Z])[^\n]{1,600}?\sMORE)(?![A-Za-z])"
        ),
        examples=(
            (
                "President Trump Donald John TrumpSenators balk at long trial Warren goes local 2020 Democrats make"
                " play for votes MORE on Monday doubled down on his policy.",
                "President Trump on Monday doubled down on his policy.",
            ),
            (
                "Special counsel Robert Mueller Robert (Bob) Swan MuellerComey says 'not a circus' Gowdy: I '100"
                " percent' believe MORE\u2019s Russia investigation has given prosecutors momentum.",
                "Special counsel Robert Mueller\u2019s Russia investigation has given prosecutors momentum.",
            ),
            (
                "Speaker Paul Ryan Paul Davis Ryan Retirees should say no thanks DC's liaison to rock MORE (R-Wis.)"
                " is retiring.",
                "Speaker Paul Ryan (R-Wis.) is retiring.",
            ),
            (
                "President Trump Donald Trump said MORE jobs were coming.",
                "President Trump Donald Trump said MORE jobs were coming.",
            ),
            ("Ann Lee met Lee Ann Smith. She wants MORE.", "Ann Lee met Lee Ann Smith. She wants MORE."),
        ),
    ),
)


def furniture(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of ``text`` that rules read as furniture, in order."""
    if "MORE" not in text:  # every rule so far needs it: most texts pay one substring search
        return []
    return sorted(_shortest(r.pattern, text, m) for r in RULES for m in r.pattern.finditer(text))


def _shortest(pattern: re.Pattern[str], text: str, m: re.Match[str]) -> tuple[int, int]:
    """The latest-starting match that ends where ``m`` does: "Speaker Paul Ryan Paul Davis Ryan..." is a card
    after "Ryan", though read from "Paul" it is one too ("Ryan Paul" ends with "Paul")."""
    while (later := pattern.search(text, m.start("drop") + 1)) is not None and later.end() == m.end():
        m = later
    return m.span("drop")


def without(text: str) -> str:
    """``text`` with its furniture left out (for examples and tests; reading keeps offsets instead)."""
    out, pos = [], 0
    for s, e in furniture(text):
        out.append(text[pos:s])
        pos = max(pos, e)
    return "".join(out) + text[pos:]


def blank(text: str) -> str:
    """``text`` with its furniture turned into NUL characters: the same offsets, no words or marks in it."""
    cut = furniture(text)
    if not cut:
        return text
    chars = list(text)
    for s, e in cut:
        chars[s:e] = "\0" * (e - s)
    return "".join(chars)
