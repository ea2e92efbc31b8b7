"""When two quantities state the same fact, and which ones may be one changed into the other."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from retold.fidelity.numbers.lexicon import _CONVERT
from retold.fidelity.numbers.parse import Quantity
from retold.fidelity.rules import Example, never, rule

ROUNDING = 0.015


_TEMPORAL = frozenset({"date", "weekday", "time", "score", "year"})


def same(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities state the same fact (rounding allowed where one side says "about"), in either reading
    of a figure that has two ("5m": metres or millions)."""
    if x.alt is None and y.alt is None:
        return _same(x, y)
    return any(_same(a, b) for a in _readings(x) for b in _readings(y))


def _readings(q: Quantity) -> tuple[Quantity, ...]:
    return (q,) if q.alt is None else (q, replace(q, value=q.alt, alt=None, scaled=True))


def _same(x: Quantity, y: Quantity) -> bool:
    kinds = {x.kind, y.kind}
    if kinds == {"fraction", "percent"}:  # "three quarters" is 75%, "a third" 33%
        f, p = (x, y) if x.kind == "fraction" else (y, x)
        return p.unit == "%" and abs(f.value * 100 - p.value) <= 1.0
    if x.kind != y.kind and "count" not in kinds and not kinds & _TEMPORAL:
        return False
    if kinds & _TEMPORAL:
        return (x.kind == y.kind or kinds == {"year", "count"}) and x.value == y.value
    a, b = x.value, y.value
    if x.unit and y.unit and x.unit != y.unit:
        return _converted(x, y)
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
        return True
    return _rounded(x, y) or _hedged(x, y)


@rule(
    "numbers.date_made_precise",
    purpose='A month paired with a day of that month ("January 1996" / "Jan. 12, 1996") is one date told with more '
    "detail on one side, not a date changed (the years are compared as years); a day of another month is a change. "
    "Only a pair within one match: a month is not found again in a day stated elsewhere.",
    examples=[
        Example("The deal was signed in January 1996.", "The deal was signed on Jan. 12, 1996."),
        Example(
            "The deal was signed in January 1996.",
            "The deal was signed in March 1996.",
            ("number_changed/high: January 1996 -> March 1996",),
        ),
        Example(
            "The deal was signed in January 1996.",
            "The deal was signed on March 12, 1996.",
            ("number_changed/high: January 1996 -> March 12, 1996",),
        ),
    ],
    off=never,
)
def within_month(x: Quantity, y: Quantity) -> bool:
    """Whether one of two dates is a whole month and the other a day in it."""
    if x.kind != "date" or y.kind != "date" or int(x.value) // 100 != int(y.value) // 100:
        return False
    return _whole_month(x) != _whole_month(y)


def _whole_month(q: Quantity) -> bool:
    """A date that names no day: day 0 with no day written ("June 0", a wrong date, writes one)."""
    return int(q.value) % 100 == 0 and not any(len(g) <= 2 for g in re.findall(r"\d+", q.text))


@rule(
    "numbers.unit_conversion",
    purpose="A distance in miles and the same distance in kilometres (feet and metres, centimetres and metres, "
    "pounds and kilograms: any two units of one dimension) are one fact, within 3%; "
    'where either side says "about", the converted figure may be rounded to the other\'s last significant digit '
    '("about 90 miles" is "about 150 kilometres").',
    examples=[
        Example("The convoy drove 310 miles.", "The convoy drove 500 km."),
        Example(
            "The convoy drove 310 miles.", "The convoy drove 700 km.", ("number_changed/high: 310 miles -> 700 km",)
        ),
        Example("The town lies about 90 miles from the coast.", "The town lies about 150 kilometres from the coast."),
        Example(
            "Der 198 cm große Forward wuchs dort auf.", "Der fast zwei Meter große Forward wuchs dort auf.", lang="de"
        ),
        Example(
            "Der 198 cm große Forward spielte.",
            "Der 2,5 Meter große Forward spielte.",
            ("number_changed/high: 198 cm -> 2,5 Meter",),
            lang="de",
        ),
        Example(
            "The town lies 90 miles from the coast.",
            "The town lies 150 kilometres from the coast.",
            ("number_changed/high: 90 miles -> 150 kilometres",),
        ),
    ],
    off=never,
)
def _converted(x: Quantity, y: Quantity) -> bool:
    f = _CONVERT.get((x.unit or "", y.unit or ""))  # both are set where same() asks
    if f is None:
        return False
    if math.isclose(x.value * f, y.value, rel_tol=0.03):
        return True
    return bool(x.approx or y.approx) and (_within_digit(x.value * f, y) or _within_digit(y.value / f, x))


