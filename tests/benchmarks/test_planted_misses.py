"""``benchmarks/planted_misses.py`` names the cause of a compared pair's miss from its matches: a trimmed
sentence that runs on from two close ones, a passage whose sentences were merged on one side, or too few
close sentences."""

from __future__ import annotations

from planted_misses import cause
from retold.ingest import article_from_text
from retold.model import Match

REST = [f"Stall {k} of the night market reopened after the storm with new awnings and lights." for k in range(10)]
A = article_from_text(
    "The mayor closed the coastal road on Tuesday. Engineers found cracks in two of its bridges. "
    "Buses will run a longer route inland until spring. " + " ".join(REST),
    id="a",
)
B = article_from_text(
    "The mayor closed the coastal road on Tuesday. Engineers found cracks in two bridges. "
    "Buses will run a longer route until spring. " + " ".join(reversed(REST)),
    id="b",
)


def _m(a: tuple[int, ...], b: tuple[int, ...], label: str, word_max: float) -> Match:
    return Match(a, b, label, 0.9, (), {"word_max": word_max})  # type: ignore[arg-type]


def test_a_trimmed_sentence_running_on_from_the_close_ones() -> None:
    matches = [_m((0,), (0,), "edited", 1.0), _m((1,), (1,), "edited", 1.0), _m((2,), (2,), "related", 1.0)]
    assert cause(A, B, matches) == ("trimmed sentence next to the passage", {"close_a": 2, "close_b": 2})


def test_a_trimmed_sentence_elsewhere_or_too_far_from_its_source_is_too_few() -> None:
    apart = [_m((0,), (0,), "edited", 1.0), _m((1,), (1,), "edited", 1.0), _m((5,), (7,), "related", 1.0)]
    assert cause(A, B, apart)[0] == "too few close sentences"
    far = [_m((0,), (0,), "edited", 1.0), _m((1,), (1,), "edited", 1.0), _m((2,), (2,), "related", 0.6)]
    assert cause(A, B, far)[0] == "too few close sentences"


def test_sentences_merged_on_one_side() -> None:
    matches = [_m((0,), (0,), "verbatim", 1.0), _m((1, 2), (1,), "edited", 1.0)]
    assert cause(A, B, matches) == ("sentences merged on one side", {"close_a": 3, "close_b": 2})


def test_model_cause_names_what_the_model_made_of_each_lost_close_match() -> None:
    from planted_misses import model_cause

    lexical = [_m((0,), (0,), "verbatim", 1.0), _m((1,), (1,), "edited", 1.0), _m((2,), (2,), "edited", 1.0)]
    assert model_cause(A, B, lexical, lexical) == ("no close match lost", [])
    joined = [_m((0,), (0,), "verbatim", 1.0), _m((1, 2), (1,), "paraphrase", 1.0), _m((2,), (2,), "edited", 1.0)]
    why, lost = model_cause(A, B, lexical, joined)
    assert why == "joined with another sentence"
    assert [x["lexical"] for x in lost] == [[[1], [1], "edited"]]
    assert lost[0]["others"] == {"a": [A.sentences[2].text], "b": [""]}
    relabelled = [_m((0,), (0,), "verbatim", 1.0), _m((1,), (1,), "paraphrase", 1.0), _m((2,), (2,), "edited", 1.0)]
    assert model_cause(A, B, lexical, relabelled)[0] == "labelled paraphrase"
    crossed = [_m((0,), (0,), "verbatim", 1.0), _m((1,), (2,), "edited", 1.0)]
    why, lost = model_cause(A, B, lexical, crossed)
    assert why == "paired otherwise"
    assert sorted(x["what"] for x in lost) == ["paired otherwise", "paired otherwise"]
    assert model_cause(A, B, lexical, lexical[:2])[0] == "left unpaired"
