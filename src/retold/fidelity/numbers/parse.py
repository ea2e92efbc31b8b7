"""Quantities of one normal sentence, each in a comparable form (value, kind, unit, precision)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.fidelity.numbers.currencies import currency
from retold.fidelity.numbers.forms import (
    bare_scale,
    fractions,
    halves,
    join_groups,
    list_mark,
    margin,
    named_dates,
    scale_after_sign,
    scores,
    unhyphen_ratios,
)
from retold.fidelity.numbers.lexicon import (
    _ASCII_MONTHS,
    MONTHS,
    ROMANCE,
    ROMANCE_MONTHS,
    UNITS,
    WEEKDAYS,
)
from retold.fidelity.numbers.patterns import (
    _AFTER,
    _ANY_DIGIT,
    _APPROX_RE,
    _BEFORE_CUR,
    _DATE_DE_SHORT,
    _DATE_DMY,
    _DATE_MDY,
    _DATE_MY,
    _DATE_NUM,
    _DATE_ROMANCE,
    _DIGITS,
    _LOWER_RE,
    _TIME,
    _TIME_HHMM,
    _TIME_ROMANCE,
    _UPPER_RE,
    _WEEKDAY,
)
from retold.fidelity.numbers.spelled import german_one, may_spell, spelled_cores
from retold.fidelity.numbers.values import parse_digits, scale_of, sig_digits
from retold.fidelity.rules import Example, never, rule


@dataclass(frozen=True)
class Quantity:
    """One number, date or amount found in a text, in a comparable form.

    ``kind`` is count, year, date, weekday, time, score, money, percent, unit or fraction; ``unit`` the
    currency or unit code; for dates ``value`` is month*100+day (day 0 when only a month). ``alt`` is the other
    value a figure may be read as ("5m": 5 metres or 5 million).
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
    alt: float | None = None
    bound: int = 0  # 1 after "more than", -1 after "up to": the value lies past the figure, or short of it


@rule(
    "numbers.approximate",
    purpose='A number after "about", "some", "rund", "etwa" is marked approximate, so a rounder figure may stand '
    "for a precise one.",
    examples=[
        Example("The storm killed 698 people.", "The storm killed about 700 people."),
        Example("The storm killed 698 people.", "The storm killed 700 people.", ("number_changed/high: 698 -> 700",)),
    ],
    off=never,
)
def _qualified(text: str, start: int) -> bool:
    return bool(_APPROX_RE.search(text[max(0, start - 25) : start]))


def _bound(text: str, start: int) -> int:
    """1 where a figure is a lower bound ("more than 144,000"), -1 an upper one ("up to 300"), else 0."""
    before = text[max(0, start - 25) : start]
    return 1 if _LOWER_RE.search(before) else -1 if _UPPER_RE.search(before) else 0


_SIGN = re.compile(r"(?:(?<![\w.,])-|\bminus\s+)$", re.IGNORECASE)  # normal text: U+2212 is '-' there


@rule(
    "numbers.signed",
    purpose='A minus sign or "minus" before a figure makes it negative: "-12C" and "12C" are opposite facts, '
    'and "minus 0.5%" is "-0.5%". A hyphen between figures ("3-2") or after a word is no sign.',
    examples=[
        Example(
            "It fell to -12 degrees overnight.",
            "It fell to 12 degrees overnight.",
            ("number_changed/high: -12 degrees -> 12 degrees",),
        ),
        Example("Growth was -0.5% in the quarter.", "Growth was minus 0.5% in the quarter."),
        Example("They won 3-2 in Leeds.", "They won 3-1 in Leeds.", ("number_changed/high: 2 -> 1",)),
    ],
    off=lambda text, start: 0,
)
def _sign(text: str, start: int) -> int:
    """How many characters before ``start`` make the figure there negative (0: none)."""
    m = _SIGN.search(text[max(0, start - 8) : start])
    return len(m.group()) if m and not margin(text, start - len(m.group())) else 0


@rule(
    "numbers.german_short_date",
    lang="de",
    purpose='German writes a date of the current year as "12.3." (day, month, full stops): it is the 12 March of '
    "the other text, not the number 12.3.",
    examples=[
        Example("Die Frist läuft bis zum 12.3. weiter.", "Die Frist läuft bis zum 12. März weiter.", lang="de"),
        Example(
            "Die Frist läuft bis zum 12.3. weiter.",
            "Die Frist läuft bis zum 14. März weiter.",
            ("number_changed/high: 12.3. -> 14. März",),
            lang="de",
        ),
    ],
    off=lambda lang: (),
)
def _short_dates(lang: str) -> tuple[re.Pattern[str], ...]:
    return (_DATE_DE_SHORT,) if lang == "de" else ()


