"""Exact keys: whole sentences, quoted words and the numbers a sentence states.

A verbatim sentence is found by its key even when it is the only thing two articles share; a
quotation or a set of figures survives paraphrase around it, so those get keys of their own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from retold.fingerprint.shingles import GAP, SEP, Read, joined, read_batch, read_tokens, tokens
from retold.model import Article

KIND_SENTENCE = 0
KIND_QUOTE = 1
KIND_NUMBERS = 2
MIN_SENTENCE_WORDS = 4
MIN_QUOTE_WORDS = 5
MIN_NUMBERS = 2

_QUOTE = re.compile(r'"([^"]{10,600})"')
# a number not read on from a word, a decimal point or a comma: ``(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)`` and the
# rest, written with the first digit ahead of the look-behind (which then reads it too) so the regex engine skips to
# a digit before trying a match; the same matches, in 0.14 s instead of 0.36 for the 65,099 sentences with a digit of
# 10,000 news articles
_NUMBER = re.compile(r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?:\.(\d+))?(\s?%|\s?percent\b)?")


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
_GAP_BYTES = GAP.encode()


def _key(words: Sequence[str], kind: int) -> int:
    h = _HASHERS[kind].copy()
    h.update(GAP.join(words).encode("utf-8", "surrogatepass"))
    return int.from_bytes(h.digest(), "little") >> 1  # non-negative: fits a SQLite INTEGER


def sentence_key(norm: str) -> int | None:
    """The key of a sentence's words (case and punctuation ignored), or None when it is too short."""
    return words_key(tokens(norm))


def words_key(words: Sequence[str]) -> int | None:
    """``sentence_key`` of a sentence whose ``tokens`` the caller has read."""
    return _key(words, KIND_SENTENCE) if len(words) >= MIN_SENTENCE_WORDS else None


def numbers(norm: str) -> list[str]:
    """Distinct numbers in sentence order, thousands separators dropped (``1,100`` = ``1100``), ``%`` kept."""
    if _DIGIT.search(norm) is None:  # most sentences: a search for one digit rules them out sooner
        return []
    seen: dict[str, None] = {}
    for whole, fraction, percent in _NUMBER.findall(norm):
        seen.setdefault(whole.replace(",", "") + (f".{fraction}" if fraction else "") + ("%" if percent else ""))
    return list(seen)


# every ASCII character but the digits, the quotation mark and SEP, deleted: what is left of an ASCII article's joined
# sentences says which hold a quotation or a digit in one pass, not a count and a regular-expression search a sentence
_MARKS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not (chr(c).isdigit() or chr(c) in '"' + SEP)))


def _to_read(norms: Sequence[str]) -> list[tuple[int, bool, bool]]:
    """``(sentence, quoted, digits)`` of each sentence holding two quotation marks (``quoted``) or a digit."""
    text = joined(norms)
    if text is not None and text.isascii():
        out = []
        for j, marks in enumerate(text.translate(_MARKS).split(SEP)):
            if marks:
                quotes = marks.count('"')
                if quotes >= 2 or len(marks) > quotes:
                    out.append((j, quotes >= 2, len(marks) > quotes))
        return out
    found = [(j, norm.count('"') >= 2, _DIGIT.search(norm) is not None) for j, norm in enumerate(norms)]
    return [(j, quoted, digits) for j, quoted, digits in found if quoted or digits]


def key_rows(article: Article) -> list[tuple[int, int, int]]:
    """All exact keys of an article as ``(key, sentence, kind)``, deduplicated per sentence: what the store
    writes, without an object per key."""
    norms = [s.norm for s in article.sentences]
    rows = read_key_rows(read_batch([norms]), [norms], [[s.i for s in article.sentences]])[0]
    return [(k, i, kind) for k, i, kind in rows.tolist()]


def read_key_rows(
    read: Read, norms_of: Sequence[Sequence[str]], numbers_of: Sequence[Sequence[int]]
) -> list[np.ndarray]:
    """``key_rows`` of each article of a batch ``read`` (``shingles.read_batch`` of ``norms_of``, each sentence
    numbered as ``numbers_of`` says), as rows of an int64 array: each sentence's sentence key, quote keys and numbers
    key in turn. The sentence keys are hashed from the words the batch joined; only quotes and numbers are looked for
    sentence by sentence, in the sentences holding a quotation mark or a digit."""
    long = np.flatnonzero(read.counts >= MIN_SENTENCE_WORDS)
    hasher, joined = _HASHERS[KIND_SENTENCE], read.joined
    digests = []
    for j in long.tolist():
        h = hasher.copy()
        h.update(joined[j].strip(_GAP_BYTES))
        digests.append(h.digest())
    found = (np.frombuffer(b"".join(digests), dtype="<u8") >> np.uint64(1)).astype(np.int64)
    places: list[int] = []  # 4 * the batch's sentence + kind, of each quote and numbers key
    extra: list[int] = []
    first = 0
    for norms in norms_of:
        for j, quoted, digits in _to_read(norms):
            norm = norms[j]
            if quoted:
                seen = set()
                for quote in _QUOTE.findall(norm):
                    words = read_tokens(quote)
                    if len(words) >= MIN_QUOTE_WORDS:
                        k = _key(words, KIND_QUOTE)
                        if k not in seen:
                            seen.add(k)
                            places.append(4 * (first + j) + KIND_QUOTE)
                            extra.append(k)
            if digits:
                nums = numbers(norm)
                if len(nums) >= MIN_NUMBERS:
                    places.append(4 * (first + j) + KIND_NUMBERS)
                    extra.append(_key(sorted(nums), KIND_NUMBERS))
        first += len(norms)
    place = np.concatenate([4 * long + KIND_SENTENCE, np.asarray(places, dtype=np.int64)])
    order = np.argsort(place, kind="stable")
    place = place[order]
    sentence = place >> 2
    numbered = np.fromiter(chain.from_iterable(numbers_of), dtype=np.int64, count=first)
    keys = np.concatenate([found, np.asarray(extra, dtype=np.int64)])[order]
    rows = np.stack([keys, numbered[sentence], place & 3], axis=1)
    cut = np.searchsorted(sentence, np.concatenate([[0], np.cumsum(read.sentences)]))
    return [rows[cut[a] : cut[a + 1]] for a in range(len(norms_of))]


def exact_keys(article: Article) -> list[ExactKey]:
    """All exact keys of an article, deduplicated per sentence."""
    return [ExactKey(k, i, kind) for k, i, kind in key_rows(article)]
