"""Which candidate pairs the sentence model must verify: those it could pair sentences in.

The model only adds what the words miss, paraphrase, and it pairs sentences whose hashed character
n-gram vectors (``retold.fingerprint.HashedEncoder``) are close: the vector channel admits a paraphrase
on that evidence alone. A pair whose sentences fall short of that channel's own admission rule
(``evidence.admit_vectors``), read over every sentence of both articles instead of ten neighbours in
the store, gives the model nothing to pair that the lexical alignment has not; such a pair is settled
by the lexical alignment when that finds no reuse, without embedding either article. At 2,000 real
articles with planted reuse, 245 of a model scan's 625 candidate pairs were such pairs; the lexical
verdict of every one was no reuse, as the model's was.

Inside a pair the model must verify, a sentence is embedded only when the other article holds enough of its
content words for the model to pair it (``matchable``); the others take a zero vector (cosine 0 with every
sentence). A pair whose verdict is then reuse is verified again with every sentence embedded, so its edge is the
one the whole vectors give: what the rule may change is the evidence of a pair that is no reuse, and it would
lose a reuse edge whose verdict turned on a sentence it skipped.
"""

from __future__ import annotations

import numpy as np

from retold.align.terms import content_terms
from retold.fingerprint import HashedEncoder, indexable
from retold.model import Article
from retold.provenance.evidence import Settings, admit_vectors

_ENCODER = HashedEncoder()
# the share of a sentence's content terms the other article must hold for the sentence to be embedded (and at least
# one): chosen by cross-validation over 5 contiguous blocks of the 374 pairs a model scan of 2,000 real articles
# verified (the most sentences left out with no reuse edge lost on the other blocks: 0.6 in every fold, among shares
# 0-0.7 with at least 1 or 2 terms; 0.7 lost 5 of the 79 reuse edges, at least 2 terms 3); held out, no reuse edge
# lost and 64.7% fewer sentences embedded (benchmarks/embed_skip_cv.py); on a second corpus (corpus_data seed 1, 197
# pairs, 74 reuse edges) 0.6 lost none and left out 44.9% (0.7 lost 5; at least 2 terms, chosen on it, lost 3 of
# seed 0's)
MATCHABLE_SHARE = 0.6


def hashed(article: Article) -> np.ndarray:
    """The unit hashed vectors of the article's indexable sentences (the others say nothing of reuse)."""
    return _ENCODER.encode([s.norm for s in article.sentences if indexable(s)])


def needs_model(a: Article, b: Article, s: Settings) -> bool:
    """Whether the pair's hashed sentence vectors pass the vector channel's admission rule (always across
    languages: character n-grams do not see a translation)."""
    if a.language != b.language:
        return True
    va, vb = hashed(a), hashed(b)
    if not len(va) or not len(vb):
        return False
    sim = va @ vb.T
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    close = max(int((best_a >= s.close_cos).sum()), int((best_b >= s.close_cos).sum()))
    lo, hi = int((best_a >= s.min_cos).sum()), int((best_b >= s.min_cos).sum())
    return admit_vectors(float(best_a.max()), lo, hi, close, len(va), len(vb), s)


def matchable(a: Article, b: Article, share: float = MATCHABLE_SHARE, least: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Rule ``gate.matchable``: which sentences of each article hold at least ``least`` content terms
    (``terms.content_terms``) that occur in the other, and at least ``share`` of their terms; a sentence without
    content terms is none of them. Across languages every sentence is (the words differ). See ``MATCHABLE``."""
    if a.language != b.language:
        return np.ones(len(a.sentences), dtype=bool), np.ones(len(b.sentences), dtype=bool)
    ta, tb = [content_terms(s.norm) for s in a.sentences], [content_terms(s.norm) for s in b.sentences]
    ua, ub = frozenset().union(*ta), frozenset().union(*tb)

    def held(terms: list[frozenset[str]], other: frozenset[str]) -> np.ndarray:
        n = [len(t & other) for t in terms]
        return np.array([k >= least and k >= share * len(t) for k, t in zip(n, terms, strict=True)], dtype=bool)

    return held(ta, ub), held(tb, ua)


# ``matchable``'s examples: two articles' texts and which sentences of each it embeds
MATCHABLE: tuple[tuple[str, str, tuple[bool, ...], tuple[bool, ...]], ...] = (
    # a retold sentence shares most of its words; the other sentences of either side share none
    (
        "The mayor of Calden resigned on Tuesday. Rain is expected tomorrow.",
        "Calden's mayor resigned on Tuesday after a vote. Shares of Acme fell sharply.",
        (True, False),
        (True, False),
    ),
    # one word in common is not enough under the share ("bridge": 1 of 4 terms, 1 of 2, 1 of 6)
    (
        "Police closed the bridge overnight.",
        "The bridge reopened. Farmers protested fuel prices near the bridge.",
        (False,),
        (False, False),
    ),
    # a paraphrase with its content words changed is not embedded: words it keeps decide
    ("The firm posted record profits.", "The company reported its largest earnings ever.", (False,), (False,)),
)
