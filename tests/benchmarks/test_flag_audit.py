"""The flag audit's arithmetic: judges' agreement and the wrong-flags-per-pair estimate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

flag_audit = pytest.importorskip("flag_audit", reason="benchmarks/flag_audit.py needs the benchmark helpers")


def test_kappa_is_one_for_the_same_verdicts_and_zero_for_chance() -> None:
    x = ["right", "wrong", "right", "wrong"]
    assert flag_audit.cohen_kappa(x, list(x)) == 1.0
    # the second judge says "right" to everything: agreement is exactly what chance gives
    assert flag_audit.cohen_kappa(x, ["right"] * 4) == pytest.approx(0.0)
    assert flag_audit.cohen_kappa(x, ["wrong", "right", "wrong", "right"]) == pytest.approx(-1.0)


def test_wrong_flags_per_pair_weighs_each_set_by_its_flags() -> None:
    meta = {
        "sets": {
            "wmt19": {"pairs": 10, "flags": 40},
            "mrpc": {"pairs": 10, "flags": 100},
            "allsides": {"pairs": 0, "flags": 0},
        }
    }
    rows = [{"set": "wmt19", "verdict": "wrong"}, {"set": "wmt19", "verdict": "right"}]
    rows += [{"set": "mrpc", "verdict": "right"}] * 4
    drawn = {"wmt19": 2, "mrpc": 4}
    # wmt19: half of 40 flags wrong over 20 pairs; mrpc: none
    assert flag_audit.per_pair(meta, drawn, rows, ("wmt19", "mrpc")) == pytest.approx(20 / 20)


def _row(pair: str, kind: str, source: str, texts: tuple[str | None, str | None], verdict: str = "") -> dict:
    """A flag as ``flag_row`` writes it: ``source`` is the article the comparison read as the source."""
    first, second = pair.split("|")
    retelling = second if source == first else first
    return {
        "pair": pair,
        "set": "wmt19",
        "kind": kind,
        "source_id": source,
        "retelling_id": retelling,
        "source_text": texts[0],
        "retelling_text": texts[1],
        "match": ["paraphrase", 0.5],
        "verdict": verdict,
    }


def test_a_flag_read_the_other_way_after_a_direction_flip_is_flipped_not_lost(tmp_path: Path) -> None:
    """``--labels`` keyed a flag by its orientation: after a direction flip the judged ``attribution_dropped``
    (orig -> retold) came back as ``attribution_added`` read retold -> orig and counted as lost."""
    p = "orig-1|retold-1"
    drawn = [
        _row(p, "attribution_dropped", "orig-1", ("said Reuters", None), "right"),
        _row(p, "number_changed", "orig-1", ("5", "6"), "wrong"),
        _row(p, "quote_dropped", "orig-1", ("we stay", None), "wrong"),
        _row("orig-2|retold-2", "entity_dropped", "orig-2", ("Leeds", None), "wrong"),
    ]
    # compared again: the direction of pair 1 flipped (retold-1 is the source now), pair 2 read as before
    now_1 = [
        {**_row(p, "attribution_added", "retold-1", (None, "said Reuters")), "match": ["edited", 0.9]},
        _row(p, "number_changed", "retold-1", ("6", "5")),
        _row(p, "number_dropped", "retold-1", ("12", None)),  # new: not in the draw
    ]
    now_2 = [_row("orig-2|retold-2", "entity_dropped", "orig-2", ("Leeds", None))]
    assert flag_audit._key(drawn[0]) == flag_audit._key(now_1[0])  # one finding, whichever way it is read
    meta = {"seed": 3, "sets": {"wmt19": {"pairs": 2, "flags": 8}, "mrpc": {"pairs": 0, "flags": 0}}}
    meta["sets"]["allsides"] = {"pairs": 0, "flags": 0}
    path = tmp_path / "audit.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [{"meta": meta}, *drawn]) + "\n", encoding="utf-8")
    meta, rows = flag_audit.read_audit(path)
    flag_audit.mark_raised([r for r in rows if r["pair"] == p], now_1)
    flag_audit.mark_raised([r for r in rows if r["pair"] != p], now_2)
    assert [(r["raised"], r["flipped"]) for r in rows] == [(True, True), (True, True), (False, False), (True, False)]
    assert rows[0]["match"] == ["edited", 0.9]  # the match it is read from now
    lines = flag_audit.still_raised(meta, rows)
    assert lines[0] == "still raised: right 1 of 1, wrong 2 of 3"
    assert lines[1].startswith("flipped (") and lines[1].endswith(": right 1, wrong 1")
    # wmt19: 2 of 4 drawn flags raised and wrong, 8 flags over 2 pairs: 2.00; without the flipped one 1.00
    assert lines[2].startswith("est. wrong flags per pair over the judged flags still raised: 2.00")
    assert "flipped ones left out: 1.00" in lines[2]


def test_a_flag_drawn_with_furniture_as_nul_characters_is_the_same_finding_shown_without_them() -> None:
    """Before session 31 a quote with a hover card inside it was shown with the card's NUL characters (the seventh
    audit's n=141); the same quote shown without them is the same finding, not a flag no longer raised."""
    p = "a|b"
    drawn = _row(p, "quote_added", "a", (None, "I work for [President Trump\0\0\0\0] and I left,"), "wrong")
    now = _row(p, "quote_added", "a", (None, "I work for [President Trump] and I left,"))
    assert flag_audit._key(drawn) == flag_audit._key(now)


def test_a_finding_raised_in_two_places_takes_the_match_of_the_place_it_was_judged_in() -> None:
    """The ninth audit's n=69 ('U.S.' dropped, read from a related match) shares its key with a second 'U.S.'
    dropped in another sentence of the pair; ``--labels`` took the match of the last one with the key."""
    p = "a|b"
    judged = {**_row(p, "entity_dropped", "a", ("U.S.", None), "wrong"), "source_context": "U.S. stocks fell."}
    first = {**judged, "verdict": "", "match": ["related", 0.347]}
    second = {**first, "source_context": "The U.S. dollar rose.", "match": ["edited", 0.8]}
    flag_audit.mark_raised([judged], [first, second])
    assert judged["raised"] and judged["match"] == ["related", 0.347]


def test_raised_as_finds_the_same_finding_in_the_place_it_was_judged_in() -> None:
    """``flag_confidence_cv`` and ``entity_probe_cv`` read a judged flag's signals from the flag the pair raises
    now: the same finding in the judged flag's sentences, none when it is gone."""
    p = "a|b"
    judged = {**_row(p, "entity_dropped", "a", ("U.S.", None), "wrong"), "source_context": "The U.S. dollar rose."}
    first = {**judged, "verdict": "", "source_context": "U.S. stocks fell."}
    second = {**first, "source_context": "The U.S. dollar rose."}
    other = _row(p, "entity_dropped", "a", ("Leeds", None))
    assert flag_audit.raised_as(judged, [other, first, second]) == 2
    assert flag_audit.raised_as(judged, [other]) is None