def _within_digit(value: float, q: Quantity) -> bool:
    """Whether ``value`` is within one unit of ``q``'s last significant digit (150: within 10)."""
    if not q.value:
        return False
    step: float = 10.0 ** (math.floor(math.log10(abs(q.value))) - q.sig + 1)
    return abs(value - q.value) <= step


@rule(
    "numbers.rounding",
    purpose='A retelling may round a precise figure where it says so or uses a scale word: 698 -> "about 700", '
    "2.47 million -> 2.5 million; a rounder figure that is not the rounded value is a change.",
    examples=[
        Example("Sales reached 2.47 million units.", "Sales reached 2.5 million units."),
        Example(
            "Sales reached 2.41 million units.",
            "Sales reached 2.5 million units.",
            ("number_changed/high: 2.41 million -> 2.5 million",),
        ),
        Example("About 50 people came.", "About 54 people came.", ("number_changed/high: 50 -> 54",)),
    ],
    off=never,
)
def _rounded(x: Quantity, y: Quantity) -> bool:
    """Whether the less precise of two values is the other rounded (2.47 million -> 2.5 million)."""
    a, b = x.value, y.value
    lo, hi = (x, y) if x.sig <= y.sig else (y, x)
    if (
        lo.sig < hi.sig
        and hi.value
        and not hi.approx
        and (lo.approx or lo.scaled)
        and abs(a - b) <= ROUNDING * max(abs(a), abs(b))
    ):
        mag = math.floor(math.log10(abs(hi.value))) - lo.sig + 1
        return math.isclose(round(hi.value / 10**mag) * 10**mag, lo.value, rel_tol=1e-9)
    return False


@rule(
    "numbers.hedged_round_figure",
    purpose='A figure hedged with "about", "nearly", "some", "etwa", "rund", "knapp", "environ" or "près de" is a '
    "round figure standing for a precise one the other side gives, when the precise one rounds to it at two "
    'significant digits: "about 10 percent" is 9.6 percent (9.5 to 10.5), "knapp 10 Prozent" 9,6; "about 10 percent" '
    'is not 11.6 percent, nor "about 50" 54. Two hedged figures are compared as figures.',
    examples=[
        Example("About 10 percent of pupils passed.", "Of the pupils, 9.6 percent passed."),
        Example("Knapp 10 Prozent der Schüler bestanden.", "9,6 Prozent der Schüler bestanden.", lang="de"),
        Example(
            "About 10 percent of pupils passed.",
            "Of the pupils, 11.6 percent passed.",
            ("number_changed/high: 10 percent -> 11.6 percent",),
        ),
        Example("About 50 people came.", "Exactly 54 people came.", ("number_changed/high: 50 -> 54",)),
        Example(
            "Some 34.7 million shares were tendered.",
            "In all, 34.75 million shares were tendered.",
            ("number_changed/high: 34.7 million -> 34.75 million",),
        ),
    ],
    off=never,
)
def _hedged(x: Quantity, y: Quantity) -> bool:
    """Whether one of two figures is hedged ("about 10") and the other, plain, lies within half a unit of the hedged
    one's second significant digit (a round figure is read to two digits at least: "10" as 9.5 to 10.5)."""
    lo, hi = (x, y) if x.approx else (y, x)
    if not lo.approx or hi.approx or not lo.value:
        return False
    step: float = 10.0 ** (math.floor(math.log10(abs(lo.value))) - max(lo.sig, 2) + 1)
    return abs(hi.value - lo.value) < step / 2 - 1e-9 * abs(lo.value)  # 34.75 rounds to 34.8: "some 34.7" is not it


