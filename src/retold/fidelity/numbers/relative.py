"""A date or year told relative to the story's own date ("died Thursday" for "died Sept. 25", "this year") or to
another year ("ten years later" for 1880)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from retold.fidelity._shared import Doc
from retold.fidelity.numbers.parse import Quantity
from retold.fidelity.rules import Example, never, rule

# the days a news story names by their distance from its own date, English and German
_DAYS = {
    "today": 0, "tonight": 0, "overnight": -1, "yesterday": -1, "tomorrow": 1, "heute": 0, "gestern": -1,
    "vorgestern": -2,
}  # fmt: skip
_DAY_RE = re.compile(r"\b(?:" + "|".join(_DAYS) + r")\b", re.IGNORECASE)
# a year named by its distance from the story's: "this year", "last year", "dieses Jahr", "im Vorjahr"
_YEARS = {"this": 0, "current": 0, "last": -1, "next": 1, "dieses": 0, "diesen": 0, "letztes": -1, "vergangenes": -1}
_YEAR_RE = re.compile(r"\b(" + "|".join(_YEARS) + r")\s+(?:year|jahr(?:es)?)\b|\b(?:im\s+)?(vorjahr)\b", re.IGNORECASE)


def _story_date(*docs: Doc) -> date | None:
    """The first of the articles' dates that is known."""
    for d in docs:
        r = d.article.date
        if r is not None:
            return r.at.date()
    return None


def _days(other: str, weekdays: Sequence[Quantity], on: date | None) -> list[date] | None:
    """The dates the other side's relative days may be (None where the story's date is unknown but one is told)."""
    offsets = [_DAYS[m.group().lower()] for m in _DAY_RE.finditer(other)]
    if not offsets and not weekdays:
        return []
    if on is None:
        return None
    out = [on + timedelta(days=k) for k in offsets]
    for w in weekdays:  # the weekday of the week before the story or of the week after
        back = (on.weekday() - int(w.value)) % 7
        out += [on - timedelta(days=back), on + timedelta(days=(7 - back) % 7)]
    return out


@rule(
    "numbers.relative_date",
    purpose='A date one side gives and the other tells relative to the story ("died Sept. 25" / "died Thursday", '
    '"the June 1 edition" / "today\'s edition", "in 2003" / "this year") is not dropped: the retelling names a '
    "weekday of its own or a relative day or year, and the source none (where both do, those two are the pair), "
    "and no date (year) of the retelling is left over, which would be the counterpart. Where an article's date is "
    "known the two must agree. The other way round (a relative day made a date) is an inference: a number added.",
    examples=[
        Example("Brian Florence died Sept. 25 of a heart attack.", "Mr. Florence died Thursday of heart failure."),
        Example(
            "Brian Florence died Sept. 25 of a heart attack.",
            "Mr. Florence died of heart failure.",
            ("number_dropped/info: Sept. 25 -> -",),
        ),
        Example("The firm lost $48.3 million in the first half of 2011.", "This year it lost $48.3 million."),
        Example(
            "The city expects $182.5 million this year, against last year's $125.4 million.",
            "The city expects $182.5 million this year, against the $125.4 million of 2002.",
            ("number_added/warning: - -> 2002",),
        ),
        Example(
            "China unveiled its plan last year: it wants to lead in AI by 2030.",
            "China said last year that it aims to lead in AI by 2130.",
            ("number_changed/high: 2030 -> 2130",),
        ),
        Example(
            "The agency will accept any returns due Aug. 15 if they are filed by Aug. 22.",
            "The agency will accept any returns due from Friday if they are filed by Aug. 21.",
            ("number_changed/high: Aug. 15 -> Aug. 21", "number_dropped/info: Aug. 22 -> -"),
        ),
        Example(
            "On Sunday August 3, the lower synod voted for Elena Varga.",
            "On Tuesday, the upper synod gave final approval for Elena Varga.",
            ("number_changed/high: Sunday -> Tuesday", "number_dropped/info: August 3 -> -"),
        ),
        Example(
            "An inquest will be held January 6, the coroner announced overnight.",
            "The inquest will open in the new year, the coroner announced yesterday.",
            ("number_dropped/info: January 6 -> -",),
        ),
    ],
    off=never,
)
def _relative(
    q: Quantity, own: str, other: str, left_other: Sequence[Quantity], on: date | None, own_day: bool = False
) -> bool:
    if q.kind not in ("date", "year") or any(y.kind == q.kind for y in left_other):
        return False  # the retelling's own date or year left over is the counterpart, changed or not
    if q.kind == "year":
        if _YEAR_RE.search(own):
            return False
        told = [_YEARS[(m.group(1) or "").lower()] if m.group(1) else -1 for m in _YEAR_RE.finditer(other)]
        return bool(told) and (on is None or int(q.value) in {on.year + k for k in told})
    if int(q.value) % 100 == 0 or own_day or _DAY_RE.search(own):
        return False
    days = _days(other, [w for w in left_other if w.kind == "weekday"], on)
    if days is None:
        return True
    return any(d.month * 100 + d.day == int(q.value) for d in days)


