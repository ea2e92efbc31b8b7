"""Unicode normalisation that remembers where every character came from.

Comparisons need one spelling of quotes, dashes and spaces; reports need offsets into the text
as the user gave it. ``normalise`` gives both: the normal text and, for each of its characters,
the offset of the original character it came from. It also sees through disguise
(:mod:`retold.text.confusables`): look-alike letters in Latin words are read as Latin, invisible
characters are dropped, full-width letters are read as plain ones, so a disguised copy compares
as the copy it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from retold.text.confusables import INVISIBLE, invisible, lookalikes, wide
from retold.text.unspaced import aware, read

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
_DROP = INVISIBLE  # soft hyphens, zero-width spaces and joiners, BOM, bidi controls...
_MAP = {**_QUOTES, **_DASHES, "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " "}
# The characters replaced one for one (quotes, dashes, odd spaces), as a table for ``str.translate``: a text
# that only these changed keeps its offsets (fidelity reads most sentences so, without normalising again).
ONE_TO_ONE = str.maketrans({c: r for c, r in _MAP.items() if len(r) == 1})


@dataclass(frozen=True)
class Normalised:
    """Normal text plus ``offsets[k]`` = original offset of normal character ``k`` (one extra at the end).

    ``ends[k]`` is where the original characters behind normal character ``k`` end: more than
    ``offsets[k] + 1`` when a base letter and its combining marks became one character. Where every character
    maps to itself (nine in ten news articles) they are ranges, not tuples: the two tuples of the 10,000-article
    corpus's 41 M such characters took 1.0 s of the writer's CPU to build, and ingest reads a few hundred of them.
    """

    text: str
    offsets: Sequence[int]
    ends: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normal range back to the original text (combining marks included)."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.ends[end - 1]


# Characters that normalise to themselves when they stand alone (not whitespace, not mapped or
# dropped, not a combining mark, already NFC). Only the first 0x800 code points are listed (Latin,
# Greek, Cyrillic, Hebrew, Arabic): the rest still normalise correctly, just one unit at a time.
_PLAIN_CHARS = "".join(
    c
    for c in map(chr, range(0x800))
    if c not in _MAP
    and c not in _DROP
    and not c.isspace()
    and not unicodedata.combining(c)
    and unicodedata.is_normalized("NFC", c)
)
# Mapped characters that become one plain character (quotes, dashes): after this translation they
# are plain too, with the identity offset. Spaces and expansions ("…") are left to the slow path.
_ONE_FOR_ONE = {c: r for c, r in _MAP.items() if len(r) == 1 and r in _PLAIN_CHARS and not unicodedata.combining(c)}
_P = "".join(re.escape(c) for c in _PLAIN_CHARS)
# A plain character, then plain characters and spaces. Cut at its first double space and without a
# final space, it is copied in bulk with the identity offsets: each of its spaces is a single one
# between plain characters. (Faster than matching "P+(?: P+)*" directly.)
_PLAIN_RUN = re.compile(f"[{_P}][{_P} ]*")
_NEWLINES = frozenset("\n\r\u2028\u2029")


def _one_for_one(text: str) -> str:
    """``text`` with the ``_ONE_FOR_ONE`` replacements made (``str.translate`` is much slower)."""
    for c, r in _ONE_FOR_ONE.items():
        if c in text:
            text = text.replace(c, r)
    return text


# Offsets are mostly ``range(n)``: slicing one shared tuple of ints saves creating them per call (and a slice of
# a tuple is the tuple ``Normalised`` keeps, made in one copy).
_INTS_KEPT = 1 << 16
_ints: tuple[int, ...] = tuple(range(1 << 12))


def _int_objects(size: int) -> tuple[int, ...]:
    """A tuple whose item ``k`` is ``k``, at least ``size`` long (shared while it is not too long)."""
    global _ints
    if size <= len(_ints):
        return _ints
    if size > _INTS_KEPT:
        return tuple(range(size))
    _ints = tuple(range(min(max(size, 2 * len(_ints)), _INTS_KEPT)))
    return _ints


def _segments(n: int, drop: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of ``range(n)`` that no ``drop`` range covers, in order."""
    if not drop:
        return [(0, n)] if n else []
    skip = bytearray(n)
    for s, e in drop:
        skip[s:e] = b"\x01" * (e - s)
    return [m.span() for m in re.finditer(b"\x00+", skip[:n])]