@rule(
    "numbers.bound_made_precise",
    purpose='A round figure given as a bound ("more than 144,000", "over $50 million", "up to 300") and a precise '
    "figure the other side gives past it, within one unit of the bound's last significant digit (144,278; $54 "
    "million; 297), are one fact told with more detail on one side, not a figure changed; a figure on the wrong "
    "side of the bound, or further past it, is a change, and two bounds are compared as figures. Only a bound "
    'rounded to tens or more, and to two digits at least ("at least one" is no round figure, and "as many as 1 '
    'million" would take in anything short of it), and a figure of the same match: a bound is not '
    'found again in a figure stated elsewhere. A range past the bound ("$54 million to $56 million") is kept whole.',
    examples=[
        Example("More than 144,000 people signed the petition.", "The petition had 144,278 signatures."),
        Example("The firm expects sales of more than $50 million.", "The firm expects sales of $54 million."),
        Example("The hall seats up to 300 people.", "The hall seats 297 people."),
        Example(
            "As many as 1 million farmers may be hit by it.",
            "Between 100,000 and 9 million farmers are hit by it.",
            ("number_changed/high: 1 million -> 9 million", "number_added/warning: - -> 100,000"),
        ),
        Example(
            "At least one of the 13 symptoms was found.",
            "At least one symptom was found, often 2.",
            ("number_changed/high: 13 -> 2",),
        ),
        Example(
            "More than 144,000 people signed the petition.",
            "The petition had 143,278 signatures.",
            ("number_changed/high: 144,000 -> 143,278",),
        ),
        Example(
            "The firm expects sales of more than $50 million.",
            "The firm expects sales of more than $54 million.",
            ("number_changed/high: $50 million -> $54 million",),
        ),
    ],
    off=never,
)
def within_bound(x: Quantity, y: Quantity) -> bool:
    """Whether one of two figures of a match is a round bound and the other, a plain figure of its sort, lies past it
    within one unit of the bound's last significant digit."""
    if y.bound and not x.bound:
        x, y = y, x
    if not x.bound or y.bound or y.approx or not x.value or x.kind in _TEMPORAL or (x.kind, x.unit) != (y.kind, y.unit):
        return False
    step: float = 10.0 ** (math.floor(math.log10(abs(x.value))) - max(x.sig, 1) + 1)
    past = (y.value - x.value) * x.bound
    return 10 <= step <= abs(x.value) / 2 and 0 < past <= step + 1e-9 * abs(x.value)


@rule(
    "numbers.pairing",
    purpose="A number of A and one of B of the same sort (a count may be any amount; a date only a date) are one "
    "figure changed, not one dropped and one added.",
    examples=[
        Example(
            "The force will number 700 soldiers.",
            "The force will number 800 soldiers.",
            ("number_changed/high: 700 -> 800",),
        ),
        Example(
            "The vote is on 3 March in the capital.",
            "The vote needs 40 percent.",
            ("number_dropped/info: 3 March -> -", "number_added/warning: - -> 40 percent"),
        ),
    ],
    off=never,
)
def _pairable(x: Quantity, y: Quantity) -> bool:
    """Whether y could be what x became: same sort of quantity (a bare number may be any amount)."""
    if x.kind in ("weekday", "fraction") or y.kind in ("weekday", "fraction"):
        return x.kind == y.kind
    if not ((x.salient and y.salient) or (x.words and y.words)):
        return False
    kinds = {x.kind, y.kind}
    if kinds <= {"year", "count"} or kinds == {"date"} or kinds <= {"time", "score"}:
        return True
    if kinds & _TEMPORAL:
        return False
    if "count" in kinds:
        return True
    return x.kind == y.kind and (x.unit == y.unit or (x.unit, y.unit) in _CONVERT)


def _distance(x: Quantity, y: Quantity) -> float:
    """How far apart two values are, in orders of magnitude (the nearer reading of a figure that has two)."""
    if x.kind in _TEMPORAL or y.kind in _TEMPORAL:
        return 0.0 if x.kind == y.kind else 1.0
    return min(
        abs(math.log10(abs(a.value) or 1e-9) - math.log10(abs(b.value) or 1e-9))
        for a in _readings(x)
        for b in _readings(y)
    )
