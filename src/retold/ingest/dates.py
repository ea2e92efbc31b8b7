"""Publication dates as feeds and people write them: the one reader the store, the scan and the direction share.

A date decides the direction whenever both articles have one, so a date that is misread is worse than one
that is not read: a date written only in figures other than ISO 8601 (``01/05/2019``) is left unread, since
its day and month cannot be told apart, and so is anything missing its day or year.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime

# seconds (9-10 digits, 1973-2286) or milliseconds (12-13 digits) since the epoch, as feeds export them
_EPOCH = re.compile(r"(\d{9,10})(?:\.\d+)?|(\d{12,13})")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\b|\d)", re.IGNORECASE)
# two defaults that differ in every field: a field the text does not give comes out different
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 0, 0))

# zone abbreviations news feeds print, as hours from UTC (dateutil knows only UTC, GMT and the machine's own); an
# ambiguous one (IST: Irish, Indian or Israeli) is left out, so a date giving it is unread
ZONES = {
    name: hours * 3600
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2,
        "EEST": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    }.items()
}  # fmt: skip

UNREAD_NOTE = (
    "{side}'s date {value!r} could not be read (write ISO 8601 such as 2019-05-03, RFC 2822, or the month in"
    " words): the direction does not use it"
)

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
)


def parse_date(value: str | int | float | None) -> datetime | None:
    """ISO 8601, RFC 2822, a date whose month is written as an English word ("May 3, 2019", "3 May 2019
    14:05") or seconds (milliseconds) since the epoch, as an aware time (UTC when no zone is given); None
    when absent or unreadable."""
    if value is None:
        return None
    v = str(value).strip()
    if not v:
        return None
    d = _iso(v) or _epoch(v) or _worded(v)
    if d is None:
        return None
    return d if d.tzinfo is not None else d.replace(tzinfo=UTC)


def timestamp(value: str | int | float | None) -> float | None:
    """Seconds since the epoch of :func:`parse_date`'s reading; None when absent or unreadable."""
    d = parse_date(value)
    return None if d is None else d.timestamp()


def unreadable(value: str | None) -> bool:
    """A date was given but cannot be read (what a user should be told, not silently go without)."""
    return bool(value and value.strip()) and parse_date(value) is None


def _iso(v: str) -> datetime | None:
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None


def _epoch(v: str) -> datetime | None:
    m = _EPOCH.fullmatch(v)
    if m is None:
        return None
    seconds = float(v) if m.group(1) else int(v) / 1000
    return datetime.fromtimestamp(seconds, tz=UTC)


def _worded(v: str) -> datetime | None:
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
    return first if isinstance(first, datetime) else None
