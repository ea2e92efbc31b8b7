"""The relation of two articles from their matches (``retold.align.verdict``): a passage of three close
sentences is reuse whatever share of the longer article it is; the variants of the passage rule that
``benchmarks/passage_close_cv.py``, ``passage_quote_cv.py`` and ``passage_merged_cv.py`` tried (CV left off
contained, chose ordered with statements left out and close sentences counted by clause, and a merged sentence
counted as the sentences it joins) do what they say, each from the plain rule."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from retold.align import verdict
from retold.ingest import article_from_text
from retold.model import Match

FILLER = " ".join(f"The council discussed item number {k} of the harbour plan at length on Monday." for k in range(30))
A = article_from_text(
    "Ferry crews walked out at dawn over the new rota. The union said talks had failed twice this month. "
    "Passengers were told to expect delays until Friday. " + FILLER,
    id="a",
)
OTHER = " ".join(f"Rain is expected in district {k} of the valley by the weekend, forecasters said." for k in range(30))
B = article_from_text(
    "Ferry crews walked out at dawn over the new rota. The union said talks had failed this month. "
    "Passengers were told to expect delays. " + OTHER,
    id="b",
)


def _m(i: int, label: str, word_max: float) -> Match:
    return Match((i,), (i,), label, 0.9, (), {"word_max": word_max})  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdict, "PASSAGE_CONTAINED", None)
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "min")
    monkeypatch.setattr(verdict, "PASSAGE_ORDERED", None)
    monkeypatch.setattr(verdict, "ORDERED_STATEMENTS", "off")
    monkeypatch.setattr(verdict, "ORDERED_CLOSE", "matches")


def test_three_close_sentences_are_a_passage_in_a_long_article() -> None:
    close = [_m(0, "verbatim", 1.0), _m(1, "edited", 1.0), _m(2, "edited", 1.0)]
    assert verdict.relate(A, B, close)[0] == "partial_reuse"
    assert verdict.relate(A, B, close[:2])[0] != "partial_reuse"


def test_a_trimmed_sentence_counts_only_when_the_contained_variant_is_on(monkeypatch: pytest.MonkeyPatch) -> None:
    trimmed = [_m(0, "verbatim", 1.0), _m(1, "edited", 1.0), _m(2, "related", 1.0)]
    assert verdict.relate(A, B, trimmed)[0] != "partial_reuse"
    monkeypatch.setattr(verdict, "PASSAGE_CONTAINED", 0.9)
    assert verdict.relate(A, B, trimmed)[0] == "partial_reuse"
    low = [*trimmed[:2], _m(2, "related", 0.5)]
    assert verdict.relate(A, B, low)[0] != "partial_reuse"


def test_counting_on_the_side_with_more(monkeypatch: pytest.MonkeyPatch) -> None:
    merged = [_m(0, "verbatim", 1.0), Match((1, 2), (1,), "edited", 0.9, (), {"word_max": 1.0})]
    assert not verdict.is_passage(A, B, merged)
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "max")
    assert verdict.is_passage(A, B, merged)
    assert not verdict.is_passage(A, B, merged[:1])


def test_a_sentence_holding_two_counts_as_two_when_it_keeps_their_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """``PASSAGE_COUNT`` "merged": B's sentence 1, aligned by one close match with A's 1 and 2, counts as two on B's
    side when it keeps ``MERGED_KEPT`` of their words ("merged-any": whatever it keeps); one close match alone is no
    passage."""
    merged = [_m(0, "verbatim", 1.0), Match((1, 2), (1,), "edited", 0.9, (), {"word_max": 0.9})]
    loose = [merged[0], Match((1, 2), (1,), "edited", 0.9, (), {"word_max": 0.7})]
    assert verdict.passage_counts(A, B, merged) == (3, 2)
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "merged")
    assert verdict.passage_counts(A, B, merged) == (3, 3)
    flipped = [Match(m.b, m.a, m.label, m.score, (), m.evidence) for m in merged]
    assert verdict.is_passage(A, B, merged) and verdict.is_passage(B, A, flipped)
    assert not verdict.is_passage(A, B, loose) and not verdict.is_passage(A, B, merged[1:])
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "merged-any")
    assert verdict.is_passage(A, B, loose)


def test_ordered_runs_follow_both_articles() -> None:
    from retold.align.passage import ordered_runs

    run = [Match((4,), (9,), "edited", 0.9), Match((5, 6), (10,), "related", 0.4), Match((7,), (11,), "edited", 0.9)]
    stray = [Match((8,), (3,), "edited", 0.9), Match((1,), (12,), "related", 0.4)]
    runs = ordered_runs([stray[0], run[2], run[0], stray[1], run[1]])
    assert sorted(map(len, runs)) == [1, 1, 3]
    assert next(r for r in runs if len(r) == 3) == run


def test_a_trimmed_sentence_in_order_with_close_ones_makes_a_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    trimmed = [_m(0, "verbatim", 1.0), _m(1, "related", 1.0), _m(2, "edited", 1.0)]
    assert verdict.relate(A, B, trimmed)[0] != "partial_reuse"
    monkeypatch.setattr(verdict, "PASSAGE_ORDERED", 1.0)
    assert verdict.relate(A, B, trimmed)[0] == "partial_reuse"
    # not when it keeps fewer of its words, nor out of order, nor beside a single close sentence
    assert verdict.relate(A, B, [trimmed[0], _m(1, "related", 0.7), trimmed[2]])[0] != "partial_reuse"
    scattered = [trimmed[0], Match((1,), (20,), "related", 0.4, (), {"word_max": 1.0}), trimmed[2]]
    assert verdict.relate(A, B, scattered)[0] != "partial_reuse"
    assert verdict.relate(A, B, [trimmed[0], trimmed[1], _m(2, "related", 1.0)])[0] != "partial_reuse"


def test_a_short_sentence_added_to_a_long_article_is_no_longer_identical() -> None:
    """Every sentence of both in a verbatim match makes ``identical``; "He died." added to 120 sentences is under
    0.1% of the characters, which coverage alone took for identical."""
    import retold

    body = " ".join(f"The council of Harben met for the {k}th time this year and voted on the harbour budget." for k in
                    range(120))  # fmt: skip
    a = article_from_text(body, id="a")
    b = article_from_text(body + " He died.", id="b")
    assert retold.compare(a, a, lexical=True).verdict.relation == "identical"
    c = retold.compare(a, b, lexical=True)
    assert c.verdict.relation == "near_duplicate" and c.verdict.coverage_b < 1.0


def test_a_trimmed_statement_does_not_make_an_ordered_passage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two outlets quoting one statement each trim its lead-in their own way: with ``ORDERED_STATEMENTS`` a
    trimmed sentence holding a quote mark (or, "speech", a speech verb) does not count toward the passage."""
    sentences = [
        "Late on Thursday the senator offered a statement, writing: \u201cThis attack on my family is baseless and "
        "ridiculous.",
        "I do not make any of the investment decisions for my own portfolio.",
        "Those decisions are made by several outside advisers without my knowledge at all.",
    ]
    said = "While the hearing went on, the senator said on Tuesday that the agency has ignored the voters."
    plain = "While the hearing went on, the agency ignored the voters of the district on Tuesday."
    monkeypatch.setattr(verdict, "PASSAGE_ORDERED", 1.0)
    for first in (sentences[0], said, plain):
        a = article_from_text(" ".join([first, *sentences[1:], FILLER]), id="a")
        b = article_from_text(" ".join([first.split(", ", 1)[1], *sentences[1:], OTHER]), id="b")
        run = [_m(0, "related", 1.0), _m(1, "verbatim", 1.0), _m(2, "verbatim", 1.0)]
        assert verdict.relate(a, b, run)[0] == "partial_reuse"
        monkeypatch.setattr(verdict, "ORDERED_STATEMENTS", "marks")
        assert (verdict.relate(a, b, run)[0] == "partial_reuse") == (first != sentences[0])
        monkeypatch.setattr(verdict, "ORDERED_STATEMENTS", "speech")
        assert (verdict.relate(a, b, run)[0] == "partial_reuse") == (first == plain)
        monkeypatch.setattr(verdict, "ORDERED_STATEMENTS", "off")


