"""Word-level diff between the two sides of a match, on original words, ignoring case and punctuation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

from retold.model import DiffOp
from retold.text.normalise import normalise
from retold.text.unspaced import UNSPACED, has_unspaced

_TOKEN = re.compile(r"\S+")
_LETTER_OR_REST = re.compile(f"[{UNSPACED}]|[^{UNSPACED}]+")
_STRIP = re.compile(r"^\W+|\W+$")
# difflib's diff (longest common blocks first) reads best, but on two long sides that repeat their words (a
# group of many like sentences) it takes cubic time: 400 repeated sentences a side took 45 s. Past this many
# word pairs rapidfuzz's edit-distance diff is used (bit-parallel; the same opcodes).
DIFFLIB_MAX = 250_000


def _key(token: str) -> str:
    if not token.isascii():  # as the comparison reads it: look-alike letters, invisible and wide characters
        token = normalise(token).text or token
    return _STRIP.sub("", token).lower() or token


def opcodes(a: Sequence[str], b: Sequence[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """``(tag, i1, i2, j1, j2)`` turning word list ``a`` into ``b``, tags as difflib's."""
    if len(a) * len(b) <= DIFFLIB_MAX:
        return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Levenshtein.opcodes(a, b)]


def units(text: str) -> list[tuple[str, bool]]:
    """The units a diff marks, each with whether it is glued to the one before (no space between): the text's
    words between spaces, and in Chinese, Japanese or Thai (``text.unspaced``), which no space cuts, each letter,
    so an edited sentence is marked where it changed, not whole. Units joined as glued give the text again."""
    out: list[tuple[str, bool]] = []
    for token in _TOKEN.findall(text):
        if not has_unspaced(token):
            out.append((token, False))
            continue
        for k, piece in enumerate(_LETTER_OR_REST.findall(token)):
            out.append((piece, k > 0))
    return out


def joined(parts: Sequence[tuple[str, bool]]) -> str:
    """Units as text again: a space before each unit that is not glued to the one before."""
    return "".join((p if glued or not k else " " + p) for k, (p, glued) in enumerate(parts))


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff two texts word by word (a letter at a time in scripts written without spaces, ``units``); ``equal`` runs
    keep A's spelling."""
    ua, ub = units(a), units(b)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in opcodes([_key(t) for t, _ in ua], [_key(t) for t, _ in ub]):
        op = {"equal": "equal", "replace": "replace", "delete": "delete", "insert": "insert"}[tag]
        ops.append(DiffOp(op, joined(ua[i1:i2]), joined(ub[j1:j2])))  # type: ignore[arg-type]
    return tuple(ops)
