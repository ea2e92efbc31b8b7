"""Regex alternations built from word lists: the one place a list of words becomes ``a|b|c``, so every pattern
that reads month names, number words, currency signs or speech verbs orders and escapes them the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternatives", "longest_first"]


def longest_first(keys: Iterable[str]) -> str:
    """A regex alternation of words, the longest first, so that a word is never cut at a shorter one's end
    ("sept" before "sep", "km/h" before "km")."""
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


def alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of word-list phrases, a space in a phrase matching any run of blanks."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