def test_an_ordered_run_needs_close_sentences_with_a_clause_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copyright line and "All rights reserved." are two close matches but one sentence with a clause of its own
    (``passage_sentences``): with ``ORDERED_CLOSE`` "sentences" they and a credit paraphrased make no passage."""
    credit = "Copyright 2016 The Associated Press. All rights reserved."
    a = article_from_text(
        f"Pearson reported from New York for the story. Writers in Washington contributed to this report. {credit}",
        id="a",
    )
    b = article_from_text(
        f"Tucker reported from Washington for this story. Writers in New York contributed to the report. {credit}",
        id="b",
    )
    run = [
        Match((0, 1), (0, 1), "paraphrase", 0.9, (), {"word_max": 0.9}),
        _m(2, "verbatim", 1.0),
        _m(3, "verbatim", 1.0),
    ]
    monkeypatch.setattr(verdict, "PASSAGE_ORDERED", 0.85)
    assert verdict.is_ordered_passage(a, b, run)
    monkeypatch.setattr(verdict, "ORDERED_CLOSE", "sentences")
    assert not verdict.is_ordered_passage(a, b, run)


def test_a_verdicts_shares_are_the_coverage_of_each_set() -> None:
    # relate reads each article's sentence lengths once for its six coverages: the same floats as ``coverage``
    import random

    from retold.align.verdict import _shares, coverage
    from retold.provenance.jobs import strip

    rng = random.Random(2)
    text = " ".join(f"Sentence {k} has {'word ' * rng.randint(1, 9)}in it." for k in range(12))
    art = article_from_text(text, id="a")
    for x in (art, strip(art, {0, 5, 6})[0], strip(art, set(range(12)))[0]):
        share = _shares(x)
        for _ in range(50):
            picked = set(rng.sample(range(14), rng.randint(0, 14)))
            assert share(picked) == coverage(x, picked)


def test_an_articles_words_are_counted_as_words_reads_them(shared: Path) -> None:
    # ``word_count`` counts the words the pair's alignment read (``terms.comparable_words``) where it read them, its
    # own reading of each sentence where not, once for all the article's pairs: either way what ``words`` gives, on
    # real news in English, German and French and on a text that runs Chinese and English together (its characters
    # read as bigrams)
    from retold.align.terms import both_terms, comparable_words
    from retold.text.normalise import words

    texts: list[str] = []
    for name, n in (("news_allsides/allsides.jsonl", 40), ("news_10kgnad_de/10kgnad_de.jsonl", 10)):
        with (shared / "data" / name).open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in itertools.islice(f, n)]
    with (shared / "data/news_orangesum_fr/orangesum_fr.jsonl").open(encoding="utf-8") as f:
        texts += [json.loads(line)["text"] for line in itertools.islice(f, 10)]
    texts.append("北京市政府周一宣布新的交通规则。 The rules take effect in May, officials said. 市民表示欢迎。")
    arts = [article_from_text(t, id=f"t{k}") for k, t in enumerate(texts)]
    comparable = 0
    for art in arts:
        want = sum(len(words(s.norm)) for s in art.sentences)
        norms = [s.norm for s in art.sentences]
        verdict._words_in.cache_clear()
        got_unread = verdict.word_count(art) if comparable_words(norms) is None else None
        both_terms(norms, ["Nothing else."])  # what a pair's alignment reads first
        verdict._words_in.cache_clear()
        comparable += comparable_words(norms) is not None
        assert verdict.word_count(art) == want and got_unread in (None, want), art.id
        assert verdict.word_count(art) == want  # the second pair's
    assert comparable == len(arts) and sum(verdict.word_count(a) for a in arts) > 20_000
