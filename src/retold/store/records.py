"""What the store holds and hands out, apart from the database: records of added articles, the
work ``add`` can do in another process (``prepare``), metadata rows, and small helpers."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from retold.fingerprint.keys import read_key_rows
from retold.fingerprint.minhash import LAYOUT, read_band_keys
from retold.fingerprint.shingles import norms_hash, read_batch
from retold.fingerprint.vectors import MIN_WORDS
from retold.model import Article, Edge
from retold.store.packing import deflate, pack_sentences

CHUNK = 900  # SQLite's default limit is 999 bound parameters
# by name: a migrated file has its columns in another order than a new one
ARTICLE_COLUMNS = (
    "row", "id", "hash", "title", "url", "source", "outlet", "published", "published_ts", "path",
    "n_sentences", "n_vec", "added", "bounds", "norms", "title_first", "text_z", "language",
)  # fmt: skip
INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"


@dataclass(frozen=True)
class Added:
    """What happened to one article offered to the store: ``duplicate`` only when the same record (the
    same id with the same content) is already there (``existing`` names it); a copy of a stored text
    under another id is ``added`` as its own record, so reuse between outlets stays visible. ``filled`` names
    the metadata a duplicate brought that the stored article lacked (``retold.store.filling``)."""

    id: str
    status: Literal["added", "duplicate"]
    existing: str | None = None
    path: str | None = None
    filled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Prepared:
    """What the store derives from one article before it can hold it: the work of ingest that needs no
    database, so a second process can do it while the first reads and writes (``prepare``)."""

    hash: str
    bands: np.ndarray  # LSH band keys
    keys: np.ndarray  # exact keys as (key, sentence, kind) rows
    packed: tuple[str | bytes, str | None, int]  # sentences as the articles table keeps them (``pack_sentences``)
    n_vec: int  # indexable sentences
    text_z: bytes  # the text, deflated


def prepare(
    articles: Sequence[Article],
    hashes: Sequence[str] | None = None,
    layout: str = LAYOUT,
    varint: bool = False,
    zdict: bytes | None = None,
) -> list[Prepared]:
    """The fingerprints and packed sentences of these articles (a pure function of their text);
    ``hashes`` are their content hashes when already known, ``layout`` the store's LSH layout (``minhash.LAYOUTS``),
    ``varint`` whether it keeps sentence offsets as varints (``Store.varint_bounds``: packed so, the writer has
    nothing to convert), ``zdict`` the dictionary it deflates texts with (``Store.text_dictionary``; None: none)."""
    return _prepare(shipped(articles), hashes, layout, varint, zdict)


# What ``prepare`` reads of an article as plain values, for the fingerprinting process: the text and, per sentence,
# its number, bounds, original slice and normal form (None where the slice of the text, or the slice itself, says
# it) and whether it is a title. On 2,000 news articles it pickles to 14.0 MB in 0.05 s of the writer's CPU and is
# read back into articles in 0.24 s, where the articles themselves took 31.7 MB, 0.16 s and 0.31 s.
Shipped = tuple[
    str, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[str | None, ...], tuple[str | None, ...], int
]


def shipped(articles: Sequence[Article]) -> list[Shipped]:
    """The articles as ``prepare_shipped`` takes them."""
    out: list[Shipped] = []
    for a in articles:
        ss, text = a.sentences, a.text
        texts = tuple(None if s.text == text[s.start : s.end] else s.text for s in ss)
        norms = tuple(None if s.norm == s.text else s.norm for s in ss)
        titles = sum(1 << k for k, s in enumerate(ss) if s.is_title)
        out.append((text, tuple(s.i for s in ss), tuple(s.start for s in ss), tuple(s.end for s in ss), texts, norms,
                    titles))  # fmt: skip
    return out


def prepare_shipped(
    batch: Sequence[Shipped], layout: str = LAYOUT, varint: bool = False, zdict: bytes | None = None
) -> list[Prepared]:
    """``prepare`` of the articles ``shipped`` gave (their fingerprints need nothing else of them)."""
    return _prepare(batch, None, layout, varint, zdict)


def _prepare(
    batch: Sequence[Shipped], hashes: Sequence[str] | None, layout: str, varint: bool, zdict: bytes | None
) -> list[Prepared]:
    """``prepare`` from the plain values, no article rebuilt: every sentence's tokens read once for the batch and
    shared by the band keys, the exact keys and the count of indexable sentences."""
    raws_of = [
        [text[start:end] if raw is None else raw for start, end, raw in zip(starts, ends, texts, strict=True)]
        for text, _, starts, ends, texts, _, _ in batch
    ]
    norms_of = [
        [raw if norm is None else norm for raw, norm in zip(raws, item[5], strict=True)]
        for raws, item in zip(raws_of, batch, strict=True)
    ]
    known = hashes if hashes is not None else [norms_hash(norms) for norms in norms_of]
    read = read_batch(norms_of)
    bands = read_band_keys(read, layout)
    keys = read_key_rows(read, norms_of, [item[1] for item in batch])
    first = np.concatenate([[0], np.cumsum(read.sentences)])  # each article's first sentence, and the end
    indexable = np.concatenate([[0], np.cumsum(read.counts >= MIN_WORDS)])[first]  # indexable sentences before
    out = []
    for k, (text, numbers, starts, ends, _, norms, titles) in enumerate(batch):
        changed = [(i, raw, norm) for i, raw, norm in zip(numbers, raws_of[k], norms, strict=True) if norm is not None]
        packed = pack_sentences(starts, ends, changed, bool(titles & 1), varint)
        out.append(
            Prepared(known[k], bands[k], keys[k], packed, int(indexable[k + 1] - indexable[k]), deflate(text, zdict))
        )
    return out


@dataclass(frozen=True)
class Info:
    """An article's metadata as the candidate stage needs it."""

    row: int
    id: str
    hash: str
    outlet: str | None
    published_ts: float | None
    n_sentences: int
    n_vec: int


