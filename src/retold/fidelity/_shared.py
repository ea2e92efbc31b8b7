"""What every fidelity check needs: per-sentence offset maps, word stems, language, stopwords.

Each check works on a sentence's normal text (straight quotes, ASCII dashes) but must report
spans in the original text; :class:`Doc` keeps, per sentence, the map from normal characters back
to original offsets, and caches the per-sentence extractions the checks share.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from retold.fidelity._lexicon import STOP
from retold.fidelity._stems import fold, prefix_key, stem
from retold.model import Article, Match, Span
from retold.text.furniture import blank, closing_start, furniture, furniture_line
from retold.text.markdown import syntax
from retold.text.normalise import ONE_TO_ONE, normalise

# a word: letters and digits, joined by an apostrophe, full stop or hyphen ("don't", "U.S", "1.5"), and a
# comma between digits is part of a number ("1,500", German "2,5"): split there, "1,500" would read as "500"; the
# letters of a currency sign after "$" are a word of their own ("$US3.95": "US", "3.95"), not one with the figure
# (the run of word characters is taken whole, not one character a step: the same words, found twice as fast)
WORD = re.compile(r"(?<=\$)[^\W\d_]+(?=\d)|[^\W_][\w&]*+(?:(?:['.-](?=[^\W_])|(?<=\d),(?=\d))[\w&]*+)*+", re.UNICODE)


class Token(NamedTuple):
    """A word of a sentence's normal text with its normal offsets."""

    text: str
    start: int
    end: int


_token = tuple.__new__  # Token(text, start, end) without the keyword handling of its __new__


@dataclass
class SentView:
    """One sentence: its normal text, and the original offset of every normal character."""

    i: int
    norm: str
    offsets: tuple[int, ...]
    is_title: bool
    paragraph: str = ""  # the paragraph the sentence stands in, as written (for furniture that opens it)
    closing: bool = False  # whether that paragraph is one of the article's last (an author's note stands there)

    def span(self, start: int, end: int) -> Span:
        """Original span of a normal range of this sentence."""
        if end <= start:
            o = self.offsets[min(start, len(self.offsets) - 1)]
            return Span(o, o)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        # WORD.finditer, without a match object per word: a word starts with a letter or digit and none stands
        # between two words, so the next word is where its text next occurs
        out: list[Token] = []
        pos = 0
        find = self.norm.find
        for w in WORD.findall(self.norm):
            pos = find(w, pos)
            out.append(_token(Token, (w, pos, pos + len(w))))
            pos += len(w)
        return tuple(out)

    @cached_property
    def is_furniture(self) -> bool:
        """A staff credit line, a pointer to another piece, a follow-me line, an editor's note, a photo caption:
        no claim, name or number of the story (``retold.text.furniture.LINE_RULES``)."""
        return furniture_line(self.norm, self.paragraph, self.closing) is not None

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(stem(t.text) for t in self.tokens)

    @cached_property
    def content(self) -> tuple[Token, ...]:
        """The sentence's content words (``content_words``): read by the direction's several measures of the same
        sentence (shared stems, quoted words, unmatched words, density), picked out once."""
        return tuple(content_words(self.tokens))

    @cached_property
    def content_stems(self) -> frozenset[str]:
        return frozenset(stem(t.text) for t in self.content)


T = TypeVar("T")


