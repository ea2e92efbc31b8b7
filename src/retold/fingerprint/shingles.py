"""Words, stable 64-bit hashes and word 5-gram shingles.

Python's ``hash`` is salted per process, so every hash that reaches the store is derived from
BLAKE2b (words) and a fixed 64-bit mixer (n-grams): a store written today is read the same way
tomorrow.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import numpy as np

from retold.fingerprint.bytewords import GAP_BYTE, SEP_BYTE, PackedHashes, one_byte, read_bytes
from retold.model import Article
from retold.text.normalise import CUT, joined_apart
from retold.text.unspaced import aware, read

SHINGLE = 5
_WORD = re.compile(r"\w+")
_WORD_UNSPACED = aware(_WORD.pattern)  # a run of Chinese, Japanese, Thai... read as its bigrams
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
# odd multipliers, one per position in an n-gram, so "a b" and "b a" differ
_POS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)


# a batch of 256 news articles is about 9,000 sentences, asked for in two passes: 16,384 keeps the hits of
# 65,536 (as fast on 3,000 articles) and holds about 25 MB instead of about 100 in every process that reads
def read_tokens(norm: str) -> tuple[str, ...]:
    """``tokens`` without the cache: for a caller that reads each sentence once and passes its tokens on
    (``store.records.prepare``), where a batch's tens of thousands of sentences would only churn it."""
    return tuple(read(_WORD, _WORD_UNSPACED, norm.lower()))


_tokens = lru_cache(maxsize=1 << 14)(read_tokens)


def keep_tokens(n: int) -> None:
    """Keep the tokens of the last ``n`` sentences asked for, not 16,384 (those kept now are let go). A scan's
    verifying worker keeps 4,096 (``scan.warm_worker``): it meets an article's sentences in a few neighbouring
    pairs (``jobs.by_article``), not in ingest's passes over a batch; one worker replaying the 10,000-article
    scan's 4,744 pairs ended at 202 MiB instead of 222, CPU 21.7-23.5 s against 19.9-26.8 (four runs each)."""
    global _tokens
    _tokens = lru_cache(maxsize=n)(read_tokens)


_WORD_OR_CUT = re.compile(f"{_WORD.pattern}|{CUT}")
_WORD_OR_CUT_UNSPACED = aware(_WORD_OR_CUT.pattern)


def joined_tokens(norms: Sequence[str]) -> list[str] | None:
    """The ``tokens`` of each sentence in turn, ``CUT`` between two sentences: one pass over the sentences joined (an
    article read straight through, ``align.passage``: no call and no tuple a sentence); None when one holds ``CUT``.
    A token never spans a ``CUT``, nor does a sentence lower-cased alone turn into one."""
    joined = joined_apart(norms)
    if joined is None:
        return None
    low = joined.lower() if joined.isascii() else CUT.join(map(str.lower, norms))
    return read(_WORD_OR_CUT, _WORD_OR_CUT_UNSPACED, low)


def tokens(norm: str) -> tuple[str, ...]:
    """Lower-cased word tokens of a normalised sentence (letters and digits, any script).

    Cached: adding an article asks for the same sentence's tokens several times.
    """
    return _tokens(norm)


class _WordHashes(dict[str, int]):
    """Each token's hash, computed once: a plain dict is read in C by ``map(WORD_HASHES.__getitem__, words)``
    (the 7.9 M tokens of 10,000 news articles in 0.9 s of CPU, against 1.4 s through an ``lru_cache``); it is
    emptied when it holds ``WORD_CACHE`` tokens, so a long run keeps its size bounded."""

    def __missing__(self, word: str) -> int:
        if len(self) >= WORD_CACHE:
            self.clear()
        h = self[word] = int.from_bytes(
            hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
        )
        return h


WORD_CACHE = 1 << 20
WORD_HASHES = _WordHashes()


def word_hash(word: str) -> int:
    """A stable unsigned 64-bit hash of one token."""
    return WORD_HASHES[word]


def mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser over a uint64 array (wrapping arithmetic)."""
    x = x.astype(np.uint64, copy=True)
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(30)
        x *= _M1
        x ^= x >> np.uint64(27)
        x *= _M2
        x ^= x >> np.uint64(31)
    return x


def token_hashes(words: Sequence[str]) -> np.ndarray:
    """Stable hashes of a token sequence, as uint64."""
    return np.fromiter(map(WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))


def ngram_hashes(th: np.ndarray, n: int = SHINGLE) -> np.ndarray:
    """Hashes of every word n-gram of a token-hash sequence; a shorter sequence is one n-gram."""
    if len(th) == 0:
        return np.zeros(0, dtype=np.uint64)
    n = min(n, len(th))
    count = len(th) - n + 1
    acc = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            acc += th[j : j + count] * _POS[j % len(_POS)]
    return mix64(acc ^ np.uint64(n))


def shingle_set(article: Article, sentences: Iterable[int] | None = None) -> set[int]:
    """The article's word 5-gram shingles, each sentence on its own (so boundaries do not matter)."""
    idx = range(len(article.sentences)) if sentences is None else sentences
    out: set[int] = set()
    for i in idx:
        out.update(ngram_hashes(token_hashes(tokens(article.sentences[i].norm))).tolist())
    return out


def content_hash(article: Article) -> str:
    """Identity of an article's content: its normalised sentences, so re-encoded or re-wrapped copies match."""
    return norms_hash([s.norm for s in article.sentences])


