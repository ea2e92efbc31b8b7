"""``flag_confidence_cv.py`` withholds flags only where the training audits say it pays (wrong withheld against
``cost`` times right lost), and its signals are read from the comparison alone."""

from __future__ import annotations

import flag_confidence_cv as fcv
import flag_signals
import retold

SOURCE = (
    "The Orbrook bridge will reopen in March after repairs costing $4 million, Mayor Ines Falk said on Monday. Traffic"
    " on the river road has been diverted since the spring floods. Falk said the city council approved the final"
    " payment last week."
)
RETOLD = (
    "The Orbrook bridge will reopen in May after repairs costing $9 million, officials said on Monday. Traffic on the"
    " river road has been diverted since the spring floods. The city council approved the final payment last week."
)


def _rows(seed: int, signal: float, right: int, wrong: int) -> list[fcv.Row]:
    flag = {"seed": seed, "flipped": False, "x": {"weak": signal}}
    rows = [flag | {"verdict": "right", "pair": f"{seed}-r{k}-{signal}"} for k in range(right)]
    return rows + [flag | {"verdict": "wrong", "pair": f"{seed}-w{k}-{signal}"} for k in range(wrong)]


def test_a_signal_that_marks_wrong_flags_gets_a_threshold() -> None:
    rows = [r for s in range(4) for r in _rows(s, 1.0, 2, 10) + _rows(s, 0.0, 40, 1)]
    c_value, t = fcv.choose(rows, ["weak"], cost=3.0)
    model = fcv.fit(rows, ["weak"], c_value)
    p_weak, p_strong = fcv.predict(model, [_rows(9, 1.0, 1, 0)[0], _rows(9, 0.0, 1, 0)[0]])
    assert p_weak < t <= p_strong


def test_no_threshold_where_withholding_costs_more_right_flags_than_it_saves() -> None:
    rows = [r for s in range(4) for r in _rows(s, 1.0, 6, 4) + _rows(s, 0.0, 40, 4)]
    assert fcv.choose(rows, ["weak"], cost=3.0)[1] == 0.0


def test_every_flag_gets_the_same_signals() -> None:
    a, b = retold.article_from_text(SOURCE, id="a"), retold.article_from_text(RETOLD, id="b")
    c = retold.compare(a, b, lexical=True)
    xs = flag_signals.signals(c)
    assert c.flags and len(xs) == len(c.flags) and all(x.keys() == xs[0].keys() for x in xs)
    for x, f in zip(xs, c.flags, strict=True):
        assert x[f"kind={f.kind}"] == 1.0 and sum(v for k, v in x.items() if k.startswith("kind=")) == 1.0
    assert 0 < flag_signals.probability(xs[0], {"weights": {"severity": 1.0}, "bias": 0.0}) < 1