def normalise(text: str, drop: list[tuple[int, int]] | None = None) -> Normalised:
    """Return NFC text with straight quotes, ASCII dashes, single spaces (newlines kept).

    ``drop`` lists original ranges to leave out (Markdown syntax, say).
    """
    plain = _one_for_one(text)
    # look-alike letters inside Latin words are read as the Latin letter (one for one, offsets unchanged); a text
    # that the one-for-one replacements made ASCII holds none (they replace no Greek or Cyrillic letter)
    subs = {} if plain.isascii() else lookalikes(text)
    if subs:
        chars = list(plain)
        for k, r in subs.items():
            chars[k] = r
        plain = "".join(chars)
    if not drop:
        got = _whole(plain)
        if got is not None:
            return got
    return _units(text, plain, subs, drop)


# What a text the one-for-one replacements leave with nothing but plain characters, spaces and line feeds needs
# besides them: "…" (three full stops), other spaces (read as one), and spaces to leave out (a run's second and
# later ones, and a run at a line's end or start or the text's). Symbols past the plain characters' range that
# normalise to themselves ("•", "€", "►": ``_stands_alone``) are copied as plain ones.
_ODD = re.compile(f"[^{_P} \n]")
_EXTRA_SPACES = re.compile(r" +(?=\n)|(?<=\n) +|\A +| +\Z|(?<= ) +")
_ELLIPSIS = "\u2026"
_ALONE: dict[str, bool] = {}


def _stands_alone(c: str) -> bool:
    """Whether ``normalise`` writes ``c`` as itself wherever it stands (with no combining mark after it, which
    ``_whole`` rules out): no space or line break, not mapped, dropped, wide or changed by NFC."""
    got = _ALONE.get(c)
    if got is None:
        got = (
            c not in _MAP
            and c not in _DROP
            and not c.isspace()
            and not unicodedata.combining(c)
            and not invisible(c)
            and wide(c) is None
            and unicodedata.is_normalized("NFC", c)
        )
        _ALONE[c] = got
    return got


def _whole(plain: str) -> Normalised | None:
    """``normalise`` of a text with no drop ranges whose one-for-one translation (look-alikes read) is ``plain``,
    made over the whole text at once; None when it holds what needs the unit-by-unit pass (combining marks,
    dropped or wide characters, carriage returns, other expansions). Nine in ten news articles qualify, most
    of them changed in nothing but their quotes and dashes: their offsets are the identity."""
    odd = set(_ODD.findall(plain)) if _ODD.search(plain) else set()
    if odd:
        for c in odd:
            if c.isspace() and c not in _NEWLINES and c not in _DROP:
                plain = plain.replace(c, " ")  # a space of another width: one space, as a run of them is
            elif c != _ELLIPSIS and not _stands_alone(c):
                return None
    n = len(plain)
    if not ("  " in plain or " \n" in plain or "\n " in plain or plain[:1] == " " or plain[-1:] == " "):
        if _ELLIPSIS not in odd:
            return Normalised(plain, range(n + 1), range(1, n + 1))
        cuts = [(m, m + 1, "...") for m in _find_all(plain, _ELLIPSIS)]
    else:
        cuts = [(m.start(), m.end(), "") for m in _EXTRA_SPACES.finditer(plain)]
        if _ELLIPSIS in odd:
            cuts = sorted(cuts + [(m, m + 1, "...") for m in _find_all(plain, _ELLIPSIS)])
    idx = _int_objects(n + 1)
    out: list[str] = []
    offs: list[int] = []
    ends: list[int] = []
    pos = 0
    for s, e, rep in cuts:
        out.append(plain[pos:s])
        offs += idx[pos:s]
        ends += idx[pos + 1 : s + 1]
        if rep:
            out.append(rep)
            offs += [s] * len(rep)
            ends += [e] * len(rep)
        pos = e
    out.append(plain[pos:])
    offs += idx[pos : n + 1]
    ends += idx[pos + 1 : n + 1]
    return Normalised("".join(out), tuple(offs), tuple(ends))