@rule(
    "numbers.romance_dates",
    purpose='French and Spanish write a date as "le 12 juin", "le 1er avril", "el 3 de marzo" and a time as '
    '"15h30": they are the June 12 and the 3:30 p.m. of the other text, not the counts 12 and 1.',
    examples=[
        Example(
            "Le vote aura lieu le 12 juin à 15h30.",
            "Le vote aura lieu le 12 juin à 15h30.",
            lang="fr",
            matched=(((0,), (0,)),),
        ),
        Example(
            "Le vote aura lieu le 1er avril à 15h30.",
            "Le vote aura lieu le 3 avril à 16h30.",
            ("number_changed/high: 1er avril -> 3 avril", "number_changed/high: 15h30 -> 16h30"),
            lang="fr",
        ),
    ],
    off=lambda lang: (),
)
def _romance(lang: str) -> tuple[re.Pattern[str], ...]:
    return (_DATE_ROMANCE, _TIME_ROMANCE) if lang in ROMANCE else ()


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


@rule(
    "numbers.small_spelled_counts_unflagged",
    purpose='A spelled count up to ten ("one of the tents", "two men") is wording, not a figure: it is matched '
    "but never flagged as added or dropped.",
    examples=[
        Example("One of the tents burned down.", "The tents burned down."),
        Example("Two men were arrested.", "Police arrested them.", ()),
        Example("Twelve men were arrested.", "Police arrested them.", ("number_dropped/info: Twelve -> -",)),
    ],
    off=lambda is_word, value, scale, kind: True,
)
def _salient(is_word: bool, value: float, scale: float, kind: str) -> bool:
    return not is_word or value > 10 or scale > 1 or kind != "count"


@rule(
    "numbers.four_digit_time",
    purpose='Wire copy and the armed forces write a time as four digits before a time zone or "hours" ("at 0240 '
    'GMT", "at 1530 hours"): it is the time "2:40 a.m." or "3:30 p.m." another text gives, not a number; before '
    '"hours" only after a word that leads to a time ("1500 hours of work" is a count).',
    examples=[
        Example("The capsule landed at 0240 GMT.", "The capsule came down at 2:40 a.m."),
        Example("The raid began at 1530 hours.", "The raid began at 3:30 p.m."),
        Example(
            "The capsule landed at 0240 GMT.",
            "The capsule came down at 3:40 a.m.",
            ("number_changed/high: 0240 GMT -> 3:40 a.m.",),
        ),
    ],
    off=never,
)
def _four_digit_time(text: str, start: int, zone: str) -> bool:
    """Whether four digits at ``start`` before ``zone`` are a time: always before a time zone, before "hours" only
    after a word that leads to a time ("at 1530 hours", not "1500 hours of work")."""
    return zone.lower() not in ("hours", "hrs") or bool(_AT_TIME.search(text[max(0, start - 10) : start]))


_AT_TIME = re.compile(r"\b(?:at|by|until|till|from|before|after|since|around)\s+$", re.IGNORECASE)


