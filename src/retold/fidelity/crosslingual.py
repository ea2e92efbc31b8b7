"""The fidelity checks read across languages: keep what survives translation, drop what word matching invents.

Numbers (compared after each side's own locale: ``1.500`` in German is ``1,500`` in English, ``35 Mrd.`` is
``35 billion``) and credits (German credit phrases live in ``attribution``) carry across languages. Word-level
reads do not: a quote rendered in German shares no words with its English original, "Gewerkschaft" is
"Union", and a clause's content words are all "new". Within a match across languages (a ``translation``, or
one just under its bound read as ``related`` or ``paraphrase``) these are dropped:

* ``quote_*`` when both sides of the match hold a quote: a translated quote is compared by meaning, and the
  match's multilingual cosine already says the meaning is kept (a quote only one side has is still flagged);
* ``claim_added`` inside the match (its content words cannot be found across languages; a whole added
  sentence is still flagged);
* ``number_*`` for numbers written as words ("two-week" / "zweiwöchigen"); digits are still compared;
* ``entity_*`` when a word of the name, or of the capitalised run it is part of ("Union" in "Harben Port
  Workers' Union"), appears in the other article, in any script or spelling (transliterated by anyascii,
  folded by ``FOLDS``, then equal or close: "Рютте" ~ "Rutte", "Киеве" ~ "Kiew" ~ "Kyiv"): the name was
  translated around its proper part; and a one-word name that opens a sentence (any capitalised word,
  "Port authority ...");
* ``attribution_*`` when the other article names the credited source anywhere, read the same way and through
  ``EXONYMS`` (Reuters is "Рейтер" in Russian; inflected words too, "Мюнхеном"): a credit translated
  ("Reuters reported" ~ "сообщает Рейтер") is neither dropped nor changed; a credit to another source still is.

Each language writes a foreign name by its own conventions: German "Kiew", "Wolodymyr Selenskyj", English
"Kyiv", "Volodymyr Zelensky", Russian "Киев" (anyascii: "Kiev"). ``FOLDS`` are those conventions, each
named with the spellings it joins; both sides are folded alike, so a fold never tells two names apart that
were the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from retold.fidelity import analyse as analyse_same_language
from retold.fidelity import attribution
from retold.fidelity._lexicon import exonym
from retold.fidelity._shared import sentence_of
from retold.fidelity._stems import latin
from retold.model import Article, Flag, Match, Span

_QUOTE = re.compile(r"[\"“”„«»]")
_DIGIT = re.compile(r"\d")
_CAP_RUN = re.compile(r"[A-ZÀ-ÞА-ЯЁЄІЇ][\w'’.-]*(?:\s+(?:of|for|de|der|des|von|la|le|du)?\s*[A-ZÀ-ÞА-ЯЁЄІЇ][\w'’.-]*)*")
_WORD = re.compile(r"[^\W\d_]{3,}")
# rapidfuzz ratio (0-100) from which two transliterated, folded words are one name: "riute"/"rute" 89
_NAME_SIMILARITY = 80


class Fold(NamedTuple):
    """One spelling convention that differs between languages: ``pattern`` is written ``to``; ``joins`` are two
    spellings of one name it makes equal or close (and that are neither without it). A fold for every word
    applies to both sides alike; one ``cyrillic`` only adds a second reading of a word written in Cyrillic."""

    name: str
    pattern: re.Pattern[str]
    to: str
    joins: tuple[str, str]
    cyrillic: bool = False


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# in this order, on lower-case Latin letters (after anyascii)
FOLDS = (
    # Cyrillic writes a foreign h as Х or Г, which also stand for kh and g ("Хрущёв", "Горбачёв"): both readings
    Fold("kh_may_be_h", re.compile("kh"), "h", ("Харбене", "Harben"), cyrillic=True),
    Fold("g_may_be_h", re.compile("g"), "h", ("Гарбені", "Harben"), cyrillic=True),
    Fold("w_is_v", re.compile("w"), "v", ("Wolodymyr", "Volodymyr")),  # German w for Slavic and English v
    Fold("initial_ch_is_kh", re.compile("^ch"), "kh", ("Charkiw", "Kharkiv")),  # German ch for Slavic kh (Cherson)
    Fold("initial_c_is_k", re.compile("^c(?=[aou])"), "k", ("Commission", "Kommission")),  # German k: Kanada, Kuba
    Fold("y_j_are_i", re.compile("[yj]"), "i", ("Kyjiw", "Kiew")),  # y, j, i for the same vowel or glide
    Fold("z_is_s", re.compile("z"), "s", ("Selenskyj", "Zelensky")),  # German s for the voiced z
    Fold("eu_is_ev", re.compile("eu"), "ev", ("European", "европейскими")),  # Greek eu read ev in Slavic
    Fold("initial_ye_is_e", re.compile("^ie"), "e", ("Європа", "Europa")),  # Ukrainian Є (anyascii "Ie") opening a word
    Fold("ie_is_i", re.compile("ie"), "i", ("Киеве", "Kyiv")),  # a long i written ie
    Fold("one_of_a_double", re.compile(r"(.)\1+"), r"\1", ("Києві", "Kiew")),  # Kiiv, Rutte, Merkell
)


def _has_quote(article: Article, idx: Sequence[int]) -> bool:
    return any(len(_QUOTE.findall(article.sentences[i].text)) >= 2 for i in idx)


@lru_cache(maxsize=1 << 16)
def _latin(word: str, folds: tuple[Fold, ...] = FOLDS) -> frozenset[str]:
    """A word's readings in Latin letters, lower-cased and folded: "Рютте" -> {"riute"}, "Zürich" -> {"surich"},
    "Гамбург" -> {"hamburh", "gamburg"} (anyascii transliterates, then each of ``folds``). Cached: every flag
    read across languages looks up every word of the other article."""
    base = re.sub(r"[^a-z0-9]", "", latin(word.replace("'s", "").replace("’s", "")).casefold())
    readings = [base, _folded(base, [f for f in folds if f.cyrillic])] if _CYRILLIC.search(word) else [base]
    name = exonym(word)
    if name:
        readings.append(name)
    return frozenset(_folded(x, [f for f in folds if not f.cyrillic]) for x in readings)


def _folded(x: str, folds: Sequence[Fold]) -> str:
    for f in folds:
        x = f.pattern.sub(f.to, x)
    return x


def same_name(x: str, y: str, folds: Sequence[Fold] = FOLDS) -> bool:
    """Whether two words, in any scripts, spell one name (what ``keep`` asks of a name's words)."""
    ys = _latin(y, tuple(folds))
    return any(_same_name(v, set(ys)) for v in _latin(x, tuple(folds)))


def _same_name(x: str, others: set[str]) -> bool:
    """The same name across scripts and spellings: equal once transliterated, or close (Riutte ~ Rutte)."""
    if x in others:
        return True
    # or an inflected or derived form sharing the first six letters: "ukrainian" ~ "ukrainskimi"
    return any(
        (o[:1] == x[:1] and abs(len(o) - len(x)) <= 2 and fuzz.ratio(x, o) >= _NAME_SIMILARITY)
        or (len(x) >= 6 and o.startswith(x[:6]))
        for o in others
    )


def _readings(article: Article) -> set[str]:
    """Every reading of every word of an article: what a name from the other article is looked up in."""
    return {v for w in _WORD.findall(article.text) for v in _latin(w)}


def _named_elsewhere(own: Article, span: Span, other: Article) -> bool:
    """Whether a word of the name (or of the capitalised run around it) appears in the other article, in
    any script or spelling."""
    words = set(_WORD.findall(own.text[span.start : span.end]))
    for m in _CAP_RUN.finditer(own.text, max(0, span.start - 80), min(len(own.text), span.end + 80)):
        if m.start() <= span.start and span.end <= m.end():
            words |= set(_WORD.findall(m.group()))
    other_words = _readings(other)
    return any(_same_name(v, other_words) for w in words if w[:1].isupper() for v in _latin(w))


def _opens_sentence(article: Article, span: Span) -> bool:
    """A one-word "name" that opens a sentence ("Port authority chief ...") may be any capitalised word."""
    text = article.text[span.start : span.end]
    return " " not in text.strip() and any(s.start == span.start for s in article.sentences)


def keep(flag: Flag, a: Article, b: Article, matches: Sequence[Match]) -> bool:
    """Whether a flag read from A to B still means something when B is A in another language."""
    ia, ib = sentence_of(a, flag.a), sentence_of(b, flag.b)
    match = next((m for m in matches if (ia is not None and ia in m.a) or (ib is not None and ib in m.b)), None)
    if match is None:  # an unmatched sentence: its flags (an added claim, a dropped quote) stand
        return True
    kind = flag.kind
    if kind.startswith("quote_"):
        return not (_has_quote(a, match.a) and _has_quote(b, match.b))
    if kind == "claim_added":
        return False
    if kind in ("number_dropped", "number_added"):
        return bool(_DIGIT.search(flag.a_text or flag.b_text or ""))
    if kind in ("entity_dropped", "entity_changed") and flag.a is not None:
        return not _named_elsewhere(a, flag.a, b) and not _opens_sentence(a, flag.a)
    if kind == "entity_added" and flag.b is not None:
        return not _named_elsewhere(b, flag.b, a) and not _opens_sentence(b, flag.b)
    if kind == "attribution_changed":
        return not _same_credit(flag.a_text or "", flag.b_text or "")
    if kind == "attribution_dropped":
        return not _credited_in(flag.a_text or "", b)
    if kind == "attribution_added":
        return not _credited_in(flag.b_text or "", a)
    return True


def _credited(credit: str) -> set[str]:
    """The readings of the name a credit phrase gives ("сообщает агентство Рейтер" -> reuters, reiter)."""
    names = [n for _s, _e, n, kind, _ns in attribution.extract(credit) if kind != "city"] or [credit]
    return {v for n in names for w in _WORD.findall(n) if w[:1].isupper() or w.isupper() for v in _latin(w)}


def _same_credit(x: str, y: str) -> bool:
    """Two credit phrases in two languages that credit one source ("Reuters reported" ~ "сообщает Рейтер")."""
    ys = _credited(y)
    return any(_same_name(v, ys) for v in _credited(x))


def _credited_in(credit: str, other: Article) -> bool:
    """Whether the other article names the credited source anywhere, in any script, spelling or exonym: the
    credit was translated or moved, as ``attribution.named_elsewhere`` reads it within one language."""
    other_words = _readings(other)
    return any(_same_name(v, other_words) for v in _credited(credit))


def analyse(
    a: Article, b: Article, matches: Sequence[Match], only_in_a: Sequence[int], only_in_b: Sequence[int]
) -> list[Flag]:
    """``fidelity.analyse`` for two articles in different languages (same signature, for ``from_source``)."""
    return [f for f in analyse_same_language(a, b, matches, only_in_a, only_in_b) if keep(f, a, b, matches)]
