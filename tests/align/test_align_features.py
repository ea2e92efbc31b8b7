"""The pair evidence's containment matrices: sparse counting gives exactly what the dense sets gave."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import numpy as np
import pytest

from retold.align.features import (
    _char_grams,
    char_grams,
    containment,
    gram_containment,
    links,
    pair_matrices,
    paired_gram_shares,
)
from retold.align.terms import article_terms, content_terms, sentence_words
from retold.text.normalise import words


def _dense_containment(sets_a: list[frozenset[str]], sets_b: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The former implementation: dense float32 incidence matrices and their product."""
    vocab: dict[str, int] = {}
    mats = []
    for sets in (sets_a, sets_b):
        rows: list[int] = []
        cols: list[int] = []
        for r, s in enumerate(sets):
            cols.extend(vocab.setdefault(t, len(vocab)) for t in s)
            rows.extend([r] * len(s))
        mats.append((len(sets), rows, cols))
    xa, xb = (np.zeros((n, max(1, len(vocab))), dtype=np.float32) for n, _, _ in mats)
    xa[mats[0][1], mats[0][2]] = 1.0
    xb[mats[1][1], mats[1][2]] = 1.0
    inter = xa @ xb.T
    na = np.clip(xa.sum(axis=1, keepdims=True), 1, None)
    nb = np.clip(xb.sum(axis=1, keepdims=True), 1, None)
    return inter / na, (inter / nb.T).T


def _same(x: tuple[np.ndarray, np.ndarray], y: tuple[np.ndarray, np.ndarray]) -> bool:
    pairs = zip(x, y, strict=True)
    return all(u.dtype == v.dtype and u.shape == v.shape and u.tobytes() == v.tobytes() for u, v in pairs)


def _random_texts(rng: random.Random, alphabet: str, most: int) -> list[str]:
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, most))]


def test_containment_matches_the_dense_product_bit_for_bit() -> None:
    rng = random.Random(11)
    vocab = [f"w{k}" for k in range(40)]
    for _ in range(300):
        a = [frozenset(rng.sample(vocab, rng.randint(0, 12))) for _ in range(rng.randint(0, 7))]
        b = [frozenset(rng.sample(vocab, rng.randint(0, 12))) for _ in range(rng.randint(0, 7))]
        assert _same(containment(a, b), _dense_containment(a, b))


@pytest.mark.parametrize("alphabet", ["ab cé中\U0001f600", "ab cé", "xyz w"])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_gram_containment_is_containment_of_the_gram_sets(n: int, alphabet: str) -> None:
    # empty and short texts (one padded gram), repeated grams, characters outside the BMP (renumbered) and
    # Latin text (coded by code point, rows and grams sorted as one key)
    rng = random.Random(n)
    for _ in range(400):
        a = _random_texts(rng, alphabet, 5)
        b = _random_texts(rng, alphabet, 5)
        want = containment([_char_grams(t, n) for t in a], [_char_grams(t, n) for t in b])
        assert _same(gram_containment(a, b, n), want)
        assert _same(want, _dense_containment([_char_grams(t, n) for t in a], [_char_grams(t, n) for t in b]))


@pytest.mark.parametrize("alphabet", ["ab cé中\U0001f600", "ab cé", "xyz w"])
@pytest.mark.parametrize("n", [1, 3, 4])
def test_paired_gram_shares_are_the_shares_of_each_pairs_gram_sets(n: int, alphabet: str) -> None:
    # pair k of the lists only: the float32 shares the two gram sets give, divided as the scalars were
    rng = random.Random(100 + n)
    one = np.float32(1)
    for _ in range(300):
        a = _random_texts(rng, alphabet, 6)
        b = [t[::-1] if rng.random() < 0.5 else t for t in _random_texts(rng, alphabet, 6)][: len(a)]
        a = a[: len(b)]
        sets = [(_char_grams(x, n), _char_grams(y, n)) for x, y in zip(a, b, strict=True)]
        shares = [(np.float32(len(x & y)), np.float32(len(x)), np.float32(len(y))) for x, y in sets]
        want_ab = np.array([i / max(na, one) for i, na, _ in shares], np.float32)
        want_ba = np.array([i / max(nb, one) for i, _, nb in shares], np.float32)
        assert _same(paired_gram_shares(a, b, n), (want_ab, want_ba))


def test_char_grams_as_before() -> None:
    for text in ["", "a", "ab c", "abcd", "abcde", "Hello, World! Hello again."]:
        t = " ".join(words(text))
        assert char_grams(text) == frozenset(t[k : k + 4] for k in range(max(1, len(t) - 4 + 1)))


def test_pair_matrices_on_sentences() -> None:
    a = ["NATO will not give in to Russian threats, Rutte said.", "The mission is based in Wiesbaden.", ""]
    b = ["Rutte said NATO will not give in to Russian threats.", "It rained."]
    pm = pair_matrices(a, b, None, None)
    ta, tb = [content_terms(t) for t in a], [content_terms(t) for t in b]
    assert _same((pm.word_ab, pm.word_ba), _dense_containment(ta, tb))
    ga = [char_grams(t) for t in a]
    gb = [char_grams(t) for t in b]
    assert _same((pm.char_ab, pm.char_ba), _dense_containment(ga, gb))
    assert pm.word_ab[0, 0] == 1.0 and pm.word_ab[1, 1] == 0.0
    assert pm.word_ab.dtype == pm.char_ba.dtype == np.float32
    assert pm.char_ba.shape == (2, 3)


