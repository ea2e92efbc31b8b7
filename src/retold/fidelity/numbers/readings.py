"""Figures of a matched pair that are one fact told another way or two readings of one measure (issue 15): a
price or count that moved from one level, read at two times; a total one side gives and the other splits; two
reports that share no figure at all."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from retold.fidelity.numbers.facts import _TEMPORAL, same, within_bound, within_month
from retold.fidelity.numbers.parse import Quantity
from retold.fidelity.rules import Example, never, rule

# the word before a figure that makes it the level a move led to ("rose 2.88 to 46.50", "down 1.85 at 8.07") or
# the level it started from ("rose to 28 from the 26.90 close")
_TO_AT = re.compile(r"\b(?:to|at)\s+(?:an?\s+|the\s+)?(?:[\w.]+\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_FIGURE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _level_kind(q: Quantity) -> bool:
    """A figure that may be a price or an index level: an amount of money (not in cents) or a bare number."""
    return (q.kind == "money" and q.unit != "cent") or (q.kind == "count" and not q.words)


def _dollars(q: Quantity) -> float:
    return q.value / 100 if q.unit == "cent" else q.value


def _step(q: Quantity) -> float:
    """The unit of a figure's last written digit, in its value's scale ("16.13": 0.01; "$2.4 million": 100,000;
    "65 cents": 0.01 of a dollar)."""
    m = _FIGURE.search(q.text)
    written = float(m.group().replace(",", "")) if m else 0.0
    scale = q.value / written if written and q.value else 1.0
    step: float = 10.0 ** -len(m.group(1) or "") if m else 1.0
    return step * scale / (100 if q.unit == "cent" else 1)


# a level a sentence names: its value, the rounding it may be off by, the figure, and the move it came from
# (None where the figure is itself the level named: "to 46.50", "from the 26.90 close")
Start = tuple[float, float, Quantity, Quantity | None]


def _starts(qs: Sequence[Quantity], before: Sequence[str]) -> list[Start]:
    """The levels a sentence names and those its moves started from: "rose 2.88 to 46.50" names 46.50 and started
    at 43.62 or 49.38 (the direction is not read), "rose to 28 from the 26.90 close" names 28 and 26.90."""
    out: list[Start] = []
    named = [bool(_FROM.search(t) or _TO_AT.search(t)) for t in before]
    for k, q in enumerate(qs):
        if not _level_kind(q) or not named[k]:
            continue
        out.append((q.value, _step(q) / 2, q, None))
        if _FROM.search(before[k]):
            continue
        # the move is the figure of its sort nearest before the level, itself no level ("from 20 to 30" is none)
        j = next((j for j in range(k - 1, -1, -1) if _level_kind(qs[j]) or qs[j].unit == "cent"), None)
        ok = j is not None and not named[j] and (qs[j].unit == q.unit or (qs[j].unit == "cent" and q.kind == "money"))
        move = qs[j] if j is not None and ok and qs[j].kind == q.kind and 0 < _dollars(qs[j]) < q.value else None
        if move is not None:
            tol = (_step(q) + _step(move)) / 2
            out += [(q.value - _dollars(move), tol, q, move), (q.value + _dollars(move), tol, q, move)]
    return out


@rule(
    "numbers.moved_from_one_level",
    purpose="Two sentences that each state a move and the level it led to (a share price, an index, a toll: "
    '"gained $1.74 to $31.20", "up $1.14 at $30.60") at levels that differ report one measure read at two times, not '
    "a figure changed, where the moves started from the same level (31.20 - 1.74 = 30.60 - 1.14 = 29.46: the "
    "previous close), or where one started from the level the other reached (the next session): the levels, moves "
    "and percentages are each side's own reading, none read as changed, dropped or added (a figure both state "
    "is still compared), and from a match only related (not shown to be one statement) no flag of any check is "
    "read. A figure changed in one retelling leaves the other figures as they were, so the levels they start "
    "from differ.",
    examples=[
        Example(
            "Shares of Kestrel Mills gained $1.74 to $31.20 in late trading.",
            "Kestrel Mills shares were up $1.14, or 3.9 percent, to $30.60 at midday.",
        ),
        Example(
            "The Nasdaq composite fell 7.25, or 0.5 per cent, to 1482.40.",
            "The Nasdaq composite fell by 5.10, or 0.3 percent, to 1477.30.",
        ),
        Example(
            "The stock dropped 45 cents, or about 3 percent, to $14.55.",
            "The stock shed 38 cents, or 2.53 per cent, to $14.62.",
        ),
        Example(
            "Shares of Kestrel Mills gained $1.74 to $31.20 in late trading.",
            "Shares of Kestrel Mills gained $1.74 to $31.50 in late trading.",
            ("number_changed/high: $31.20 -> $31.50",),
        ),
        Example(
            "Shares of Pellham Foods climbed to $19 in early trading from the $17.85 close.",
            "Pellham shares climbed $1.25, or 7 percent, to $19.10, after closing at $17.85.",
        ),
        Example(
            "The Nasdaq composite fell 7.25, or 0.5 per cent, to 1482.40, having lost 12.35 on Thursday.",
            "The Nasdaq composite fell by 5.10, or 0.5 per cent, to 1477.40, having lost 12.35 on Thursday.",
            ("number_changed/high: 7.25 -> 5.10", "number_changed/high: 1482.40 -> 1477.40"),
        ),
    ],
    off=lambda qa, before_a, qb, before_b: set(),
)
def two_times(
    qa: Sequence[Quantity], before_a: Sequence[str], qb: Sequence[Quantity], before_b: Sequence[str]
) -> set[int]:
    """The figures (``id``) of the two sentences' readings where they are one measure at two times (each figure with
    the text before it): their levels, their moves and the percentages beside them."""
    sa, sb = _starts(qa, before_a), _starts(qb, before_b)
    move_of = {id(q): m for v, t, q, m in sa + sb if m is not None}
    for (va, ta, la, ma), (vb, tb, lb, mb) in itertools.product(sa, sb):
        if (ma is None and mb is None) or la.unit != lb.unit or math.isclose(la.value, lb.value, rel_tol=1e-9):
            continue  # two levels named (one figure rounded or changed), another currency, or one level
        xa, xb = move_of.get(id(la)), move_of.get(id(lb))
        if xa is not None and xb is not None and math.isclose(_dollars(xa), _dollars(xb), rel_tol=1e-9):
            continue  # the same move to another level: the level changed
        if abs(va - vb) <= ta + tb + 1e-9 * max(abs(va), 1.0):
            return {id(q) for v, t, lv, mv in sa + sb for q in (lv, mv) if q is not None} | {
                id(q) for q in (*qa, *qb) if q.kind == "percent"
            }
    return set()


@rule(
    "numbers.total_split",
    purpose='A total one side gives and the other splits into its parts ("salary and bonus of $3.5 million" / '
    '"base pay of $2.1 million and a bonus of $1.4 million"; "12 dead" / "7 passengers and 5 crew") is one '
    "fact in two forms: the total is not changed into a part, and the parts are not added. Two or three parts "
    'of the same kind and unit, adding up to the total within its rounding, each a figure ("two" or "eight" in '
    "words is wording, and with one of them small sums meet by chance: 2 + 60 is no 62 moons).",
    examples=[
        Example(
            "Her yearly salary and bonus will come to at least $3.5 million.",
            "Under the deal her base pay is $2.1 million and her bonus no less than $1.4 million.",
        ),
        Example("The crash killed 12 people.", "The crash killed 7 passengers and 5 crew members."),
        Example("The crash killed 7 passengers and 5 crew members.", "The crash killed 12 people."),
        Example(
            "Her yearly salary and bonus will come to at least $3.5 million.",
            "Under the deal her base pay is $2.1 million and her bonus no less than $1.6 million.",
            ("number_changed/high: $3.5 million -> $2.1 million", "number_added/warning: - -> $1.6 million"),
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


# a figure joined to its unit by a hyphen ("the 10-year note", "four-year colleges", "a 30-day window") names which
# thing the sentence is about, not a reading of it
_COMPOUND = re.compile(r"-[a-z]+$")


@rule(
    "numbers.figure_in_a_name",
    purpose="A whole number written right after a capitalised word that does not open the sentence is part of a "
    'name ("the Standard & Poor\'s 500 index", "Britain\'s FTSE 100", "the Russell 2000", "Voyager 2"): it says '
    "which thing is read, not a reading of it, so two reports on the S&P 500 at two times do not share a figure by "
    'the index\'s name. After a word that is no code in capitals ("FTSE", "S&P") a figure followed by a lower-case '
    'word other than "index" counts it ("Farben\'s 500 properties"). Only where a match is weighed as two reports '
    "(``numbers.different_readings``); the figure is still compared.",
    examples=[
        Example(
            "The wider Standard & Poor's 500 Index gave up 11 points, or 0.85 percent, to 1291.",
            "The wider Standard & Poor's 500 Index gave up 11 points, or 0.85 percent, to 1293.",
            ("number_changed/high: 1291 -> 1293",),
        ),
        Example(
            "Britain's FTSE 100 dipped 0.6 percent while the S&P 500 slid 1.3 percent.",
            "Britain's FTSE 100 added 0.5 percent while the S&P 500 climbed 0.3 percent.",
        ),
        Example(
            "The Nasdaq 100 index fell 0.7 percent on Monday.",
            "The Nasdaq 100 index rose 1.1 percent on Friday.",
        ),
    ],
    off=never,
)
def in_a_name(q: Quantity, before: str, after: str) -> bool:
    """Whether figure ``q``, with the text ``before`` and ``after`` it, is a whole number that is part of a name."""
    if q.kind != "count" or q.words or not q.text.isdigit():
        return False
    m = _CAPITAL_BEFORE.fullmatch(before)
    if not m or not m.group(1) or _OPENS.search(m.group(1)):
        return False
    return bool(_CODE.fullmatch(m.group(2))) or not _COUNTED.match(after)


# a capitalised word right before a figure ("Poor's 500", "FTSE 100") and the text before that word, where a
# sentence may open; a word in capitals or with a sign in it ("FTSE", "S&P") is a code; after any other word the
# figure counts the lower-case word after it ("Farben's 500 properties"), unless that word is "index"
_CAPITAL_BEFORE = re.compile(r"(?:^|(.*\S))\s*\b([A-Z][\w&'\u2019.-]*)\s$", re.DOTALL)
_OPENS = re.compile(r"[.!?:;\"\u201d\u201c]$")
_CODE = re.compile(r"[A-Z0-9&.-]{2,}|\w+&\w+")
_COUNTED = re.compile(r"\s+(?!index\b)[a-z]")


def amounts(qs: Sequence[Quantity], around: Sequence[tuple[str, str]] = ()) -> list[Quantity]:
    """The amounts a sentence reports: counts, sums, percentages and levels a reader would miss (no date, time or
    year, and no figure that only names which thing it is about); ``around``: the text before and after each
    figure, where a name it is part of is."""
    named = [in_a_name(q, *t) for q, t in zip(qs, around, strict=True)] if around else [False] * len(qs)
    return [
        q
        for q, n in zip(qs, named, strict=True)
        if q.kind not in _TEMPORAL
        and q.salient
        and not n
        and not (q.kind in ("count", "unit") and _COMPOUND.search(q.text))
    ]


def _one_figure(x: Quantity, y: Quantity) -> bool:
    """Whether two amounts may be one figure: the same, a bound and a figure past it, or (said plainly or not) one
    the other rounded ("$42,409" / "$42,400"; "0.44 percent" / "0.4%"; to one digit only within a tenth of it, so
    "about 300" is no rounded 250)."""
    if same(x, y) or within_bound(x, y) or within_bound(y, x):
        return True
    lo, hi = (x, y) if x.sig <= y.sig else (y, x)
    if (x.kind, x.unit) != (y.kind, y.unit) or lo.sig >= hi.sig or not hi.value:
        return False
    if lo.sig < 2 and abs(lo.value - hi.value) > abs(hi.value) / 10:
        return False
    mag = math.floor(math.log10(abs(hi.value))) - lo.sig + 1
    return math.isclose(round(hi.value / 10**mag) * 10**mag, lo.value, rel_tol=1e-9)


@rule(
    "numbers.different_readings",
    purpose="Two matched sentences that each state two amounts or more (counts, sums, percentages, levels) and "
    "have none in common, or that each state an amount and a time with neither any amount nor any time in common, "
    "report different readings or events (a share price at two times of day, pay in two fiscal years, two days' "
    "volumes, a count as of Wednesday and as of Monday), not one statement with its figures changed: a retelling "
    "that changes a figure keeps the others. No flag of any check is read from such a match where it is only "
    "related; matched closer (MRPC pairs such sentences at paraphrase scores) its names, credits and quotes are "
    "still compared, but not its figures, the clauses one side adds or their sense; a verbatim match is one "
    "statement. One amount or one time in common is enough to read the rest as changed, dropped or added (not one "
    "of three or more a side: numbers.one_figure_carried_over). A figure rounded is the figure, and one hyphened to "
    'its unit ("the 10-year note") or in a name ("the S&P 500": numbers.figure_in_a_name) names the thing, not a '
    "reading.",
    examples=[
        Example(
            "Shares of Kestrel Mills gained $1.74 to $31.20 in late trading.",
            "Kestrel Mills shares were up $0.96, or 3.2 percent, to $30.60 at midday.",
            label="related",
        ),
        Example(
            "The Russell 2000 index of small companies was up 2.15 to 612.40 in late trading.",
            "The Russell 2000 index of small companies rose 4.60, or 0.8 percent, to 608.75 in early trading.",
            label="related",
        ),
        Example(
            "Ms. Okafor earned $684,210 in salary and $198,475 in bonuses in the previous fiscal year.",
            "Grace Okafor was paid $712,530 in salary and a bonus of a little over $1 million in fiscal 2011.",
        ),
        Example(
            "Volume was a light 500.22 million shares, below the 611.45 million traded on Thursday.",
            "Volume was 1.05 billion shares, below the 1.19 billion traded on Tuesday.",
        ),
        Example(
            "Northwind has cut 4,200 of its Ohio workers since Jan. 15, according to Marlow.",
            "Since March 2009, Northwind has cut 3,870 cabin staff, according to a union official.",
        ),
        Example(
            "As of Tuesday, there were 48 suspected measles cases in the Leeds area.",
            "As of Friday, there were 49 suspected cases in and around Leeds.",
        ),
        Example(
            "Shares of Kestrel Mills gained $1.74 to $31.20 in late trading.",
            "Kestrel Mills shares were up $1.74, or 5.9 percent, to $30.60 at midday.",
            ("number_added/warning: - -> 5.9 percent",),
            label="related",
        ),
        Example(
            "As of Tuesday, there were 48 suspected measles cases in the Leeds area.",
            "As of Tuesday, there were 49 suspected cases in and around Leeds.",
            ("number_changed/high: 48 -> 49",),
        ),
        Example(
            "Ms. Okafor earned $684,210 in salary and $198,475 in bonuses in the previous fiscal year.",
            "Ms. Okafor earned $684,210 in salary and $298,475 in bonuses in the previous fiscal year.",
            ("number_changed/high: $198,475 -> $298,475",),
        ),
        Example(
            "Volume was a light 500.22 million shares, below the 611.45 million traded on Thursday.",
            "Volume was 1.05 billion shares on Thursday.",
            ("number_changed/high: 500.22 million -> 1.05 billion", "number_dropped/info: 611.45 million -> -"),
        ),
    ],
    off=never,
)
def different_readings(
    qa: Sequence[Quantity],
    qb: Sequence[Quantity],
    label: str,
    around_a: Sequence[tuple[str, str]] = (),
    around_b: Sequence[tuple[str, str]] = (),
) -> bool:
    """Whether the figures of a match's two sides (``qa``, ``qb``, each with the text around its figures) make it
    two reports, not one statement."""
    xa, xb = amounts(qa, around_a), amounts(qb, around_b)
    if label == "verbatim" or not xa or not xb:
        return False
    if any(_one_figure(x, y) for x in xa for y in xb):
        return one_carried_over(xa, xb)
    if len(xa) >= 2 and len(xb) >= 2:
        return True
    ta, tb = ([q for q in qs if q.kind in _TIMES] for qs in (qa, qb))
    return bool(ta) and bool(tb) and not any(_one_time(x, y) for x in ta for y in tb)


_TIMES = frozenset({"date", "weekday", "time", "year"})


def _one_time(x: Quantity, y: Quantity) -> bool:
    """Whether two times may be one: the same, or a month and a day in it (a date's year is a figure of its own)."""
    return same(x, y) or within_month(x, y)


@rule(
    "numbers.one_figure_carried_over",
    purpose="Two matched sentences that each state three amounts or more and have only one of them in common report "
    "two readings, not one statement with two figures or more changed: the one in common is what a later report "
    'carries from the earlier (the previous session\'s move, "having shed 19.67" / "after losing 6.11 on Thursday") '
    "or a figure two readings share by chance. A retelling that changes a figure keeps the others, so of three it "
    "keeps two.",
    examples=[
        Example(
            "The Standard & Poor's 500 index fell 7.42, or 0.6 per cent, to 1218.35, having lost 15.80 in the "
            "previous session.",
            "The Standard & Poor's 500 index fell by 3.96, or 0.3 percent, to 1214.39, after losing 7.42 on Thursday.",
        ),
        Example(
            "The Dow declined 6.40, or 0.1 percent, to 9,871.20, having shed 1.8 percent last week.",
            "The Dow was down 41.85 at 9,835.75, having shed 1.8 percent last week.",
            label="related",
        ),
        Example(
            "The Standard & Poor's 500 index fell 7.42, or 0.6 per cent, to 1218.35, having lost 15.80 in the "
            "previous session.",
            "The Standard & Poor's 500 index fell by 7.42, or 0.6 percent, to 1221.06, after losing 15.80 on Thursday.",
            ("number_changed/high: 1218.35 -> 1221.06",),
        ),
    ],
    off=never,
)
def one_carried_over(xa: Sequence[Quantity], xb: Sequence[Quantity]) -> bool:
    """Whether two sides' amounts (``xa``, ``xb``), at least one in common, are two readings: three or more each and
    only one of each side in common."""
    if len(xa) < 3 or len(xb) < 3:
        return False
    shared_a = sum(any(_one_figure(x, y) for y in xb) for x in xa)
    shared_b = sum(any(_one_figure(x, y) for x in xa) for y in xb)
    return shared_a <= 1 and shared_b <= 1
