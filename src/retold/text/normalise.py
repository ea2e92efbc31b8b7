"""Unicode normalisation that remembers where every character came from.

Comparisons need one spelling of quotes, dashes and spaces; reports need offsets into the text
as the user gave it. ``normalise`` gives both: the normal text and, for each of its characters,
the offset of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_DROP = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_MAP = {**_QUOTES, **_DASHES, "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " "}


@dataclass(frozen=True)
class Normalised:
    """Normal text plus ``offsets[k]`` = original offset of normal character ``k`` (one extra at the end).

    ``ends[k]`` is where the original characters behind normal character ``k`` end: more than
    ``offsets[k] + 1`` when a base letter and its combining marks became one character.
    """

    text: str
    offsets: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normal range back to the original text (combining marks included)."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.ends[end - 1]


def normalise(text: str, drop: list[tuple[int, int]] | None = None) -> Normalised:
    """Return NFC text with straight quotes, ASCII dashes, single spaces (newlines kept).

    ``drop`` lists original ranges to leave out (Markdown syntax, say).
    """
    skip = bytearray(len(text))
    for s, e in drop or []:
        skip[s:e] = b"\x01" * (e - s)
    out: list[str] = []
    offs: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    pending_space = -1
    while i < n:
        if skip[i]:
            i += 1
            continue
        c = text[i]
        j = i + 1
        while j < n and unicodedata.combining(text[j]) and not skip[j]:
            j += 1
        unit = text[i:j]
        if c in _DROP:
            i = j
            continue
        if c == "\n" or c == "\r" or c == "\u2028" or c == "\u2029":
            # Newlines are kept (they separate headlines and paragraphs); "\r\n" counts once.
            if c == "\r" and j < n and text[j] == "\n":
                j += 1
            pending_space = -1
            while out and out[-1] == " ":
                out.pop()
                offs.pop()
                ends.pop()
            out.append("\n")
            offs.append(i)
            ends.append(j)
            i = j
            continue
        if c.isspace() or c in ("\u00a0", "\u202f", "\u2009"):
            if out and out[-1] not in (" ", "\n") and pending_space < 0:
                pending_space = i
            i = j
            continue
        if pending_space >= 0:
            out.append(" ")
            offs.append(pending_space)
            ends.append(pending_space + 1)
            pending_space = -1
        rep = _MAP.get(c)
        if rep is None:
            rep = unicodedata.normalize("NFC", unit) if len(unit) > 1 or not c.isascii() else c
        for ch in rep:
            out.append(ch)
            offs.append(i)
            ends.append(j)
        i = j
    offs.append(n)
    return Normalised("".join(out), tuple(offs), tuple(ends))


_WORD = re.compile(r"\w+(?:[-'.]\w+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a normal text (hyphenated and dotted words stay whole)."""
    return [w.lower() for w in _WORD.findall(text)]


def comparable(text: str) -> str:
    """The text reduced to what ``verbatim`` ignores: case, punctuation and spacing."""
    return " ".join(words(text))
