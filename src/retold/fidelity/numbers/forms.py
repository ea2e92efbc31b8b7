"""Other ways of writing one figure: thousands grouped by a space or an apostrophe, a bare "m" for million,
a fraction in digits or words, a number and a half, a scale word after a currency sign, a golf match-play result."""

from __future__ import annotations

import re

from retold.fidelity.numbers.currencies import CURRENCY_SYMBOLS
from retold.fidelity.numbers.lexicon import (
    _UNITS_EN,
    COMMA_DECIMAL,
    FRACTIONS,
    NAMED_DATES,
    SCALES,
    SPACE_THOUSANDS,
    WORDS_EN,
)
from retold.fidelity.numbers.patterns import _MARGIN_BEFORE, _MATCH_PLAY, _SCORE
from retold.fidelity.rules import Example, never, nothing, rule
from retold.text.alternation import longest_first

# no-break, narrow no-break and thin spaces: the normal text has a plain space there, the caller marks them back
HARD_SPACES = "\u00a0\u202f\u2009"
_SPACES = " " + HARD_SPACES
# a figure of one to three digits, then groups of exactly three: a year before a count ("2019 500") is no such
# figure; nor are a phone number's groups, which start with a zero, follow one or go on ("0800 555 111",
# "859 292 3680")
_GROUPED = re.compile(rf"(?<![\d.,'])([1-9]\d{{0,2}})((?:[{_SPACES}']\d{{3}})+)(?![\d'])(?![{_SPACES}]\d)")
_ZERO_BEFORE = re.compile(rf"(?<!\d)0\d*[{_SPACES}]$")


@rule(
    "numbers.grouped_thousands",
    purpose='Thousands grouped by a space where the language writes them so (German, French: "12 500"), by a '
    'no-break space in any language or by the Swiss apostrophe ("12\'500") are one number, 12500; a plain space '
    'in English groups nothing ("in 2019 500 people" is a year and a count).',
    examples=[
        Example("Die Firma stellt 12 500 Mitarbeiter ein.", "Die Firma stellt 12.500 Mitarbeiter ein.", lang="de"),
        Example(
            "Die Firma stellt 12\u2019500 Mitarbeiter ein.",
            "Die Firma stellt 13.500 Mitarbeiter ein.",
            ("number_changed/high: 12\u2019500 -> 13.500",),
            lang="de",
        ),
        Example("The firm will hire 12\u202f500 workers.", "The firm is to hire 12,500 workers."),
        Example("In 2019 500 people came.", "In 2019, 600 people came.", ("number_changed/high: 500 -> 600",)),
    ],
    off=lambda lang: "",
)
def _group_marks(lang: str) -> str:
    """The characters that may group thousands in ``lang``'s text (hard spaces as the caller marked them)."""
    return (" " if lang in SPACE_THOUSANDS else "") + HARD_SPACES + "'"


def join_groups(text: str, lang: str) -> str:
    """``text`` with each grouped figure written with the language's thousands mark ("12 500" -> "12.500" in
    German, "12,500" in English): the same length, so every offset still points into the text as given."""
    marks = _group_marks(lang)
    if not marks:
        return text
    point = "." if lang in COMMA_DECIMAL else ","

    def joined(m: re.Match[str]) -> str:
        groups = m.group(2)
        if any(c not in marks for c in groups[::4]) or _ZERO_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            return m.group()
        return m.group(1) + "".join(point if k % 4 == 0 else c for k, c in enumerate(groups))

    return _GROUPED.sub(joined, text)


@rule(
    "numbers.bare_scale_letter",
    purpose='A figure with "m" or "b" right after it and no currency ("1m people", "2.5b users") is read both as '
    'the figure and as millions or billions: it may be metres ("the 100m final"), so it is the same fact as either '
    '"1 million" or "100 metres" of the other text, and a change from both. With a currency the letter is a scale '
    '("$1M"); with none, a capital is a name or a unit ("3M", "128M bytes"), no figure.',
    examples=[
        Example("Some 1m people have fled the fighting.", "Some one million people have fled the fighting."),
        Example("The app has 2.5b users.", "The app has 2.5 billion users."),
        Example(
            "Some 1m people have fled the fighting.",
            "Some 2 million people have fled the fighting.",
            ("number_changed/high: 1m -> 2 million",),
        ),
        Example("She won the 100m final in Rome.", "She won the 100 metres final in Rome."),
    ],
    off=lambda letter: 0.0,
)
def bare_scale(letter: str) -> float:
    """What a bare "m" or "b" after a figure multiplies it by when read as a scale (0: it is no scale)."""
    return {"m": 1e6, "b": 1e9}.get(letter, 0.0)


