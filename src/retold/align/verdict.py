"""From aligned sentences to a relation between the two articles as wholes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from retold.align.passage import ordered_runs, shared_run
from retold.align.terms import comparable_words
from retold.model import Article, Match, Relation
from retold.text.normalise import words, written_words
from retold.text.speech import SPEECH
from retold.text.unspaced import has_unspaced

SUBSTANTIVE = ("verbatim", "edited", "paraphrase", "translation")
# A passage this long, copied verbatim or lightly edited, is reuse whatever share of a long article
# it is: independent reports of one event share a quote or a sentence, not three running sentences.
PASSAGE_SENTENCES = 3
PASSAGE_MIN_WORDS = 5
# The same passage read as running text (``align.passage``): this many words shared word for word
# across a sentence boundary is a lifted passage, however its sentences were cut. Chosen by blocked
# cross-validation over news pairs and PAN13 (benchmarks/passage_run_cv.py).
PASSAGE_RUN_WORDS = 45
# A sentence trimmed on the way (a clause or a modifier cut, two words swapped) is too far from its source
# to read as ``edited``, yet every word it keeps is the source's: a match whose shorter side keeps this
# share of its words in the longer side counts toward a passage as a close sentence. ``None``: off.
PASSAGE_CONTAINED: float | None = None
# A passage's sentences are counted on each side; two sentences merged into one on the way (a caption run
# into the next line) leave one side a sentence short. "min": both sides need ``PASSAGE_SENTENCES``;
# "max": one side does and the other at least ``PASSAGE_SENTENCES - 1``; "merged": both do, a sentence of one side
# that a single close match aligns with several of the other's counting as those several, when it keeps
# ``MERGED_KEPT`` of their words and holds no quote mark (outlets quoting a statement of several sentences join or
# split it as they like); "merged-any": whatever share it keeps.
# Blocked CV (benchmarks/passage_merged_cv.py: 10,000-article tiers of seeds 0-4 one block each, PAN13 one
# block): every news fold chose "merged" (held out: edited passages +2 of 250, 8 more pairs judged reuse outside
# the truth); the PAN13 fold chose "min" on news alone, and "merged" finds 4 more of PAN13's 500 pairs (0.976 ->
# 0.984). Six tiers kept out of development (seeds 5-7, 20-22): 1 more planted pair found (a verbatim passage),
# 9 more outside the truth. Those outside it, in every tier, are three pairs of the real pool met again: two an
# outlet's own text repeated (Bloomberg, BBC), one a related-links line pair of one outlet (USA TODAY).
# "merged-any" adds a BBC / Reuters pair that describe one resolution in their own words; "max" 94 more pairs
# outside the truth than "merged" over seeds 0-4.
PASSAGE_COUNT = "merged"
MERGED_KEPT = 0.85
# A passage read from the matches' order: a sentence trimmed on the way (its shorter side keeps all its words
# in the other, and has at least ``ORDERED_MIN_WORDS``) counts toward a passage when it runs on from close
# sentences in both articles, in order. ``None``: off; else the share of the shorter side's words kept.
# Alone (no ``ORDERED_STATEMENTS``), the same blocked CV on a fresh 10,000-article tier found no reuse the rule
# without it misses and 5 more pairs judged reuse outside the truth; with the two settings below it is on.
PASSAGE_ORDERED: float | None = 0.85
ORDERED_MIN_WORDS = 8
# Two outlets quoting one statement share its sentences and trim its lead-in each their own way ("Boehner said
# Tuesday that ...", 'The Post reported that "it was ...'): a trimmed sentence that is a statement on either side
# does not count toward an ordered passage. "off": it does; "marks": one holding a double quote mark does not;
# "speech": nor one holding a speech verb.
# The close sentences an ordered run needs, ``PASSAGE_SENTENCES - 1``, counted as matches ("matches") or as
# sentences carrying a clause of their own on both sides (``passage_sentences``: "sentences"; a credit line
# "Copyright 2016 The Associated Press. All rights reserved." is one).
# Blocked CV (benchmarks/passage_quote_cv.py: 10,000-article tiers of seeds 1-4 and PAN13): 4 folds of 5 chose
# ordered 0.85 with "speech" and "sentences", one 1.0: held out 4 more reuse pairs found and 2 more false positives
# (one outlet repeating its own background paragraph, in two tiers: the truth counts only cross-outlet copying);
# 14 of the 16 false positives the ordered rule alone adds (0.85) are left out; seed 0 (kept out): edited passages
# 44 -> 46 of 50, false positives 190 -> 190 (corpus_scan.py --size 10000: edited passages 0.88 -> 0.92, edges
# 432 -> 434; PAN13 as a collection 0.974 -> 0.976). On, as chosen: the two held-out "false positives" are one
# outlet's own paragraph repeated, text reused all the same.
ORDERED_STATEMENTS = "speech"
ORDERED_CLOSE = "sentences"
_DOUBLE_QUOTE = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb]')
# An article of fewer words than this is too little text to judge: one word ("strike") shared with a long report
# read as ``same_story`` (score 0.5, a direction at 61%). Five is a shingle's length (``fingerprint.shingles``), the
# shortest passage the index reads; such a pair is ``unrelated`` with score 0 unless the two texts are the same
# (``identical``), and ``pipeline.compare`` says why in a note. No Clough or news article is that short.
MIN_WORDS = 5


def coverage(article: Article, indices: set[int]) -> float:
    """Share of the article's sentence characters that lie in the given sentences."""
    return _shares(article)(indices)


