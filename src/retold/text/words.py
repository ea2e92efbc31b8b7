"""Counts in words, for every summary line and message retold prints: the one place a noun agrees with its number."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``, ``1,024 stories``: the count with its noun in the right number (``plural`` when it
    is not the noun and an s)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