def test_links_are_what_the_alignment_reads_of_the_pair_matrices(shared: Path) -> None:
    # a comparison computes only these (no all-pairs character grams or edit distances); they must be the very
    # values the whole matrices hold, "same" where the Indel similarity is 1, on real news sentences
    from retold.ingest import article_from_text

    with (shared / "data/news_allsides/allsides.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, 6)]
    a, b = (article_from_text("\n\n".join(t), id=k) for k, t in (("a", texts[:3]), ("b", texts[2:])))
    ta, tb = [s.norm for s in a.sentences], [s.norm for s in b.sentences]
    ta += ["", "* * *"]
    tb += ["...", ""]
    got, want = links(ta, tb, None, None), pair_matrices(ta, tb, None, None)
    assert _same((got.word_ab, got.word_ba), (want.word_ab, want.word_ba))
    assert got.terms_a == want.terms_a and got.terms_b == want.terms_b and got.cos is None
    assert got.same.dtype == bool and np.array_equal(got.same, want.edit >= 1.0)
    assert 3 < int(got.same.sum()) < got.same.size  # the shared article's sentences and the wordless lines


def test_a_sentence_is_read_once_for_every_pair_it_is_in() -> None:
    # a scan worker meets an article in several candidate pairs: its sentences' words are read the first time only
    from retold.align.terms import _article_terms

    a = ["The mayor of Calden opened the new bridge on Monday.", "Traffic was heavy, officials said."]
    b = ["Calden's mayor opened a bridge on Monday.", "It cost $12 million."]
    c = ["The bridge had been closed since 2019."]
    _article_terms.cache_clear()
    first = links(a, b, None, None)
    before = _article_terms.cache_info()
    second = links(a, c, None, None)
    after = _article_terms.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 1)
    assert second.terms_a == first.terms_a == tuple(content_terms(t) for t in a)
    assert [sentence_words(t)[1] for t in b] == [" ".join(words(t)) for t in b]


def test_an_article_met_again_is_joined_without_reading_its_words() -> None:
    # the article's incidence (terms as ids) is kept: its next pair neither reads its sentences nor names its terms
    from retold.align.terms import _article_terms

    a = ["The ferry to Orlin sailed late on Friday.", "Fog closed the harbour, the port said.", "It snowed."]
    b = ["Orlin's ferry sailed late on Friday.", "Tickets cost $40.", "Fog closed the harbour, the port said."]
    c = ["The harbour had been dredged in 2021.", "It snowed.", "It snowed."]
    _article_terms.cache_clear()
    links(a, b, None, None)
    before = _article_terms.cache_info()
    got = links(a, c, None, None)
    after = _article_terms.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 1)
    assert article_terms(a) is article_terms(list(a))
    sets_a, sets_c = [content_terms(t) for t in a], [content_terms(t) for t in c]
    assert _same((got.word_ab, got.word_ba), _dense_containment(sets_a, sets_c))
    assert got.same.tolist() == [[False, False, False], [False, False, False], [False, True, True]]
    assert got.terms_b == tuple(sets_c)


def test_term_ids_that_start_over_give_the_same_links(monkeypatch: pytest.MonkeyPatch) -> None:
    # the ids are bounded: past VOCAB_KEPT terms they start over, and a kept article's old ids are let go with them
    from retold.align import terms

    rng = random.Random(5)
    vocab = [f"word{k}" for k in range(60)]
    texts = [[" ".join(rng.sample(vocab, rng.randint(1, 9))) for _ in range(rng.randint(1, 6))] for _ in range(12)]
    monkeypatch.setattr(terms, "VOCAB_KEPT", 20)
    for x, y in zip(texts, texts[1:] + texts[:1], strict=True):
        got = links(x, y, None, None)
        assert len(terms._VOCAB) <= 20 + 2 * 6 * 9
        want = _dense_containment([content_terms(t) for t in x], [content_terms(t) for t in y])
        assert _same((got.word_ab, got.word_ba), want)


def test_links_in_threads_while_the_ids_start_over(monkeypatch: pytest.MonkeyPatch) -> None:
    # the web app compares in several threads: one thread's start-over must not fall between the two sides of
    # another thread's pair (its sides would then hold the same term under two ids, and share no word)
    import sys
    import threading

    from retold.align import terms

    rng = random.Random(11)
    vocab = [f"word{k}" for k in range(80)]
    texts = [[" ".join(rng.sample(vocab, rng.randint(3, 9))) for _ in range(rng.randint(2, 6))] for _ in range(16)]
    pairs = list(zip(texts, texts[1:] + texts[:1], strict=True))
    wants = [_dense_containment([content_terms(t) for t in x], [content_terms(t) for t in y]) for x, y in pairs]
    monkeypatch.setattr(terms, "VOCAB_KEPT", 0)  # every pair starts the ids over
    wrong: list[int] = []

    def work(seed: int) -> None:
        for k in random.Random(seed).choices(range(len(pairs)), k=300):
            got = links(*pairs[k], None, None)
            if not _same((got.word_ab, got.word_ba), wants[k]):
                wrong.append(k)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as the interpreter lets them
    try:
        threads = [threading.Thread(target=work, args=(s,)) for s in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not wrong
