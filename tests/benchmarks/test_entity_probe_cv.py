"""``entity_probe_cv.py`` alters the sentence the flagged name is in (and only the name), and its held-out
threshold withholds flags only where the other seeds say it pays."""

from __future__ import annotations

import numpy as np

import entity_probe_cv as ep


def _flag(kind: str, a: str, b: str, a_name: str | None, b_name: str | None) -> ep.Row:
    def span(t: str, n: str | None) -> list[int] | None:
        return None if n is None else [t.index(n), t.index(n) + len(n)]

    return {"kind": kind, "a": a, "a_span": span(a, a_name), "b": b, "b_span": span(b, b_name)}


def test_an_added_name_is_taken_out_of_its_own_side_only() -> None:
    r = _flag("entity_added", "The US investment bank said so.", "Goldman's bank said so.", None, "Goldman")
    o, t, name, alt = ep.texts(r)
    assert (o, t, name) == ("The US investment bank said so.", "Goldman's bank said so.", "Goldman")
    assert alt["remove"] == "'s bank said so." and alt["np"] == "bank said so."
    assert alt["someone"] == "someone's bank said so."


def test_a_changed_name_is_replaced_by_the_other_sides_name() -> None:
    r = _flag("entity_changed", "Lund thanked the mayor.", "Vik thanked the mayor.", "Lund", "Vik")
    o, _, name, alt = ep.texts(r)
    assert (o, name, alt["it"]) == ("Lund thanked the mayor.", "Vik", "Lund thanked the mayor.")


def test_phrases_are_those_the_name_side_lacks_without_stop_words_at_the_ends() -> None:
    got = ep.phrases("The US investment bank said", "Goldman said")
    assert "US investment bank" in got and "said" not in got and "The US" not in got


def test_a_threshold_is_held_out_only_where_it_pays() -> None:
    rows = [{"seed": s, "pair": f"{s}-{k}"} for s in range(4) for k in range(20)]
    y = np.array([k >= 4 for s in range(4) for k in range(20)])  # 4 wrong flags in each seed
    marks = np.array([0.0 if k < 4 else 1.0 for s in range(4) for k in range(20)])  # a signal that marks them
    assert ep.held_out(rows, marks, y, 3.0)[:2] == (16, 0)
    assert ep.held_out(rows, np.zeros(len(rows)), y, 3.0)[:2] == (0, 0)  # one that does not: nothing withheld
