"""The oracle of ``fidelity_eval.py``, independent of the extractors it judges: whether a flagged item is plainly
present on the other side (the same digits, the quoted words inside quote marks, the name's words)."""

from __future__ import annotations

import re
import unicodedata

from retold.model import Flag
from retold.text.normalise import words

QUOTE_RE = re.compile(r"[\"“„«»”‚‘]([^\"“”„«»]{3,400}?)[\"“”«»‘’]")


def family(f: Flag) -> str:
    return f.kind.split("_", 1)[0]


def folded(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def digits(s: str) -> list[str]:
    return [d.replace(",", "").replace(".", "") for d in re.findall(r"\d+(?:[.,]\d+)*", s)]


def quoted(text: str) -> list[str]:
    return [" ".join(words(m.group(1))) for m in QUOTE_RE.finditer(text)]


def oracle_false(f: Flag, a: str, b: str) -> bool:
    """Whether the flagged item is plainly present on the other side (so the flag is false)."""
    fam = family(f)
    x, y = f.a_text or "", f.b_text or ""
    if fam == "number":
        if f.kind == "number_changed":
            return sorted(digits(x)) == sorted(digits(y)) or (
                set(digits(x)) <= set(digits(b)) and set(digits(y)) <= set(digits(a))
            )
        item, other = (x, b) if f.kind == "number_dropped" else (y, a)
        ds = digits(item)
        if ds:
            return set(ds) <= set(digits(other))
        return folded(item) in folded(other)
    if fam == "quote":
        if f.kind == "quote_altered":
            return " ".join(words(x)) == " ".join(words(y)) or " ".join(words(x)) in quoted(b)
        item, other = (x, b) if f.kind == "quote_dropped" else (y, a)
        w = " ".join(words(item))
        return any(w and w in q for q in quoted(other))
    if fam == "entity":
        if f.kind == "entity_changed":
            return folded(x) in folded(b) or folded(y) in folded(a)
        item, other = (x, b) if f.kind == "entity_dropped" else (y, a)
        toks = [t for t in re.findall(r"\w+", folded(item)) if len(t) >= 3]
        return bool(toks) and all(t[:5] in folded(other) for t in toks)
    return False
