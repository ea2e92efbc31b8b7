"""Flags told from the source's side: the same findings whichever order the two articles are given in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import retold
from retold import fidelity
from retold.model import Comparison, Flag
from retold.report import comparison_dict
from retold.report.terminal import flag_columns

Finding = tuple[str, str | None, str | None]  # kind, the source's words, the retelling's words


def findings(c: Comparison) -> list[Finding]:
    """Each flag as the source's and the retelling's words, whichever argument the source was."""
    if c.flags_source == "b":
        return [(f.kind, f.b_text, f.a_text) for f in c.flags]
    return [(f.kind, f.a_text, f.b_text) for f in c.flags]


def of(c: Comparison, kind: str) -> list[Finding]:
    return [x for x in findings(c) if x[0] == kind]


@pytest.fixture(scope="module", params=[True, False], ids=["lexical", "model"])
def seed_pair(request: pytest.FixtureRequest, seeds: tuple[Path, Path]) -> tuple[Comparison, Comparison]:
    lexical = request.param
    return retold.compare(seeds[0], seeds[1], lexical=lexical), retold.compare(seeds[1], seeds[0], lexical=lexical)


def test_seeds_give_the_same_findings_in_both_orders(seed_pair: tuple[Comparison, Comparison]) -> None:
    forward, back = seed_pair
    assert forward.verdict.direction == "a_to_b" and back.verdict.direction == "b_to_a"
    assert (forward.flags_source, back.flags_source) == ("a", "b")
    assert forward.flags_source_decided and back.flags_source_decided
    assert findings(forward) == findings(back)
    # sides mirrored: every span of one order is the other article's span in the other order
    assert [(f.a, f.b) for f in forward.flags] == [(f.b, f.a) for f in back.flags]


def test_seed_findings_are_what_the_retelling_did(seed_pair: tuple[Comparison, Comparison]) -> None:
    for c in seed_pair:
        quote = of(c, "quote_altered")
        assert len(quote) == 1 and "we will continue" in (quote[0][1] or "")
        assert "We will persist" in (quote[0][2] or "")
        assert of(c, "attribution_dropped") == [("attribution_dropped", "reports Reuters", None)]
        assert any("German radio station" in (x[2] or "") for x in of(c, "claim_added"))
        assert {x[1] for x in of(c, "entity_dropped")} >= {"Clay Barracks", "SHAPE"}
        # nothing told the wrong way round
        assert not [f for f in c.flags if f.kind in ("attribution_added", "number_added")]
        assert not [x for x in of(c, "entity_added") if x[2] in ("Clay Barracks", "SHAPE")]
        for kind, src, ret in findings(c):
            if kind.startswith("number_"):
                assert not any(n in (src or "") + (ret or "") for n in ("700", "2026", "500")), (kind, src, ret)


def test_seed_eu_story_is_brought_in(seed_pair: tuple[Comparison, Comparison]) -> None:
    for c in seed_pair:
        story = of(c, "story_added")
        assert len(story) == 1 and story[0][1] is None
        text = story[0][2] or ""
        assert text.startswith("In a move to swiftly aid Ukraine") and "Hungary" in text
        assert not [x for x in of(c, "claim_added") if "EU" in (x[2] or "")]


def test_seed_json_and_terminal_name_the_source(seed_pair: tuple[Comparison, Comparison]) -> None:
    forward, back = seed_pair
    fd, bd = comparison_dict(forward), comparison_dict(back)
    assert (fd["flags_source"], bd["flags_source"]) == ("a", "b")
    assert fd["flags_source_decided"] is True and bd["flags_source_decided"] is True
    assert [(f["a_text"], f["b_text"]) for f in fd["flags"]] == [(f["b_text"], f["a_text"]) for f in bd["flags"]]
    assert flag_columns(forward) == ("source (A)", "retelling (B)")
    assert flag_columns(back) == ("source (B)", "retelling (A)")


def test_seed_terminal_puts_the_source_first(seeds: tuple[Path, Path]) -> None:
    from io import StringIO

    from rich.console import Console

    from retold.report import render
    from retold.report.reading import flag_words

    out = StringIO()
    render(retold.compare(seeds[1], seeds[0], lexical=True), Console(file=out, width=200))
    text = out.getvalue()
    table = text[text.index("what the retelling changed") :]
    assert "source (B)" in table and "retelling (A)" in table
    row = next(line for line in table.splitlines() if flag_words("attribution_dropped") in line)
    head = next(line for line in table.splitlines() if "source (B)" in line)
    # the dropped credit stands in the source's column, which comes first
    assert row.index("reports Reuters") < head.index("retelling (A)")


DEMO = ("01_wire_original.txt", "03_heavy_rewrite.txt")


@pytest.mark.parametrize("lexical", [True, False], ids=["lexical", "model"])
def test_demo_flags(examples_dir: Path, lexical: bool) -> None:
    c = retold.compare(examples_dir / DEMO[0], examples_dir / DEMO[1], lexical=lexical)
    assert c.verdict.direction == "a_to_b"
    got = findings(c)
    kinds = [k for k, _, _ in got]
    # no "at least" -> "fewer than" ("no fewer than" is "at least"), no claim from a piece of "1,500"
    assert "meaning_shift" not in kinds, got
    assert not [x for x in of(c, "claim_added") if "500 jobs" in (x[2] or "")], got
    # "up to 1,100 jobs" -> "as many as 1,500 jobs" is reworded past a paraphrase: on a `related` match no change
    # is read (fidelity.CHANGE_KINDS; the row's diff shows both figures), and no claim is made of it either
    assert of(c, "number_changed") == [], got
    assert not [x for x in got if "1,500" in (x[2] or "")], got
    bread = [x for x in of(c, "claim_added") if "bread prices" in (x[2] or "")]
    assert len(bread) == 1, got
    story = of(c, "story_added")
    assert len(story) == 1 and (story[0][2] or "").startswith("Meanwhile, in the town of Kessin"), got
    assert "quote_altered" in kinds and ("attribution_dropped", "HARBEN, March 3 (Northwire) - ", None) in got
    # "Reinholt said in a statement" retold "Reinholt said": the credit kept, only its channel gone
    assert not [x for x in of(c, "attribution_dropped") if x[1] == "said in a statement"], got


def test_undetermined_direction_reads_a_to_b_and_says_so() -> None:
    text = (
        "Bridge reopens\n\nThe Kessler bridge reopened on Friday after repairs costing {} million crowns. "
        "Traffic resumed at noon."
    )
    a = retold.article_from_text(text.format(4), id="a")
    b = retold.article_from_text(text.format(5), id="b")
    for x, y, want in ((a, b, ("4 million", "5 million")), (b, a, ("5 million", "4 million"))):
        c = retold.compare(x, y, lexical=True)
        assert c.verdict.direction == "undetermined"
        assert c.flags_source == "a" and not c.flags_source_decided
        assert [(f.kind, f.a_text, f.b_text) for f in c.flags] == [("number_changed", *want)]
        assert any("by argument order" in n for n in c.notes)
        doc = json.loads(json.dumps(comparison_dict(c)))
        assert doc["flags_source"] == "a" and doc["flags_source_decided"] is False
        assert flag_columns(c) == ("A (read as source)", "B (read as retelling)")


def test_undecided_without_flags_still_says_the_reading(examples_dir: Path) -> None:
    """The README promises a line in ``notes`` when the flags read A as the source by argument order alone; with
    no flags there was none, yet "nothing flagged" holds for that reading only (02 read as source flags a claim)."""
    for x, y, found in (("01", "02", False), ("02", "01", True)):
        a, b = (next(examples_dir.glob(f"{k}_*.txt")) for k in (x, y))
        c = retold.compare(a, b, lexical=True)
        assert c.verdict.direction == "common_source" and not c.flags_source_decided
        assert bool(c.flags) is found
        assert [n for n in c.notes if "by argument order" in n] == [
            fidelity.UNDECIDED_NOTE.format(direction="common source")
        ]


def test_no_flags_no_source_note(seeds: tuple[Path, Path]) -> None:
    c = retold.compare(seeds[0], seeds[1], lexical=True, fidelity=False)
    assert c.flags == () and not c.flags_source_decided
    assert not any("argument order" in n for n in c.notes)


def test_mirrored_flag_swaps_sides() -> None:
    from retold.model import Span

    f = Flag("entity_dropped", Span(3, 8), None, "Leeds", None, "info", "'Leeds' left out")
    m = f.mirrored()
    assert (m.a, m.b, m.a_text, m.b_text) == (None, Span(3, 8), None, "Leeds")
    assert (m.kind, m.severity, m.note) == (f.kind, f.severity, f.note) and m.mirrored() == f


def test_read_the_other_way_a_finding_comes_back_as_its_mirrored_kind(seeds: tuple[Path, Path]) -> None:
    """``MIRRORED_KINDS`` says what a flag reads as once the direction flips (the flag audit keys flags by it): the
    seeds' findings, read with the retelling as the source, are the same words under the mirrored kinds."""
    c = retold.compare(seeds[0], seeds[1], lexical=True)
    assert c.flags_source == "a"
    back = fidelity.analyse(c.b, c.a, [fidelity.swap_match(m) for m in c.matches], c.only_in_b, c.only_in_a)
    forward = {
        (fidelity.MIRRORED_KINDS[f.kind], f.a_text, f.b_text) for f in c.flags if f.kind in fidelity.MIRRORED_KINDS
    }
    assert ("attribution_added", "reports Reuters", None) in forward and len(forward) >= 5
    assert forward <= {(f.kind, f.a_text, f.b_text) for f in map(Flag.mirrored, back)}
    assert all(fidelity.MIRRORED_KINDS[fidelity.MIRRORED_KINDS[k]] == k for k in fidelity.MIRRORED_KINDS)


def test_swapped_match_turns_the_diff_round() -> None:
    from retold.fidelity import swap_match
    from retold.model import DiffOp, Match

    m = Match(
        (1,), (2, 3), "edited", 0.9, (DiffOp("equal", "a", "a"), DiffOp("delete", "b", ""), DiffOp("insert", "", "c"))
    )
    s = swap_match(m)
    assert (s.a, s.b, s.label, s.score) == ((2, 3), (1,), "edited", 0.9)
    assert [(d.op, d.a, d.b) for d in s.diff] == [("equal", "a", "a"), ("insert", "", "b"), ("delete", "c", "")]
    assert swap_match(s) == m
