"""Numbers, dates, money and units, normalised so a retelling's rewording is not a change.

"700" and "seven hundred", "€35 billion" and "35bn euros", "14th of October" and "Oct. 14",
"500 kilometres" and "approximately 500 km" are the same fact; a reader needs to hear only when
the value itself moved, appeared or vanished.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from retold.fidelity._shared import Doc, SentView
from retold.model import Flag, Match, Span

MONTHS: dict[str, int] = {}
for _k, _names in enumerate(
    [
        "january jan januar jänner",
        "february feb februar",
        "march mar märz maerz",
        "april apr",
        "may mai",
        "june jun juni",
        "july jul juli",
        "august aug",
        "september sep sept",
        "october oct oktober okt",
        "november nov",
        "december dec dezember dez",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _k
WEEKDAYS: dict[str, int] = {}
for _k, _names in enumerate(
    [
        "monday montag",
        "tuesday dienstag",
        "wednesday mittwoch",
        "thursday donnerstag",
        "friday freitag",
        "saturday samstag sonnabend",
        "sunday sonntag",
    ]
):
    for _n in _names.split():
        WEEKDAYS[_n] = _k

_UNITS_EN = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS_DE = [
    "null",
    "eins",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
    "neunzehn",
]
_TENS_DE = ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
WORD_VALUES: dict[str, int] = {w: k for k, w in enumerate(_UNITS_EN)}
WORD_VALUES.update({w: 20 + 10 * k for k, w in enumerate(_TENS_EN)})
WORD_VALUES.update({w: k for k, w in enumerate(_UNITS_DE)})
WORD_VALUES.update({w: 20 + 10 * k for k, w in enumerate(_TENS_DE)})
WORD_VALUES.update({"dreissig": 30, "dozen": 12, "dutzend": 12})
_DE_ONES = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_DE_COMPOUND = re.compile(
    r"^(?:(?P<h>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)?hundert)?"
    r"(?:(?P<o>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?P<t>zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig))?$"
)
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "hundert": 1e2,
    "tausend": 1e3,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "tn": 1e12,
    "k": 1e3,
    "mio": 1e6,
    "mrd": 1e9,
    "million_de": 1e6,
    "millionen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billionen": 1e12,
    "milliard": 1e9,
    "milliards": 1e9,
    "millón": 1e6,
    "millones": 1e6,
    "mil millones": 1e9,
    "billón": 1e12,
    "billones": 1e12,
    "тысяча": 1e3,
    "тысячи": 1e3,
    "тысяч": 1e3,
    "тыс": 1e3,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "млн": 1e6,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "млрд": 1e9,
}
# Languages that write a decimal comma and group thousands with a point ("1.500", "2,5"): a lone point
# followed by three digits is thousands there, a lone comma the decimal mark.
COMMA_DECIMAL = frozenset(
    {"de", "fr", "es", "it", "pt", "nl", "pl", "da", "sv", "no", "fi", "cs", "ro", "tr", "ru", "uk"}
)
# Languages that group thousands with a space ("1 500", also no-break and narrow no-break spaces).
SPACE_THOUSANDS = frozenset({"fr", "es", "pt", "pl", "sv", "no", "fi", "cs", "ru", "uk"})
_SPACE_GROUP = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?!\d)")
# "billion" is 10^12 where the long scale is used (German Billion, French billion).
LONG_SCALE = frozenset({"de", "fr", "es", "it", "pt", "nl", "pl"})
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "us$": "USD"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
    "доллар": "USD",
    "доллара": "USD",
    "долларов": "USD",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "pfund": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rubel": "RUB",
    "francs": "CHF",
    "franken": "CHF",
    "chf": "CHF",
    "cents": "cent",
    "cent": "cent",
    "pence": "pence",
}
UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometern": "km",
    "mile": "mi",
    "miles": "mi",
    "meile": "mi",
    "meilen": "mi",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "metern": "m",
    "cm": "cm",
    "mm": "mm",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "kilogramm": "kg",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "tonnen": "t",
    "lb": "lb",
    "lbs": "lb",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inch": "in",
    "inches": "in",
    "litre": "l",
    "litres": "l",
    "liter": "l",
    "liters": "l",
    "litern": "l",
    "mph": "mph",
    "km/h": "km/h",
    "hectares": "ha",
    "hectare": "ha",
    "hektar": "ha",
    "acres": "acre",
    "acre": "acre",
    "mw": "MW",
    "gw": "GW",
    "kwh": "kWh",
    "degrees": "deg",
    "grad": "deg",
    "°c": "deg",
    "°f": "degF",
    "hours": "h",
    "hour": "h",
    "stunden": "h",
    "stunde": "h",
    "days": "d",
    "day": "d",
    "tage": "d",
    "tagen": "d",
    "tag": "d",
    "weeks": "wk",
    "week": "wk",
    "wochen": "wk",
    "woche": "wk",
    "months": "mo",
    "month": "mo",
    "monate": "mo",
    "monaten": "mo",
    "monat": "mo",
    "years": "yr",
    "year": "yr",
    "jahre": "yr",
    "jahren": "yr",
    "jahr": "yr",
    "minutes": "min",
    "minute": "min",
    "minuten": "min",
    "seconds": "s",
    "second": "s",
    "sekunden": "s",
    "percent": "%",
    "per cent": "%",
    "prozent": "%",
    "percentage points": "pp",
    "percentage point": "pp",
    "prozentpunkte": "pp",
    "prozentpunkten": "pp",
}
_CONVERT = {("mi", "km"): 1.609344, ("km", "mi"): 1 / 1.609344, ("ft", "m"): 0.3048, ("m", "ft"): 1 / 0.3048}
APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "an estimated",
    "estimated",
    "circa",
    "ca.",
    "etwa",
    "rund",
    "ungefähr",
    "knapp",
    "fast",
    "gut",
    "zirka",
)
_APPROX_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(x) for x in sorted(APPROX, key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DATE_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?(?:\s+of)?\s+(?P<m>{_MONTH_ALT})(?:s\b|\b)\.?(?:,?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b)?",
    re.IGNORECASE,
)
_DATE_MDY = re.compile(
    rf"\b(?P<m>{_MONTH_ALT})\b\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per cent|[.,]\d))"
    r"(?:,?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b)?",
    re.IGNORECASE,
)
_DATE_MY = re.compile(rf"\b(?P<m>{_MONTH_ALT})\b\.?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b", re.IGNORECASE)
_DATE_NUM = re.compile(
    r"\b(?:(?P<y1>[12]\d{3})-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)|(?P<d2>[0-3]?\d)[./](?P<m2>[01]?\d)[./](?P<y2>[12]\d{3}|\d\d))\b"
)
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<mi>\d\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|uhr\b)|\b(?P<h2>[012]?\d):(?P<mi2>[0-5]\d)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\b(?P<x>\d{1,2}):(?P<y>\d{1,2})\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")s?\b", re.IGNORECASE)
_DIGITS = re.compile(
    r"(?<![\w.,])(?<![^\W\d_]-)(?P<n>\d+(?:[.,]\d+)*)(?P<ord>st|nd|rd|th)?"
    r"(?=[^\w]|$|(?:bn|mn|m|k|b|tn|km|kg|cm|mm|mw|gw|kwh|mph|s|er|ern|jährige[nmrs]?)\b)"
)
_NUMWORD = re.compile(
    r"\b(?:(?:a|an|one|ein|eine|einer)\s+)?(?:(?:"
    + "|".join(sorted([*WORD_VALUES, "hundred", "thousand", "million", "billion", "trillion"], key=len, reverse=True))
    + r"|[a-zäöüß]+und(?:zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)"
    + r"|[a-zäöü]*hundert[a-zäöü]*"
    + r")(?:[\s-]+(?:and\s+)?(?=\w)|\b))+",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^(?P<sp>[\s-]?)(?P<scale>hundred|thousand|миллиард(?:ов|а)?|миллион(?:ов|а)?|тысяч[аи]?|тыс\.?|млн\.?|млрд\.?|mil\s+millones|millones|millón|milliards?|billones|billón|million|millions|billion|trillion|bn|mn|mln|tn|k|m|b|mio\.?|mrd\.?|millionen|million|milliarden|milliarde|billionen|tausend|hundert)?(?:\b|(?=\s*%))\.?"
    r"(?:\s*(?:d['’]\s?|de\s+)?(?P<cur>us\$|\$|€|£|¥|dollars?|usd|euros?|eur|евро|долларов|доллара|доллар|pounds?|sterling|gbp|pfund|yen|yuan|renminbi|rupees?|roubles|rubles|rubel|francs|franken|chf|cents?|pence)\b"
    r"|\s*(?P<pct>percentage points?|prozentpunkten?|%|per cent|percent|prozent|pour\s+cent|por\s+ciento)"
    r"|[\s-]?(?P<unit>km/h|km|kilomet(?:re|er)s?|kilometern|miles?|meilen?|metres?|meters?|metern|cm|mm|kg|kilogram(?:me)?s?|kilogramm"
    r"|tonnes?|tons?|tonnen|lbs?|feet|foot|ft|inch(?:es)?|lit(?:re|er)s?|litern|mph|hectares?|hektar|acres?|mw|gw|kwh|degrees|grad|°c|°f"
    r"|hours?|stunden?|days?|tagen?|tag|weeks?|wochen?|months?|monaten?|monat|years?|jahren?|jahr|minutes?|minuten|seconds?|sekunden)\b)?",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[a-zäöüß]+")
_NUMBER_WORDS = frozenset(WORD_VALUES) | {"hundred", "thousand", "million", "billion", "trillion", "dozen"}
_BEFORE_CUR = re.compile(r"(?P<cur>us\$|a\$|c\$|hk\$|\$|€|£|¥|₹|₽|(?<![^\W\d_])(?:usd|eur|gbp|chf))\s?$", re.IGNORECASE)


ROUNDING = 0.015
_TEMPORAL = frozenset({"date", "weekday", "time", "score", "year"})


@dataclass(frozen=True)
class Quantity:
    """One number, date or amount found in a text, in a comparable form.

    ``kind`` is count, year, date, weekday, time, score, money, percent or unit; ``unit`` the
    currency or unit code; for dates ``value`` is month*100+day (day 0 when only a month).
    """

    start: int
    end: int
    text: str
    kind: str
    value: float
    unit: str | None = None
    approx: bool = False
    salient: bool = True
    sig: int = 0
    words: bool = False
    scaled: bool = False


def _sig_digits(s: str) -> int:
    digits = s.replace(",", "").replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")))


def parse_digits(s: str, lang: str = "en") -> float | None:
    """Digits with either convention of separators: "1,000", "1.000" (German), "2,5" (German), "2.5"."""
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        s = s.replace(thou, "").replace(dec, ".")
    elif "," in s:
        parts = s.split(",")
        if all(len(p) == 3 for p in parts[1:]) and (lang not in COMMA_DECIMAL or len(parts) > 2):
            s = "".join(parts)  # thousands: "1,000", "1,000,000"
        elif len(parts) == 2:
            s = f"{parts[0]}.{parts[1]}"  # decimal comma: "2,5"
        else:
            return None
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2:
            if all(len(p) == 3 for p in parts[1:]):
                s = s.replace(".", "")
            else:
                return None
        elif lang in COMMA_DECIMAL and len(parts[1]) == 3:
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(s: str) -> float | None:
    """Spelled numbers: "seven hundred", "twenty-five", "a dozen", "zwei", "fünfundzwanzig", "dreihundert"."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in re.split(r"[\s-]+", s.lower().strip()):
        w = raw.strip()
        if not w or w == "and":
            continue
        if w in ("a", "an", "one", "ein", "eine", "einer"):
            current += 1
            seen = True
            continue
        if w in WORD_VALUES:
            v = WORD_VALUES[w]
            if w in ("dozen", "dutzend"):
                current = (current or 1) * 12
            else:
                current += v
            seen = True
            continue
        m = _DE_COMPOUND.match(w)
        if m and w:
            h = m.group("h")
            v = 0
            if "hundert" in w:
                v += 100 * (_DE_ONES.get(h, 1) if h else 1)
            if m.group("t"):
                v += _DE_ONES[m.group("o")] + WORD_VALUES[m.group("t")]
            current += v
            seen = True
            continue
        if w in ("hundred", "hundert"):
            current = (current or 1) * 100
            seen = True
            continue
        if w in ("thousand", "tausend", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[w]
            current = 0
            seen = True
            continue
        return None
    return total + current if seen else None


def _scale(word: str | None, lang: str, has_currency: bool) -> float:
    if not word:
        return 1.0
    w = re.sub(r"\s+", " ", word.lower().rstrip("."))
    if w in ("m",):
        return 1e6 if has_currency else 0.0
    if w == "b":
        return 1e9 if has_currency else 0.0
    if w == "billion" and lang in LONG_SCALE:
        return 1e12
    if w == "million":
        return 1e6
    return SCALES.get(w, 0.0)


def _qualified(text: str, start: int) -> bool:
    return bool(_APPROX_RE.search(text[max(0, start - 25) : start]))


_ANY_DIGIT = re.compile(r"\d")
_ASCII_MONTHS = tuple(k for k in MONTHS if k.isascii())


def _possible(text: str) -> tuple[bool, bool, bool]:
    """Which patterns could match at all, so the others are not run: (a digit, which all but the weekdays and
    spelled numbers need; a digit and a month's name, which the dates with a month need; a weekday's name).
    A name is looked for in lower case in ASCII text, where that is what ignoring case means; other text may
    hold any."""
    digit = _ANY_DIGIT.search(text) is not None
    if not text.isascii():
        return digit, digit, True
    low = text.lower()
    return digit, digit and any(k in low for k in _ASCII_MONTHS), any(k in low for k in WEEKDAYS)


_SPACE_TO_POINT = str.maketrans({" ": ".", "\u00a0": ".", "\u202f": "."})


def extract(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity in a normal text (one sentence), in reading order."""
    out: list[Quantity] = []
    taken = bytearray(len(text))
    if lang in SPACE_THOUSANDS:
        # "1 500" -> "1.500": the same length, so every offset still points into the text as given
        text = _SPACE_GROUP.sub(lambda m: m.group(1) + m.group(2).translate(_SPACE_TO_POINT), text)

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def take(q: Quantity) -> None:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        out.append(q)

    digit, month, weekday = _possible(text)
    date_patterns = (_DATE_NUM, _DATE_DMY, _DATE_MDY, _DATE_MY) if month else (_DATE_NUM,) if digit else ()
    for rx in date_patterns:
        for m in rx.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            g = m.groupdict()
            if rx is _DATE_NUM:
                y = g["y1"] or g["y2"]
                mo, d = int(g["m1"] or g["m2"]), int(g["d1"] or g["d2"])
                if not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                yv = int(y) + (2000 if len(y) == 2 else 0)
            else:
                mname = g["m"].lower().rstrip(".")
                if not g["m"][0].isupper():
                    continue  # "may", "march": verbs, not months
                mo = MONTHS[mname]
                d = int(g.get("d") or 0)  # a day past 31 is kept: it is still a (wrong) date
                yv = int(g["y"]) if g.get("y") else 0
            take(Quantity(s, e, text[s:e], "date", float(mo * 100 + d)))
            if yv:
                out.append(Quantity(s, e, text[s:e], "year", float(yv)))
    for m in _TIME.finditer(text) if digit else ():
        s, e = m.span()
        if not free(s, e):
            continue
        h = int(m.group("h") or m.group("h2"))
        mi = int(m.group("mi") or m.group("mi2") or 0)
        ap = (m.group("ap") or "").lower()
        if ap.startswith("p") and h < 12:
            h += 12
        if (m.group("h2") is not None and len(m.group("mi2")) == 2 and int(m.group("h2")) <= 24) or m.group(
            "h"
        ) is not None:
            take(Quantity(s, e, text[s:e], "time", float(h * 60 + mi)))
    for m in _SCORE.finditer(text) if digit else ():
        s, e = m.span()
        if free(s, e):
            take(Quantity(s, e, text[s:e], "score", float(int(m.group("x")) * 100 + int(m.group("y")))))
    for m in _WEEKDAY.finditer(text) if weekday else ():
        s, e = m.span()
        if free(s, e):
            key = m.group().lower()
            if key not in WEEKDAYS:
                key = key[:-1]
            if key in WEEKDAYS:
                take(Quantity(s, e, text[s:e], "weekday", float(WEEKDAYS[key]), salient=False))
    cores: list[tuple[int, int, float, bool, int]] = []
    for m in _DIGITS.finditer(text) if digit else ():
        s, e = m.span()
        if not free(s, e):
            continue
        v = parse_digits(m.group("n"), lang)
        if v is not None:
            cores.append((s, e, v, False, _sig_digits(m.group("n"))))
    lows = set(_LETTERS.findall(text.lower()))
    spelled = bool(lows & _NUMBER_WORDS) or any("hundert" in w or w.endswith(("zig", "ßig")) for w in lows)
    for m in _NUMWORD.finditer(text) if spelled else ():
        s, e = m.span()
        raw = re.sub(r"(?:[\s-]+and)?[\s-]*$", "", m.group())
        e = s + len(raw)
        low = raw.lower()
        if low in ("a", "an", "ein", "eine", "einer") or not free(s, e):
            continue
        if re.fullmatch(r"(?:a|an|ein|eine|einer)\s+\w+", low) and low.split()[1] not in (
            "hundred",
            "thousand",
            "million",
            "billion",
            "dozen",
            "dutzend",
        ):
            # "a dozen" is twelve, "a man" is nothing; "ein" alone is an article
            raw = raw.split(None, 1)[1]
            s = e - len(raw)
            low = raw.lower()
        if re.fullmatch(r"[a-zäöü]*hundert[a-zäöü]*", low) and not _DE_COMPOUND.match(low):
            continue
        v = parse_words(raw)
        if v is None:
            continue
        cores.append((s, e, v, True, 0))
    cores.sort()
    for s, e, v, is_word, sig in cores:
        if not free(s, e):
            continue
        cur = None
        qs = s
        mb = _BEFORE_CUR.search(text[max(0, s - 8) : s])
        if mb:
            cur = CURRENCY_SYMBOLS.get(mb.group("cur").lower()) or CURRENCY_WORDS.get(mb.group("cur").lower(), "USD")
            qs = s - len(mb.group())
        tail = text[e : e + 40]
        ma = _AFTER.match(tail)
        qe = e
        scale = 1.0
        unit: str | None = None
        kind = "count"
        if ma:
            sc = ma.group("scale")
            if sc:
                f = _scale(sc, lang, cur is not None or bool(ma.group("cur")))
                if f:
                    scale = f
                    qe = e + ma.end("scale")
                    if tail[ma.end("scale") : ma.end("scale") + 1] == "." and sc.lower() in ("mio", "mrd"):
                        qe += 1
            if ma.group("cur"):
                cur = CURRENCY_WORDS.get(ma.group("cur").lower(), cur)
                qe = e + ma.end("cur")
            elif ma.group("pct"):
                kind, unit = "percent", UNITS.get(ma.group("pct").lower(), "%")
                qe = e + ma.end("pct")
            elif ma.group("unit") and not (ma.group("sp") == "" and ma.group("unit").lower() in ("m",)):
                kind, unit = "unit", UNITS.get(ma.group("unit").lower())
                qe = e + ma.end("unit")
        if cur is not None:
            kind, unit = "money", cur
        value = v * scale
        if (
            kind == "count"
            and not is_word
            and scale == 1.0
            and re.fullmatch(r"\d{4}", text[s:e])
            and 1800 <= value <= 2100
        ):
            kind = "year"
        salient = not is_word or value > 10 or scale > 1 or kind != "count"
        take(
            Quantity(
                qs,
                qe,
                text[qs:qe],
                kind,
                value,
                unit,
                _qualified(text, qs),
                salient,
                sig or _sig_digits(str(int(value))),
                is_word,
                scale >= 1e6,
            )
        )
    out.sort(key=lambda q: (q.start, q.kind))
    return out


def same(x: Quantity, y: Quantity) -> bool:
    """Whether two quantities state the same fact (rounding allowed where one side says "about")."""
    kinds = {x.kind, y.kind}
    if x.kind != y.kind and "count" not in kinds and not kinds & _TEMPORAL:
        return False
    if kinds & _TEMPORAL:
        return (x.kind == y.kind or kinds == {"year", "count"}) and x.value == y.value
    a, b = x.value, y.value
    if x.unit and y.unit and x.unit != y.unit:
        f = _CONVERT.get((x.unit, y.unit))
        if f is None:
            return False
        return math.isclose(a * f, b, rel_tol=0.03)
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
        return True
    # a retelling may round a precise figure: 698 -> "about 700", 2.47 million -> 2.5 million
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


_TRIGGERS = frozenset(WORD_VALUES) | frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SCALES)
_MAYBE = re.compile(r"\d|hundert|zig\b|ßig\b", re.IGNORECASE)
_MAYBE_LOWER = re.compile(_MAYBE.pattern)  # the pattern is in lower case


def _may_hold_numbers(sv: SentView) -> bool:
    """A cheap test that spares most sentences the full set of patterns."""
    # in ASCII text ignoring case is lower-casing, and the lower-cased search is the faster
    if _MAYBE_LOWER.search(sv.norm.lower()) if sv.norm.isascii() else _MAYBE.search(sv.norm):
        return True
    return any(t.text.lower().rstrip("s") in _TRIGGERS or t.text.lower() in _TRIGGERS for t in sv.tokens)


def _sent_quantities(doc: Doc, sv: SentView) -> list[Quantity]:
    if not _may_hold_numbers(sv):
        return []
    cut, upto = _cut_date(doc, sv)
    mapped = list(cut)
    for q in extract(sv.norm[:upto], doc.lang):
        sp = sv.span(q.start, q.end)
        mapped.append(replace(q, start=sp.start, end=sp.end, text=doc.article.text[sp.start : sp.end]))
    return mapped


_CUT_DAY = re.compile(r"\b(\d{1,2})\.$")
_MONTH_START = re.compile(rf"^(?P<m>{_MONTH_ALT})\b(?:\s+(?P<y>1[89]\d\d|2[01]\d\d)\b)?", re.IGNORECASE)


def _cut_date(doc: Doc, sv: SentView) -> tuple[list[Quantity], int]:
    """A German date the sentence splitter cut in two ("am 12." | "Juni ..."), rejoined; and where it starts."""
    m = _CUT_DAY.search(sv.norm)
    if not m or sv.i + 1 >= len(doc.sents):
        return [], len(sv.norm)
    nxt = doc.sents[sv.i + 1]
    mm = _MONTH_START.match(nxt.norm)
    if not mm or not mm.group("m")[0].isupper():
        return [], len(sv.norm)
    start = sv.span(m.start(1), m.end(1)).start
    end = nxt.span(0, mm.end()).end
    text = doc.article.text[start:end]
    out = [Quantity(start, end, text, "date", float(MONTHS[mm.group("m").lower()] * 100 + int(m.group(1))))]
    if mm.group("y"):
        out.append(Quantity(start, end, text, "year", float(mm.group("y"))))
    return out, m.start(1)


def quantities(doc: Doc, idx: Sequence[int] | None = None) -> list[Quantity]:
    """Quantities of some sentences of a document (all when ``idx`` is None), spans in original text."""
    return doc.per_sentence("numbers", _sent_quantities, idx)


def _describe(q: Quantity) -> str:
    return {"date": "date", "year": "year", "money": "amount", "percent": "percentage", "time": "time"}.get(
        q.kind, "number"
    )


def _context(doc: Doc, q: Quantity) -> set[str]:
    t = doc.article.text
    left = t[max(0, q.start - 40) : q.start].lower().split()[-3:]
    right = t[q.end : q.end + 40].lower().split()[:3]
    return {w.strip(".,;:()\"'") for w in left + right} - {""}


def _pairable(x: Quantity, y: Quantity) -> bool:
    """Whether y could be what x became: same sort of quantity (a bare number may be any amount)."""
    if x.kind == "weekday" or y.kind == "weekday":
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
    """How far apart two values are, in orders of magnitude."""
    if x.kind in _TEMPORAL or y.kind in _TEMPORAL:
        return 0.0 if x.kind == y.kind else 1.0
    a, b = abs(x.value) or 1e-9, abs(y.value) or 1e-9
    return abs(math.log10(a) - math.log10(b))


def compare(da: Doc, db: Doc, matches: Sequence[Match]) -> list[Flag]:
    """number_changed / number_added / number_dropped within matched sentences."""
    flags: list[Flag] = []
    all_a = quantities(da)
    all_b = quantities(db)
    for m in matches:
        qa = quantities(da, m.a)
        qb = quantities(db, m.b)
        used_b: set[int] = set()
        left_a: list[Quantity] = []
        for x in qa:
            k = next((j for j, y in enumerate(qb) if j not in used_b and same(x, y)), None)
            if k is None:
                left_a.append(x)
            else:
                used_b.add(k)
        left_b = [y for j, y in enumerate(qb) if j not in used_b]
        # material that moved elsewhere in the other article is not a change
        left_a = [x for x in left_a if not any(same(x, y) for y in all_b)]
        left_b = [y for y in left_b if not any(same(x, y) for x in all_a)]
        pairs: list[tuple[Quantity, Quantity]] = []
        rest_b = list(left_b)
        for x in list(left_a):
            cands = [y for y in rest_b if _pairable(x, y)]
            if not cands:
                continue
            cx = _context(da, x)
            best = max(cands, key=lambda y: (len(cx & _context(db, y)), -_distance(x, y)))
            if not cx & _context(db, best) and _distance(x, best) > 2.0:
                continue
            pairs.append((x, best))
            rest_b.remove(best)
            left_a.remove(x)
        for x, y in pairs:
            flags.append(
                Flag(
                    "number_changed",
                    Span(x.start, x.end),
                    Span(y.start, y.end),
                    x.text,
                    y.text,
                    "high",
                    f"{_describe(x)} changed: {x.text!r} became {y.text!r}",
                )
            )
        for x in left_a:
            if x.salient:
                flags.append(
                    Flag(
                        "number_dropped",
                        Span(x.start, x.end),
                        None,
                        x.text,
                        None,
                        "info",
                        f"{_describe(x)} {x.text!r} left out",
                    )
                )
        for y in rest_b:
            if y.salient:
                flags.append(
                    Flag(
                        "number_added",
                        None,
                        Span(y.start, y.end),
                        None,
                        y.text,
                        "warning",
                        f"{_describe(y)} {y.text!r} not in the other text",
                    )
                )
    return flags