def _find_all(text: str, c: str) -> list[int]:
    """Every offset of the character ``c`` in ``text``."""
    out = []
    k = text.find(c)
    while k >= 0:
        out.append(k)
        k = text.find(c, k + 1)
    return out


def _units(text: str, plain: str, subs: dict[int, str], drop: list[tuple[int, int]] | None) -> Normalised:
    """``normalise`` one unit at a time where it must be: plain runs (in the one-for-one translation) are copied
    in bulk, everything else unit by unit, a base character and the combining marks after it, read from the
    original text."""
    n = len(text)
    idx = _int_objects(n + 1)
    out: list[str] = []
    offs: list[int] = []
    ends: list[int] = []
    last = ""  # the last normal character written ("" before the first)
    pending_space = -1  # original offset of a whitespace run not yet written as " "
    plain_run = _PLAIN_RUN.match
    combining = unicodedata.combining
    for seg_start, seg_end in _segments(n, drop):
        i = seg_start
        while i < seg_end:
            m = plain_run(plain, i, seg_end)
            if m is not None:
                b = m.end()
                k = plain.find("  ", i, b)
                if k >= 0:
                    b = k
                elif plain[b - 1] == " ":
                    b -= 1
                if b < seg_end and combining(text[b]):
                    b -= 1  # the run's last character carries combining marks: a unit of its own
                if b > i:
                    if pending_space >= 0:
                        out.append(" ")
                        offs.append(pending_space)
                        ends.append(pending_space + 1)
                        pending_space = -1
                    out.append(plain[i:b])
                    offs += idx[i:b]
                    ends += idx[i + 1 : b + 1]
                    last = plain[b - 1]
                    i = b
                    if i >= seg_end:
                        break
            c = text[i]
            j = i + 1
            while j < seg_end and combining(text[j]):
                j += 1
            if c in _DROP or (c > "\uffff" and invisible(c)):
                i = j
                continue
            if subs and i in subs:
                c = subs[i]
            if c in _NEWLINES:
                # Newlines are kept (they separate headlines and paragraphs); "\r\n" counts once.
                # No space precedes a newline: a space is only written right before a non-space.
                if c == "\r" and j < n and text[j] == "\n":
                    j += 1
                pending_space = -1
                out.append("\n")
                offs.append(i)
                ends.append(j)
                last = "\n"
                i = j
                continue
            if c.isspace():
                if last and last != "\n" and pending_space < 0:
                    pending_space = i
                i = j
                continue
            if pending_space >= 0:
                out.append(" ")
                offs.append(pending_space)
                ends.append(pending_space + 1)
                pending_space = -1
            rep = _MAP.get(c)
            if rep is None and not c.isascii():
                rep = wide(c)
                if rep is not None and j - i > 1:
                    rep = unicodedata.normalize("NFC", rep + text[i + 1 : j])
            if rep is None:
                rep = unicodedata.normalize("NFC", c + text[i + 1 : j]) if j - i > 1 or not c.isascii() else c
            out.append(rep)
            offs += [i] * len(rep)
            ends += [j] * len(rep)
            last = rep[-1]
            i = j
    offs.append(n)
    return Normalised("".join(out), tuple(offs), tuple(ends))


