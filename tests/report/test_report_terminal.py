"""The terminal view: flags with their severity and row, titles named apart, the direction's reasons last."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import retold
from retold.report.terminal import flag_row, render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo() -> retold.Comparison:
    a, b = sorted(EXAMPLES.glob("01_*.txt"))[0], sorted(EXAMPLES.glob("03_*.txt"))[0]
    return retold.compare(a, b, lexical=True)


def _text(c: retold.Comparison) -> str:
    out = io.StringIO()
    render(c, Console(file=out, width=140, color_system=None))
    return out.getvalue()


def test_flags_say_their_severity_and_row(demo: retold.Comparison) -> None:
    text = _text(demo)
    changed = next(f for f in demo.flags if f.kind == "number_changed")
    assert changed.a is not None and changed.b is not None
    row = flag_row(demo, changed)
    a_i, b_i = (int(x) for x in row.split(" / "))
    assert demo.a.text[changed.a.start : changed.a.end] in demo.a.sentences[a_i].text
    assert demo.b.text[changed.b.start : changed.b.end] in demo.b.sentences[b_i].text
    line = next(x for x in text.splitlines() if "number_changed" in x)
    assert row in line
    assert any(f.severity in text.splitlines()[k + 1] for k, x in enumerate(text.splitlines()) for f in demo.flags
               if f.kind in x.split())  # fmt: skip


def test_a_title_is_named_not_numbered(demo: retold.Comparison) -> None:
    assert demo.b.sentences[0].is_title
    assert "only title B" in _text(demo)


def test_the_direction_reasons_come_after_the_content(demo: retold.Comparison) -> None:
    text = _text(demo)
    assert demo.verdict.reasons
    why = text.index("why the direction is A -> B")
    assert why > text.index("what the retelling changed") > text.index("legend")
    assert text.index(demo.verdict.reasons[0][:40]) > why