@rule(
    "numbers.match_play_score",
    purpose='Golf writes a match-play result as holes up and holes left to play with an ampersand ("a 2&1 win", '
    '"won 3 & 2"), which another text gives as a score ("siegte 2:1"): it is that score, not two counts.',
    examples=[
        Example("Rose came back for a 2&1 win over Johnson.", "Rose came back and won 2:1 over Johnson."),
        Example(
            "Rose came back for a 2&1 win over Johnson.",
            "Rose came back and won 3:2 over Johnson.",
            ("number_changed/high: 2&1 -> 3:2",),
        ),
    ],
    off=lambda: (),
)
def _match_play() -> tuple[re.Pattern[str], ...]:
    return (_MATCH_PLAY,)


def scores(text: str) -> list[re.Match[str]]:
    """Scores ("2:1") and match-play results ("2&1") of a text; the caller takes those not overlapping."""
    return [m for rx in (_SCORE, *_match_play()) for m in rx.finditer(text)]


# a named date standing alone: not inside a longer figure, a range or a fraction ("19/11", "9/11/2001", "9-11%")
_NAMED_DATE = re.compile(rf"(?<![\w./,-])(?:{longest_first(NAMED_DATES)})(?![\w/%-]|[.,]\d)")


@rule(
    "numbers.named_date",
    purpose='A day a people names by its month and day in figures ("9/11", "9-11", "7/7") is that date, as '
    '"Sept. 11th" writes it: read as figures it was the numbers 9 and 11 left out and a date added.',
    examples=[
        Example("The attacks of 9/11 changed the city.", "The attacks of September 11 changed the city."),
        Example(
            '"We built the plan around what we learned on 9-11," she said.',
            '"We built the plan around what we learned on Sept. 11th," she said.',
        ),
        Example(
            "The attacks of 9/11 changed the city.",
            "The attacks of July 7 changed the city.",
            ("number_changed/high: 9/11 -> July 7",),
        ),
    ],
    off=lambda: None,
)
def _named_dates() -> re.Pattern[str] | None:
    return _NAMED_DATE


def named_dates(text: str) -> list[tuple[int, int, float]]:
    """Named dates of a text ("9/11"): start, end and the date's value (month * 100 + day)."""
    rx = _named_dates()
    return [(m.start(), m.end(), NAMED_DATES[m.group()]) for m in rx.finditer(text)] if rx else []


# a ratio or rate written as one hyphenated word: "3-to-1", "1-in-4"
_HYPHENED_RATIO = re.compile(r"(?<=\d)-(to|in)-(?=\d)", re.IGNORECASE)


@rule(
    "numbers.hyphenated_ratio",
    purpose='A ratio or rate written as one hyphenated word ("a 3-to-1 margin", "1-in-4 adults") holds the same '
    'two figures as "3 to 1" and "one in four": the second figure is read too, not cut off as part of a word '
    '("COVID-19" style).',
    examples=[
        Example(
            "Twenty years ago, the split was 4 to 1, Moreau said.",
            "Twenty years ago, the split was about 4-to-1, Moreau said.",
        ),
        Example(
            "Twenty years ago, the split was 4 to 1, Moreau said.",
            "Twenty years ago, the split was about 4-to-3, Moreau said.",
            ("number_changed/high: 1 -> 3",),
        ),
    ],
    off=lambda text: text,
)
def unhyphen_ratios(text: str) -> str:
    """``text`` with the hyphens of each such ratio made spaces (the same length: offsets stay those of ``text``)."""
    return _HYPHENED_RATIO.sub(lambda m: f" {m.group(1)} ", text) if "-" in text else text


# a list item's number at a sentence's start: "1. The Russians ...", "2) Taxes ..."
_LIST_MARK = re.compile(r"\d{1,2}[.)]\s+[A-Z\"\u201c]")


