"""Word-level diff between the two sides of a match, on original words, ignoring case and punctuation."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from retold.model import DiffOp
from retold.text.normalise import normalise

_TOKEN = re.compile(r"\S+")
_STRIP = re.compile(r"^\W+|\W+$")


def _key(token: str) -> str:
    if not token.isascii():  # as the comparison reads it: look-alike letters, invisible and wide characters
        token = normalise(token).text or token
    return _STRIP.sub("", token).lower() or token


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Diff two texts word by word; ``equal`` runs keep A's spelling."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    sm = SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        op = {"equal": "equal", "replace": "replace", "delete": "delete", "insert": "insert"}[tag]
        ops.append(DiffOp(op, " ".join(ta[i1:i2]), " ".join(tb[j1:j2])))  # type: ignore[arg-type]
    return tuple(ops)
