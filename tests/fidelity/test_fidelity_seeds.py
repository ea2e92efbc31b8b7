"""The seed pair (000 -> 003): what the retelling changed, and which article came first."""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_alignment import MATCHES, ONLY_A, ONLY_B  # this folder's fixture module, shared with the benchmark

from retold.fidelity import analyse, decide_direction
from retold.ingest import read_article
from retold.model import Article, Flag, Match


def swapped(ms: list[Match]) -> list[Match]:
    return [Match(m.b, m.a, m.label, m.score) for m in ms]


@pytest.fixture(scope="module")
def pair(seeds: tuple[Path, Path]) -> tuple[Article, Article]:
    return read_article(str(seeds[0])), read_article(str(seeds[1]))


@pytest.fixture(scope="module")
def flags(pair: tuple[Article, Article]) -> list[Flag]:
    a, b = pair
    return analyse(a, b, MATCHES, ONLY_A, ONLY_B)


def of(flags: list[Flag], kind: str) -> list[Flag]:
    return [f for f in flags if f.kind == kind]


def test_the_hand_made_alignment_fits_the_seeds(pair: tuple[Article, Article]) -> None:
    a, b = pair
    assert a.sentences[0].is_title and len(a.sentences) == 13 and len(b.sentences) == 13
    assert "Putin" in a.sentences[2].text and "Clay Barracks" in a.sentences[3].text
    assert "700" in a.sentences[7].text and "2026" in a.sentences[8].text
    assert "German radio station" in b.sentences[2].text and b.sentences[4].text.startswith("This facility")
    assert "700" in b.sentences[7].text and "Kaliningrad" in b.sentences[9].text and "EU" in b.sentences[10].text


def test_message_to_putin_quote_altered(flags: list[Flag]) -> None:
    altered = of(flags, "quote_altered")
    assert len(altered) == 1, altered
    f = altered[0]
    assert f.a_text is not None and "we will continue" in f.a_text
    assert f.b_text is not None and f.b_text.startswith("We will persist")
    assert "(speaker: Mark Rutte)" in f.note  # resolved from "he said"; "General" belongs to the post


def test_reuters_credit_dropped(flags: list[Flag]) -> None:
    dropped = of(flags, "attribution_dropped")
    assert [f.a_text for f in dropped] == ["reports Reuters"]
    assert dropped[0].severity == "warning"


def test_german_radio_station_clause_added(flags: list[Flag]) -> None:
    added = of(flags, "claim_added")
    assert any(f.b_text and "German radio station" in f.b_text for f in added), added
    assert all(f.b_text and "Ukraine" not in f.b_text for f in added)  # the quote is the quote check's business


def test_names_dropped(flags: list[Flag]) -> None:
    dropped = {f.a_text for f in of(flags, "entity_dropped")}
    assert {"Clay Barracks", "SHAPE"} <= dropped
    # kept under another spelling: the expansion of NSATU, "US" as "American"/"U.S.", Reuters is a credit
    assert not dropped & {"NSATU", "US", "Reuters", "NATO", "Rutte", "Mark Rutte", "Germany"}


def test_date_dropped_and_kept_numbers_not_flagged(flags: list[Flag]) -> None:
    numbers = [f for f in flags if f.kind.startswith("number_")]
    assert [(f.kind, f.a_text) for f in numbers] == [("number_dropped", "14th of October")]
    for f in numbers:
        for kept in ("700", "2026", "500"):
            assert kept not in (f.a_text or "") + (f.b_text or "")


def test_as_far_as_became_near(flags: list[Flag]) -> None:
    shifts = of(flags, "meaning_shift")
    assert any("as far as" in (f.a_text or "") and "near" in (f.b_text or "") for f in shifts), shifts


def test_spans_are_offsets_into_the_original_texts(pair: tuple[Article, Article], flags: list[Flag]) -> None:
    a, b = pair
    assert flags
    for f in flags:
        assert f.a is not None or f.b is not None
        if f.a is not None:
            assert a.text[f.a.start : f.a.end] == f.a_text
        if f.b is not None:
            assert b.text[f.b.start : f.b.end] == f.b_text
    # the original keeps its curly quotes: the spans are not offsets into the normal text
    altered = of(flags, "quote_altered")[0]
    assert altered.a is not None and a.text[altered.a.start - 1] == "\u201c"


def test_direction_a_to_b(pair: tuple[Article, Article], flags: list[Flag]) -> None:
    a, b = pair
    direction, confidence, reasons = decide_direction(a, b, MATCHES, ONLY_A, ONLY_B, flags)
    assert direction == "a_to_b"
    assert confidence >= 0.8
    assert any("credits" in r for r in reasons) and any("share little with the shared story" in r for r in reasons)


def test_swapping_the_articles_swaps_the_answer(pair: tuple[Article, Article], flags: list[Flag]) -> None:
    a, b = pair
    back = analyse(b, a, swapped(MATCHES), ONLY_B, ONLY_A)
    kinds = {f.kind for f in back}
    assert {"attribution_added", "entity_added", "number_added", "quote_altered"} <= kinds
    assert {(f.kind, f.b_text) for f in back if f.kind == "entity_added"} >= {
        ("entity_added", "Clay Barracks"),
        ("entity_added", "SHAPE"),
    }
    direction, confidence, _ = decide_direction(b, a, swapped(MATCHES), ONLY_B, ONLY_A, back)
    assert direction == "b_to_a" and confidence >= 0.8
    forward = decide_direction(a, b, MATCHES, ONLY_A, ONLY_B, flags)
    assert confidence == forward[1]


def test_published_dates_decide_when_given(pair: tuple[Article, Article], flags: list[Flag]) -> None:
    from dataclasses import replace

    a, b = pair
    a2 = replace(a, published="2024-10-15T09:00:00Z")
    b2 = replace(b, published="2024-10-14")
    direction, confidence, reasons = decide_direction(a2, b2, MATCHES, ONLY_A, ONLY_B, flags)
    assert direction == "b_to_a" and 0.6 <= confidence <= 0.9  # dates win; the text evidence disagrees
    assert reasons[0] == "B was published first"
