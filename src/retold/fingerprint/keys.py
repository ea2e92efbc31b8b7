"""Exact keys: whole sentences, quoted words and the numbers a sentence states.

A verbatim sentence is found by its key even when it is the only thing two articles share; a
quotation or a set of figures survives paraphrase around it, so those get keys of their own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from retold.fingerprint.shingles import tokens
from retold.model import Article

KIND_SENTENCE = 0
KIND_QUOTE = 1
KIND_NUMBERS = 2
MIN_SENTENCE_WORDS = 4
MIN_QUOTE_WORDS = 5
MIN_NUMBERS = 2

_QUOTE = re.compile(r'"([^"]{10,600})"')
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%|\s?percent\b)?")


@dataclass(frozen=True)
class ExactKey:
    """One key of one sentence: ``kind`` is sentence, quote or numbers."""

    key: int
    sentence: int
    kind: int


# one hasher per kind, keyed once: each key starts from a copy of its kind's (what BLAKE2b gives for the same
# ``person`` made anew, in a third less time)
_HASHERS = {
    kind: hashlib.blake2b(digest_size=8, person=b"retold-key-%d" % kind)
    for kind in (KIND_SENTENCE, KIND_QUOTE, KIND_NUMBERS)
}
_DIGIT = re.compile(r"\d")


def _key(words: Sequence[str], kind: int) -> int:
    h = _HASHERS[kind].copy()
    h.update("\x1f".join(words).encode("utf-8", "surrogatepass"))
    return int.from_bytes(h.digest(), "little") >> 1  # non-negative: fits a SQLite INTEGER


def sentence_key(norm: str) -> int | None:
    """The key of a sentence's words (case and punctuation ignored), or None when it is too short."""
    return words_key(tokens(norm))


def words_key(words: Sequence[str]) -> int | None:
    """``sentence_key`` of a sentence whose ``tokens`` the caller has read."""
    return _key(words, KIND_SENTENCE) if len(words) >= MIN_SENTENCE_WORDS else None


def numbers(norm: str) -> list[str]:
    """Distinct numbers in sentence order, thousands separators dropped (``1,100`` = ``1100``), ``%`` kept."""
    if _DIGIT.search(norm) is None:  # most sentences: the number pattern's look-behind is slow to rule them out
        return []
    seen: dict[str, None] = {}
    for whole, fraction, percent in _NUMBER.findall(norm):
        seen.setdefault(whole.replace(",", "") + (f".{fraction}" if fraction else "") + ("%" if percent else ""))
    return list(seen)


def key_rows(article: Article, read: Sequence[Sequence[str]] | None = None) -> list[tuple[int, int, int]]:
    """All exact keys of an article as ``(key, sentence, kind)``, deduplicated per sentence: what the store
    writes, without an object per key. ``read``: each sentence's ``tokens`` when the caller has read them."""
    out: dict[tuple[int, int], int] = {}
    for j, s in enumerate(article.sentences):
        norm = s.norm
        k = words_key(tokens(norm) if read is None else read[j])
        if k is not None:
            out[(k, s.i)] = KIND_SENTENCE
        if norm.count('"') >= 2:
            for quoted in _QUOTE.findall(norm):
                words = tokens(quoted)
                if len(words) >= MIN_QUOTE_WORDS:
                    out[(_key(words, KIND_QUOTE), s.i)] = KIND_QUOTE
        nums = numbers(norm)
        if len(nums) >= MIN_NUMBERS:
            out[(_key(sorted(nums), KIND_NUMBERS), s.i)] = KIND_NUMBERS
    return [(k, i, kind) for (k, i), kind in out.items()]


def exact_keys(article: Article) -> list[ExactKey]:
    """All exact keys of an article, deduplicated per sentence."""
    return [ExactKey(k, i, kind) for k, i, kind in key_rows(article)]
