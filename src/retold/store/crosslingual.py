"""The store's side of the cross-language channel: a few multilingual passage vectors per article.

The sentence-vector index holds hashed character n-grams, which cannot see a translation. For
``sources`` and ``scan`` to look across languages, each article keeps a handful of passage vectors from
a multilingual model (``retold.provenance.crosslingual`` says which and how they are made) in
``article_vectors``, int8 (each vector scaled by its largest component: only the direction matters), with
the article's language, so a query compares only with articles in other languages. ``meta`` names the
model (``crosslingual_model``) once a store has the channel; every later add keeps it complete.

Size: two vectors of 512 int8 an article (about 1 KB) where the text takes 2-5 KB raw.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from retold.embed.base import dequantise, quantise
from retold.store.connect import transaction
from retold.store.records import chunks

META_MODEL = "crosslingual_model"
TABLE = """
CREATE TABLE IF NOT EXISTS article_vectors (
    model TEXT NOT NULL, article INTEGER NOT NULL, language TEXT NOT NULL, vectors BLOB NOT NULL,
    PRIMARY KEY (model, article)
) WITHOUT ROWID;
"""


def stored_model(con: sqlite3.Connection) -> str | None:
    """The multilingual model whose passage vectors this store keeps, or None (no channel)."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", (META_MODEL,)).fetchone()
    return str(row[0]) if row else None


def languages(con: sqlite3.Connection, model: str) -> dict[str, int]:
    """Articles per language among those with vectors of ``model``."""
    q = "SELECT language, count(*) FROM article_vectors WHERE model = ? GROUP BY language"
    return {str(lang): int(n) for lang, n in con.execute(q, (model,))}


def missing(con: sqlite3.Connection, model: str) -> list[int]:
    """Rows of stored articles without vectors of ``model`` (new since, or added before the channel)."""
    q = "SELECT row FROM articles WHERE row NOT IN (SELECT article FROM article_vectors WHERE model = ?) ORDER BY row"
    return [int(r) for (r,) in con.execute(q, (model,))]


def put(con: sqlite3.Connection, model: str, items: Mapping[int, tuple[str, np.ndarray]]) -> None:
    """Store ``row -> (language, passage vectors)`` in one transaction and name the model in ``meta``."""
    with transaction(con):
        con.executemany(
            "INSERT OR REPLACE INTO article_vectors VALUES (?,?,?,?)",
            [(model, r, lang, quantise(v)) for r, (lang, v) in items.items()],
        )
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_MODEL, model))


@dataclass(frozen=True)
class Passages:
    """Every stored passage vector of one model outside one language: ``vectors[k]`` belongs to ``owner[k]``."""

    owner: np.ndarray  # article rows, int64
    vectors: np.ndarray  # (n, dim) float32 unit rows
    language: dict[int, str]


def load(con: sqlite3.Connection, model: str, dim: int, *, other_than: str | None = None) -> Passages:
    """The passage vectors of articles not in ``other_than`` (all when None)."""
    q = "SELECT article, language, vectors FROM article_vectors WHERE model = ?"
    args: list[object] = [model]
    if other_than is not None:
        q += " AND language != ?"
        args.append(other_than)
    owners: list[np.ndarray] = []
    blobs: list[bytes] = []
    lang: dict[int, str] = {}
    for r, language, blob in con.execute(q, args):
        n = len(blob) // dim
        if n:
            owners.append(np.full(n, int(r), dtype=np.int64))
            blobs.append(blob)
            lang[int(r)] = str(language)
    if not blobs:
        return Passages(np.zeros(0, dtype=np.int64), np.zeros((0, dim), dtype=np.float32), lang)
    return Passages(np.concatenate(owners), dequantise(b"".join(blobs), dim), lang)


def language_of(con: sqlite3.Connection, model: str, rows: Iterable[int]) -> dict[int, str]:
    """The languages recorded for these rows."""
    out: dict[int, str] = {}
    for part in chunks(sorted(set(rows))):
        marks = ",".join("?" * len(part))
        q = f"SELECT article, language FROM article_vectors WHERE model = ? AND article IN ({marks})"
        out.update({int(r): str(lang) for r, lang in con.execute(q, [model, *part])})
    return out
