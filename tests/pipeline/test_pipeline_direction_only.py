"""A scan stores edges, not flags: ``compare(..., flags=False)`` reads only the changes the direction weighs
(and leaves out the word diffs), so its verdict (direction, confidence and reasons included) and its matches
must equal the full comparison's."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest

from retold import compare
from retold.ingest import article_from_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ["01_wire_original.txt", "02_light_edit.txt", "03_heavy_rewrite.txt", "04_independent_report.txt"]


@pytest.mark.parametrize("lexical", [True, False])
@pytest.mark.parametrize(("first", "second"), [*permutations(NAMES[:3], 2), (NAMES[0], NAMES[3])])
def test_the_direction_is_the_same_without_flags(first: str, second: str, lexical: bool) -> None:
    a = article_from_text((EXAMPLES / first).read_text(encoding="utf-8"), id=first)
    b = article_from_text((EXAMPLES / second).read_text(encoding="utf-8"), id=second)
    full = compare(a, b, lexical=lexical)
    bare = compare(a, b, lexical=lexical, flags=False)
    assert full.verdict.relation != "unrelated"
    assert bare.verdict == full.verdict
    assert [(m.a, m.b, m.label, m.score) for m in bare.matches] == [(m.a, m.b, m.label, m.score) for m in full.matches]
    assert bare.flags == () and not any(m.diff for m in bare.matches)  # a scan stores neither
    if NAMES[2] in (first, second):
        assert full.flags  # the heavy rewrite changes quotes and credits: the full comparison says so
