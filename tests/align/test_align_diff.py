"""The word diff: difflib's reading for sentences, an edit-distance diff past ``DIFFLIB_MAX`` word pairs."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from retold.align.diff import DIFFLIB_MAX, opcodes, word_diff


def _apply(a: list[str], b: list[str], ops: object) -> list[str]:
    """B rebuilt from A by the opcodes, checking that they walk both sides in order without gaps."""
    out: list[str] = []
    at_a = at_b = 0
    for tag, i1, i2, j1, j2 in ops:  # type: ignore[attr-defined]
        assert (i1, j1) == (at_a, at_b)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        out += a[i1:i2] if tag == "equal" else b[j1:j2]
        at_a, at_b = i2, j2
    assert (at_a, at_b) == (len(a), len(b))
    return out


def test_sentences_are_diffed_as_difflib_reads_them() -> None:
    a = "the council approved the new budget on monday".split()
    b = "the city council approved a budget on monday evening".split()
    assert list(opcodes(a, b)) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@pytest.mark.parametrize("n", [100, 400])
def test_long_repetitive_sides_get_a_whole_diff(n: int) -> None:
    """A group of many like sentences (400 a side took difflib 45 s in `compare`) is diffed by edit distance:
    every word of both sides accounted for, in order."""
    a = "the minister said the plan would go ahead .".split() * n
    b = "the minister said the plan would go ahead as announced on monday .".split() * n
    assert len(a) * len(b) > DIFFLIB_MAX
    ops = opcodes(a, b)
    assert _apply(a, b, ops) == b
    assert sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal") == len(a)  # all of A is kept


def test_word_diff_keeps_the_spelling_of_a() -> None:
    ops = word_diff("The Council approved it.", "the council rejected it")
    assert [(o.op, o.a, o.b) for o in ops] == [
        ("equal", "The Council", "the council"),
        ("replace", "approved", "rejected"),
        ("equal", "it.", "it"),
    ]
