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


def _key(words: Sequence[str], kind: int) -> int:
    h = hashlib.blake2b(digest_size=8, person=b"retold-key-%d" % kind)
    h.update("\x1f".join(words).encode("utf-8", "surrogatepass"))
    return int.from_bytes(h.digest(), "little") >> 1  # non-negative: fits a SQLite INTEGER


def sentence_key(norm: str) -> int | None:
    """The key of a sentence's words (case and punctuation ignored), or None when it is too short."""
    words = tokens(norm)
    return _key(words, KIND_SENTENCE) if len(words) >= MIN_SENTENCE_WORDS else None


def numbers(norm: str) -> list[str]:
    """Distinct numbers in sentence order, thousands separators dropped (``1,100`` = ``1100``), ``%`` kept."""
    seen: dict[str, None] = {}
    for m in _NUMBER.finditer(norm):
        value = m.group(1).replace(",", "") + (f".{m.group(2)}" if m.group(2) else "")
        seen.setdefault(value + ("%" if m.group(3) else ""), None)
    return list(seen)


def exact_keys(article: Article) -> list[ExactKey]:
    """All exact keys of an article, deduplicated per sentence."""
    out: dict[tuple[int, int], ExactKey] = {}
    for s in article.sentences:
        k = sentence_key(s.norm)
        if k is not None:
            out[(k, s.i)] = ExactKey(k, s.i, KIND_SENTENCE)
        for q in _QUOTE.finditer(s.norm):
            words = tokens(q.group(1))
            if len(words) >= MIN_QUOTE_WORDS:
                qk = _key(words, KIND_QUOTE)
                out[(qk, s.i)] = ExactKey(qk, s.i, KIND_QUOTE)
        nums = numbers(s.norm)
        if len(nums) >= MIN_NUMBERS:
            nk = _key(sorted(nums), KIND_NUMBERS)
            out[(nk, s.i)] = ExactKey(nk, s.i, KIND_NUMBERS)
    return list(out.values())
