"""Two reports of one event written independently: a verdict and a direction, but no flags (nothing was retold)."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold import fidelity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("lexical", [True, False])
def test_an_independent_report_raises_no_flag_in_either_order(lexical: bool) -> None:
    wire = retold.read_article(str(EXAMPLES / "01_wire_original.txt"))
    own = retold.read_article(str(EXAMPLES / "04_independent_report.txt"))
    for a, b in ((wire, own), (own, wire)):
        c = retold.compare(a, b, lexical=lexical)
        assert c.verdict.relation == "same_story"
        assert c.flags == ()
        assert fidelity.INDEPENDENT_NOTE in c.notes
        assert c.verdict.direction != "undetermined"  # the direction is still weighed and said
        # the checks would have found "differences": the report's own reporting read as claims added to the wire
        only_a = [s.i for s in c.a.sentences if all(s.i not in m.a for m in c.matches)]
        only_b = [s.i for s in c.b.sentences if all(s.i not in m.b for m in c.matches)]
        assert fidelity.analyse(c.a, c.b, c.matches, only_a, only_b)


def test_a_retelling_still_gets_its_flags() -> None:
    wire = retold.read_article(str(EXAMPLES / "01_wire_original.txt"))
    rewrite = retold.read_article(str(EXAMPLES / "03_heavy_rewrite.txt"))
    c = retold.compare(wire, rewrite, lexical=True)
    assert c.verdict.relation in ("rewrite", "partial_reuse") and c.flags
    assert fidelity.INDEPENDENT_NOTE not in c.notes