@rule(
    "numbers.list_mark",
    purpose='The number of a list item at the start of a sentence ("1. The Russians didn\'t steal it", "2) Taxes '
    'rise") marks its place in a list, not a figure of the story: it is neither dropped nor added. German is left '
    'out, where "1. FC K\u00f6ln" and "3. Liga" start sentences.',
    examples=[
        Example(
            "1. The Russians did not steal the election.",
            "The Russians, he said, did not steal the election.",
            (),
        ),
        Example(
            "12 Russians did not steal the election.",
            "Russians, he said, did not steal the election.",
            ("number_dropped/info: 12 -> -",),
        ),
    ],
    off=never,
)
def list_mark(text: str, start: int, lang: str) -> bool:
    """Whether the figure at ``start`` of a sentence's ``text`` is a list item's number."""
    return lang != "de" and not text[:start].strip() and _LIST_MARK.match(text, start) is not None


# a scale word after a currency sign that follows its figure: the "Millionen" of "35$ Millionen", "5 € Mrd."
_SCALE_AFTER_SIGN = re.compile(rf"\s?(?P<scale>{longest_first(SCALES)})\b\.?", re.IGNORECASE)


@rule(
    "numbers.scale_after_sign",
    purpose='A currency sign written after the figure may stand before the scale word ("35$ Millionen", "5 \u20ac '
    'Mrd."): the amount is still 35 million dollars, the "$35 Millionen" of the other text, not 35 dollars.',
    examples=[
        Example(
            "Sie versprach, Ruanda mit $35 Millionen zu unterst\u00fctzen, sagte die Stiftung.",
            "Sie versprach, Ruanda mit 35$ Millionen zu unterst\u00fctzen, sagte die Stiftung.",
            lang="de",
        ),
        Example(
            "Sie versprach, Ruanda mit $35 Millionen zu unterst\u00fctzen, sagte die Stiftung.",
            "Sie versprach, Ruanda mit 45$ Millionen zu unterst\u00fctzen, sagte die Stiftung.",
            ("number_changed/high: $35 Millionen -> 45$ Millionen",),
            lang="de",
        ),
    ],
    off=never,
)
def _reads_scale_after_sign(sign: str) -> bool:
    return sign.lower() in CURRENCY_SYMBOLS


def scale_after_sign(sign: str, after: str) -> re.Match[str] | None:
    """The scale word right after ``sign``, a currency sign after its figure (``after``: the text after the sign)."""
    return _SCALE_AFTER_SIGN.match(after) if _reads_scale_after_sign(sign) else None


@rule(
    "numbers.margin",
    purpose='"Plus or minus 3" ("+/-3", "plus/minus 3") is a margin of 3 either way, not the number -3: the '
    "minus of a margin is no sign, so a margin of 3 points is the same figure as the other text's 3 points.",
    examples=[
        Example("The measurement is accurate to +/-2 millimetres.", "The measurement is accurate to 2 millimetres."),
        Example(
            "The survey is good to plus or minus 3 percentage points, its authors say.",
            "The survey is good to 3 percentage points, its authors say.",
        ),
        Example(
            "The survey is good to plus or minus 3 percentage points, its authors say.",
            "The survey is good to plus or minus 4 percentage points, its authors say.",
            ("number_changed/high: 3 percentage points -> 4 percentage points",),
        ),
        Example(
            "It fell to minus 12 degrees overnight.",
            "It fell to 12 degrees overnight.",
            ("number_changed/high: minus 12 degrees -> 12 degrees",),
        ),
    ],
    off=never,
)
def margin(text: str, sign_start: int) -> bool:
    """Whether the minus sign or "minus" at ``sign_start`` of ``text`` is the minus of "plus or minus"."""
    return _MARGIN_BEFORE.search(text[max(0, sign_start - 12) : sign_start]) is not None


# "3/4", "2/3": one digit over a small denominator, the first the smaller; not "24/7", "9/11", "7/7", a mixed
# number's "5 1/2", nor a date's
# "3/4/2020" or a part of "1/2-inch"
_DIGIT_FRACTION = re.compile(r"(?<![\w/.,-])(?<!\d )(?P<n>[1-9])/(?P<d>10|[2-9])(?![\w/-]|[.,]\d)")
_NUMERATORS = {"a": 1, "an": 1} | {w: k for k, w in enumerate(_UNITS_EN) if 1 <= k <= 8}  # "one" to "eight"
# "two thirds of", "three-quarters", "a third of", "one half.": a numerator word, then a denominator joined by a
# hyphen or followed by "of" or a punctuation mark; "a third term", "the last two quarters", "an hour and a half"
# are no fractions
_WORD_FRACTION = re.compile(
    r"(?<![\w-])(?P<n>"
    + "|".join(_NUMERATORS)
    + r")(?P<j>\s+|-)(?P<d>"
    + "|".join(f"{d}s?" for d in FRACTIONS)
    + r")(?=-|\s+of\b|\s*[,.;:!?)]|$)",
    re.IGNORECASE,
)
_NOT_A_FRACTION_BEFORE = re.compile(
    r"\b(?:and|last|first|past|next|previous|recent|remaining|straight|consecutive)\s+$", re.IGNORECASE
)
_HALF_OF = re.compile(r"(?<![\w-])half(?=\s+of\b)", re.IGNORECASE)


