"""Each sentence's content terms and comparable words, read once for every pair an article is in.

A scan worker meets an article in several candidate pairs (10,000 real articles: 4,744 pairs, 9,488 sides of 3,941
articles a worker): the article's words are read the first time and kept as an incidence of term ids
(:class:`ArticleTerms`), so its next pair only joins two incidences. The article is read in one pass over its
sentences joined (``normalise.joined_words``), each word's term id looked up once a word (``_WORD_IDS``), and the
term sets of its sentences are made only when the alignment asks for them (:class:`SentenceTerms`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import overload

import numpy as np

from retold.text.normalise import CUT, joined_words, words
from retold.text.stopwords import STOP_EN

# The English stopwords but those the alignment keeps as content terms, and the words that report a statement
# ("said", "according to": a retelling moves or drops a credit, the statement stays the same). The whole list,
# measured (lexical): clough 4-class +6 points, but PAN13 plagdet -0.15 and, on 752 real pairs (rule_real_data's
# sets), 58 flags more and 15 fewer on topic-only matches; so these stay content terms here.
_KEPT = frozenset(
    """above although am among another around below doing done down either even ever every few having hers
    herself him himself however itself least less let like made make many much myself neither nor now one
    others ours ourselves per rather several since theirs themselves though thus toward towards upon us via
    whatever within without yet yours yourself""".split()
)
_STOP = (STOP_EN - _KEPT) | {"according", "it's", "said", "say", "says", "tell", "told"}
_NUM = re.compile(r"\d")
# sentences whose words ``sentence_words`` keeps (about 2 KB each): the last 300 or so articles a scan worker met
SENTENCES_KEPT = 8192


def content_terms(text: str) -> frozenset[str]:
    """The words that carry content (no stop words, numbers kept), cut to their first six letters: a prefix, not
    fidelity's stemmer, since it keeps word families together across English and German ('politics' /
    'political'; the stemmer was measured in its place and lost WMT19 alignment, session 29)."""
    return _content_terms(words(text))


def _content_terms(ws: Iterable[str]) -> frozenset[str]:
    return frozenset(filter(None, map(_TERM_OF.__getitem__, ws)))


class _TermOf(dict[str, str]):
    """Word -> its content term, "" for a word that is none: read in C by ``map(_TERM_OF.__getitem__, words)``
    (emptied when it holds ``WORDS_KEPT`` words)."""

    def __missing__(self, w: str) -> str:
        if len(self) >= WORDS_KEPT:
            self.clear()
        t = self[w] = w[:6] if w not in _STOP and (len(w) > 1 or _NUM.search(w)) else ""
        return t


@lru_cache(maxsize=SENTENCES_KEPT)
def sentence_words(text: str) -> tuple[frozenset[str], str]:
    """A text's content terms (``content_terms``) and its comparable words (``words`` joined by spaces), kept for
    the next pair: a group of sentences is labelled by them (``paraphrase.paired_rows``)."""
    c = _COMPARABLE.get(text)
    if c is None:
        ws = words(text)
        return _content_terms(ws), " ".join(ws)
    return _content_terms(c.split(" ")) if c else frozenset(), c


# sentence text -> its comparable words, as the articles read last gave them (``_article_terms``): most groups a pair
# labels are one sentence, whose words ``sentence_words`` then need not read again, nor ``passage`` its running text
_COMPARABLE: dict[str, str] = {}


def comparable_words(texts: Sequence[str]) -> list[str] | None:
    """Each text's comparable words (``sentence_words``) as an article read last gave them; None when one of the texts
    was not read (or no longer kept)."""
    got = list(map(_COMPARABLE.get, texts))
    return None if None in got else got  # type: ignore[return-value]


# articles whose sentences' term ids a scan worker keeps (``article_terms``, some 10 KB each), the distinct terms given
# ids before the ids start over (the 10,000-article scan's worker met some 60,000), and the words whose term id is
# kept (``_TERM_OF``, ``_WORD_IDS``: some 90 bytes a word each)
ARTICLES_KEPT = 512
VOCAB_KEPT = 1 << 19
WORDS_KEPT = 1 << 16


class _Vocab(dict[str, int]):
    """Term -> id, for every article this process read since the ids last started over: consecutive from 0."""

    def __missing__(self, term: str) -> int:
        k = self[term] = len(self)
        return k


class _WordIds(dict[str, int]):
    """Word -> its content term's id (``_VOCAB``), -1 for a word that is no content term, -2 for ``CUT``: read in C by
    ``map(_WORD_IDS.__getitem__, words)`` (emptied when it holds ``WORDS_KEPT`` words; the ids stay)."""

    def __missing__(self, w: str) -> int:
        if len(self) >= WORDS_KEPT:
            self.clear()
        t = _TERM_OF[w]
        k = self[w] = -2 if w == CUT else _VOCAB[t] if t else -1
        return k


_TERM_OF = _TermOf()
_VOCAB = _Vocab()
_WORD_IDS = _WordIds()


def keep_vocabulary(n: int) -> None:
    """Start the term ids over once more than ``n`` terms hold one, not ``VOCAB_KEPT`` (at the next pair when more
    hold one now). A scan's verifying worker keeps 65,536 (``jobs.bound_caches``): the 10,000-article scan's met some
    37,000, the 100,000 one's (ciphered fillers) 101,691 in half its pairs, 11.7 MiB."""
    global VOCAB_KEPT
    VOCAB_KEPT = n


