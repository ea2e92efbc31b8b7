"""Other ways of writing one figure: thousands grouped by a space or an apostrophe, a bare "m" for million."""

from __future__ import annotations

import re

from retold.fidelity.numbers.lexicon import COMMA_DECIMAL, SPACE_THOUSANDS
from retold.fidelity.rules import Example, rule

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