@rule(
    "numbers.fractions",
    purpose='A fraction in digits with a small denominator ("3/4") and one in words ("three quarters of", '
    '"a third of", "half of") are one value, so "2/3" and "two thirds" are the same fact and "two thirds" -> '
    '"three quarters" a change; "24/7", "9/11" and dates are no fractions, nor "a third term". A fraction in '
    "words is wording like a small spelled count: matched, changed, never flagged as added or dropped.",
    examples=[
        Example("Three quarters of voters backed the plan.", "3/4 of voters backed the plan."),
        Example("2/3 of voters backed the plan.", "Two-thirds of voters backed the plan."),
        Example(
            "Two thirds of voters backed the plan.",
            "Three quarters of voters backed the plan.",
            ("number_changed/high: Two thirds -> Three quarters",),
        ),
        Example("Half of the voters backed the plan.", "Most voters backed the plan."),
        Example("The shop is open 24/7 now.", "The shop is open 24/5 now.", ("number_changed/high: 7 -> 5",)),
    ],
    off=lambda text: [],
)
def fractions(text: str) -> list[tuple[int, int, float, bool]]:
    """The fractions of a text: (start, end, value, written in words)."""
    out: list[tuple[int, int, float, bool]] = []
    if "/" in text:
        for m in _DIGIT_FRACTION.finditer(text):
            n, d = int(m.group("n")), int(m.group("d"))
            if n < d:
                out.append((m.start(), m.end(), n / d, False))
    low = text.lower()
    if any(d in low for d in FRACTIONS):
        for m in _WORD_FRACTION.finditer(text):
            n, word = _NUMERATORS[m.group("n").lower()], m.group("d").lower()
            plural = word.endswith("s")
            d = FRACTIONS[word.removesuffix("s") if plural else word]
            if (
                (plural == (n > 1))
                and n < d
                and not _NOT_A_FRACTION_BEFORE.search(text, max(0, m.start() - 16), m.start())
            ):
                out.append((m.start(), m.end(), n / d, True))
        out += [(m.start(), m.end(), 0.5, True) for m in _HALF_OF.finditer(text)]
    return out


_WHOLE = "|".join(w for w, v in WORDS_EN.items() if 0 < v < 100 and w != "dozen")  # English, as "and a half" is
# "two and a half", "5 and a half", "half a million"; not "5 1/2", which real text garbles ("21/2-week", "220/2/3")
# so that its digits one by one match the other text better than a value would
_HALF = re.compile(
    rf"(?<![\w.,/-])(?:(?P<w>\d+|{_WHOLE})\s+and\s+a\s+half\b"
    r"|half\s+an?(?=\s+(?:hundred|thousand|million|billion|trillion)\b))",
    re.IGNORECASE,
)


@rule(
    "numbers.halves",
    purpose='A number and a half ("two and a half years") and half a scale ("half a million") are one value, 2.5 '
    'or 500,000: "half a million" is not a million, nor "two and a half" two.',
    examples=[
        Example("Half a million people fled.", "Some 500,000 people fled."),
        Example("The talks lasted two and a half years.", "The talks lasted 2.5 years."),
        Example(
            "Half a million people fled.",
            "A million people fled.",
            ("number_changed/high: Half a million -> A million",),
        ),
    ],
    off=nothing,
)
def halves(text: str) -> list[tuple[int, int, float, bool, int, float]]:
    """Numbers with a half of a text, as the cores of quantities: (start, end, value, in words, 0, the whole number:
    the other reading, as the digits of "5 1/2" read one by one give it)."""
    if "half" not in text.lower():
        return []
    out: list[tuple[int, int, float, bool, int, float]] = []
    for m in _HALF.finditer(text):
        w = (m.group("w") or "").lower()
        whole = float(w) if w.isdigit() else WORDS_EN.get(w, 0)
        out.append((m.start(), m.end(), whole + 0.5, not w.isdigit(), 0, whole))
    return out