def _shares(article: Article) -> Callable[[set[int]], float]:
    """:func:`coverage` of the article for any set of sentences, its sentences' lengths read once (a verdict asks
    for six)."""
    size: dict[int, int] = {}
    for s in article.sentences:
        size[s.i] = size.get(s.i, 0) + s.end - s.start
    total = sum(size.values())  # ``article.n_chars``

    def share(indices: set[int]) -> float:
        return sum(size[i] for i in indices if i in size) / total if total else 0.0

    return share


def spaced_words(norm: str) -> int:
    """The words of a sentence as the passage rules count them: between spaces, or where it holds Chinese, Japanese
    or Thai (which no space cuts) as ``normalise.words`` reads it."""
    return len(words(norm)) if has_unspaced(norm) else len(norm.split())


def passage_sentences(article: Article, indices: set[int]) -> int:
    """How many of these sentences carry a clause of their own (a dateline or a credit does not)."""
    return sum(1 for i in indices if spaced_words(article.sentences[i].norm) >= PASSAGE_MIN_WORDS)


def _contained(mt: Match) -> bool:
    return PASSAGE_CONTAINED is not None and mt.evidence.get("word_max", 0.0) >= PASSAGE_CONTAINED


def passage_counts(a: Article, b: Article, close: Sequence[Match]) -> tuple[int, int]:
    """:func:`passage_sentences` of the matches on each side; with ``PASSAGE_COUNT`` "merged" a side's sentence
    that one match aligns with more of the other side's counts as that many (two sentences run into one on the way
    are still two of the passage)."""
    na = passage_sentences(a, {i for mt in close for i in mt.a})
    nb = passage_sentences(b, {j for mt in close for j in mt.b})
    if PASSAGE_COUNT in ("merged", "merged-any"):
        for mt in close:
            pa, pb = passage_sentences(a, set(mt.a)), passage_sentences(b, set(mt.b))
            if pa and pb and pa != pb and not _quoted(a, b, mt) and _joins(mt):
                na, nb = na + max(0, pb - pa), nb + max(0, pa - pb)
    return na, nb


def _joins(mt: Match) -> bool:
    """Whether a match's one side keeps the words of the other's (``MERGED_KEPT``; "merged-any": any close match)."""
    return PASSAGE_COUNT == "merged-any" or mt.evidence.get("word_max", 0.0) >= MERGED_KEPT


def is_passage(a: Article, b: Article, close: Sequence[Match]) -> bool:
    """Whether these close matches make a passage of ``PASSAGE_SENTENCES`` sentences (``PASSAGE_COUNT``)."""
    na, nb = passage_counts(a, b, close)
    if PASSAGE_COUNT == "max":
        return max(na, nb) >= PASSAGE_SENTENCES and min(na, nb) >= PASSAGE_SENTENCES - 1
    return min(na, nb) >= PASSAGE_SENTENCES


def _trimmed(a: Article, b: Article, mt: Match) -> bool:
    """A match whose shorter side keeps ``PASSAGE_ORDERED`` of its words in the other and has enough of them."""
    if PASSAGE_ORDERED is None or mt.evidence.get("word_max", 0.0) < PASSAGE_ORDERED:
        return False
    na = sum(spaced_words(a.sentences[i].norm) for i in mt.a)
    nb = sum(spaced_words(b.sentences[j].norm) for j in mt.b)
    return min(na, nb) >= ORDERED_MIN_WORDS


def _statement(a: Article, b: Article, mt: Match) -> bool:
    """Whether a match reads as a quoted or reported statement on either side (``ORDERED_STATEMENTS``)."""
    if ORDERED_STATEMENTS == "off":
        return False
    if _quoted(a, b, mt):
        return True
    return ORDERED_STATEMENTS == "speech" and any(SPEECH.search(t) for t in _texts(a, b, mt))


def _texts(a: Article, b: Article, mt: Match) -> list[str]:
    return [a.sentences[i].text for i in mt.a] + [b.sentences[j].text for j in mt.b]


def _quoted(a: Article, b: Article, mt: Match) -> bool:
    """Whether either side of a match holds a double quote mark."""
    return any(_DOUBLE_QUOTE.search(t) for t in _texts(a, b, mt))


def _enough_close(a: Article, b: Article, close: Sequence[Match]) -> bool:
    if ORDERED_CLOSE == "matches":
        return len(close) >= PASSAGE_SENTENCES - 1
    return min(passage_counts(a, b, close)) >= PASSAGE_SENTENCES - 1