@dataclass(frozen=True)
class StoredEdge:
    """A checked pair as stored: row ids, the edge, the mode it was found in, its evidence."""

    a_row: int
    b_row: int
    mode: str
    edge: Edge
    evidence: dict[str, Any]


def languages_of(evidence: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The two articles' languages an edge's evidence recorded when the pair was aligned (an engine's edge
    rows keep no language columns); ``(None, None)`` for evidence of an older retold."""
    got = evidence.get("languages")
    if not isinstance(got, list) or len(got) != 2:
        return None, None
    return (got[0] if isinstance(got[0], str) else None), (got[1] if isinstance(got[1], str) else None)


def insert_sorted(con: sqlite3.Connection, head: str, *columns: np.ndarray) -> None:
    """``head`` (``INSERT OR IGNORE INTO table``) for the rows of these columns, sorted by the first, then the
    next (numpy sorts: index rows inserted in key order append to the B-tree instead of landing at random),
    ``CHUNK // len(columns)`` rows to a statement: SQLite then steps once for hundreds of rows, not once a
    row (the 5.1 M band rows of 10,000 articles took 6.8 s of CPU one row to a statement, 4.2 s so)."""
    if not len(columns[0]):
        return
    order = np.lexsort(columns[::-1])
    width = len(columns)
    rows = np.stack([c[order] for c in columns], axis=1)
    per = CHUNK // width  # rows in a full statement
    values = ",".join(["(" + ",".join("?" * width) + ")"] * per)
    step = per * 64  # rows made Python ints at a time: a held million would otherwise cost ~100 MB of them
    for start in range(0, len(rows), step):
        flat = rows[start : start + step].ravel().tolist()
        whole = len(flat) - len(flat) % (per * width)
        if whole:
            con.executemany(f"{head} VALUES {values}", zip(*[iter(flat[:whole])] * (per * width), strict=True))
        if whole < len(flat):
            tail = ",".join(["(" + ",".join("?" * width) + ")"] * ((len(flat) - whole) // width))
            con.execute(f"{head} VALUES {tail}", flat[whole:])


class HeldRows:
    """The index rows (band keys) of the adds of a held group (``Store.holding``), inserted together in key
    order when the group commits or holds ``cap`` rows: one pass over the B-tree for thousands of articles,
    not one a batch (the band rows of 10,000 articles took 4.4 s of CPU a batch at a time, 3.8 s so), and
    the rows in memory bounded (``cap`` of two int64 columns: 16 MB; ``insert_sorted`` makes Python ints of a
    slice of them at a time)."""

    def __init__(self, head: str, cap: int) -> None:
        self.head = head
        self.cap = cap
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.rows = 0

    def add(self, con: sqlite3.Connection, *columns: np.ndarray) -> None:
        self.parts.append(columns)
        self.rows += len(columns[0])
        if self.rows >= self.cap:
            self.flush(con)

    def flush(self, con: sqlite3.Connection) -> None:
        if self.parts:
            parts = self.parts
            self.drop()
            insert_sorted(con, self.head, *(np.concatenate(c) for c in zip(*parts, strict=True)))

    def drop(self) -> None:
        """Forget the rows (their articles' transaction was rolled back)."""
        self.parts, self.rows = [], 0


def chunks(xs: Sequence[Any], n: int = CHUNK) -> Iterator[Sequence[Any]]:
    for k in range(0, len(xs), n):
        yield xs[k : k + n]


def digest(text: str) -> str:
    """A short stable digest (for story ids)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def bodies(text: str, title: str | None) -> set[str]:
    """An article's text, and the text after its title line when it opens with one: what a record keeps when it
    comes again with its title added (a given title is put first), dropped or changed. The same id with the
    same body is the same article, not a new one to store beside it."""
    out = {text}
    if title and text.startswith(title + "\n\n") and text[len(title) + 2 :].strip():
        out.add(text[len(title) + 2 :])
    return out


def first_copies(records: Sequence[tuple[str, str, str, str | None]]) -> list[int]:
    """For each ``(id, hash, text, title)`` offered, in order, the position of the first of them it repeats (its
    own when it is the first): the same id with the same content hash, or with the same body under a title added,
    dropped or changed (:func:`bodies`). The store and the Spark engine decide a batch's repeats by this one rule.
    Bodies are compared only where an id comes again with another hash (a text is not copied and hashed for it
    otherwise)."""
    by_hash: dict[tuple[str, str], int] = {}
    by_id: dict[str, list[int]] = {}  # the first records of each id
    out: list[int] = []
    for k, (aid, h, text, title) in enumerate(records):
        first = by_hash.get((h, aid))
        if first is None and aid in by_id:
            body = bodies(text, title)
            first = next((t for t in by_id[aid] if bodies(records[t][2], records[t][3]) & body), None)
        if first is None:
            first = by_hash[(h, aid)] = k
            by_id.setdefault(aid, []).append(k)
        out.append(first)
    return out


def unique_ids(new: Sequence[tuple[str, str]], taken: Callable[[str], bool]) -> list[str]:
    """The ids new articles (``(id, hash)``, in the order added) are stored under: its own id while free, else
    ``id~HASH[:8]``, then ``id~HASH[:8]-2``, ``-3``...; ``taken`` says a name an article stored before holds, and a
    name given earlier in ``new`` is taken too. The store and the Spark engine name articles by this one rule."""
    given: set[str] = set()
    out: list[str] = []
    for want, h in new:
        aid, k = want, 1
        while aid in given or taken(aid):
            k += 1
            aid = f"{want}~{h[:8]}" + (f"-{k - 1}" if k > 2 else "")
        given.add(aid)
        out.append(aid)
    return out


def same_record(aid: str, h: str, stored_ids: set[str]) -> str | None:
    """The stored id of the record ``aid`` with content hash ``h`` (its id, or the name :func:`unique_ids` gave it
    on a clash), if it is among ``stored_ids``."""
    if aid in stored_ids:
        return aid
    renamed = f"{aid}~{h[:8]}"
    for i in sorted(stored_ids):
        if i == renamed or i.startswith(renamed + "-"):
            return i
    return None
