"""What a caller's path names: a file, a folder or nothing, never an ``OSError`` (one home for every way in).

A caller may pass an article's text where a path is expected; the operating system then refuses the name
(too long, a NUL), which must read as the mistake it is, not as an internal error."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from retold.errors import InputError

Kind = Literal["file", "dir", "missing", "bad"]
_SHOWN = 60  # characters of a refused name a message repeats: the whole of an article is no file name


def kind(path: str) -> Kind:
    """``bad``: a name the system refuses outright (too long, a NUL byte), which holds no file either."""
    try:
        p = Path(path)
        return "dir" if p.is_dir() else "file" if p.exists() else "missing"
    except (OSError, ValueError):
        return "bad"


def shown(path: str) -> str:
    """The path as a one-line message names it: cut, its line breaks and tabs written out."""
    one = path if len(path) <= _SHOWN else path[:_SHOWN] + "…"
    return one.encode("unicode_escape").decode("ascii") if any(c in one for c in "\n\r\t") else one


def looks_like_text(path: str) -> bool:
    """Prose, not a file name: a line break or many words."""
    return "\n" in path or len(path.split()) >= 5


def missing(path: str) -> InputError:
    """No file here; when the name reads as an article's text, say how to pass a text."""
    if looks_like_text(path):
        return InputError(
            shown(path),
            "no such file, and this looks like article text, not a path: pass a text through "
            "retold.article_from_text(text, id=...) (on the command line, - reads standard input)",
        )
    if kind(path) == "bad":
        return InputError(shown(path), "not a file name (too long, or holds a NUL)")
    return InputError(path, "no such file")


def opened(path: str) -> Path:
    """The file behind ``path``; a missing file, a refused name or a folder is a one-line :class:`InputError`."""
    k = kind(path)
    if k == "dir":
        raise InputError(path, "is a directory, not an article file")
    if k != "file":
        raise missing(path)
    return Path(path)
