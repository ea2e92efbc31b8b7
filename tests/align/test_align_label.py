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