def _plain(text: str) -> bool:
    """Whether ``normalise`` copies this text whole: one plain run, single spaces, no space at either end."""
    return _PLAIN_RUN.fullmatch(text) is not None and "  " not in text and not text.endswith(" ")


def normal_text(text: str) -> str:
    """``normalise(text).text``, with no offsets built when the text is already normal (ASCII plain
    characters, single spaces, no space at either end: what most stored sentences are) or becomes so by
    one-for-one replacements alone (curly quotes, dashes: a third of news sentences), as ``normalise``
    copies such a text whole."""
    if text.isascii() and _plain(text):
        return text
    plain = _one_for_one(text)
    # as in ``normalise``: a text made ASCII by the replacements has no look-alikes to look for
    if _plain(plain) and (plain.isascii() or not lookalikes(text)):
        return plain
    return normalise(text).text


_WORD = re.compile(r"\w+(?:[-'.]\w+)*", re.UNICODE)


_WORD_UNSPACED = aware(_WORD.pattern)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a normal text (hyphenated and dotted words stay whole; a run of Chinese, Japanese
    or Thai is its character bigrams, :mod:`retold.text.unspaced`)."""
    return [w.lower() for w in written_words(text)]


def written_words(text: str) -> list[str]:
    """The word tokens of ``words`` as the text writes them, capitals kept."""
    return read(_WORD, _WORD_UNSPACED, text)


CUT = "\x00"  # between two texts read in one pass (``joined_words``)
_WORD_OR_CUT = re.compile(f"{_WORD.pattern}|{CUT}")
_WORD_OR_CUT_UNSPACED = aware(_WORD_OR_CUT.pattern)


def joined_apart(texts: Sequence[str], between: str = CUT, end: str = "", mark: str = CUT) -> str | None:
    """``texts`` joined by ``between`` (which holds ``mark`` once), ``end`` after the last: one string to read in one
    pass and split again at ``mark``; None where a text holds ``mark`` itself (then each is read on its own)."""
    text = between.join(texts) + end
    return text if text.count(mark) == max(len(texts) - 1, 0) + end.count(mark) else None


def joined_words(texts: Sequence[str]) -> list[str] | None:
    """The ``words`` of each text in turn, ``CUT`` between two texts: one pass over the texts joined (an article's
    sentences: no call and no list a text); None when a text holds ``CUT`` itself. A word never spans a ``CUT``, so
    the words are each text's; ASCII texts are lower-cased whole (the same as a word at a time), others a word at a
    time, as ``words`` does."""
    joined = joined_apart(texts)
    if joined is None:
        return None
    if joined.isascii():
        return _WORD_OR_CUT.findall(joined.lower())
    return list(map(str.lower, read(_WORD_OR_CUT, _WORD_OR_CUT_UNSPACED, joined)))


def cut(text: str, spans: Iterable[tuple[int, int]], offset: int = 0) -> str:
    """``text`` with the ``spans`` left out (offsets into a text ``text`` starts at ``offset`` of; spans reaching
    past either end are clipped): what a reader sees once furniture or Markdown syntax is out."""
    out, pos = [], 0
    for s, e in sorted(spans):
        s, e = max(s - offset, pos), min(e - offset, len(text))
        if s < e:
            out.append(text[pos:s])
            pos = e
    return "".join(out) + text[pos:]


_MINUS = re.compile(r"(?<![\w.,])-(?=\d)")  # a minus sign: '-12C', '(-0.5%)'; not '1-2' or '2019 - 12'


def has_minus(text: str) -> bool:
    """Whether the text holds a minus sign ``comparable`` reads: without one, its comparable text is its ``words``."""
    return "-" in text and _MINUS.search(text) is not None


def comparable(text: str) -> str:
    """The text reduced to what ``verbatim`` ignores: case, punctuation and spacing, but not the minus
    sign of a number ('-12C' and '12C' are opposite facts)."""
    return " ".join(words(_MINUS.sub(" minus ", text)))
