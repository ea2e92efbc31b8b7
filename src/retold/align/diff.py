"""Word-level diff between the two sides of a match, on original words, ignoring case and punctuation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

from retold.model import DiffOp
from retold.text.normalise import normalise

_TOKEN = re.compile(r"\S+")
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


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff two texts word by word; ``equal`` runs keep A's spelling."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in opcodes([_key(t) for t in ta], [_key(t) for t in tb]):
        op = {"equal": "equal", "replace": "replace", "delete": "delete", "insert": "insert"}[tag]
        ops.append(DiffOp(op, " ".join(ta[i1:i2]), " ".join(tb[j1:j2])))  # type: ignore[arg-type]
    return tuple(ops)
