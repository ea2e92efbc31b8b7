"""The patterns that find dates, times, scores, digits, spelled numbers and what follows them."""

from __future__ import annotations

import re

from retold.fidelity.numbers.currencies import CURRENCY_SYMBOLS, CURRENCY_WORDS
from retold.fidelity.numbers.lexicon import (
    _DE_ONES,
    _DE_SMALL,
    _DE_TENS,
    APPROX,
    LOWER_BOUNDS,
    MONTHS,
    ROMANCE_AND,
    ROMANCE_MONTHS,
    ROMANCE_SCALES,
    ROMANCE_WORDS,
    SCALES,
    SCALES_EN,
    UNITS,
    UPPER_BOUNDS,
    WEEKDAYS,
    WORD_VALUES,
    WORDS_EN,
)
from retold.text.alternation import alternatives, longest_first

_DE_ONES_ALT = "|".join(_DE_ONES)
_DE_TENS_ALT = "|".join(_DE_TENS)
_DE_SMALL_ALT = longest_first(_DE_SMALL)


def _de_below_thousand(p: str) -> str:
    """A German number under a thousand written as one word, its groups named with the prefix ``p``."""
    return (
        rf"(?P<{p}hundreds>(?P<{p}h>{_DE_ONES_ALT})?hundert)?"
        rf"(?:(?P<{p}o>{_DE_ONES_ALT})und(?P<{p}t>{_DE_TENS_ALT})|(?P<{p}tens>{_DE_TENS_ALT})|(?P<{p}u>{_DE_SMALL_ALT}))?"
    )


# a German number written as one word: "einunddreißig", "dreihundertzwanzig", "dreißigtausend",
# "zweitausendvierhundertzwölf", with the Swiss "ss" for "ß" ("einunddreissig", "dreissigtausend")
_DE_COMPOUND = re.compile(rf"^(?P<thousand>(?:{_de_below_thousand('k')})tausend)?{_de_below_thousand('')}$")


_APPROX_RE = re.compile(rf"(?<!\w)(?:{longest_first(APPROX)})\s+$", re.IGNORECASE)
# the words before a figure that make it a bound, in every language: "more than 144,000", "bis zu 300"
_LOWER_RE = re.compile(rf"(?<!\w)(?:{longest_first(w for ws in LOWER_BOUNDS.values() for w in ws)})\s+$", re.I)
_UPPER_RE = re.compile(rf"(?<!\w)(?:{longest_first(w for ws in UPPER_BOUNDS.values() for w in ws)})\s+$", re.I)


# the month names as one alternation, longest first (datelines read a date with them too)
MONTH_ALT = longest_first(MONTHS)


_DATE_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.)?(?:\s+of)?\s+(?P<m>{MONTH_ALT})(?:s\b|\b)\.?(?:,?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b)?",
    re.IGNORECASE,
)


_DATE_MDY = re.compile(
    rf"\b(?P<m>{MONTH_ALT})\b\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per cent|[.,]\d))"
    r"(?:,?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b)?",
    re.IGNORECASE,
)


_DATE_MY = re.compile(rf"\b(?P<m>{MONTH_ALT})\b\.?\s+(?P<y>1[89]\d\d|2[01]\d\d)\b", re.IGNORECASE)


ROMANCE_ALT = longest_first(ROMANCE_MONTHS)
# "le 12 juin", "le 1er avril 2024", "el 3 de marzo de 2024"; a time as "15h30", "15 h"
_DATE_ROMANCE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:er|º)?\s+(?:de\s+)?(?P<m>{ROMANCE_ALT})\b(?:\s+(?:de\s+)?(?P<y>1[89]\d\d|2[01]\d\d)\b)?",
    re.IGNORECASE,
)
_TIME_ROMANCE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])\s?h\s?(?P<mi>[0-5]\d)?\b", re.IGNORECASE)


# German writes a date of this year as day and month with full stops: "bis zum 12.3.", "am 1.10."
_DATE_DE_SHORT = re.compile(r"(?<![\d.,])(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?![\d\w])")


_DATE_NUM = re.compile(
    r"\b(?:(?P<y1>[12]\d{3})-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)|(?P<d2>[0-3]?\d)[./](?P<m2>[01]?\d)[./](?P<y2>[12]\d{3}|\d\d))\b"
)


# "9:30 pm", "9.30am", "9.30 Uhr", "9.30 GMT" (British and German times put a full stop between hours and minutes;
# a time zone marks a time as surely as "am"), "21:30"
_ZONES = "gmt|bst|utc|cet|cest|mez|mesz|edt|est"
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*"
    rf"(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|uhr\b|(?:{_ZONES})\b)"
    r"|\b(?P<h2>[012]?\d):(?P<mi2>[0-5]\d)\b",
    re.IGNORECASE,
)


# the time of wire copy and the armed forces, four digits before a time zone or "hours": "at 0240 GMT", "1530 hours"
_TIME_HHMM = re.compile(rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<z>{_ZONES}|hours|hrs)\b", re.IGNORECASE)


_SCORE = re.compile(r"\b(?P<x>\d{1,2}):(?P<y>\d{1,2})\b")
# a match-play result in golf: holes up and holes left to play ("a 2&1 win", "won 3 & 2")
_MATCH_PLAY = re.compile(r"\b(?P<x>\d)\s?&\s?(?P<y>\d)\b")


_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")s?\b", re.IGNORECASE)


