"""``benchmarks/passage_quote_cv.py`` judges each pair under every variant of the ordered passage rule and scores
a block: a lifted passage with a trimmed sentence is found once the ordered rule is on, and a statement two
outlets quote (its lead-in trimmed) is left out by the variants that look for quote marks."""

from __future__ import annotations

from passage_quote_cv import VARIANTS, _name, judged, scores
from retold.ingest import article_from_text
from retold.model import Match

FILLER = " ".join(f"Stall {k} of the night market reopened after the storm with new awnings." for k in range(30))
OTHER = " ".join(f"Rain is expected in district {k} of the valley by the weekend, forecasters said." for k in range(30))
CLOSE = "Engineers found cracks in two of the old bridges last week. Buses will run a longer route inland until spring."


def _pair(first_a: str, first_b: str) -> tuple[object, object]:
    return article_from_text(f"{first_a} {CLOSE} {FILLER}", id="a"), article_from_text(
        f"{first_b} {CLOSE} {OTHER}", id="b"
    )


def _m(i: int, label: str) -> Match:
    return Match((i,), (i,), label, 0.9, (), {"word_max": 1.0})  # type: ignore[arg-type]


def test_variants_judge_a_trimmed_passage_and_a_quoted_statement() -> None:
    run = [_m(0, "related"), _m(1, "verbatim"), _m(2, "verbatim")]
    lifted = _pair(
        "The mayor closed the coastal road on Tuesday after the landslide near the harbour.",
        "The mayor closed the coastal road on Tuesday.",
    )
    quoted = _pair(
        'In a statement the mayor wrote: "The coastal road stays closed until it is safe again.',
        "The coastal road stays closed until it is safe again.",
    )
    items = judged([("edited_passage", None, *lifted, run), (None, None, *quoted, run)])
    marks = VARIANTS.index((1.0, "marks", "matches"))
    off = VARIANTS.index((1.0, "off", "matches"))
    assert _name(VARIANTS[0]) == "ordered=off"
    assert items[0][1][0] is False and items[0][1][marks] is True
    assert items[1][1][off] is True and items[1][1][marks] is False
    assert scores(items, [], marks) | {"news_accuracy": 1.0} == {
        "news_accuracy": 1.0,
        "reuse_found": 1,
        "reuse": 1,
        "edited_passage_found": 1,
        "false_positives": 0,
        "pan13_recall": 0.0,
    }
