"""The embedded store: one SQLite file (WAL) plus a vector index in ``<db>.vectors/``.

SQLite is the truth; the vector index is derived from it (hashed n-gram vectors of each indexed
sentence) and tied to it by a generation number and a vector count kept in ``meta``. A writer that
finds them out of step (a crash between the two commits) rebuilds the index from SQLite.

The index is built in one pass the first time a lookup or scan needs it (``meta.vector_index``)
and kept current by every add from then on, so a bulk ``add`` does not grow it batch by batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlparse

import numpy as np

from retold.errors import StoreError
from retold.fingerprint import HashedEncoder, band_keys, content_hash, exact_keys, indexable
from retold.model import Article, Direction, Edge, Relation
from retold.store._sentences import deflate, inflate, pack, unpack
from retold.store.base import MAX_SENTENCES, VectorIndex, sentence_id
from retold.store.faiss_index import HNSW_FROM, FaissIndex
from retold.store.schema import SCHEMA_VERSION, ensure_schema

_CHUNK = 900  # SQLite's default limit is 999 bound parameters
# by name: a migrated file has its columns in another order than a new one
_ARTICLE_COLUMNS = (
    "row", "id", "hash", "title", "url", "source", "outlet", "published", "published_ts", "path",
    "n_sentences", "n_vec", "added", "bounds", "norms", "title_first", "text_z",
)  # fmt: skip
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))})"
)


@dataclass(frozen=True)
class Added:
    """What happened to one article offered to the store."""

    id: str
    status: Literal["added", "duplicate"]
    existing: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Prepared:
    """What the store derives from one article before it can hold it: the work of ingest that needs no
    database, so a second process can do it while the first reads and writes (``prepare``)."""

    hash: str
    bands: np.ndarray  # LSH band keys
    keys: np.ndarray  # exact keys as (key, sentence, kind) rows
    packed: tuple[str, str | None, int]  # sentences as the articles table keeps them
    n_vec: int  # indexable sentences
    text_z: bytes  # the text, deflated


def prepare(articles: Sequence[Article], hashes: Sequence[str] | None = None) -> list[Prepared]:
    """The fingerprints and packed sentences of these articles (a pure function of their text);
    ``hashes`` are their content hashes when already known."""
    known = hashes if hashes is not None else [content_hash(a) for a in articles]
    out = []
    for art, h, bands in zip(articles, known, band_keys(articles), strict=True):
        keys = np.array([(k.key, k.sentence, k.kind) for k in exact_keys(art)], dtype=np.int64).reshape(-1, 3)
        n_vec = sum(1 for s in art.sentences if indexable(s))
        out.append(Prepared(h, bands, keys, pack(art), n_vec, deflate(art.text)))
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


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The publisher an article belongs to: its source name, else its URL's host, else unknown."""
    if source and source.strip():
        return " ".join(source.lower().split())
    if url:
        host = urlparse(url).hostname or ""
        host = host.removeprefix("www.")
        return host or None
    return None


def timestamp(published: str | None) -> float | None:
    """Seconds since the epoch for an ISO date or date-time; None when absent or unreadable."""
    if not published:
        return None
    try:
        dt = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _key_order(*columns: np.ndarray) -> Iterator[tuple[int, ...]]:
    """Rows of these columns sorted by the first, then the next (numpy sorts; Python only walks the result):
    index rows inserted in key order append to the B-tree instead of landing at random."""
    order = np.lexsort(columns[::-1])
    return zip(*(c[order].tolist() for c in columns), strict=True)