# the currency signs written with letters ("US$", "A$"), which may follow a figure with no space ("500US$")
_LETTER_SIGNS = longest_first(k for k in CURRENCY_SYMBOLS if k[0].isalpha())
_MARK_SIGNS = longest_first(k for k in CURRENCY_SYMBOLS if not k[0].isalpha())  # "$", "€", "$US"
# and those that end in letters, which a figure follows with no space ("$US3.95"): one look-behind each
_AFTER_LETTER_SIGN = "".join(f"|(?<=(?i:{re.escape(k)}))" for k in CURRENCY_SYMBOLS if k[-1].isalpha())


_DIGITS = re.compile(
    rf"(?:(?<![\w.,]){_AFTER_LETTER_SIGN})(?<![^\W\d_]-)"
    r"(?P<n>\d+(?:[.,]\d+)*|\.\d{1,2}(?![.,]?\d))(?P<ord>st|nd|rd|th)?"
    r"(?=[^\w]|$|(?:(?i:bn|mn|mln|bln|tn|trn|m|k|b)|km|kg|cm|mm|mw|gw|kwh|mph|s|er|ern|jährige[nmrs]?)\b"
    rf"|(?i:{_LETTER_SIGNS}))"
)


def _numword(german: bool) -> re.Pattern[str]:
    """A spelled number of English words, in German text also of German words and compounds ("elf", "ein
    Dutzend", "einundzwanzig", "dreihundert"): the words joined by spaces, hyphens or an "and"."""
    words = [*(WORD_VALUES if german else WORDS_EN), *SCALES_EN]
    compounds = rf"|[a-zäöüß]+und(?:{_DE_TENS_ALT})|[a-zäöüß]*(?:hundert|tausend)[a-zäöüß]*" if german else ""
    articles = "a|an|one|ein|eine|einer" if german else "a|an|one"
    return re.compile(
        rf"\b(?:(?:{articles})\s+)?(?:(?:{longest_first(words)}{compounds})(?:[\s-]+(?:and\s+)?(?=\w)|\b))+",
        re.IGNORECASE,
    )


_NUMWORD = _numword(german=False)
_NUMWORD_DE = _numword(german=True)


# a French or Spanish spelled number, read in a text of that language: its words joined by spaces or hyphens, a ten
# and a one also by "et" or "y" ("vingt et un", "treinta y cinco"); no English article before it
_NUMWORD_ROMANCE = {
    lang: re.compile(
        rf"\b(?:(?:(?:{longest_first(tens)})\s+{joiner}\s+(?:{longest_first(ones)})"
        rf"|{longest_first([*ROMANCE_WORDS[lang], *ROMANCE_SCALES[lang]])})(?:[\s-]+(?=\w)|\b))+",
        re.IGNORECASE,
    )
    for lang, (joiner, tens, ones) in ROMANCE_AND.items()
}


# the units of the numbers lexicon but the percentages (read before them), the longest first ("km/h", not "km")
_UNIT_ALT = longest_first(u for u, kind in UNITS.items() if kind not in ("%", "pp"))


# the currency signs and words of the lexicon: a sign stands before a figure or after it ("₹500", "500 ₹"), but not
# after one figure when another follows ("in 2019 €5 million"); an ISO code may stand before it ("EUR 500"), a word
# only after it
_SIGNS = longest_first(CURRENCY_SYMBOLS)
_SIGN_AFTER = rf"(?:{_SIGNS})(?!\s?\d)"
_CODES = longest_first(w for w, code in CURRENCY_WORDS.items() if w.upper() == code)
_CURRENCY_AFTER = rf"{_SIGN_AFTER}|(?:{longest_first(CURRENCY_WORDS)})\b"


# the scale words after a figure ("5 million", "5bn", "5 Mio.", "300 mil"): the one list of scales and the Spanish
# ones (a French "cent" or "mille" after a figure is none: "5 cents"), and "m" and "b", scales only beside a
# currency (``values.scale_of``)
_SCALE_AFTER = alternatives(sorted([*SCALES, *ROMANCE_SCALES["es"], "m", "b"], key=len, reverse=True))


_AFTER = re.compile(
    rf"^(?P<sp>[\s-]?)(?P<scale>{_SCALE_AFTER})?"
    rf"(?:\b|(?=\s*(?:%|{_SIGN_AFTER})))\.?"
    rf"(?:\s*(?:d['’]\s?|de\s+)?(?P<cur>{_CURRENCY_AFTER})"
    r"|\s*(?P<pct>percentage points?|prozentpunkten?|%|per cent|percent|prozent|pour\s+cent|por\s+ciento)"
    rf"|[\s-]?(?P<unit>{_UNIT_ALT})\b)?",
    re.IGNORECASE,
)


_LETTERS = re.compile(r"[a-zäöüß]+")


_WORD = re.compile(r"[^\W\d_]+")  # a word of letters in any script


# a sign before a figure; one that starts with a letter starts a word ("R$5", but the "$5" of "for$5")
_BEFORE_CUR = re.compile(rf"(?P<cur>(?<![^\W\d_])(?:{_LETTER_SIGNS}|{_CODES})|{_MARK_SIGNS})\s?$", re.IGNORECASE)


_ANY_DIGIT = re.compile(r"\d")


# a German spelled number holds a scale or ends in a ten ("zwanzig", "dreißig", the Swiss "dreissig")
_DE_SPELLED = re.compile(r"hundert|tausend|(?:zig|ßig|ssig)\b")  # in lower case


_MAYBE = re.compile(rf"\d|{_DE_SPELLED.pattern}", re.IGNORECASE)


_MAYBE_LOWER = re.compile(_MAYBE.pattern)  # the pattern is in lower case

# what comes before the sign of a margin: "plus or minus 3", "plus-or-minus", "plus/minus 3", "+/-3", "+-3"
_MARGIN_BEFORE = re.compile(r"(?:\bplus(?:\s+or\s+|-or-|\s*/\s*)|\+\s*/?\s*)$", re.IGNORECASE)
