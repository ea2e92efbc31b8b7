"""The value of one figure or spelled number ("1.000" in German, "2,5", "fünfundzwanzig", "35bn"), before the
sentence's patterns decide what it counts (``parse``)."""

from __future__ import annotations

import re

from retold.fidelity.numbers.lexicon import (
    _DE_ONES,
    _DE_SMALL,
    COMMA_DECIMAL,
    LONG_SCALE,
    ROMANCE,
    ROMANCE_SCALES,
    ROMANCE_WORDS,
    SCALES,
    WORD_VALUES,
)
from retold.fidelity.numbers.patterns import _DE_COMPOUND

# the scale words of a spelled English or German number, and the words that join its parts ("a hundred and five",
# "vingt et un", "treinta y cinco")
_SCALES = {w: SCALES[w] for w in ("hundred", "hundert", "thousand", "tausend", "million", "billion", "trillion")}
_JOINERS = frozenset({"and", "et", "y"})


def sig_digits(s: str) -> int:
    digits = s.replace(",", "").replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")))


def parse_digits(s: str, lang: str = "en") -> float | None:
    """Digits with either convention of separators: "1,000", "1.000" (German), "2,5" (German), "2.5"; a leading
    point is a fraction (".20": stock tables and prices drop the zero)."""
    if s.startswith("."):
        return float("0" + s)
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


def parse_words(s: str, lang: str = "en") -> float | None:
    """Spelled numbers: "seven hundred", "twenty-five", "a dozen", "zwei", "fünfundzwanzig", "dreihundert"; in French
    and Spanish text their words ("trois millions", "quatre-vingt-dix", "dos mil millones")."""
    romance = lang in ROMANCE
    values = ROMANCE_WORDS[lang] if romance else WORD_VALUES
    scales = ROMANCE_SCALES[lang] if romance else _SCALES
    groups: list[float] = []  # what the scales said so far, one group each: "two million", "three thousand"
    current = 0.0
    seen = False
    for w in re.split(r"\s+|(?<!quatre)-+", s.lower().strip()):  # "quatre-vingts" is one word
        if not w or w in _JOINERS:
            continue
        seen = True
        if w in values:
            current = (current or 1) * 12 if w in ("dozen", "dutzend") else current + values[w]
        elif w in ("a", "an", "one", "ein", "eine", "einer"):
            current += 1
        # the scales before the compounds, which "hundert" and "tausend" alone also are: "zwei hundert" is 200
        elif scales.get(w) == 1e2:
            current = (current or 1) * 100
        elif w in scales:
            # a scale multiplies what is said before it and is smaller: "mil millones" is 10^9, "two million three
            # hundred thousand" 2,300,000
            below = current + sum(g for g in groups if g < scales[w])
            groups = [g for g in groups if g >= scales[w]] + [(below or 1) * scales[w]]
            current = 0
        elif not romance and (m := _DE_COMPOUND.match(w)):
            current += _below_thousand(m, "") + (1000 * (_below_thousand(m, "k") or 1) if m["thousand"] else 0)
        else:
            return None
    return sum(groups) + current if seen else None


def _below_thousand(m: re.Match[str], p: str) -> int:
    """The value of the part of a German compound under a thousand whose groups are named with the prefix ``p``
    (``patterns._de_below_thousand``): 0 where it is empty."""
    v = 100 * _DE_ONES.get(m[p + "h"] or "ein", 1) if m[p + "hundreds"] else 0
    if m[p + "t"]:
        return v + _DE_ONES[m[p + "o"]] + WORD_VALUES[m[p + "t"]]
    if m[p + "tens"]:
        return v + WORD_VALUES[m[p + "tens"]]
    return v + (_DE_SMALL[m[p + "u"]] if m[p + "u"] else 0)


def scale_of(word: str | None, lang: str, has_currency: bool) -> float:
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
    # a scale of the language's own words: Spanish "300 mil" is 300,000, an English "mil" no scale
    return ROMANCE_SCALES.get(lang, {}).get(w) or SCALES.get(w, 0.0)