@rule(
    "numbers.years_as_offset",
    purpose='A span of years one side gives after a year ("in 1870, St. Martin\'s ten years later", "by 2007, double '
    'that of five years earlier") is kept where the other side gives the year it leads to (1880, 2002) instead: '
    "one fact in two forms, not a number dropped.",
    examples=[
        Example(
            "Both churches were built by white congregations, Metropolitan in 1870, St. Martin's ten years later.",
            "Both churches were built by white congregations, Metropolitan in 1870 and St. Martin's in 1880.",
        ),
        Example(
            "Both churches were built by white congregations, Metropolitan in 1870, St. Martin's ten years later.",
            "Both churches were built by white congregations, Metropolitan in 1870 and St. Martin's in 1885.",
            ("number_dropped/info: ten years -> -", "number_added/warning: - -> 1885"),
        ),
        Example(
            "By 2007, antivirus software will sell $4.4 billion a year, double that of five years earlier.",
            "By 2007, antivirus software will sell $4.4 billion a year, double that of 2002.",
        ),
    ],
    off=lambda q, years, left_b: None,
)
def _offset(q: Quantity, years: Sequence[Quantity], left_b: Sequence[Quantity]) -> Quantity | None:
    """The retelling's year that ``q``, a span of years, leads to from one of the source's ``years``."""
    if q.kind != "unit" or q.unit != "yr":
        return None
    base = {int(y.value) for y in years if y.kind == "year"}
    return next(
        (y for y in left_b if y.kind == "year" and {int(y.value - q.value), int(y.value + q.value)} & base), None
    )


def offsets(
    left_a: list[Quantity], qa: Sequence[Quantity], left_b: list[Quantity]
) -> tuple[list[Quantity], list[Quantity]]:
    """``left_a`` and ``left_b`` without the spans of years of the source (``qa`` its figures in the match) that the
    retelling gives as the year they lead to, and without those years."""
    found = {id(q): _offset(q, qa, left_b) for q in left_a}
    years = {id(y) for y in found.values() if y is not None}
    return [q for q in left_a if found[id(q)] is None], [y for y in left_b if id(y) not in years]


def restated(
    left: list[Quantity], texts: tuple[str, str], left_b: Sequence[Quantity], docs: tuple[Doc, Doc]
) -> list[Quantity]:
    """The source's ``left`` figures without the dates and years the retelling tells relative to the story;
    ``texts`` and ``docs`` are the source's and the retelling's (whose date the relative words count from)."""
    if not any(q.kind in ("date", "year") for q in left):
        return left
    on = _story_date(docs[1], docs[0])
    own_day = any(q.kind == "weekday" for q in left)  # the retelling's weekday is then that one's counterpart
    return [q for q in left if not _relative(q, texts[0], texts[1], left_b, on, own_day)]
