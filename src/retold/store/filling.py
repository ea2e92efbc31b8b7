"""What a stored article's later copy brings: the same record added again (the same id and text: a folder's
``.txt`` file, then the feed record of it with its date, outlet and URL) is no new article, but the metadata
the store lacks is kept. A field the stored row has is never changed; one it lacks is filled in from the
copy. The date and the outlet decide a pair's direction, date window and boilerplate, so an article whose
date, source or URL is filled in is asked again by the next scan (its scanned marks and checked pairs are
forgotten), and its edges are what a fresh store given the richer record gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from retold.ingest.dates import read_date, seconds
from retold.ingest.outlets import outlet_of
from retold.model import Article
from retold.store.connect import transaction
from retold.store.records import chunks

FILLABLE = ("title", "url", "source", "published")
SCANNED_BY = ("url", "source", "published")  # what a scan reads of them: the outlet and the date

# one offer to the store: the article, the stored id it repeats, its twin's place among the batch's new ones
Plan = Sequence[tuple[Article, str | None, int | None]]


def _known(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def missing(have: Mapping[str, object], art: Article) -> dict[str, str]:
    """The fields ``art`` knows that ``have`` (a stored row's metadata, or an article's) lacks."""
    return {f: v for f in FILLABLE if _known(v := getattr(art, f)) and not _known(have.get(f))}


def _stored(con: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[int, dict[str, object]]]:
    out: dict[str, tuple[int, dict[str, object]]] = {}
    for part in chunks(sorted(set(ids))):
        q = f"SELECT id, row, {', '.join(FILLABLE)} FROM articles WHERE id IN ({','.join('?' * len(part))})"
        for aid, row, *values in con.execute(q, list(part)):
            out[aid] = (int(row), dict(zip(FILLABLE, values, strict=True)))
    return out


@dataclass
class Fills:
    """What the repeated records of one batch bring to the stored articles."""

    rows: dict[int, dict[str, object]] = field(default_factory=dict)  # a stored row: its metadata, filled in
    rescan: set[int] = field(default_factory=set)  # rows whose date or outlet was filled in
    filled: list[tuple[str, ...]] = field(default_factory=list)  # each offer: the fields it filled in


def plan_fills(con: sqlite3.Connection, plan: Plan, new: list[tuple[Article, str]]) -> Fills:
    """The metadata each repeated record brings. A repeat of an article new in this batch fills it in place
    (``new`` is changed: it is stored with them)."""
    stored = _stored(con, [e for _, e, _ in plan if e is not None])
    out = Fills()
    for art, existing, twin in plan:
        got: dict[str, str] = {}
        if existing is not None and existing in stored:
            row, have = stored[existing]
            got = missing(out.rows.get(row, have), art)
            if got:
                out.rows[row] = {**out.rows.get(row, have), **got}
                out.rescan.update(row for f in got if f in SCANNED_BY)
        elif twin is not None and twin >= 0:
            first, h = new[twin]
            got = missing({f: getattr(first, f) for f in FILLABLE}, art)
            if got:
                fields: dict[str, Any] = got
                new[twin] = (replace(first, **fields), h)
        out.filled.append(tuple(got))
    return out


def write_fills(con: sqlite3.Connection, fills: Fills) -> None:
    """Store the filled-in metadata (with the outlet and timestamp read from it); the rows whose date or outlet
    changed are asked again by the next scan, in every mode."""
    if not fills.rows:
        return
    rescan = [(r,) for r in sorted(fills.rescan)]
    with transaction(con):
        con.executemany(
            "UPDATE articles SET title = ?, url = ?, source = ?, published = ?, outlet = ?, published_ts = ? "
            "WHERE row = ?",
            [
                (*(m[f] for f in FILLABLE), outlet_of(_text(m["source"]), _text(m["url"])),
                 seconds(read_date(_text(m["published"]))), row)
                for row, m in fills.rows.items()
            ],
        )  # fmt: skip
        con.executemany("DELETE FROM scanned WHERE article = ?", rescan)
        con.executemany("DELETE FROM edges WHERE a = ? OR b = ?", [(r, r) for (r,) in rescan])


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