def is_ordered_passage(a: Article, b: Article, matches: Sequence[Match]) -> bool:
    """Whether close sentences and trimmed ones (``_trimmed``) that follow one another in both articles, in
    order, make a passage: at least ``PASSAGE_SENTENCES - 1`` close ones, counted as :func:`is_passage` counts."""
    if PASSAGE_ORDERED is None:
        return False
    usable = [
        mt for mt in matches if mt.label in ("verbatim", "edited") or (_trimmed(a, b, mt) and not _statement(a, b, mt))
    ]
    for run in ordered_runs(usable):
        close = [mt for mt in run if mt.label in ("verbatim", "edited")]
        if len(run) > len(close) and _enough_close(a, b, close) and is_passage(a, b, run):
            return True
    return False


def word_count(article: Article) -> int:
    """The words of an article's sentences, as the comparison reads them (``normalise.words``), counted once for
    every pair the article is in (a scan's worker met each article in 2.8 pairs, and ``compare`` asks up to twice a
    pair)."""
    return _words_in(tuple(s.norm for s in article.sentences))


@lru_cache(maxsize=512)
def _words_in(texts: tuple[str, ...]) -> int:
    # the pair's alignment has just read them (``terms.comparable_words``: ``words`` joined by single spaces, a word
    # never holds one); else as many as ``words`` reads, which lower-cases each of these
    read = comparable_words(texts)
    if read is None:
        return sum(len(written_words(t)) for t in texts)
    return sum(c.count(" ") + 1 for c in read if c)


def too_short(a: Article, b: Article) -> list[tuple[str, int]]:
    """``(side, words)`` of each article with fewer than ``MIN_WORDS`` words ("A", "B"): too little text to judge."""
    return [(side, n) for side, art in (("A", a), ("B", b)) if (n := word_count(art)) < MIN_WORDS]


def relate(a: Article, b: Article, matches: Sequence[Match]) -> tuple[Relation, float, float, float]:
    """``(relation, score, coverage_a, coverage_b)``.

    Coverage counts every match; the relation is decided on substantive matches (verbatim,
    edited, paraphrase), since ``related`` pairs only share a topic. A passage of
    ``PASSAGE_SENTENCES`` or more verbatim or edited sentences, or a run of ``PASSAGE_RUN_WORDS``
    words shared word for word across a sentence boundary, is ``partial_reuse`` however long the
    articles around it are. A pair with an article of fewer than ``MIN_WORDS`` words is ``identical`` or
    ``unrelated``: too little text to judge anything between.
    """
    all_a = {i for mt in matches for i in mt.a}
    all_b = {j for mt in matches for j in mt.b}
    share_a, share_b = _shares(a), _shares(b)
    cov_a, cov_b = share_a(all_a), share_b(all_b)
    sub = [mt for mt in matches if mt.label in SUBSTANTIVE]
    sub_a = share_a({i for mt in sub for i in mt.a})
    sub_b = share_b({j for mt in sub for j in mt.b})
    close = [mt for mt in sub if mt.label in ("verbatim", "edited")]
    close_ia = {i for mt in close for i in mt.a}
    close_ib = {j for mt in close for j in mt.b}
    close_a, close_b = share_a(close_ia), share_b(close_ib)
    passage = is_passage(
        a, b, [mt for mt in matches if mt.label in ("verbatim", "edited") or _contained(mt)]
    ) or is_ordered_passage(a, b, matches)
    verbatim_all = bool(matches) and all(mt.label == "verbatim" for mt in matches)

    weights = [(len(mt.a) + len(mt.b), mt.score) for mt in sub] or [(1, 0.0)]
    quality = sum(w * s for w, s in weights) / sum(w for w, _ in weights)
    hi = max(sub_a, sub_b)
    relation: Relation
    # every sentence of both in a verbatim match: a short sentence one adds ("He died.") is under 0.1% of a long
    # article's characters, so coverage alone read such a pair as identical
    if verbatim_all and len(all_a) == len(a.sentences) and len(all_b) == len(b.sentences):
        relation, score = "identical", 1.0
    elif close_a >= 0.8 and close_b >= 0.8:
        relation, score = "near_duplicate", min(close_a, close_b)
    elif hi >= 0.9:
        relation, score = "rewrite", hi * quality
    elif hi >= 0.3 or passage or (bool(matches) and shared_run(a, b, PASSAGE_RUN_WORDS) >= PASSAGE_RUN_WORDS):
        relation, score = "partial_reuse", hi * quality
    elif matches and max(cov_a, cov_b) >= 0.1:
        relation, score = "same_story", max(cov_a, cov_b) * 0.5
    else:
        relation, score = "unrelated", 0.0
    if relation not in ("identical", "unrelated") and too_short(a, b):
        relation, score = "unrelated", 0.0  # a word or two shared tell nothing of a retelling
    return relation, round(float(score), 4), round(cov_a, 4), round(cov_b, 4)
