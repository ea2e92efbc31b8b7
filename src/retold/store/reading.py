"""The store's read side: articles, metadata, fingerprint postings, edges and cached model vectors.

A mixin, so ``Store`` keeps one interface while its reading, writing and index code live apart.
Every method here only reads ``self.con``, which is all a reader (opened ``mode=ro``) has.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any, overload

import numpy as np

from retold.errors import StoreError, UnknownArticle
from retold.fingerprint import content_hash
from retold.fingerprint.minhash import KEY_BYTES_ALLOWED, LAYOUTS, stored_keys
from retold.model import Article, Direction, Edge, Relation
from retold.store.bandlog import LOG, BandFiles, Listed, band_folder
from retold.store.infos import Infos
from retold.store.packing import bounds_bytes, inflate, unpack
from retold.store.records import Info, StoredEdge, bodies, chunks, languages_of

# what reading a stored article back raises where its row is damaged: offsets cut short (``varint.decode``), text
# that does not inflate (zlib) or decode
UNREADABLE = (ValueError, zlib.error)
BAND_PART_ARTICLES = 10_000  # articles' band rows per range of keys read at once (``band_groups``)
BAND_FETCH = 4096  # keys a fetch of ``band_groups`` takes
PASSING_CACHE_KIB = 2048  # SQLite's page cache while a table is read once through (``passing``)


def damaged(path: Path, aid: str, e: Exception) -> StoreError:
    """A stored article that cannot be read back (``UNREADABLE``) as a one-line StoreError naming the file."""
    return StoreError(f"{path}: damaged store: article {aid!r} cannot be read back ({e})")


class Reads:
    """Queries over an open store (``con``, ``path``)."""

    con: sqlite3.Connection
    path: Path
    _band_snapshot: BandFiles | None = None  # a reader's band files, opened with its snapshot (``bandlog``)
    _text_dictionary: bytes | None = None  # a reader's, once read (``text_dictionary``)

    def _meta(self, key: str, default: str | None = None) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    @property
    def lsh_layout(self) -> str:
        """The LSH layout of this store's band keys (``minhash.LAYOUTS``): what it was created with, recorded in
        ``meta.lsh_rows`` ("3" or "4", its rows of 16 bands, before ``minhash.LAYOUT``; "4" before that key)."""
        value = self._meta("lsh_rows", "4") or "4"
        if value not in LAYOUTS:
            raise StoreError(f"{self.path}: damaged store: meta.lsh_rows is {value!r} (one of {', '.join(LAYOUTS)})")
        return value

    @property
    def band_key_bytes(self) -> int:
        """Bytes this store keeps of each band key (``minhash.stored_keys``): what it was created with (8, the
        whole key, before ``meta.band_key_bytes``)."""
        value = self._meta("band_key_bytes", "8") or "8"
        if value not in {str(b) for b in KEY_BYTES_ALLOWED}:
            raise StoreError(f"{self.path}: damaged store: meta.band_key_bytes is {value!r} (6 or 8 expected)")
        return int(value)

    @property
    def text_dictionary(self) -> bytes | None:
        """The preset dictionary this store deflates its texts with (``retold.store.texts``), or None: one made
        before ``meta.texts``, or that has added nothing yet. Once kept it never changes, so a reader keeps it (read
        and decoded for each article, it took ``Store.get`` from 0.21 to 0.35 ms); a writer reads it each time, as
        a transaction that trained it may roll back."""
        if self._text_dictionary is not None:
            return self._text_dictionary
        value = self._meta("text_dictionary")
        try:
            zdict = None if value is None else base64.b64decode(value, validate=True)
        except binascii.Error as e:
            raise StoreError(f"{self.path}: damaged store: meta.text_dictionary ({e})") from None
        if not getattr(self, "write", False):
            self._text_dictionary = zdict
        return zdict

    @property
    def band_layout(self) -> str:
        """Where this store keeps its band rows: ``log``, files beside it (``retold.store.bandlog``: a new store), or
        ``table``, SQLite's ``bands`` (a store written before, which keeps it)."""
        return LOG if self._meta("band_layout") == LOG else "table"

    def band_files(self) -> BandFiles:
        """The band files of a ``log`` store: a reader's, as its snapshot named them when it opened; a writer's, as
        it names them now."""
        if self._band_snapshot is not None:
            return self._band_snapshot
        return BandFiles.open(band_folder(self.path), Listed.of(self.con))

    def stored_bands(self, keys: np.ndarray) -> np.ndarray:
        """Band keys (``band_keys``) as this store keeps them."""
        return stored_keys(keys, self.band_key_bytes)

    @cached_property
    def varint_bounds(self) -> bool:
        """Whether this store keeps sentence offsets as varints (``meta.bounds``, set when it was made): what
        ``records.prepare`` is told, so that articles come packed as the store keeps them."""
        return self._meta("bounds") == "varint"

    def stored_packed(self, packed: tuple[str | bytes, str | None, int]) -> tuple[str | bytes, str | None, int]:
        """An article's sentences (``packing.pack``) as this store keeps them: the offsets as varints in a store made
        with ``meta.bounds = varint`` (``packing.bounds_bytes``; already so where ``prepare`` was told
        ``varint_bounds``), as text in one made before."""
        bounds = packed[0]
        if isinstance(bounds, bytes) and not self.varint_bounds:
            raise StoreError(f"{self.path}: sentence offsets packed as varints for a store that keeps them as text")
        if isinstance(bounds, bytes) or not self.varint_bounds:
            return packed
        return bounds_bytes(bounds), packed[1], packed[2]

    # -- reading ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        """Stored articles (kept in ``meta``: a count over a million rows takes tens of milliseconds)."""
        n = self._meta("n_articles")
        if n is None:
            return int(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])
        return int(n)

    def all_rows(self) -> list[int]:
        with self.passing():
            return [int(r) for (r,) in self.con.execute("SELECT row FROM articles ORDER BY row")]

    def articles_by_row(self, rows: Iterable[int]) -> dict[int, Article]:
        """Articles rebuilt from their stored text and sentence offsets, in the language ingest read them in."""
        rs = sorted(set(rows))
        out: dict[int, Article] = {}
        zdict = self.text_dictionary if rs else None
        for part in chunks(rs):
            marks = ",".join("?" * len(part))
            q = (
                "SELECT row, id, text_z, title, url, source, published, path, bounds, norms, title_first, language "
                f"FROM articles WHERE row IN ({marks})"
            )
            for r, aid, z, title, url, source, published, path, bounds, norms, tf, lang in self.con.execute(
                q, list(part)
            ):
                try:
                    text = inflate(z, zdict)
                    sents = unpack(text, bounds, norms, tf)
                except UNREADABLE as e:
                    raise damaged(self.path, aid, e) from e
                out[int(r)] = Article(aid, text, sents, title, url, source, published, path, lang)
        return out

    def get(self, id: str) -> Article:
        """One stored article by id."""
        row = self.rows_of([id]).get(id)
        if row is None:
            raise UnknownArticle(f"{self.path}: no article with id {id!r}")
        return self.articles_by_row([row])[row]

    @overload
    def info(self, rows: None = None) -> Infos: ...

    @overload
    def info(self, rows: Iterable[int]) -> dict[int, Info]: ...

    def info(self, rows: Iterable[int] | None = None) -> Infos | dict[int, Info]:
        """Metadata of some (or all: as columns, :class:`~retold.store.infos.Infos`) articles without loading their
        texts."""
        cols = "row, id, hash, outlet, published_ts, n_sentences, n_vec"
        if rows is None:
            with self.passing():
                return Infos.of_rows(self.con.execute(f"SELECT {cols} FROM articles ORDER BY row"))
        out: dict[int, Info] = {}
        for part in chunks(sorted(set(rows))):
            q = f"SELECT {cols} FROM articles WHERE row IN ({','.join('?' * len(part))})"
            out.update({int(r[0]): Info(*r) for r in self.con.execute(q, list(part))})
        return out

    def row_of_hash(self, content: str) -> int | None:
        """The first stored article with this content hash (copies under other ids may follow)."""
        r = self.con.execute("SELECT min(row) FROM articles WHERE hash = ?", (content,)).fetchone()
        return None if r is None or r[0] is None else int(r[0])

    def row_of(self, article: Article) -> int | None:
        """The row holding this very record (the same id with the same content), or None: a stored copy
        of its text under another id is another article, which ``sources`` lists as ``identical``."""
        q = "SELECT row FROM articles WHERE id = ? AND hash = ?"
        r = self.con.execute(q, (article.id, content_hash(article))).fetchone()
        if r is None and self.same_records([article])[0]:
            r = self.con.execute("SELECT row FROM articles WHERE id = ?", (article.id,)).fetchone()
        return None if r is None else int(r[0])

    def same_records(self, articles: Sequence[Article]) -> list[bool]:
        """Whether each article is stored under its id as the same record: with this very text (the content
        hash is made from the sentences as this version of retold splits and normalises them, so after an
        upgrade the same record can hash otherwise: the text as given is what stays the same), or with the same
        body under a title added, dropped or changed (:func:`~retold.store.records.bodies`)."""
        stored: dict[str, set[str]] = {}
        zdict = self.text_dictionary if articles else None
        for part in chunks(sorted({a.id for a in articles})):
            q = f"SELECT id, text_z, title FROM articles WHERE id IN ({','.join('?' * len(part))})"
            for i, z, t in self.con.execute(q, list(part)):
                try:
                    stored[i] = bodies(inflate(z, zdict), t)
                except UNREADABLE as e:
                    raise damaged(self.path, i, e) from e
        return [a.id in stored and bool(stored[a.id] & bodies(a.text, a.title)) for a in articles]

    def rows_of(self, ids: Sequence[str]) -> dict[str, int]:
        """Row ids of stored article ids (absent ids are left out)."""
        out: dict[str, int] = {}
        for part in chunks(list(ids)):
            q = f"SELECT id, row FROM articles WHERE id IN ({','.join('?' * len(part))})"
            out.update({i: int(r) for i, r in self.con.execute(q, list(part))})
        return out

    def ids_of(self, rows: Iterable[int]) -> dict[int, str]:
        """Article ids of row ids."""
        out: dict[int, str] = {}
        for part in chunks(sorted(set(rows))):
            q = f"SELECT row, id FROM articles WHERE row IN ({','.join('?' * len(part))})"
            out.update({int(r): i for r, i in self.con.execute(q, list(part))})
        return out

    def listing(self) -> list[dict[str, Any]]:
        """Every stored article's metadata with its language (the one ingest read it in), in the order added."""
        cols = ("id", "title", "url", "source", "outlet", "published", "path", "n_sentences", "language")
        return [
            dict(zip(cols, r, strict=True))
            for r in self.con.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY row")
        ]

    # -- fingerprints ----------------------------------------------------------------------------

    def band_buckets(self, max_size: int) -> Iterator[np.ndarray]:
        """The rows sharing each band key held by 2 to ``max_size`` articles, one array a key, in key order."""
        for sizes, rows in self.band_groups(max_size):
            yield from np.split(rows, np.cumsum(sizes)[:-1])

    def band_groups(self, max_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The band keys held by 2 to ``max_size`` articles, a few thousand at a time as ``(sizes, rows)``: each
        key's articles (ascending) one key after another, keys in order. Only those keys' rows are concatenated
        (a ``group_concat`` of every key, nearly all held once, took SQLite 1.46 s of CPU at 10,000 articles
        against 0.76), read in ranges of keys (one per ``BAND_PART_ARTICLES`` articles) so that SQLite's list of
        the keys found stays small, with a small page cache (a table read once gains nothing from a large one,
        which it fills)."""
        if self.band_layout == LOG:
            yield from self.band_files().groups(max_size, BAND_FETCH)
            return
        # one aggregate a query: SQLite reads ``min(key), max(key)`` together by a pass over the whole table
        (low,) = self.con.execute("SELECT min(key) FROM bands").fetchone()
        (high,) = self.con.execute("SELECT max(key) FROM bands").fetchone()
        if low is None:
            return
        q = (
            "SELECT count(*), group_concat(article) FROM bands WHERE key IN (SELECT key FROM bands "
            "WHERE key BETWEEN ? AND ? GROUP BY key HAVING count(*) BETWEEN 2 AND ?) GROUP BY key"
        )
        parts = max(1, len(self) // BAND_PART_ARTICLES)
        edges = [low + (high - low + 1) * k // parts for k in range(parts + 1)]
        with self.passing():
            for k in range(parts):
                cur = self.con.execute(q, (edges[k], edges[k + 1] - 1, max_size))
                while got := cur.fetchmany(BAND_FETCH):
                    sizes = np.fromiter((n for n, _ in got), dtype=np.int64, count=len(got))
                    rows = np.array(",".join([r for _, r in got]).split(","), dtype=np.int64)
                    yield sizes, rows

    def passing(self) -> AbstractContextManager[None]:
        """A small page cache while a table is read once through: a writer's 64 MiB cache filled by the band rows'
        pass held 64 MiB of the candidate stage's main process for nothing."""
        return self.caching(PASSING_CACHE_KIB)

    @contextmanager
    def caching(self, kib: int) -> Iterator[None]:
        """SQLite's page cache at ``kib`` KiB for a while (the pages over it are let go), then as it was."""
        (old,) = self.con.execute("PRAGMA cache_size").fetchone()
        self.con.execute(f"PRAGMA cache_size = -{kib}")
        try:
            yield
        finally:
            self.con.execute(f"PRAGMA cache_size = {int(old)}")

    def shared_keys(self) -> Iterator[tuple[int, int, np.ndarray]]:
        """``(key, kind, rows)`` for every exact key two or more articles hold, streamed in key order."""
        # only the shared keys' articles concatenated (10,000 articles: 0.28 -> 0.08 s of SQLite's CPU)
        q = (
            "SELECT key, min(kind), group_concat(DISTINCT article) FROM keys WHERE key IN "
            "(SELECT key FROM keys GROUP BY key HAVING count(DISTINCT article) > 1) GROUP BY key"
        )
        with self.passing():
            for key, kind, rows in self.con.execute(q):
                yield int(key), int(kind), np.array(rows.split(","), dtype=np.int64)

    def band_postings(self, keys: Sequence[int]) -> dict[int, list[int]]:
        """``band key -> articles`` holding it, for band keys as ``band_keys`` gives them (each looked up as the
        store keeps it, and named so in the answer)."""
        out: dict[int, list[int]] = {}
        wanted = self.stored_bands(np.asarray(keys, dtype=np.int64)).tolist() if len(keys) else []
        if self.band_layout == LOG:
            return self.band_files().postings(np.unique(np.asarray(wanted, dtype=np.int64)))
        for part in chunks(sorted(set(wanted))):
            q = f"SELECT key, article FROM bands WHERE key IN ({','.join('?' * len(part))})"
            for k, a in self.con.execute(q, list(part)):
                out.setdefault(int(k), []).append(int(a))
        return out

    def key_postings(self, keys: Sequence[int]) -> dict[int, list[tuple[int, int, int]]]:
        """``exact key -> [(article, sentence, kind)]``."""
        out: dict[int, list[tuple[int, int, int]]] = {}
        for part in chunks(sorted(set(keys))):
            q = f"SELECT key, article, sentence, kind FROM keys WHERE key IN ({','.join('?' * len(part))})"
            for k, a, s, kind in self.con.execute(q, list(part)):
                out.setdefault(int(k), []).append((int(a), int(s), int(kind)))
        return out

    def sentence_key_counts(self, kind: int) -> list[tuple[int, str | None, int]]:
        """``(key, outlet, articles)`` for every key of this kind held by two or more articles."""
        q = (
            "SELECT k.key, a.outlet, count(DISTINCT k.article) FROM keys k JOIN articles a ON a.row = k.article "
            "WHERE k.kind = ? AND k.key IN (SELECT key FROM keys WHERE kind = ? GROUP BY key HAVING count(*) > 1) "
            "GROUP BY k.key, a.outlet"
        )
        return [(int(k), o, int(n)) for k, o, n in self.con.execute(q, (kind, kind))]

    def scan_window(self, mode: str) -> float | None:
        """The date window (days) every article scanned in this mode was asked for pairs inside (the last scan's,
        since a wider one asks them all again): None for no window, and for a store whose scans predate the
        record."""
        value = self._meta(f"scan_window:{mode}")
        return None if value is None or value == "none" else float(value)

    def to_scan(self, mode: str, window: float | None) -> list[int]:
        """Rows a scan of this mode with this date window (days, None: none) must ask for pairs: those not yet
        scanned, or every row when the window is wider than the one all scanned rows were asked inside (pairs
        already checked are not verified again)."""
        covered = self.scan_window(mode)
        if covered is not None and (window is None or window > covered):
            return self.all_rows()
        return self.unscanned(mode)

    def unscanned(self, mode: str) -> list[int]:
        q = "SELECT row FROM articles WHERE row NOT IN (SELECT article FROM scanned WHERE mode = ?) ORDER BY row"
        with self.passing():
            return [int(r) for (r,) in self.con.execute(q, (mode,))]

    def checked_pairs(self, mode: str, rows: Iterable[int] | None = None) -> np.ndarray:
        """The pairs already checked in this mode (of ``rows`` only, if given), as an ``(n, 2)`` array of rows
        (smaller first, a pair may come twice; ``pair_table.codes_of`` makes them sorted codes), not a set of
        tuples: a scan asked again of every article holds every checked pair (a tuple in a set took 162 bytes a
        pair, the array takes 16 while it is read)."""
        q = "SELECT min(a, b), max(a, b) FROM edges WHERE mode = ?"
        if rows is None:
            parts = [np.fromiter(chain.from_iterable(self.con.execute(q, (mode,))), dtype=np.int64)]
        else:
            parts = []
            for part in chunks(sorted(set(rows)), 400):
                marks = ",".join("?" * len(part))
                got = self.con.execute(f"{q} AND (a IN ({marks}) OR b IN ({marks}))", [mode, *part, *part])
                parts.append(np.fromiter(chain.from_iterable(got), dtype=np.int64))
        return np.concatenate([np.zeros(0, dtype=np.int64), *parts]).reshape(-1, 2)

    def edges(self, mode: str, relations: Sequence[Relation] | None = None) -> list[StoredEdge]:
        """Stored edges of one mode, optionally only some relations, with article ids filled in."""
        return list(self.each_edge(mode, relations))

    def each_edge(self, mode: str, relations: Sequence[Relation] | None = None) -> Iterator[StoredEdge]:
        """:meth:`edges` one at a time, for a caller that keeps less than each edge's evidence (a scan keeps its
        ``Edge``: the parsed evidence of every reuse edge held at once took about 5 KB an edge of its main process,
        some 15 MiB at 30,000 articles)."""
        q = (
            "SELECT e.a, e.b, e.relation, e.score, e.coverage_a, e.coverage_b, e.direction, e.direction_confidence, "
            "e.evidence, x.id, y.id FROM edges e JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b "
            "WHERE e.mode = ?"
        )
        for a, b, rel, score, ca, cb, d, dc, ev, ida, idb in self.con.execute(q, (mode,)):
            if relations is not None and rel not in relations:
                continue
            relation: Relation = rel
            direction: Direction = d
            evidence = json.loads(ev)
            la, lb = languages_of(evidence)
            edge = Edge(ida, idb, relation, float(score), float(ca), float(cb), direction, float(dc), la, lb)
            yield StoredEdge(int(a), int(b), mode, edge, evidence)
