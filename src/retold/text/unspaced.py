"""Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): their words.

To the word pattern (``\\w+``) a sentence of Chinese is one word, so no sentence of it had the four words of an
exact key or the five of a shingle, and two retellings of it shared no candidate. A run of these scripts' letters
is read instead as its overlapping character bigrams ("河阳市" -> "河阳", "阳市"; a lone character stays one word):
the usual unit of search engines for text without word boundaries (no dictionary to cut words with), as
discriminating as words (two unrelated Chinese articles share few bigrams, where they share many characters) and
as forgiving of an edit (a changed character costs two bigrams). Hangul is spaced and stays as it is.

Every tokeniser of retold (``normalise.words``, ``fingerprint.shingles.tokens``) reads such a text with its own
pattern made aware of the runs (:func:`aware`) and expands them (:func:`expand`); a text without these scripts is
read by the pattern as before, character for character the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["UNSPACED", "aware", "bigrams", "expand", "has_unspaced", "read"]

# Han (with its extensions and compatibility ideographs), Hiragana, Katakana (and its phonetic extensions, the
# half-width forms), the ideographic iteration marks, Thai, Lao, Myanmar, Khmer: their letters, marks and digits
_BLOCKS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # vertical kana repeat marks
    (0x303B, 0x303C),
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),  # Han extension A
    (0x4E00, 0x9FFF),  # Han
    (0xF900, 0xFAFF),  # Han compatibility
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x3134F),  # Han extensions B-G
)


def _class(blocks: Iterable[tuple[int, int]]) -> str:
    """A regex character class body of the letters, marks and digits in ``blocks`` (their punctuation left out:
    "、", "・", "。" end a run)."""
    out: list[str] = []
    for lo, hi in blocks:
        start = None
        for o in range(lo, hi + 2):
            ok = o <= hi and unicodedata.category(chr(o))[0] in "LMN"
            if ok and start is None:
                start = o
            elif not ok and start is not None:
                out.append(re.escape(chr(start)) + ("" if o - 1 == start else "-" + re.escape(chr(o - 1))))
                start = None
    return "".join(out)


UNSPACED = _class(_BLOCKS)
_ANY = re.compile(f"[{UNSPACED}]")
# the blocks whole, punctuation and all: a class of 15 ranges, searched six times as fast as ``_ANY``'s 121 (14,658
# sentences of French news: 11 against 60 ms, ``words`` of them some 300), so a spaced text is ruled out by it
_BLOCK = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _BLOCKS) + "]")
_RUN = f"[{UNSPACED}]+"
_WORD_CHAR = f"[^\\W{UNSPACED}]"  # a word character of any other script


def has_unspaced(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written without spaces."""
    return not text.isascii() and _BLOCK.search(text) is not None and _ANY.search(text) is not None


def aware(pattern: str) -> re.Pattern[str]:
    """A word ``pattern`` (written with ``\\w``) that reads a run of the unspaced scripts as one match, and the
    pattern's words in the other scripts as before; :func:`expand` then cuts the runs into bigrams."""
    return re.compile(f"{_RUN}|" + pattern.replace(r"\w", _WORD_CHAR))


def bigrams(run: str) -> list[str]:
    """A run's overlapping character bigrams; a run of one character is itself."""
    return [run] if len(run) < 2 else [run[k : k + 2] for k in range(len(run) - 1)]


def expand(found: Iterable[str]) -> list[str]:
    """The words :func:`aware`'s pattern found, each run of the unspaced scripts as its bigrams."""
    out: list[str] = []
    for w in found:
        if w and _ANY.match(w):
            out += bigrams(w)
        else:
            out.append(w)
    return out


def read(plain: re.Pattern[str], unspaced: re.Pattern[str], text: str) -> list[str]:
    """The words of ``text``: ``plain.findall`` where it holds none of the unspaced scripts, else the runs of
    ``unspaced`` (``aware(plain.pattern)``) expanded."""
    if text.isascii() or _BLOCK.search(text) is None or _ANY.search(text) is None:  # ``has_unspaced``, one call less
        return plain.findall(text)
    return expand(unspaced.findall(text))