def extract(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity in a normal text (one sentence), in reading order."""
    out: list[Quantity] = []
    taken = bytearray(len(text))
    text = unhyphen_ratios(join_groups(text, lang))

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def take(q: Quantity) -> None:
        taken[q.start : q.end] = b"\x01" * (q.end - q.start)
        out.append(q)

    digit, month, weekday = _possible(text)
    date_patterns: tuple[re.Pattern[str], ...] = (
        (_DATE_NUM, _DATE_DMY, _DATE_MDY, _DATE_MY) if month else (_DATE_NUM,) if digit else ()
    )
    for s, e, day in named_dates(text) if digit else ():
        take(Quantity(s, e, text[s:e], "date", day))
    romance = _romance(lang) if digit else ()
    date_patterns += _short_dates(lang) + romance[:1] if digit else ()
    for rx in date_patterns:
        for m in rx.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            g = m.groupdict()
            if rx is _DATE_ROMANCE:
                mo, d = ROMANCE_MONTHS[g["m"].lower()], int(g["d"])
                yv = int(g["y"]) if g.get("y") else 0
            elif rx is _DATE_DE_SHORT:
                mo, d, yv = int(g["m2"]), int(g["d2"]), 0
                if not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
            elif rx is _DATE_NUM:
                y = g["y1"] or g["y2"]
                mo, d = int(g["m1"] or g["m2"]), int(g["d1"] or g["d2"])
                if not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                yv = int(y) + (2000 if len(y) == 2 else 0)
            else:
                mo = MONTHS[g["m"].lower().rstrip(".")]
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
    for m in _TIME_HHMM.finditer(text) if digit else ():
        s, e = m.span()
        if free(s, e) and _four_digit_time(text, s, m.group("z")):
            take(Quantity(s, e, text[s:e], "time", float(int(m.group("h")) * 60 + int(m.group("mi")))))
    for m in romance[1].finditer(text) if romance else ():
        s, e = m.span()
        if free(s, e):
            take(Quantity(s, e, text[s:e], "time", float(int(m.group("h")) * 60 + int(m.group("mi") or 0))))
    for m in scores(text) if digit else ():
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
    for s, e, part, words in fractions(text):
        if free(s, e):
            take(Quantity(s, e, text[s:e], "fraction", part, None, _qualified(text, s), not words, words=words))
    cores: list[tuple[int, int, float, bool, int]] = []
    for m in _DIGITS.finditer(text) if digit else ():
        s, e = m.span()
        if not free(s, e):
            continue
        v = parse_digits(m.group("n"), lang)
        if v is not None:
            cores.append((s, e, v, False, sig_digits(m.group("n"))))
    if may_spell(text.lower(), lang):
        cores += spelled_cores(text, free, lang)
    if lang == "de":
        cores += german_one(text, free)
    halved = halves(text)
    cores += [c[:5] for c in halved]
    wholes = {c[0]: c[5] for c in halved if c[5]}
    cores.sort(key=lambda c: (c[0], -c[1]))  # of two at one place the longer: "two and a half" over "two"
    for s, e, v, is_word, sig in cores:
        if not free(s, e) or (not is_word and list_mark(text, s, lang)):
            continue
        cur = None
        qs = s
        mb = _BEFORE_CUR.search(text[max(0, s - 8) : s])
        if mb:
            cur = currency(mb.group("cur"))
            qs = s - len(mb.group())
        signed = _sign(text, qs)
        if signed:
            v, qs = -v, qs - signed
        tail = text[e : e + 40]
        ma = _AFTER.match(tail)
        qe = e
        scale = 1.0
        unit: str | None = None
        kind = "count"
        alt = None
        if ma:
            sc = ma.group("scale")
            if sc:
                f = scale_of(sc, lang, cur is not None or bool(ma.group("cur")))
                if f:
                    scale = f
                    qe = e + ma.end("scale")
                    if tail[ma.end("scale") : ma.end("scale") + 1] == "." and sc.lower() in ("mio", "mrd"):
                        qe += 1
                elif not ma.group("sp") and sc in ("M", "B"):
                    continue  # "3M", "2M television", "128M bytes": with no currency, a name or a unit
                elif not ma.group("sp") and (either := bare_scale(sc)):
                    alt, qe = v * either, e + ma.end("scale")
            if ma.group("cur"):
                cur = currency(ma.group("cur"))
                qe = e + ma.end("cur")
                sa = scale_after_sign(ma.group("cur"), tail[ma.end("cur") :]) if scale == 1.0 else None
                if sa and (f := scale_of(sa.group("scale"), lang, True)):
                    scale, qe = f, qe + sa.end()
            elif ma.group("pct"):
                kind, unit = "percent", UNITS.get(ma.group("pct").lower(), "%")
                qe = e + ma.end("pct")
            elif ma.group("unit") and not (ma.group("sp") == "" and ma.group("unit").lower() in ("m",)):
                kind, unit = "unit", UNITS.get(ma.group("unit").lower())
                qe = e + ma.end("unit")
        if cur is not None:
            kind, unit = "money", cur
        value = v * scale
        if s in wholes:
            alt = wholes[s] * scale  # "5 1/2" of the other text reads as 5, 1 and 2
        if (
            kind == "count"
            and not is_word
            and scale == 1.0
            and re.fullmatch(r"\d{4}", text[s:e])
            and 1800 <= value <= 2100
        ):
            kind = "year"
        salient = _salient(is_word, value, scale, kind)
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
                sig or sig_digits(str(int(value))),
                is_word,
                scale >= 1e6,
                alt,
                _bound(text, qs),
            )
        )
    out.sort(key=lambda q: (q.start, q.kind))
    return out
