"""The relation of two articles from their matches (``retold.align.verdict``): a passage of three close
sentences is reuse whatever share of the longer article it is; the variants of the passage rule that
``benchmarks/passage_close_cv.py`` tried (and CV left off) do what they say."""

from __future__ import annotations

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
B = article_from_text(
    "Ferry crews walked out at dawn over the new rota. The union said talks had failed this month. "
    "Passengers were told to expect delays. "
    + " ".join(f"Rain is expected in district {k} of the valley by the weekend, forecasters said." for k in range(30)),
    id="b",
)


def _m(i: int, label: str, word_max: float) -> Match:
    return Match((i,), (i,), label, 0.9, (), {"word_max": word_max})  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verdict, "PASSAGE_CONTAINED", None)
    monkeypatch.setattr(verdict, "PASSAGE_COUNT", "min")


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
