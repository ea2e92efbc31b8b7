"""Labels of aligned groups (``retold.align.label``): the same sentence is verbatim, a few words changed
is edited, a topic shared without the same words is related."""

from __future__ import annotations

from retold.align.align import Group
from retold.align.label import label_groups
from retold.ingest import article_from_text

A = (
    "Dock workers in Calden voted on Tuesday to end a three-week strike, the union said. "
    "The port expects the first ships to be unloaded by Thursday morning. "
    "Fish prices in the town have doubled since the strike began."
)
B = (
    "Dock workers in Calden voted on Tuesday to end a three-week strike, the union said. "
    "The port expects its first ships to be unloaded on Thursday morning. "
    "Shoppers in the harbour district said they had stopped buying cod altogether."
)


def test_each_group_gets_the_label_its_words_earn() -> None:
    a, b = article_from_text(A, id="a"), article_from_text(B, id="b")
    groups = [Group({0}, {0}, 1.0), Group({1}, {1}, 0.9), Group({2}, {2}, 0.3)]
    got = label_groups(a, b, groups, None, None, "lexical")
    assert [m.label for m in got] == ["verbatim", "edited", "related"]
    assert got[0].score == 1.0
    # the evidence that decided each label travels with the match, and the word diff names the change
    assert got[1].evidence["edit"] >= 0.75 and got[1].evidence["word_min"] >= 0.6
    assert [(d.op, d.a, d.b) for d in got[1].diff if d.op != "equal"] == [
        ("replace", "the", "its"),
        ("replace", "by", "on"),
    ]
    assert label_groups(a, b, groups, None, None, "lexical", diffs=False)[1].diff == ()


def test_same_words_reads_as_the_comparable_texts_do() -> None:
    # without a hyphen the words kept for the sentence decide; a minus sign ('-12C') still differs from none
    from retold.align.label import same_words
    from retold.text.normalise import comparable

    texts = [
        "Frost came early: -12C in Orlin.",
        "Frost came early: 12C in Orlin.",
        "Frost came early, 12C in Orlin!",
        "frost came EARLY 12c in orlin",
        "A well-known ferry left at 9-10.",
        "A well known ferry left at 9 10.",
        "A well-known ferry left at 9-10",
        "",
        "* * *",
    ]
    for x in texts:
        for y in texts:
            assert same_words(x, y) == (comparable(x) == comparable(y)), (x, y)
    assert same_words(texts[1], texts[3]) and not same_words(texts[0], texts[1])


def test_lexical_links_of_repeated_sentences_are_those_of_the_distinct_ones_spread() -> None:
    # without vectors ``links`` joins each distinct sentence once itself: the same values, bit for bit, as the links
    # of the distinct sentences (in the order distinct_links read them) spread back to every copy
    import random

    import numpy as np

    from retold.align.features import links
    from retold.align.label import distinct_links

    rng = random.Random(3)
    pool = ["Rain fell all day.", "A dog barked at 3 cats.", "The council met.", "Rain fell, all day!", "", "Ok."]
    for _ in range(200):
        ta = [rng.choice(pool) for _ in range(rng.randint(1, 9))]
        tb = [rng.choice(pool) for _ in range(rng.randint(1, 9))]
        ua = list({t: k for k, t in reversed(list(enumerate(ta)))})
        ub = list({t: k for k, t in reversed(list(enumerate(tb)))})
        ln = links(ua, ub, None, None)
        ia, ib = [ua.index(t) for t in ta], [ub.index(t) for t in tb]
        got = distinct_links(ta, tb, None, None)
        assert got.cos is None
        for x, y in ((got.word_ab, ln.word_ab[np.ix_(ia, ib)]), (got.word_ba, ln.word_ba[np.ix_(ib, ia)])):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes()
        assert np.array_equal(got.same, ln.same[np.ix_(ia, ib)])
        assert got.terms_a == tuple(ln.terms_a[k] for k in ia) and got.terms_b == tuple(ln.terms_b[k] for k in ib)