def _chunks(xs: Sequence[Any], n: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for k in range(0, len(xs), n):
        yield xs[k : k + n]


class _Lock:
    """An exclusive advisory lock on ``<db>.vectors/lock`` held by one writer (no-op without fcntl)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise StoreError(f"{self.path.parent}: another retold process is writing to this store") from None

    def held_elsewhere(self) -> bool:
        """Whether another process holds the writer's lock right now."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return False
        if not self.path.exists():
            return False
        fd = os.open(self.path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)
        return False

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Store:
    """Articles, sentences, fingerprints, edges and cached model vectors in SQLite, vectors beside it.

    Open with ``write=True`` to add, delete or record edges (one writer at a time); readers may
    run alongside a writer.
    """

    def __init__(
        self, path: str | Path, *, write: bool = False, create: bool = True, hnsw_from: int = HNSW_FROM
    ) -> None:
        self.path = Path(path)
        self.vectors_dir = Path(str(self.path) + ".vectors")
        self.write = write
        self.encoder = HashedEncoder()
        self._hnsw_from = hnsw_from
        self._index: VectorIndex | None = None
        self._dirty = False
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store file")
        if not self.path.exists() and not (create and write):
            raise StoreError(f"{self.path}: no such store (run 'retold add' first)")
        self._lock = _Lock(self.vectors_dir / "lock")
        if write:
            self._lock.acquire()
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self.con.execute("PRAGMA journal_mode = WAL")
            self.con.execute("PRAGMA synchronous = NORMAL")
            self.con.execute("PRAGMA cache_size = -65536")
            self.con.execute("PRAGMA temp_store = MEMORY")
            ensure_schema(self.con)
        except sqlite3.DatabaseError as e:
            self._lock.release()
            raise StoreError(f"{self.path}: not a retold store ({e})") from None
        except StoreError as e:
            self._lock.release()
            raise StoreError(f"{self.path}: {e}") from None

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Save the vector index if it changed, then close the file and release the lock."""
        try:
            if self.write and self._dirty:
                self.flush()
        finally:
            with suppress(sqlite3.Error):
                self.con.close()
            self._lock.release()

    def _meta(self, key: str, default: str | None = None) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def _set_meta(self, key: str, value: object) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, str(value)))

    @property
    def schema_version(self) -> int:
        return int(self.con.execute("SELECT version FROM schema_version").fetchone()[0])

    # -- the vector index ------------------------------------------------------------------------

    @property
    def has_index(self) -> bool:
        """Whether this store keeps a vector index (built by the first model-mode lookup or scan)."""
        return self._index is not None or self._meta("vector_index") == "1"

    @property
    def index(self) -> VectorIndex:
        """The sentence-vector index, loaded on first use, built or rebuilt when missing or out of step."""
        if self._index is None:
            self._index = self._load_index() if self.has_index else self._rebuild_index()
        return self._index

    def _load_index(self) -> VectorIndex:
        generation = int(self._meta("generation", "0") or 0)
        want = int(self._meta("n_vectors", "0") or 0)
        loaded = FaissIndex.load(self.vectors_dir, self.encoder.dim, hnsw_from=self._hnsw_from)
        encoder_ok = self._meta("vector_encoder", self.encoder.name) == self.encoder.name
        if loaded is not None and encoder_ok:
            index, saved_generation = loaded
            if saved_generation == generation and len(index) == want:
                return index
            if not self.write and self._lock.held_elsewhere():
                return index  # a writer is between its two commits: its index is nearly current
        return self._rebuild_index()

    def _rebuild_index(self) -> VectorIndex:
        index = FaissIndex(self.encoder.dim, hnsw_from=self._hnsw_from)
        rows = [r for (r,) in self.con.execute("SELECT row FROM articles ORDER BY row")]
        for part in _chunks(rows, 2000):
            arts = self.articles_by_row(part)
            ids, vecs = self._vectors([(r, arts[r]) for r in part])
            index.add(ids, vecs)
        if self.write:
            self._index = index
            self._set_meta("vector_encoder", self.encoder.name)
            self._set_meta("n_vectors", len(index))
            self._set_meta("vector_index", 1)
            self.flush()
        return index

    def _vectors(self, items: Sequence[tuple[int, Article]]) -> tuple[np.ndarray, np.ndarray]:
        ids: list[int] = []
        texts: list[str] = []
        for row, art in items:
            for s in art.sentences:
                if indexable(s):
                    ids.append(sentence_id(row, s.i))
                    texts.append(s.norm)
        return np.array(ids, dtype=np.int64), self.encoder.encode(texts)

    def flush(self) -> None:
        """Save the vector index and advance the generation that ties it to this file."""
        if not self.write:
            return
        if self._index is not None:
            generation = int(self._meta("generation", "0") or 0) + 1
            self._index.save(self.vectors_dir, generation)
            self._set_meta("generation", generation)
        self._dirty = False

    # -- adding and deleting ---------------------------------------------------------------------

    def _require_write(self) -> None:
        if not self.write:
            raise StoreError(f"{self.path}: opened read-only")

    def add(self, articles: Sequence[Article], prepared: Sequence[Prepared] | None = None) -> list[Added]:
        """Add articles, skipping any whose content is already stored (or repeated in this batch).

        ``prepared`` is ``prepare(articles)`` when it was computed elsewhere (another process).
        """
        self._require_write()
        hashes = [p.hash for p in prepared] if prepared is not None else [content_hash(a) for a in articles]
        known: dict[str, str] = {}
        for part in _chunks(sorted(set(hashes))):
            q = f"SELECT hash, id FROM articles WHERE hash IN ({','.join('?' * len(part))})"
            known.update({h: i for h, i in self.con.execute(q, list(part))})
        twins: dict[str, int] = {}  # hash -> position in ``new`` for duplicates inside this batch
        new: list[tuple[Article, str]] = []
        new_at: list[int] = []  # their positions in ``articles``
        plan: list[tuple[Article, str, int | None]] = []
        for pos, (art, h) in enumerate(zip(articles, hashes, strict=True)):
            if h in known:
                plan.append((art, known[h], None))
            elif h in twins:
                plan.append((art, "", twins[h]))
            else:
                if len(art.sentences) >= MAX_SENTENCES:
                    raise StoreError(f"{art.path or art.id}: more than {MAX_SENTENCES - 1} sentences in one article")
                twins[h] = len(new)
                new.append((art, h))
                new_at.append(pos)
                plan.append((art, "", -1))
        ids = self._unique_ids(new) if new else []
        results: list[Added] = []
        k = 0
        for art, existing, twin in plan:
            if twin is None:
                results.append(Added(art.id, "duplicate", existing, art.path))
            elif twin >= 0:
                results.append(Added(art.id, "duplicate", ids[twin], art.path))
            else:
                results.append(Added(ids[k], "added", None, art.path))
                k += 1
        if not new:
            return results
        # loaded (or rebuilt) before this batch is in SQLite, so it is added once
        index = self.index if self.has_index else None
        n_before = len(self)
        start = int(self.con.execute("SELECT coalesce(max(row), 0) FROM articles").fetchone()[0]) + 1
        rows = list(range(start, start + len(new)))
        arts = [a for a, _ in new]
        prep = [prepared[k] for k in new_at] if prepared is not None else prepare(arts, [h for _, h in new])
        if index is not None:
            vec_ids, vecs = self._vectors(list(zip(rows, arts, strict=True)))
        now = time.time()
        try:
            self.con.execute("BEGIN IMMEDIATE")
            self.con.executemany(
                _INSERT_ARTICLE,
                [
                    (
                        row,
                        aid,
                        h,
                        a.title,
                        a.url,
                        a.source,
                        outlet_of(a.source, a.url),
                        a.published,
                        timestamp(a.published),
                        a.path,
                        len(a.sentences),
                        p.n_vec,
                        now,
                        *p.packed,
                        p.text_z,
                    )
                    for row, aid, (a, h), p in zip(rows, ids, new, prep, strict=True)
                ],
            )
            row_ids = np.asarray(rows, dtype=np.int64)
            band_rows = np.repeat(row_ids, [len(p.bands) for p in prep])
            all_bands = np.concatenate([p.bands for p in prep])
            self.con.executemany("INSERT OR IGNORE INTO bands VALUES (?,?)", _key_order(all_bands, band_rows))
            keys = np.concatenate([p.keys for p in prep])
            key_rows = np.repeat(row_ids, [len(p.keys) for p in prep])
            self.con.executemany(
                "INSERT OR IGNORE INTO keys VALUES (?,?,?,?)", _key_order(keys[:, 0], key_rows, keys[:, 1], keys[:, 2])
            )
            if index is not None:
                self._set_meta("n_vectors", int(self._meta("n_vectors", "0") or 0) + len(vec_ids))
            self._set_meta("n_articles", n_before + len(new))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        if index is not None:
            index.add(vec_ids, vecs)
            self._dirty = True
        return results

    def _unique_ids(self, new: Sequence[tuple[Article, str]]) -> list[str]:
        wanted = [a.id for a, _ in new]
        taken: set[str] = set()
        for part in _chunks(sorted(set(wanted))):
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(part))})"
            taken.update(i for (i,) in self.con.execute(q, list(part)))
        out = []
        for (_, h), want in zip(new, wanted, strict=True):
            aid = want
            if aid in taken:  # same name, different content: keep both, tell them apart by content
                aid = f"{want}~{h[:8]}"
                k = 2
                while aid in taken:
                    aid = f"{want}~{h[:8]}-{k}"
                    k += 1
            taken.add(aid)
            out.append(aid)
        return out

    def rows_of(self, ids: Sequence[str]) -> dict[str, int]:
        """Row ids of stored article ids (absent ids are left out)."""
        out: dict[str, int] = {}
        for part in _chunks(list(ids)):
            q = f"SELECT id, row FROM articles WHERE id IN ({','.join('?' * len(part))})"
            out.update({i: int(r) for i, r in self.con.execute(q, list(part))})
        return out

    def ids_of(self, rows: Iterable[int]) -> dict[int, str]:
        """Article ids of row ids."""
        out: dict[int, str] = {}
        rs = sorted(set(rows))
        for part in _chunks(rs):
            q = f"SELECT row, id FROM articles WHERE row IN ({','.join('?' * len(part))})"
            out.update({int(r): i for r, i in self.con.execute(q, list(part))})
        return out

    def delete(self, ids: Sequence[str]) -> list[str]:
        """Delete articles with their sentences, fingerprints, vectors, edges and cached vectors.

        Raises :class:`StoreError` naming the first unknown id before deleting anything.
        """
        self._require_write()
        rows = self.rows_of(ids)
        for i in ids:
            if i not in rows:
                raise StoreError(f"{self.path}: no article with id {i!r}")
        index = self.index if self.has_index else None
        n_before = len(self)
        arts = self.articles_by_row(rows.values())
        vec_ids = [sentence_id(r, s.i) for r, a in arts.items() for s in a.sentences if indexable(s)]
        bands = dict(zip(arts, band_keys(list(arts.values())), strict=True))
        keys = {r: [(k.key, k.sentence) for k in exact_keys(a)] for r, a in arts.items()}
        try:
            self.con.execute("BEGIN IMMEDIATE")
            for row in rows.values():
                self.con.executemany(
                    "DELETE FROM bands WHERE key = ? AND article = ?", [(int(k), row) for k in bands[row]]
                )
                self.con.executemany(
                    "DELETE FROM keys WHERE key = ? AND article = ? AND sentence = ?",
                    [(k, row, s) for k, s in keys[row]],
                )
                for table, col in (
                    ("scanned", "article"),
                    ("model_vectors", "article"),
                    ("edges", "a"),
                    ("edges", "b"),
                    ("articles", "row"),
                ):
                    self.con.execute(f"DELETE FROM {table} WHERE {col} = ?", (row,))
            if index is not None:
                self._set_meta("n_vectors", int(self._meta("n_vectors", "0") or 0) - len(vec_ids))
            self._set_meta("n_articles", n_before - len(rows))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        if index is not None:
            index.remove(np.array(vec_ids, dtype=np.int64))
            self._dirty = True
        return list(ids)

    # -- reading ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        """Stored articles (kept in ``meta``: a count over a million rows takes tens of milliseconds)."""
        n = self._meta("n_articles")
        if n is None:
            return int(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])
        return int(n)

    def all_rows(self) -> list[int]:
        return [int(r) for (r,) in self.con.execute("SELECT row FROM articles ORDER BY row")]

    def articles_by_row(self, rows: Iterable[int]) -> dict[int, Article]:
        """Articles rebuilt from their stored text and sentence offsets."""
        rs = sorted(set(rows))
        out: dict[int, Article] = {}
        for part in _chunks(rs):
            marks = ",".join("?" * len(part))
            q = (
                "SELECT row, id, text_z, title, url, source, published, path, bounds, norms, title_first "
                f"FROM articles WHERE row IN ({marks})"
            )
            for r, aid, z, title, url, source, published, path, bounds, norms, tf in self.con.execute(q, list(part)):
                text = inflate(z)
                sents = unpack(text, bounds, norms, tf)
                out[int(r)] = Article(aid, text, sents, title, url, source, published, path)
        return out

    def get(self, id: str) -> Article:
        """One stored article by id."""
        row = self.rows_of([id]).get(id)
        if row is None:
            raise StoreError(f"{self.path}: no article with id {id!r}")
        return self.articles_by_row([row])[row]

    def info(self, rows: Iterable[int] | None = None) -> dict[int, Info]:
        """Metadata of some (or all) articles without loading their texts."""
        cols = "row, id, hash, outlet, published_ts, n_sentences, n_vec"
        if rows is None:
            return {int(r[0]): Info(*r) for r in self.con.execute(f"SELECT {cols} FROM articles")}
        out: dict[int, Info] = {}
        for part in _chunks(sorted(set(rows))):
            q = f"SELECT {cols} FROM articles WHERE row IN ({','.join('?' * len(part))})"
            out.update({int(r[0]): Info(*r) for r in self.con.execute(q, list(part))})
        return out

    def row_of_hash(self, content: str) -> int | None:
        r = self.con.execute("SELECT row FROM articles WHERE hash = ?", (content,)).fetchone()
        return None if r is None else int(r[0])

    def listing(self) -> list[dict[str, Any]]:
        """Every stored article's metadata, in the order added."""
        cols = ("id", "title", "url", "source", "published", "path", "n_sentences")
        return [
            dict(zip(cols, r, strict=True))
            for r in self.con.execute(f"SELECT {', '.join(cols)} FROM articles ORDER BY row")
        ]

    # -- fingerprints ----------------------------------------------------------------------------

    def band_buckets(self, max_size: int) -> Iterator[np.ndarray]:
        """The rows sharing each band key held by 2 to ``max_size`` articles, streamed in key order."""
        q = "SELECT group_concat(article) FROM bands GROUP BY key HAVING count(*) BETWEEN 2 AND ?"
        for (rows,) in self.con.execute(q, (max_size,)):
            yield np.array(rows.split(","), dtype=np.int64)

    def shared_keys(self) -> Iterator[tuple[int, int, np.ndarray]]:
        """``(key, kind, rows)`` for every exact key two or more articles hold, streamed in key order."""
        q = (
            "SELECT key, min(kind), group_concat(DISTINCT article) FROM keys GROUP BY key "
            "HAVING count(DISTINCT article) > 1"
        )
        for key, kind, rows in self.con.execute(q):
            yield int(key), int(kind), np.array(rows.split(","), dtype=np.int64)

    def band_postings(self, keys: Sequence[int]) -> dict[int, list[int]]:
        """``band key -> articles`` holding it."""
        out: dict[int, list[int]] = {}
        for part in _chunks(sorted(set(keys))):
            q = f"SELECT key, article FROM bands WHERE key IN ({','.join('?' * len(part))})"
            for k, a in self.con.execute(q, list(part)):
                out.setdefault(int(k), []).append(int(a))
        return out

    def key_postings(self, keys: Sequence[int]) -> dict[int, list[tuple[int, int, int]]]:
        """``exact key -> [(article, sentence, kind)]``."""
        out: dict[int, list[tuple[int, int, int]]] = {}
        for part in _chunks(sorted(set(keys))):
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

    # -- model vectors (the transformer's, cached per article) -----------------------------------

    def model_vectors(self, rows: Iterable[int], model: str) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        for part in _chunks(sorted(set(rows))):
            marks = ",".join("?" * len(part))
            q = f"SELECT article, vectors FROM model_vectors WHERE model = ? AND article IN ({marks})"
            for r, blob in self.con.execute(q, [model, *part]):
                out[int(r)] = np.frombuffer(blob, dtype=np.float16)
        return out

    def put_model_vectors(self, items: dict[int, np.ndarray], model: str) -> None:
        if not items:
            return
        self.con.execute("BEGIN")
        self.con.executemany(
            "INSERT OR REPLACE INTO model_vectors VALUES (?,?,?)",
            [(r, model, np.asarray(v, dtype=np.float16).tobytes()) for r, v in items.items()],
        )
        self.con.execute("COMMIT")

    # -- edges -----------------------------------------------------------------------------------

    def put_edges(self, edges: Sequence[StoredEdge], scanned: Sequence[int] = (), mode: str = "") -> None:
        """Record checked pairs (any verdict) and mark ``scanned`` articles as done in ``mode``."""
        self._require_write()
        self.con.execute("BEGIN IMMEDIATE")
        try:
            self.con.executemany(
                "INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        e.a_row,
                        e.b_row,
                        e.mode,
                        e.edge.relation,
                        e.edge.score,
                        e.edge.coverage_a,
                        e.edge.coverage_b,
                        e.edge.direction,
                        e.edge.direction_confidence,
                        json.dumps(e.evidence, separators=(",", ":")),
                    )
                    for e in edges
                ],
            )
            self.con.executemany("INSERT OR IGNORE INTO scanned VALUES (?, ?)", [(r, mode) for r in scanned])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def unscanned(self, mode: str) -> list[int]:
        q = "SELECT row FROM articles WHERE row NOT IN (SELECT article FROM scanned WHERE mode = ?) ORDER BY row"
        return [int(r) for (r,) in self.con.execute(q, (mode,))]

    def checked(self, mode: str, rows: Iterable[int] | None = None) -> set[tuple[int, int]]:
        """Pairs (smaller row first) already checked in this mode."""
        if rows is None:
            q = "SELECT a, b FROM edges WHERE mode = ?"
            return {(min(a, b), max(a, b)) for a, b in self.con.execute(q, (mode,))}
        out: set[tuple[int, int]] = set()
        for part in _chunks(sorted(set(rows)), 400):
            marks = ",".join("?" * len(part))
            q = f"SELECT a, b FROM edges WHERE mode = ? AND (a IN ({marks}) OR b IN ({marks}))"
            out.update((min(a, b), max(a, b)) for a, b in self.con.execute(q, [mode, *part, *part]))
        return out

    def edges(self, mode: str, relations: Sequence[Relation] | None = None) -> list[StoredEdge]:
        """Stored edges of one mode, optionally only some relations, with article ids filled in."""
        q = (
            "SELECT e.a, e.b, e.relation, e.score, e.coverage_a, e.coverage_b, e.direction, e.direction_confidence, "
            "e.evidence, x.id, y.id FROM edges e JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b "
            "WHERE e.mode = ?"
        )
        out = []
        for a, b, rel, score, ca, cb, d, dc, ev, ida, idb in self.con.execute(q, (mode,)):
            if relations is not None and rel not in relations:
                continue
            relation: Relation = rel
            direction: Direction = d
            edge = Edge(ida, idb, relation, float(score), float(ca), float(cb), direction, float(dc))
            out.append(StoredEdge(int(a), int(b), mode, edge, json.loads(ev)))
        return out

    # -- size ------------------------------------------------------------------------------------

    def nbytes(self) -> dict[str, int]:
        """Bytes on disk: the SQLite file with its WAL, and the vector index."""
        sql = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        vec = FaissIndex(self.encoder.dim).nbytes(self.vectors_dir) if self.vectors_dir.is_dir() else 0
        return {"sqlite": sql, "vectors": vec, "total": sql + vec}


def digest(text: str) -> str:
    """A short stable digest (for story ids)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


__all__ = ["SCHEMA_VERSION", "Added", "Info", "Store", "StoredEdge", "digest", "outlet_of", "timestamp"]
