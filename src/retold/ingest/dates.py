"""Publication dates as feeds and people write them: the one reader the store, the scan and the direction share.

A date decides the direction whenever both articles have one, so a date that is misread is worse than one
that is not read: a date written only in figures other than ISO 8601 (``01/05/2019``) is left unread, since
its day and month cannot be told apart, and so is anything missing its day or year. A date without a time
of day stands for the whole day: it is neither before nor after a time on that day (:func:`order`).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime

from retold.text.months import NAMES

# seconds (9-10 digits, 1973-2286) or milliseconds (12-13 digits) since the epoch, as feeds export them
_EPOCH = re.compile(r"(\d{9,10})(?:\.\d+)?|(\d{12,13})(?:\.0*)?")
# the same figures written as a calendar time (YYYYMMDDHH[MM[SS]]), as archives and URLs give it: read as
# such with minutes (a 12-digit epoch in milliseconds would be before 2001); with the hour alone unread,
# since as epoch seconds it would also be a time (in the 2030s)
_COMPACT = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(\d\d)?")
_DAY_ONLY = re.compile(r"\d{4}-?\d\d-?\d\d")
# a month in English, the only language the parser reads: its first three letters ("Sept.", "March", "Oct14")
_MONTH = re.compile(r"\b(?:" + "|".join(n[:3] for n in NAMES["en"]) + r")[a-z]*\.?(?:\b|\d)", re.IGNORECASE)
# two defaults that differ in every field: a field the text does not give comes out different
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 1, 0))

# zone abbreviations news feeds print, as hours from UTC (dateutil knows only UTC, GMT and the machine's own); an
# ambiguous one (IST: Irish, Indian or Israeli) is left out, so a date giving it is unread
ZONES = {
    name: hours * 3600
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2,
        "EEST": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    }.items()
}  # fmt: skip

UNREAD_NOTE = "{side}'s date {value!r} could not be read ({why}): the direction does not use it"
_NUMERIC_DAY = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_LAST_ZONE = re.compile(r"\b([A-Z]{2,5})\s*$")


EXAMPLES_READ = {
    "2019-05-03": "2019-05-03T00:00:00+00:00",
    "2019-05-03T14:05:00+02:00": "2019-05-03T14:05:00+02:00",
    "2019-05-03T12:00:00Z": "2019-05-03T12:00:00+00:00",
    "Fri, 03 May 2019 14:05:00 +0000": "2019-05-03T14:05:00+00:00",
    "May 3, 2019": "2019-05-03T00:00:00+00:00",
    "3 May 2019": "2019-05-03T00:00:00+00:00",
    "Sept. 14, 2020 5:30 PM": "2020-09-14T17:30:00+00:00",
    "May 3, 2019 5:30 PM EST": "2019-05-03T17:30:00-05:00",
    "3 May 2019 14:05 CEST": "2019-05-03T14:05:00+02:00",
    "1556892300": "2019-05-03T14:05:00+00:00",
    "1556892300000": "2019-05-03T14:05:00+00:00",
    "1556892300000.0": "2019-05-03T14:05:00+00:00",
    "20190503": "2019-05-03T00:00:00+00:00",
    "201905031405": "2019-05-03T14:05:00+00:00",
    "20190503140500": "2019-05-03T14:05:00+00:00",
}
EXAMPLES_UNREAD = (
    "01/05/2019",
    "2020-13-45",
    "not a date",
    "May 2019",
    "Tuesday",
    "3 May",
    "",
    "  ",
    "May 3, 2019 9:00 XYZT",
    "May 3, 2019 10:00 IST",
    "2019050314",
)
# (earlier, later) as :func:`order` tells them; a date alone is the whole day, so it orders only against
# another day
EXAMPLES_ORDERED = (
    ("2019-03-02", "2019-03-03T00:30:00+00:00"),
    ("2019-03-03T08:00:00+00:00", "2019-03-03T20:00:00+00:00"),
    ("May 2, 2019", "2019-05-03"),
    ("2019-03-03T23:30:00-05:00", "2019-03-04"),
)
EXAMPLES_UNORDERED = (
    ("2019-03-03", "2019-03-03T08:00:00Z"),
    ("2019-03-03", "2019-03-03T23:30:00-05:00"),
    ("May 3, 2019", "3 May 2019 14:05 CEST"),
    ("2019-03-03", "not a date"),
    ("2019-03-03T08:00:00Z", "2019-03-03T10:00:00+02:00"),
)


@dataclass(frozen=True)
class Reading:
    """A date as read: the time (aware), and whether the value gave a time of day or a date alone."""

    at: datetime
    timed: bool


def read_date(value: str | int | float | None) -> Reading | None:
    """ISO 8601, RFC 2822, a date whose month is written as an English word ("May 3, 2019", "3 May 2019
    14:05"), a compact calendar time (201905031405) or seconds (milliseconds) since the epoch; the time is
    aware (UTC when no zone is given). None when absent or unreadable."""
    if value is None:
        return None
    v = str(value).strip()
    if not v:
        return None
    got = _iso(v) or _figures(v) or _worded(v)
    if got is None:
        return None
    d, timed = got
    return Reading(d if d.tzinfo is not None else d.replace(tzinfo=UTC), timed)


def parse_date(value: str | int | float | None) -> datetime | None:
    """The time of :func:`read_date`'s reading (midnight UTC for a date alone)."""
    r = read_date(value)
    return None if r is None else r.at


def order(ra: Reading | None, rb: Reading | None) -> int:
    """-1 when ``ra`` (a reading made once, ``Article.date``) was published before ``rb``, 1 after, 0 when that
    cannot be told: a date absent or unread, the same time, or the same day where one of them gives only the day."""
    if ra is None or rb is None:
        return 0
    if ra.timed and rb.timed:
        return (ra.at > rb.at) - (ra.at < rb.at)
    da, db = ra.at.date(), rb.at.date()  # a date alone is a day: compare the days as written (each in its zone)
    return (da > db) - (da < db)


def timestamp(value: str | int | float | None) -> float | None:
    """Seconds since the epoch of :func:`parse_date`'s reading; None when absent or unreadable."""
    return seconds(read_date(value))


def seconds(reading: Reading | None) -> float | None:
    """Seconds since the epoch of a reading already made (``Article.date``), so the value is not read again."""
    return None if reading is None else reading.at.timestamp()


def unread_reason(value: str) -> str:
    """What to do about a date that could not be read, by why: a day and month in figures, a zone name it
    cannot place, or another form."""
    v = value.strip()
    if _NUMERIC_DAY.search(v):
        return "day or month first? write ISO 8601 such as 2019-05-03"
    zone = _LAST_ZONE.search(v)
    if zone and zone.group(1) not in ZONES and _MONTH.search(v):
        return f"the zone {zone.group(1)} cannot be placed: give it as an offset such as +05:30"
    return "write ISO 8601 such as 2019-05-03, RFC 2822, or the month in words"


def unread(value: str | None, reading: Reading | None) -> bool:
    """A date was given but cannot be read (what a user should be told, not silently go without), from the
    reading already made (``Article.date``), so the value is not read again."""
    return bool(value and value.strip()) and reading is None


def _iso(v: str) -> tuple[datetime, bool] | None:
    try:
        d = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d, _DAY_ONLY.fullmatch(v) is None


def _figures(v: str) -> tuple[datetime, bool] | None:
    compact = _COMPACT.fullmatch(v)
    if compact is not None:
        try:
            d = datetime(*[int(g) for g in compact.groups() if g is not None])  # type: ignore[arg-type]
        except ValueError:
            d = None  # not a calendar time: figures since the epoch, if anything
        if d is not None:
            return (d, True) if compact.group(5) else None
    m = _EPOCH.fullmatch(v)
    if m is None:
        return None
    seconds = float(v) if m.group(1) else float(v) / 1000
    return datetime.fromtimestamp(seconds, tz=UTC), True


def _worded(v: str) -> tuple[datetime, bool] | None:
    if not _MONTH.search(v):
        return None
    from dateutil import parser

    try:
        with warnings.catch_warnings(record=True) as heard:
            warnings.simplefilter("always")
            first, second = (parser.parse(v, default=d, tzinfos=ZONES) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if any(issubclass(w.category, parser.UnknownTimezoneWarning) for w in heard):
        return None  # a zone it cannot place would shift the time by hours: unread, not misread
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # the year, month or day was not given
    return (first, first.hour == second.hour) if isinstance(first, datetime) else None
