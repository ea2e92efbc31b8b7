"""What content farms hide copies behind: look-alike letters, invisible characters, wide forms.

A UTS #39-style skeleton, limited to what disguises Latin text: Cyrillic and Greek letters that look
like Latin ones are read as those Latin letters, but only inside a word that is otherwise Latin (or a
word made only of look-alikes between Latin words), so real Russian or Greek text is left alone.
Invisible formatting characters (zero-width spaces and joiners, soft hyphens, bidi controls) are
dropped and full-width or mathematical letters are read as plain ones. ``normalise`` applies all
three while keeping its offset map; ``scan`` counts them for the ``disguised_text`` flag.

The table is written here rather than taken from a confusables package (``confusable_homoglyphs``,
``confusables``): those carry the whole Unicode table, whose targets include sequences ("rn" for
"m") and non-Latin letters, and offer detection, not a one-for-one skeleton that keeps offsets.
About sixty letters are what disguises use; a dependency for them is not worth it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

# Cyrillic and Greek letters drawn like a Latin letter (from Unicode's confusables.txt, one-letter
# Latin targets only).
LOOKALIKES: dict[str, str] = {
    # Cyrillic capitals
    "\u0410": "A",
    "\u0412": "B",
    "\u0421": "C",
    "\u0415": "E",
    "\u041d": "H",
    "\u0406": "I",
    "\u0408": "J",
    "\u041a": "K",
    "\u041c": "M",
    "\u041e": "O",
    "\u0420": "P",
    "\u0405": "S",
    "\u0422": "T",
    "\u0425": "X",
    "\u0423": "Y",
    "\u04ae": "Y",
    "\u0500": "D",
    "\u051a": "Q",
    "\u051c": "W",
    "\u0474": "V",
    "\u04c0": "I",
    # Cyrillic small letters
    "\u0430": "a",
    "\u0441": "c",
    "\u0435": "e",
    "\u04bb": "h",
    "\u0456": "i",
    "\u0458": "j",
    "\u043e": "o",
    "\u0440": "p",
    "\u0455": "s",
    "\u0445": "x",
    "\u0443": "y",
    "\u04af": "y",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    "\u0475": "v",
    "\u04cf": "l",
    "\u0451": "\u00eb",
    "\u0457": "\u00ef",
    # Greek capitals
    "\u0391": "A",
    "\u0392": "B",
    "\u0395": "E",
    "\u0396": "Z",
    "\u0397": "H",
    "\u0399": "I",
    "\u039a": "K",
    "\u039c": "M",
    "\u039d": "N",
    "\u039f": "O",
    "\u03a1": "P",
    "\u03a4": "T",
    "\u03a5": "Y",
    "\u03a7": "X",
    "\u03f9": "C",
    "\u037f": "J",
    # Greek small letters
    "\u03bf": "o",
    "\u03b1": "a",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03c1": "p",
    "\u03c5": "u",
    "\u03b3": "y",
    "\u03f2": "c",
    "\u03f3": "j",
}

# Characters that are not drawn at all (besides format characters, category Cf, which are all
# dropped): the combining grapheme joiner, Hangul fillers, Mongolian free variation selectors and
# variation selectors.
_INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u3164\uffa0\u180b\u180c\u180d\u180e\u180f" + "".join(map(chr, range(0xFE00, 0xFE10)))
)
# The basic-plane characters dropped for comparison (the supplementary ones, tags and variation
# selectors, are recognised one by one by ``invisible``).
INVISIBLE = frozenset(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Cf" or c in _INVISIBLE_EXTRA)
# Letters and digits drawn wider or in another style whose compatibility form (NFKC) is one plain
# character or a ligature's letters: full-width forms, Latin ligatures, mathematical alphanumerics.
_WIDE_RANGES = ((0xFF01, 0xFF5E), (0xFB00, 0xFB06), (0x1D400, 0x1D7FF))

_INVISIBLE_BMP = "".join(sorted(INVISIBLE))
_ZWSP, _SHY, _ZWJ = "\u200b", "\u00ad", "\u200d"
# a character that may belong to a disguise: Greek or Cyrillic, invisible, wide (most texts have none)
_SUSPECT = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff\ufb00-\ufb06\uff01-\uff5e\U0001d400-\U0001d7ff"
    + re.escape(_INVISIBLE_BMP)
    + "\U000e0000-\U000e01ef]"
)
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
# Greek, Cyrillic (with its supplement), Greek Extended and mathematical Greek: a text without them has no look-alike
_HINT_RANGES = ((0x370, 0x52F), (0x1F00, 0x1FFF), (0x1D6A8, 0x1D7C9))
_SCRIPT_HINT = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HINT_RANGES) + "]")
_LONG = 256  # characters from which numpy's reading beats the search (a sentence is searched)
_WORD = re.compile("(?:[^\\W\\d_]|[\u0300-\u036f]|[" + re.escape(_INVISIBLE_BMP) + "])+")


def _hinted(text: str) -> bool:
    """Whether ``text`` holds a letter of ``_HINT_RANGES``. A whole article is read as code points with numpy, in
    half the time the character-class search took on news texts (most of which hold curly quotes: not ASCII)."""
    if text.isascii():
        return False
    if len(text) < _LONG:
        return _SCRIPT_HINT.search(text) is not None
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    points = points[points >= _HINT_RANGES[0][0]]
    return any(bool(((points >= lo) & (points <= hi)).any()) for lo, hi in _HINT_RANGES)


def invisible(c: str) -> bool:
    """Whether a character is not drawn (format characters, joiners, fillers, variation selectors)."""
    return c in INVISIBLE or (c > "\uffff" and (unicodedata.category(c) == "Cf" or "\U000e0100" <= c <= "\U000e01ef"))


def wide(c: str) -> str | None:
    """The plain form of a full-width, ligature or mathematical letter or digit; None for other characters."""
    o = ord(c)
    for lo, hi in _WIDE_RANGES:
        if lo <= o <= hi:
            plain = unicodedata.normalize("NFKC", c)
            return plain if plain != c else None
    return None


def _latin(c: str) -> bool:
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in _LATIN_RANGES) or (o >= 0x1D400 and wide(c) is not None)


def _kind(word: str) -> tuple[int, int, int]:
    """Latin letters, look-alike letters and other letters of a word."""
    latin = look = other = 0
    # a mathematical letter is read as the letter it is drawn from ("𝛪" is Greek Ι), a ligature as its letters
    # ("ﬁ" is f and i: read as one character it stopped any text with a Greek or Cyrillic letter)
    for c in "".join(wide(x) or x for x in word):
        if c in LOOKALIKES:
            look += 1
        elif _latin(c):
            latin += 1
        elif c.isalpha():
            other += 1
    return latin, look, other


def _symbol(text: str, k: int) -> bool:
    """Whether the one letter at ``k`` stands alone as a symbol: spaces or brackets around it, and it is no
    English one-letter word ("a", "I", "O")."""
    before = text[k - 1] if k else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return (
        LOOKALIKES[wide(text[k]) or text[k]] not in "aAIOo"
        and (before.isspace() or before in "([")
        and (after.isspace() or after in ",;:)]")
    )


def lookalikes(text: str) -> dict[int, str]:
    """Offsets of look-alike letters to read as Latin, with the Latin letter.

    A word with Latin letters and look-alikes but no other foreign letter is disguised Latin. A word
    made only of look-alikes ("а", "ТНЕ") is Latin unless one of its nearest neighbours with a telling
    letter is a Cyrillic or Greek word; a Greek letter standing alone between spaces is a symbol and stays.
    """
    if not _hinted(text):
        return {}
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    kinds = [_kind(w) for _, w in words]
    # the script each word tells: "L" Latin, "F" foreign, "" none (only look-alikes, or no letters)
    tell = ["L" if lat and not oth else "F" if oth and not lat else "" for lat, _, oth in kinds]
    out: dict[int, str] = {}
    for k, ((start, w), (lat, look, oth)) in enumerate(zip(words, kinds, strict=True)):
        if not look or oth:
            continue
        if not lat:
            if len(w) == 1 and "\u0370" <= (wide(w) or w) <= "\u03ff" and _symbol(text, start):
                continue  # a Greek letter standing alone is a symbol ("variables \u03c1 and \u03b3")
            left = next((t for t in reversed(tell[:k]) if t), "")
            right = next((t for t in tell[k + 1 :] if t), "")
            if "F" in (left, right):
                continue  # with no telling neighbour at all (a name alone: "\u039d\u0391\u03a4\u039f"), Latin
        for i, c in enumerate(w):
            r = LOOKALIKES.get(wide(c) or c)
            if r is not None:
                out[start + i] = r
    return out


@dataclass(frozen=True)
class Disguise:
    """What a text hides: look-alike letters read as Latin, invisible characters inside words, wide letters."""

    lookalike: int
    invisible: int  # zero-width spaces and joiners, bidi controls... between letters (soft hyphens apart)
    wide: int
    words: tuple[tuple[int, int], ...]  # original spans of the disguised words, in order
    soft_hyphens: int = 0  # publishers hyphenate with them (289 in 8,000 French articles): no disguise alone

    @property
    def total(self) -> int:
        """Characters disguised: read as other letters, or dropped between letters (soft hyphens apart)."""
        return self.lookalike + self.invisible + self.wide


def scan(text: str) -> Disguise:
    """Count the disguise in a text: look-alikes the skeleton replaces, invisible characters between the
    letters of a word, full-width and mathematical letters."""
    if not _SUSPECT.search(text):
        return Disguise(0, 0, 0, ())
    look = lookalikes(text)
    n_inv = n_shy = 0
    n_wide = sum(1 for c in text if (c >= "\uff01" or "\ufb00" <= c <= "\ufb06") and wide(c) is not None)
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        hit = any(m.start() + i in look for i in range(len(w)))
        inner = w.strip(_INVISIBLE_BMP)
        shy = inner.count(_SHY)
        k = sum(1 for c in inner if invisible(c)) - shy
        wd = sum(1 for c in w if wide(c) is not None)
        n_inv += k
        n_shy += shy
        if hit or k or wd:
            spans.append(m.span())
    return Disguise(len(look), n_inv, n_wide, tuple(spans), n_shy)


DISGUISES = ("cyrillic", "greek", "fullwidth", "zwj")


def _swap_table(lo: int, hi: int) -> dict[str, str]:
    """Latin letter -> its first look-alike in the code point range [lo, hi] (the inverse of ``LOOKALIKES``)."""
    out: dict[str, str] = {}
    for c, r in LOOKALIKES.items():
        if lo <= ord(c) <= hi and r.isascii():
            out.setdefault(r, c)
    return out


_TO_CYRILLIC = _swap_table(0x400, 0x52F)
_TO_GREEK = _swap_table(0x370, 0x3FF)


def disguise(text: str, how: str, *, share: float = 0.3, seed: int = 0) -> str:
    """``text`` disguised as content farms do it, to test that retold sees through it (benchmarks, tests).

    ``how``: ``cyrillic`` (look-alikes in ``share`` of the words, plus zero-width spaces and soft
    hyphens inside others), ``greek`` (Greek look-alikes), ``fullwidth`` (full-width letters) or
    ``zwj`` (a zero-width joiner between every letter). Words are picked at random with ``seed``.
    """
    import random

    if how not in DISGUISES:
        raise ValueError(f"unknown disguise {how!r} (one of {', '.join(DISGUISES)})")
    rng = random.Random(seed)
    table = _TO_CYRILLIC if how == "cyrillic" else _TO_GREEK

    def one(m: re.Match[str]) -> str:
        w = m.group()
        r = rng.random()
        if r >= share:
            if how == "cyrillic" and len(w) >= 4 and r < share + 0.1:
                k = len(w) // 2
                return w[:k] + (_ZWSP if r < share + 0.05 else _SHY) + w[k:]
            return w
        if how == "fullwidth":
            return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)
        if how == "zwj":
            return _ZWJ.join(w)
        return "".join(table.get(c, c) for c in w)

    return re.sub(r"[A-Za-z]+", one, text)


__all__ = [
    "DISGUISES",
    "INVISIBLE",
    "LOOKALIKES",
    "Disguise",
    "disguise",
    "invisible",
    "lookalikes",
    "scan",
    "wide",
]
