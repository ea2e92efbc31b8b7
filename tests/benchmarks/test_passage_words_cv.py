"""``benchmarks/passage_words_cv.py`` judges each pair under every floor of ``ORDERED_MIN_WORDS``: a lifted passage
whose trimmed first sentence keeps 7 words counts from a floor of 7 down, and the choice over the floors takes the
stricter (larger) one on a tie."""

from __future__ import annotations

from passage_merged_cv import choose
from passage_words_cv import judged
from retold.align import verdict
from retold.ingest import article_from_text
from retold.model import Match

FILLER = " ".join(f"Stall {k} of the night market reopened after the storm with new awnings." for k in range(30))
OTHER = " ".join(f"Rain is expected in district {k} of the valley by the weekend, forecasters said." for k in range(30))
CLOSE = "Engineers found cracks in two of the old bridges last week. Buses will run a longer route inland until spring."


def _m(i: int, label: str) -> Match:
    return Match((i,), (i,), label, 0.9, (), {"word_max": 1.0})  # type: ignore[arg-type]


def test_a_seven_word_trimmed_sentence_counts_from_a_floor_of_seven() -> None:
    a = article_from_text(
        f"The mayor closed the coastal road after the landslide near the harbour. {CLOSE} {FILLER}", id="a"
    )
    b = article_from_text(f"The mayor closed the coastal road today. {CLOSE} {OTHER}", id="b")
    assert len(b.sentences[0].norm.split()) == 7
    run = [_m(0, "related"), _m(1, "verbatim"), _m(2, "verbatim")]
    items = judged([("edited_passage", None, a, b, run), (None, None, a, b, run[1:])], [8, 7, 6])
    assert items[0][1] == [False, True, True] and items[1][1] == [False, False, False]
    assert verdict.ORDERED_MIN_WORDS == 8  # put back after judging
    assert choose(items, [], 3) == 1  # 7 and 6 tie: the stricter
    assert choose(items[1:], [], 3) == 0  # nothing to find: the shipped floor