# the web app compares in several threads: a pair's two sides take their ids with no start-over between them
_VOCAB_LOCK = threading.Lock()


class SentenceTerms(Sequence[frozenset[str]]):
    """Each sentence's content terms, made from its comparable words the first time they are asked for: a pair's
    alignment asks for those of the few sentences a join would add, the incidence holds the rest as ids. Equal
    to the tuple of them."""

    def __init__(self, comparable: tuple[str, ...], index: np.ndarray | None) -> None:
        self._comparable = comparable
        self._index: list[int] | None = None if index is None else index.tolist()
        self._made: list[frozenset[str] | None] = [None] * len(comparable)

    def __len__(self) -> int:
        return len(self._comparable) if self._index is None else len(self._index)

    @overload
    def __getitem__(self, k: int) -> frozenset[str]: ...

    @overload
    def __getitem__(self, k: slice) -> tuple[frozenset[str], ...]: ...

    def __getitem__(self, k: int | slice) -> frozenset[str] | tuple[frozenset[str], ...]:
        if isinstance(k, slice):
            return tuple(map(self.__getitem__, range(*k.indices(len(self)))))
        row = k if self._index is None else self._index[k]
        got = self._made[row]
        if got is None:  # two threads may both make it: the same set
            c = self._comparable[row]
            got = self._made[row] = _content_terms(c.split(" ")) if c else frozenset()
        return got

    def __iter__(self) -> Iterator[frozenset[str]]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ArticleTerms:
    """One article's sentences as ``features.links`` reads them, made once for every pair the article is in: the
    incidence of its distinct sentence texts (rows) and its terms (ids of ``_VOCAB``), sorted by term id."""

    index: np.ndarray | None  # each sentence's row (None: one row per sentence, in order)
    terms: Sequence[frozenset[str]]  # each sentence's content terms
    comparable: tuple[str, ...]  # each row's comparable words
    rows: np.ndarray
    ids: np.ndarray
    sizes: np.ndarray  # terms per row


def both_terms(a_texts: Sequence[str], b_texts: Sequence[str]) -> tuple[ArticleTerms, ArticleTerms]:
    """The :func:`article_terms` of a pair's two sides, their ids from one vocabulary: the ids start over first when
    there are too many, never between the two sides (a kept article's old ids are let go with them)."""
    with _VOCAB_LOCK:
        if len(_VOCAB) > VOCAB_KEPT:
            _VOCAB.clear()
            _WORD_IDS.clear()
            _article_terms.cache_clear()
        return article_terms(a_texts), article_terms(b_texts)


def article_terms(texts: Sequence[str]) -> ArticleTerms:
    """The :class:`ArticleTerms` of an article's sentence texts, kept for the article's next pair. The ids are those
    of the articles read since the ids last started over (:func:`both_terms` starts them over between two pairs)."""
    return _article_terms(tuple(texts))


@lru_cache(maxsize=ARTICLES_KEPT)
def _article_terms(texts: tuple[str, ...]) -> ArticleTerms:
    first = tuple(dict.fromkeys(texts))
    index = None
    if len(first) < len(texts):  # a sentence repeated: its words are counted once
        row = {t: k for k, t in enumerate(first)}
        index = np.fromiter(map(row.__getitem__, texts), dtype=np.intp, count=len(texts))
    ws = joined_words(first) if first else None
    if ws is None:
        return _read_each(first, index)
    comparable = tuple(c.strip(" ") for c in " ".join(ws).split(CUT))
    if len(_COMPARABLE) > SENTENCES_KEPT:
        _COMPARABLE.clear()
    _COMPARABLE.update(zip(first, comparable, strict=True))
    ids = np.fromiter(map(_WORD_IDS.__getitem__, ws), dtype=np.int64, count=len(ws))
    rows = np.cumsum(ids == -2)
    term = ids >= 0
    n = len(first)
    keys = sorted_unique(ids[term] * n + rows[term])  # each (term, row) once, sorted by term, then row
    rows, ids = keys % n, keys // n
    return ArticleTerms(index, SentenceTerms(comparable, index), comparable, rows, ids, np.bincount(rows, minlength=n))


def _read_each(first: tuple[str, ...], index: np.ndarray | None) -> ArticleTerms:
    """:func:`_article_terms` of the distinct texts ``first``, a text at a time (``sentence_words``)."""
    read = list(map(sentence_words, first))
    sets = [t for t, _ in read]
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    ids = np.fromiter(map(_VOCAB.__getitem__, chain.from_iterable(sets)), np.int64, int(sizes.sum()))
    rows = np.repeat(np.arange(len(sets), dtype=np.int64), sizes)
    order = np.argsort(ids, kind="stable")
    terms = tuple(sets) if index is None else tuple(sets[k] for k in index)
    return ArticleTerms(index, terms, tuple(c for _, c in read), rows[order], ids[order], sizes)


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` for a 1-d integer array by one sort (numpy 2's hashing ``unique`` took 2-4x as long on the
    few thousand codes of an article pair)."""
    s = np.sort(x)
    keep = np.empty(len(s), dtype=bool)
    keep[:1] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    out: np.ndarray = s[keep]
    return out
