"""Figures of a matched pair that are one fact told another way (issue 15): a total one side gives and the other
splits."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from retold.fidelity.numbers.facts import _TEMPORAL
from retold.fidelity.numbers.parse import Quantity
from retold.fidelity.rules import Example, rule

_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _step(q: Quantity) -> float:
    """The unit of a figure's last written digit, in its value's scale ("16.13": 0.01; "$2.4 million": 100,000)."""
    m = _FIGURE.search(q.text)
    written = float(m.group().replace(",", "")) if m else 0.0
    scale = q.value / written if written and q.value else 1.0
    step: float = 10.0 ** -len(m.group(1) or "") if m else 1.0
    return step * scale


@rule(
    "numbers.total_split",
    purpose='A total one side gives and the other splits into its parts ("pay and bonus of $2.4 million" / '
    '"a salary of $1.4 million and a bonus of $1 million"; "12 dead" / "7 passengers and 5 crew") is one '
    "fact in two forms: the total is not changed into a part, and the parts are not added. Two or three parts "
    'of the same kind and unit, adding up to the total within its rounding, each a figure ("two" or "eight" in '
    "words is wording, and with one of them small sums meet by chance: 2 + 60 is no 62 moons).",
    examples=[
        Example(
            "His annual pay and bonus will be at least $2.4 million a year.",
            "The contract sets his base salary at $1.4 million and his bonus at a minimum of $1 million.",
        ),
        Example("The crash killed 12 people.", "The crash killed 7 passengers and 5 crew members."),
        Example("The crash killed 7 passengers and 5 crew members.", "The crash killed 12 people."),
        Example(
            "His annual pay and bonus will be at least $2.4 million a year.",
            "The contract sets his base salary at $1.4 million and his bonus at a minimum of $1.2 million.",
            ("number_changed/high: $2.4 million -> $1.4 million", "number_added/warning: - -> $1.2 million"),
        ),
    ],
    off=lambda total, parts: None,
)
def split_total(total: Quantity, parts: Sequence[Quantity]) -> tuple[Quantity, ...] | None:
    """The two or three of ``parts`` (the other side's figures left over) that add up to ``total``, if any."""
    if total.kind in _TEMPORAL or total.kind in ("percent", "fraction") or not total.salient:
        return None
    same = [
        p for p in parts if p.kind == total.kind and p.unit == total.unit and p.salient and 0 < p.value < total.value
    ]
    for n in (2, 3):
        for combo in itertools.combinations(same, n):
            tol = max([_step(total), *(_step(p) for p in combo)]) / 2
            if abs(sum(p.value for p in combo) - total.value) <= tol + 1e-9 * total.value:
                return combo
    return None


def totals(left_a: list[Quantity], left_b: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """``left_a`` and ``left_b`` without the totals one side gives and the parts the other splits them into."""
    drop: set[int] = set()
    for own, other in ((left_a, left_b), (left_b, left_a)):
        for t in own:
            if id(t) in drop:
                continue
            combo = split_total(t, [p for p in other if id(p) not in drop])
            if combo:
                drop |= {id(t), *(id(p) for p in combo)}
    return [q for q in left_a if id(q) not in drop], [q for q in left_b if id(q) not in drop]
