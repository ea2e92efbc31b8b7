"""A span of time told as one of the next unit ("innerhalb von 24 Stunden" / "im Laufe eines Tages", "seven days" /
"a week"): the same span, no number left out or added."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retold.fidelity.numbers.parse import Quantity
from retold.fidelity.rules import Example, never, rule

# a span of one unit in the next unit's words, and how the other side names one of that unit, English and German
_ONE = {
    ("min", 60): r"an?\s+hour|one\s+hour|eine[rn]?\s+Stunde",
    ("h", 24): r"an?\s+day|one\s+day|eine[ns]?\s+(?:ganzen\s+)?Tag(?:es|s|e)?|einem\s+Tag",
    ("d", 7): r"an?\s+week|one\s+week|eine[r]?\s+Woche",
    ("mo", 12): r"an?\s+year|one\s+year|eine[ns]?\s+Jahr(?:es|s|e)?|einem\s+Jahr",
}
_ONE_RE = {k: re.compile(rf"\b(?:{v})\b", re.IGNORECASE) for k, v in _ONE.items()}


@rule(
    "numbers.one_larger_unit",
    purpose="A span of time that is one of the next unit (24 hours, 60 minutes, 7 days, 12 months) is the same span "
    'where the other side names one of that unit ("innerhalb von 24 Stunden" / "im Laufe eines Tages", "within '
    '24 hours" / "within a day"): no number dropped or added. Another count ("48 Stunden", "two days") stays a '
    "change.",
    examples=[
        Example("Die Antwort kam innerhalb von 24 Stunden.", "Die Antwort kam im Laufe eines Tages.", (), lang="de"),
        Example("The answer came within a week.", "The answer came within seven days."),
        Example(
            "Die Antwort kam innerhalb von 48 Stunden.",
            "Die Antwort kam im Laufe eines Tages.",
            ("number_dropped/info: 48 Stunden -> -",),
            lang="de",
        ),
    ],
    off=never,
)
def one_of_next(q: Quantity, other: str) -> bool:
    """Whether span ``q`` is one of the next unit and ``other`` (the other side's matched text) names one of it."""
    rx = _ONE_RE.get((q.unit or "", int(q.value))) if q.value == int(q.value) else None
    return rx is not None and rx.search(other) is not None


def spans_kept(left: Sequence[Quantity], other: str) -> list[Quantity]:
    """The figures of ``left`` that are no span of time the other side tells as one of the next unit."""
    return [q for q in left if not one_of_next(q, other)]
