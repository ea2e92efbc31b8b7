"""The longest passage two articles share word for word, across sentence boundaries.

Sentence labels see a lifted passage only as far as its sentence boundaries survived: a passage
cut in mid-sentence, or pasted into the middle of one, leaves its first and last sentences as
pieces of longer ones (``related``), and a two-sentence lift looks like two shared quotes. A run
of shared word 5-grams through the articles' running text measures the lift itself. Only runs that
cross a sentence boundary on both sides count: a name card or a promo repeated inside one sentence
of many articles is not a passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

from retold.align.terms import comparable_words
from retold.fingerprint.shingles import SHINGLE, joined_tokens, ngram_hashes, tokens
from retold.model import Article, Match
from retold.text.normalise import CUT


def _running_text(article: Article) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 5-gram hashes of the article's words read straight through, each word's sentence, and the hashes
    sorted (read only: they are kept for the article's next pair, see :func:`_running`)."""
    return _running(tuple(s.norm for s in article.sentences))


# articles whose running text is kept (about 15 KB each): a scan worker meets most articles in several pairs
# (10,000 real articles: 4,806 pairs, 65% of the articles' appearances repeats, most in pairs next to each other)
RUNNING_KEPT = 512


@lru_cache(maxsize=RUNNING_KEPT)
def _running(norms: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_running_text` of the sentences ``norms``, their words read in one pass (:func:`_words`).

    Words are hashed with Python's own string hash: salted per process, unlike the stable hashes the store
    needs, and as good within one comparison."""
    got = _words(norms)
    hashes = np.fromiter(map(hash, got), dtype=np.int64, count=len(got))
    cut = np.zeros(len(got), dtype=bool)
    at = np.flatnonzero(hashes == _CUT_HASH)  # the cuts, and any word that shares their hash
    cut[at] = [got[k] == CUT for k in at.tolist()]
    word = ~cut
    sentence = np.cumsum(cut)[word]
    grams = ngram_hashes(hashes[word].view(np.uint64)) if len(sentence) >= SHINGLE else np.zeros(0, dtype=np.uint64)
    for x in (grams, sentence):
        x.setflags(write=False)
    ordered = np.sort(grams)
    ordered.setflags(write=False)
    return grams, sentence, ordered


_CUT_HASH = hash(CUT)


def _words(norms: tuple[str, ...]) -> list[str]:
    """The sentences' ``shingles.tokens`` in turn, ``CUT`` between two sentences. An ASCII article whose sentences'
    comparable words were just read (``terms.comparable_words``: the pair's alignment read them) takes them apart:
    a comparable text is its words joined by spaces, each word runs of word characters joined by single "-", "'" or
    ".", and those runs are the sentence's tokens."""
    if "".join(norms).isascii():
        read = comparable_words(norms)
        if read is not None:
            return f" {CUT} ".join(read).replace("-", " ").replace("'", " ").replace(".", " ").split()
    got = joined_tokens(norms)
    if got is None:  # a sentence holds the cut itself: a sentence at a time
        got = [w for n in norms for w in chain(tokens(n), (CUT,))][:-1]
    return got


def _longest(grams: np.ndarray, sentence: np.ndarray, other: np.ndarray) -> int:
    """Words in the longest run of ``grams`` found in ``other`` (sorted) that spans two sentences or more."""
    if not len(grams):
        return 0
    at = np.minimum(np.searchsorted(other, grams), len(other) - 1)  # ``other`` is sorted
    hit = (other[at] == grams).astype(np.int8)
    edges = np.diff(np.concatenate([[0], hit, [0]]))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)  # runs of grams [start, stop)
    last_word = stops - 1 + SHINGLE - 1
    crossing = sentence[starts] != sentence[last_word]
    if not crossing.any():
        return 0
    return int((stops - starts)[crossing].max()) + SHINGLE - 1


def shared_run(a: Article, b: Article, at_least: int = 0) -> int:
    """Words in the longest passage A and B share word for word across a sentence boundary (the
    smaller of the two sides' figures, so a passage repeated inside one article counts once). ``at_least``: a
    figure under it may read 0, when too few of A's words are found in B for such a run (most candidate pairs of a
    scan: their runs are not looked for)."""
    ga, sa, oa = _running_text(a)
    gb, sb, ob = _running_text(b)
    if not len(ga) or not len(gb):
        return 0
    if _found(oa, ob) < at_least - SHINGLE + 1:  # a run of ``at_least`` words holds that many grams found
        return 0
    return min(_longest(ga, sa, ob), _longest(gb, sb, oa))


def _found(ordered: np.ndarray, other: np.ndarray) -> int:
    """How many of the grams ``ordered`` (sorted) are found in ``other`` (sorted), each as often as it comes."""
    at = np.minimum(np.searchsorted(other, ordered), len(other) - 1)
    return int(np.count_nonzero(other[at] == ordered))


def ordered_runs(matches: Sequence[Match]) -> list[list[Match]]:
    """Runs of matches whose sentences follow one another in both articles, in the same order: each match
    starts on the sentences right after the previous one's last, on both sides (a match that could continue
    two runs continues the one found first)."""
    runs: list[list[Match]] = []
    waiting: dict[tuple[int, int], int] = {}  # (next A sentence, next B sentence) -> the run waiting for them
    for mt in sorted(matches, key=lambda m: (min(m.a), min(m.b))):
        at = waiting.pop((min(mt.a), min(mt.b)), None)
        if at is None:
            at = len(runs)
            runs.append([])
        runs[at].append(mt)
        waiting[(max(mt.a) + 1, max(mt.b) + 1)] = at
    return runs
