"""An article's sentences read in one pass (``retold.align.terms``): the same words, terms and incidence as read a
sentence at a time."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retold.align import terms
from retold.align.terms import SentenceTerms, _article_terms, _read_each, article_terms, content_terms, sentence_words
from retold.text.normalise import CUT, joined_words, words

# words with hyphens, apostrophes and dots inside and at their ends, numbers, stop words, one-letter words
_PIECES = [
    "The", "mayor", "of", "Calden", "said", "U.S.", "well-known", "O'Neill's", "--", "9-10", "12.5%", "$40", "a", "I",
    "x", "7", "it's", "'quoted'", "end.", "...", "rock'n'roll", "_under_", "e-mail.", "Dr.", "3.", "-12C", "(Orlin)",
    "according", "to", "told", "Politics", "political", "MAYOR",
]  # fmt: skip


def _texts(rng: random.Random, extra: list[str]) -> list[str]:
    pieces = _PIECES + extra
    out = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 9))) for _ in range(rng.randint(1, 8))]
    if rng.random() < 0.3:  # a sentence repeated
        out.append(rng.choice(out))
    return out


def _as_read_each(texts: list[str]) -> terms.ArticleTerms:
    first = tuple(dict.fromkeys(texts))
    index = None
    if len(first) < len(texts):
        index = np.array([first.index(t) for t in texts], dtype=np.intp)
    return _read_each(first, index)


@pytest.mark.parametrize("extra", [[], ["café", "Straße", "İstanbul", "ΟΔΟΣ"], [CUT, "a\x00b"]])
def test_an_article_read_in_one_pass_is_read_as_a_sentence_at_a_time(extra: list[str]) -> None:
    # an article is read in one pass (a text holding the cut itself: a sentence at a time): the same comparable
    # words, the same terms, the same incidence (ids of one vocabulary), in ASCII or not
    rng = random.Random(len(extra))
    for _ in range(400):
        texts = _texts(rng, extra)
        _article_terms.cache_clear()
        got, want = article_terms(texts), _as_read_each(texts)
        assert got.comparable == want.comparable == tuple(" ".join(words(t)) for t in dict.fromkeys(texts))
        assert got.terms == want.terms == tuple(content_terms(t) for t in texts)
        assert len(got.terms) == len(texts)
        assert (got.index is None) == (want.index is None)
        assert got.index is None or np.array_equal(got.index, want.index)
        for x, y in ((got.rows, want.rows), (got.ids, want.ids), (got.sizes, want.sizes)):
            assert x.dtype == y.dtype and np.array_equal(x, y)


def test_joined_words_are_each_texts_words_between_cuts() -> None:
    texts = ["The U.S. mayor's well-known ferry left at 9-10.", "", "It SNOWED -- in Orlin...", "x"]
    got = joined_words(texts)
    assert got == [*words(texts[0]), CUT, CUT, *words(texts[2]), CUT, *words(texts[3])]
    assert joined_words([]) == [] and joined_words([""]) == []
    other = ["İstanbul ΟΔΟΣ Straße", "ΣΑΣ. café"]  # lower-cased a word at a time, as ``words`` does
    assert joined_words(other) == [*words(other[0]), CUT, *words(other[1])]
    assert joined_words(["a" + CUT + "b", "c"]) is None  # the cut in a text would cut it in two


def test_sentence_terms_are_made_when_asked_for_and_equal_the_tuple() -> None:
    comparable = ("the mayor of calden said", "", "fog closed the harbour")
    lazy = SentenceTerms(comparable, np.array([2, 0, 2, 1], dtype=np.intp))
    assert lazy._made == [None, None, None]
    assert lazy[0] == content_terms("Fog closed the harbour") and lazy._made[0] is None and lazy._made[1] is None
    assert lazy[2] is lazy[0]  # the same row: one set
    want = tuple(content_terms(comparable[k]) for k in (2, 0, 2, 1))
    assert lazy == want and want == lazy and tuple(lazy) == want and lazy[1:3] == want[1:3] and len(lazy) == 4
    assert lazy != want[:3] and lazy != "text"
    assert sentence_words(comparable[0]) == (lazy[1], comparable[0])


def test_word_ids_are_let_go_when_full_and_the_ids_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    # the word -> term id memo is bounded; emptied, it gives the same ids again (the vocabulary keeps them)
    monkeypatch.setattr(terms, "WORDS_KEPT", 4)
    texts = ["Calden mayor opened bridges", "The bridge opened in Calden", "mayors and bridges"]
    _article_terms.cache_clear()
    got = article_terms(texts)
    assert len(terms._WORD_IDS) <= 4
    _article_terms.cache_clear()
    want = _as_read_each(texts)
    assert np.array_equal(got.ids, want.ids) and np.array_equal(got.rows, want.rows)
