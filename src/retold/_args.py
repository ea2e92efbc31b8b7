"""The checks of a Python caller's arguments, in one place: a wrong type or value is one :class:`UsageError`
saying what is wanted, never a raw ``TypeError`` from deep inside or a path named ``None`` "not found"."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from retold.errors import UsageError
from retold.ingest.records import unknown_field
from retold.model import RELATIONS

ARTICLE = "an article: a path (str or pathlib.Path) or a retold.Article"
_TEXT_HINT = "; for a text you hold, use retold.article_from_text(text, id=...)"


def _got(value: object) -> str:
    return "an empty string" if value == "" else f"{type(value).__name__} {value!r}"[:80]


def path_arg(value: object, what: str = "a path (str or pathlib.Path)") -> str:
    """A path: ``str`` or ``os.PathLike``, not empty (``""`` is the current folder, not a file)."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, str) and value.strip():
        return value
    hint = (
        _TEXT_HINT
        if isinstance(value, dict)
        else "; decode a bytes path first (os.fsdecode)"
        if isinstance(value, bytes)
        else ""
    )
    raise UsageError(f"expected {what}, got {_got(value)}{hint}")


def names_arg(given: object, what: str) -> list[str]:
    """A list of paths or ids: one given alone is one, never a string read as its characters; each checked as
    :func:`path_arg` checks one (``retold add ""`` walked the current folder as ``"."``)."""
    if isinstance(given, str | os.PathLike):
        return [path_arg(given, what)]
    if not isinstance(given, Iterable) or isinstance(given, bytes | Mapping):
        raise UsageError(f"expected {what}: a string or a list of strings, got {_got(given)}")
    items = list(given)
    if not all(isinstance(x, str | os.PathLike) for x in items):
        raise UsageError(f"{what} must be strings (got {', '.join(sorted({type(x).__name__ for x in items}))})")
    return [path_arg(x, what) for x in items]


def number_arg(value: object, name: str, *, unit: str = "", least: float = 0) -> float | None:
    """A number ``>= least`` or None; a string of digits is no number here (``"7"`` raised TypeError)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= least:
        raise UsageError(f"{name} must be a number{unit} >= {least:g}, or None (got {value!r})")
    return value


def fields_arg(fields: object) -> dict[str, str] | None:
    """``fields``: retold's field names to the file's (``{"text": "body"}``), checked as ``--field`` is
    (:func:`retold.ingest.records.unknown_field`), before any file is read rather than once per file."""
    if fields is None:
        return None
    if not isinstance(fields, Mapping):
        said = " (--field text=body is {'text': 'body'} here)" if isinstance(fields, str) else ""
        raise UsageError(f"fields must be a mapping such as {{'text': 'body'}}, got {_got(fields)}{said}")
    out: dict[str, Any] = dict(fields)
    for ours, theirs in out.items():
        if not isinstance(ours, str) or not isinstance(theirs, str) or not theirs.strip():
            raise UsageError(f"fields {ours!r}: {theirs!r}: both must be non-empty strings (e.g. {{'text': 'body'}})")
        why = unknown_field(ours)
        if why:
            raise UsageError(f"fields: {why}")
    return out


def relations_arg(value: object, name: str) -> bool | frozenset[str]:
    """True, False, or relation names (one bare name is one, never tested as a substring); an unknown
    name is refused, where it matched no pair and so silently turned every check off."""
    if isinstance(value, bool):
        return value
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, Collection) else None
    if names is None or not all(isinstance(n, str) for n in names):
        raise UsageError(f"{name} must be True, False or relation names such as ['rewrite'], got {_got(value)}")
    unknown = [n for n in names if n not in RELATIONS]
    if unknown:
        raise UsageError(f"{name}: unknown relation {unknown[0]!r} (relations: {', '.join(RELATIONS)})")
    return frozenset(names)