@dataclass
class Doc:
    """An article prepared once for all checks, with lazily computed, shared extractions."""

    article: Article
    cache: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def lang(self) -> str:
        return self.article.language

    @cached_property
    def sents(self) -> tuple[SentView, ...]:
        out = []
        text = self.article.text
        paragraphs: dict[int, str] = {}  # by where each starts: one string for all of a paragraph's sentences
        closing = closing_start(text)
        for s in self.article.sentences:
            start = text.rfind("\n", 0, s.start) + 1
            para = paragraphs.get(start)
            if para is None:
                end = text.find("\n", s.start)
                para = paragraphs[start] = text[start : end if end >= 0 else len(text)]
            if s.text.translate(ONE_TO_ONE) == s.norm:
                # the common case: normalisation changed characters one for one, offsets are the identity
                out.append(SentView(s.i, s.norm, tuple(range(s.start, s.end + 1)), s.is_title, para, start >= closing))
                continue
            n = normalise(s.text, furniture(s.text) or None)  # as ingest read it: furniture left out
            if n.text != s.norm:  # a Markdown file's sentence: its syntax was left out too (link targets, emphasis)
                md = normalise(s.text, sorted(furniture(s.text) + syntax(s.text)) or None)
                n = md if md.text == s.norm else n
            out.append(SentView(s.i, n.text, tuple(s.start + o for o in n.offsets), s.is_title, para, start >= closing))
        return tuple(out)

    def text(self, span: Span) -> str:
        return self.article.text[span.start : span.end]

    @cached_property
    def body(self) -> str:
        """The article text with page furniture blanked out (NUL, inert to every pattern), offsets unchanged:
        for the checks that read the whole text at once (quotes can run across sentences)."""
        return blank(self.article.text)

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset().union(*(s.stems for s in self.sents))

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(prefix_key(x) for x in self.stems)

    def stems_of(self, idx: Iterable[int]) -> set[str]:
        out: set[str] = set()
        for i in idx:
            out |= self.sents[i].stems
        return out

    def per_sentence(
        self, name: str, extract: Callable[[Doc, SentView], list[T]], idx: Iterable[int] | None = None
    ) -> list[T]:
        """What ``extract`` finds in some sentences (all when ``idx`` is None), each sentence's answer kept
        under ``name``: every check asks for the same sentences' names, numbers and credits again."""
        out: list[T] = []
        got: dict[int, list[T]] = self.cache.setdefault(f"per_sentence:{name}", {})
        for i in range(len(self.sents)) if idx is None else idx:
            hit = got.get(i)
            if hit is None:
                hit = got[i] = extract(self, self.sents[i])
            out.extend(hit)
        return out

    def region(self, idx: Sequence[int]) -> Span:
        """The original span covering some sentences."""
        ss = [self.article.sentences[i] for i in idx]
        return Span(min(s.start for s in ss), max(s.end for s in ss))


_DOCS: dict[int, Doc] = {}
INDEXES = "entities:indexes"  # the cache entry holding a document's name indexes (``entities.index._index``)
_DOCS_LOCK = threading.Lock()  # the web app compares in several threads at once


def doc_for(article: Article) -> Doc:
    """The prepared document of an article, reused while the same article object is being compared."""
    d = _DOCS.get(id(article))
    if d is None or d.article is not article:
        d = Doc(article)
        with _DOCS_LOCK:
            while len(_DOCS) >= 16:
                # a name index points back at its document (``entities.index._Index``): let go of the indexes, so
                # the document goes when its last user does, not at the next full collection (a scan worker's
                # full collections, walking such garbage, took 0.66 of its 9 s CPU; without it 0.35)
                _DOCS.pop(next(iter(_DOCS))).cache.pop(INDEXES, None)
            _DOCS[id(article)] = d
    return d


def content_words(tokens: Iterable[Token]) -> list[Token]:
    """Words that carry content: no stopwords, no -ly adverbs, at least three letters or a digit."""
    out = []
    for t in tokens:
        low = t.text.lower()
        if low in STOP or (len(low) < 3 and not any(c.isdigit() for c in low)):
            continue
        if low.endswith("ly") and len(low) > 5 and low.isalpha():
            continue
        out.append(t)
    return out


def has(stems: set[str] | frozenset[str], prefixes: set[str] | frozenset[str], word: str, short: bool = False) -> bool:
    """Whether a word's family occurs among some stems: the same stem or the same five-letter start; with
    ``short``, also a short name plus an ending ("Iraq" / "Iraqi")."""
    s = stem(word)
    if s in stems or (len(s) >= 6 and prefix_key(s) in prefixes):
        return True
    if short and 4 <= len(s) <= 5 and s.isalpha():
        return any(
            (x.startswith(s) and len(x) - len(s) <= 3) or (s.startswith(x) and len(s) - len(x) <= 2 and len(x) >= 4)
            for x in stems
            if x[:1] == s[:1]
        )
    return False


def sentence_of(article: Article, span: Span | None) -> int | None:
    """The sentence a flag's span starts in (None without a span): which match a flag was read from."""
    if span is None:
        return None
    return next((s.i for s in article.sentences if s.start <= span.start < s.end), None)


def valid_matches(a: Article, b: Article, matches: Sequence[Match]) -> list[Match]:
    """Matches whose indices exist on both sides (the rest cannot be shown, so they are skipped)."""
    na, nb = len(a.sentences), len(b.sentences)
    return [m for m in matches if m.a and m.b and all(0 <= i < na for i in m.a) and all(0 <= j < nb for j in m.b)]


# the document model, and (for the modules that import them from here) the word keys of ``_stems``
__all__ = [
    "WORD",
    "Doc",
    "SentView",
    "Token",
    "content_words",
    "doc_for",
    "fold",
    "has",
    "prefix_key",
    "sentence_of",
    "stem",
    "valid_matches",
]