def norms_hash(norms: Sequence[str]) -> str:
    """``content_hash`` of an article given as its sentences' normal forms."""
    text = "\n".join(norms) + "\n" if norms else ""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# A batch read at once (``read_batch``): each article's sentences joined, every one followed by SEP, which is no word
# character, neither cased nor case-ignorable (so lower-casing the joined text lower-cases each sentence as it would
# on its own: a final sigma stays final) and never in normal text (checked: an article holding it is read sentence
# by sentence).
SEP = chr(SEP_BYTE)
GAP = chr(GAP_BYTE)  # between two words of a sentence in ``Read.joined`` (exact keys hash them so joined)
_SEP_HASH = np.uint64(word_hash(SEP))
_PACKED = PackedHashes(word_hash)
_WORD_OR_SEP = re.compile(rf"\w+|{SEP}")
_WORD_OR_SEP_UNSPACED = aware(_WORD_OR_SEP.pattern)


@dataclass(frozen=True)
class Read:
    """Every sentence of a batch of articles read into tokens once, in bulk (``read_batch``): what the band keys, the
    exact keys and the count of indexable sentences take, with no Python object per sentence but its joined words."""

    hashes: np.ndarray  # ``word_hash`` of every token (uint64), every article's sentences in order
    counts: np.ndarray  # tokens of each sentence (int64), in the same order
    sentences: np.ndarray  # sentences of each article (int64)
    joined: list[bytes]  # each sentence's tokens joined by GAP, UTF-8, between GAPs to strip (one more, empty)


def joined(norms: Sequence[str], between: str = SEP, end: str = "") -> str | None:
    """An article's sentences joined by ``between`` (holding SEP once), ``end`` after the last, to be read at once
    and split again at SEP; None where a sentence holds SEP itself (then each is read on its own)."""
    return joined_apart(norms, between, end, SEP) if norms else None


def _article_tokens(norms: Sequence[str]) -> list[str]:
    """The tokens of each sentence of one article, each sentence's followed by SEP."""
    if not norms:
        return []
    text = joined(norms, f" {SEP} ", f" {SEP}")
    if text is None:
        out: list[str] = []
        for norm in norms:
            out += read_tokens(norm)
            out.append(SEP)
        return out
    return read(_WORD_OR_SEP, _WORD_OR_SEP_UNSPACED, text.lower())


def _one_byte(norms: Sequence[str]) -> str | None:
    """An article's sentences lower-cased and joined, each followed by SEP, a character a byte (``bytewords``
    reads it); None where a sentence holds SEP or a word a character beyond Latin-1."""
    if not norms:
        return ""
    text = joined(norms, SEP, SEP)
    return None if text is None else one_byte(text.lower())


def _read_words(norms_of: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """``read_batch`` of articles read as Python strings, a word at a time (``one_byte`` gave them None)."""
    words: list[str] = []
    for norms in norms_of:
        words += _article_tokens(norms)
    hashes = np.fromiter(map(WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    n = sum(map(len, norms_of))
    sep = hashes == _SEP_HASH
    if int(np.count_nonzero(sep)) != n:  # a word hashes as SEP does (2**-64 a word): told apart by the strings
        sep = np.fromiter((w == SEP for w in words), dtype=bool, count=len(words))
    ends = np.flatnonzero(sep)
    counts = np.diff(ends, prepend=-1) - 1
    joined = GAP.join(words).encode("utf-8", "surrogatepass").split(SEP.encode())
    return hashes[~sep], counts.astype(np.int64), joined


def read_batch(norms_of: Sequence[Sequence[str]]) -> Read:
    """The tokens of a batch of articles (each given as its sentences' normal forms): ``read_tokens`` of every
    sentence, the articles a byte a character read together in numpy (``bytewords``), the others as strings, then
    put back in the batch's order."""
    texts = [_one_byte(norms) for norms in norms_of]
    sentences = np.fromiter(map(len, norms_of), dtype=np.int64, count=len(norms_of))
    other = [k for k, t in enumerate(texts) if t is None]
    if not other or len(other) == len(texts):
        hashes, counts, joined = _read_words(norms_of) if other else _bytes_part(texts)
        return Read(hashes, counts, sentences, joined)
    others = set(other)
    first = [k for k in range(len(texts)) if k not in others]
    parts = [_bytes_part([texts[k] for k in first]), _read_words([norms_of[k] for k in other])]
    # every sentence's place among the parts' (the one-byte articles', then the others'), in the batch's order
    held = np.concatenate([sentences[first], sentences[other]])
    starts = np.empty(len(texts), dtype=np.int64)
    starts[first + other] = np.cumsum(held) - held
    order = ranges(starts, sentences)
    counts = np.concatenate([parts[0][1], parts[1][1]])
    words = np.cumsum(counts) - counts
    hashes = np.concatenate([parts[0][0], parts[1][0]])[ranges(words[order], counts[order])]
    joined = parts[0][2][:-1] + parts[1][2][:-1]
    return Read(hashes, counts[order], sentences, [joined[k] for k in order.tolist()] + [b""])


def _bytes_part(texts: Sequence[str | None]) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    return read_bytes("".join(cast("list[str]", texts)), _PACKED)


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + c) for s, c in zip(starts, counts)])`` without the Python loop."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    out: np.ndarray = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts - starts, counts)
    return out
