"""The value of one figure or spelled number ("1.000" in German, "2,5", "fünfundzwanzig", "35bn"), before the
sentence's patterns decide what it counts (``parse``)."""

from __future__ import annotations

import re

from retold.fidelity.numbers.lexicon import _DE_ONES, COMMA_DECIMAL, LONG_SCALE, SCALES, WORD_VALUES
from retold.fidelity.numbers.patterns import _DE_COMPOUND


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
        if w in ("hundred", "hundert"):  # a scale before a compound, which "hundert" alone also is
            current = (current or 1) * 100
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
        if w in ("thousand", "tausend", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[w]
            current = 0
            seen = True
            continue
        return None
    return total + current if seen else None


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
    return SCALES.get(w, 0.0)
