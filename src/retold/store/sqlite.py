"""The embedded store: one SQLite file (WAL) plus a vector index in ``<db>.vectors/``.

SQLite is the truth; the vector index is derived from it (hashed n-gram vectors of each indexed
sentence) and saved as a log (``retold.store.vectorlog``): every write that changes it saves its
own segment before its SQLite transaction commits, and ``meta.generation`` names the state the
committed rows match, so after a crash at any point the saved index and SQLite agree.

The index is built in one pass the first time a lookup or scan needs it (``meta.vector_index``)
and kept current by every add from then on. One writer at a time holds ``<db>.vectors/lock``;
readers open the file read-only and read one snapshot, so they neither write nor see half a write.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

import numpy as np

from retold.errors import StoreError, UnknownArticle
from retold.fingerprint import HashedEncoder, band_keys, content_hash, exact_keys, indexable
from retold.ingest.dates import seconds
from retold.ingest.outlets import outlet_of
from retold.model import Article
from retold.store.bandlog import LOG, BandLog, TableRows, band_bytes, band_folder, open_snapshot
from retold.store.base import MAX_SENTENCES, VectorIndex, sentence_id
from retold.store.connect import (
    ReadOnlyStore,
    StoreFull,
    check_layout,
    connect_reader,
    connect_writer,
    device_fault,
    full,
    store_errors,
    transaction,
)
from retold.store.faiss_index import HNSW_FROM, FaissIndex
from retold.store.filling import plan_fills, write_fills
from retold.store.indexing import Indexing
from retold.store.lock import DEFAULT_WAIT, WriterLock
from retold.store.records import (
    INSERT_ARTICLE,
    Added,
    Info,
    Prepared,
    StoredEdge,
    chunks,
    digest,
    first_copies,
    insert_sorted,
    prepare,
    same_record,
    unique_ids,
)
from retold.store.scanned import ScanWrites
from retold.store.schema import SCHEMA_VERSION, current_version, ensure_schema
from retold.store.texts import TextWrites
from retold.store.vectorlog import VectorLog

HOLD = 4  # a held group is committed once it adds a quarter of the articles the store had when it began
HELD_BANDS = 1 << 20  # band rows of a held group inserted at once (about 2,000 news articles)


class Store(Indexing, ScanWrites, TextWrites):
    """Articles, sentences, fingerprints, edges and cached model vectors in SQLite, vectors beside it.

    Open with ``write=True`` to add, delete or record edges: one writer at a time, a second one
    waits up to ``wait`` seconds for the first. Readers may run alongside a writer.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        write: bool = False,
        create: bool = True,
        hnsw_from: int = HNSW_FROM,
        wait: float = DEFAULT_WAIT,
    ) -> None:
        self.path = Path(path)
        self.vectors_dir = Path(str(self.path) + ".vectors")
        self.write = write
        self.encoder = HashedEncoder()
        self._hnsw_from = hnsw_from
        self._index: VectorIndex | None = None
        self._group: tuple[int, int] | None = None  # while ``holding``: the store's size when the group began, its adds
        # band rows: the table's or the log's writer; while ``holding``, those not yet inserted (or saved)
        self._bands: TableRows | BandLog = TableRows("INSERT OR IGNORE INTO bands", HELD_BANDS)
        self._log = VectorLog(self.vectors_dir, self.encoder.dim, hnsw_from)
        self._lock = WriterLock(self.vectors_dir / "lock", self.path)
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store file")
        if not self.path.exists() and not (create and write):
            raise StoreError(f"{self.path}: no such store (run 'retold add' first)")
        if self.vectors_dir.exists() and not self.vectors_dir.is_dir():
            raise StoreError(f"{self.vectors_dir}: is a file, not the store's vector-index folder (move it away)")
        # a store this call creates and cannot finish (a full disk) is taken away again, not left half made
        fresh = write and not self.path.exists()
        fresh_dir = fresh and not self.vectors_dir.exists()
        try:
            self.con = connect_writer(self.path) if write else connect_reader(self.path)
        except StoreFull:
            if fresh:
                self._unmake(fresh_dir)
            raise
        try:
            if write:
                self._take_lock(wait)
                ensure_schema(self.con)
            else:
                self._check_version()
                self.con.execute("BEGIN")  # one snapshot for the reader's whole life
            check_layout(self.con, self.path, self.vectors_dir)
            if self.band_layout == LOG and write:
                self._bands = BandLog(band_folder(self.path), HELD_BANDS)
                self._bands.prune(self.con)  # files of writes that never committed
            elif self.band_layout == LOG:  # its files mapped now: a writer's merge cannot take them away
                self._band_snapshot = open_snapshot(self.con, band_folder(self.path))
        except BaseException as e:
            self._lock.release()
            with suppress(sqlite3.Error):
                self.con.close()
            if isinstance(e, StoreFull) or device_fault(e):
                if fresh:  # only then: a writer that lost a race to create the store must not take it away
                    self._unmake(fresh_dir)
                raise e if isinstance(e, StoreFull) else full(self.path, e) from None
            if isinstance(e, StoreError) and str(e).startswith(str(self.path)):
                raise
            if isinstance(e, StoreError):
                raise type(e)(f"{self.path}: {e}") from None
            if isinstance(e, sqlite3.DatabaseError) and "readonly" in str(e):
                raise ReadOnlyStore(f"{self.path}: cannot write: {e}") from None
            if isinstance(e, sqlite3.DatabaseError):
                raise StoreError(f"{self.path}: not a retold store ({e})") from None
            raise

    def _unmake(self, folder: bool) -> None:
        """Remove the files of a store this call began to create (``folder``: its vectors folder too)."""
        for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            p.unlink(missing_ok=True)
        if folder:
            shutil.rmtree(self.vectors_dir, ignore_errors=True)

    def _take_lock(self, wait: float) -> None:
        try:
            self.vectors_dir.mkdir(exist_ok=True)
            self._lock.acquire(wait)
        except OSError as e:
            raise ReadOnlyStore(f"{self.vectors_dir}: cannot write: {e.strerror or e}") from None

    def _check_version(self) -> None:
        found = current_version(self.con)
        if found is None:
            raise StoreError("not a retold store (an empty file)")
        if found > SCHEMA_VERSION:
            raise StoreError(f"written by a newer retold (schema version {found}; this one reads {SCHEMA_VERSION})")
        if found < SCHEMA_VERSION:
            raise StoreError(
                f"schema version {found} needs upgrading to {SCHEMA_VERSION}, which a reader never does: "
                "run 'retold add' or 'retold scan' on it once"
            )

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
        if isinstance(exc, sqlite3.Error) or (isinstance(exc, OSError) and self._owns(exc)):
            with store_errors(self.path):
                raise exc

    def _owns(self, e: OSError) -> bool:
        name = str(getattr(e, "filename", "") or "")
        return name.startswith(str(self.path))

    def close(self) -> None:
        """Close the file and release the writer's lock (every committed write is already saved). A writer first
        empties the WAL into the file (``TRUNCATE``, not waiting on a reader): a reader closing last leaves it."""
        with suppress(sqlite3.Error):
            if self.write:
                self.con.execute("PRAGMA busy_timeout = 0")
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        with suppress(sqlite3.Error):
            self.con.close()
        self._lock.release()

    @property
    def schema_version(self) -> int:
        return int(self.con.execute("SELECT version FROM schema_version").fetchone()[0])

    # -- adding and deleting ---------------------------------------------------------------------

    def _require_write(self) -> None:
        if not self.write:
            raise StoreError(f"{self.path}: opened read-only")

    def add(self, articles: Sequence[Article], prepared: Sequence[Prepared] | None = None) -> list[Added]:
        """Add articles; one is skipped only when the same record (id and content) is already stored or
        earlier in this batch, and the metadata it brings that the stored one lacks is filled in. A copy of a
        stored text under another id is stored as its own article.

        ``prepared`` is ``prepare(articles)`` when it was computed elsewhere (another process).
        """
        self._require_write()
        hashes = [p.hash for p in prepared] if prepared is not None else [content_hash(a) for a in articles]
        stored: dict[str, set[str]] = {}
        for part in chunks(sorted(set(hashes))):
            q = f"SELECT hash, id FROM articles WHERE hash IN ({','.join('?' * len(part))})"
            for h, i in self.con.execute(q, list(part)):
                stored.setdefault(h, set()).add(i)
        by_hash = [same_record(a.id, h, stored.get(h, set())) for a, h in zip(articles, hashes, strict=True)]
        pending = [k for k, same in enumerate(by_hash) if same is None]
        as_given = {k for k, y in zip(pending, self.same_records([articles[k] for k in pending]), strict=True) if y}
        fresh = [k for k in pending if k not in as_given]  # not stored: new, or a repeat of one earlier in the batch
        firsts = first_copies([(articles[k].id, hashes[k], articles[k].text, articles[k].title) for k in fresh])
        first_of = {k: fresh[f] for k, f in zip(fresh, firsts, strict=True)}
        at: dict[int, int] = {}  # position in ``articles`` -> position in ``new``
        new: list[tuple[Article, str]] = []
        new_at: list[int] = []  # their positions in ``articles``
        plan: list[tuple[Article, str | None, int | None]] = []
        for pos, (art, h) in enumerate(zip(articles, hashes, strict=True)):
            same = by_hash[pos] or (art.id if pos in as_given else None)
            if same is not None:
                plan.append((art, same, None))
            elif first_of[pos] != pos:  # the same record earlier in this batch
                plan.append((art, None, at[first_of[pos]]))
            else:
                if len(art.sentences) >= MAX_SENTENCES:
                    raise StoreError(f"{art.path or art.id}: more than {MAX_SENTENCES - 1} sentences in one article")
                at[pos] = len(new)
                new.append((art, h))
                new_at.append(pos)
                plan.append((art, None, -1))
        fills = plan_fills(self.con, plan, new)  # what a repeat brings that its stored article lacks
        ids = self._unique_ids(new) if new else []
        results: list[Added] = []
        k = 0
        for (art, existing, twin), filled in zip(plan, fills.filled, strict=True):
            if twin is None:
                results.append(Added(art.id, "duplicate", existing, art.path, filled))
            elif twin >= 0:
                results.append(Added(art.id, "duplicate", ids[twin], art.path, filled))
            else:
                results.append(Added(ids[k], "added", None, art.path))
                k += 1
        if new:
            self._insert(new, ids, [prepared[k] for k in new_at] if prepared is not None else None)
        write_fills(self.con, fills)
        self._commit_if_due(len(new))
        return results

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Let the adds in this block share transactions, each committed once it holds a quarter as many new
        articles as the store had when it began (every add while the store is small). Each add rewrites most
        of the band B-tree's leaves, wherever its keys land, so one commit per ``Corpus.add`` batch grew with
        the square of the store. What is stored is the same; a crash takes back at most the open group. A
        store that keeps a vector index commits each add (its log advances one generation per commit)."""
        if self._group is not None or self.has_index:
            yield
            return
        self._group = (len(self), 0)
        try:
            yield
        finally:
            self._group = None
            if self.con.in_transaction:
                self._bands.flush(self.con)
                self.con.execute("COMMIT")
            self._bands.drop()  # what an error that rolled the group back left
            self._bands.committed(self.con)

    def _commit_if_due(self, added: int) -> None:
        """While ``holding``: commit the open group once it is due, and keep one open for the next add."""
        if self._group is None:
            return
        size, held = self._group
        if self.con.in_transaction:
            held += added
            if held * HOLD < size:
                self._group = (size, held)
                return
            self._bands.flush(self.con)
            self.con.execute("COMMIT")
        self._bands.drop()
        self._bands.committed(self.con)
        self.con.execute("BEGIN IMMEDIATE")
        self._group = (len(self), 0)

    def _insert(self, new: Sequence[tuple[Article, str]], ids: Sequence[str], prep: list[Prepared] | None) -> None:
        # loaded (or rebuilt) before this batch is in SQLite, so it is added once
        index = self.index if self.has_index else None
        n_before = len(self)
        start = self._bands.next_row(self.con)
        rows = list(range(start, start + len(new)))
        arts = [a for a, _ in new]
        if prep is None:
            prep = prepare(arts, [h for _, h in new], self.lsh_layout, self.varint_bounds, self.dictionary_for(arts))
        vec_ids, vecs = self._vectors(list(zip(rows, arts, strict=True))) if index is not None else (None, None)
        now = time.time()
        held = self._group is not None and self.con.in_transaction  # its bands wait for the group's commit
        with transaction(self.con):
            self.con.executemany(
                INSERT_ARTICLE,
                [
                    (row, aid, h, a.title, a.url, a.source, outlet_of(a.source, a.url), a.published,
                     seconds(a.date), a.path, len(a.sentences), p.n_vec, now, *self.stored_packed(p.packed), p.text_z,
                     a.language)
                    for row, aid, (a, h), p in zip(rows, ids, new, prep, strict=True)
                ],
            )  # fmt: skip
            row_ids = np.asarray(rows, dtype=np.int64)
            band_rows = np.repeat(row_ids, [len(p.bands) for p in prep])
            all_bands = self.stored_bands(np.concatenate([p.bands for p in prep]))
            if not held:
                self._bands.put(self.con, all_bands, band_rows)
            keys = np.concatenate([p.keys for p in prep])
            key_rows = np.repeat(row_ids, [len(p.keys) for p in prep])
            insert_sorted(self.con, "INSERT OR IGNORE INTO keys", keys[:, 0], key_rows, keys[:, 1], keys[:, 2])
            self._set_meta("n_articles", n_before + len(new))
            g = 0
            if vec_ids is not None and vecs is not None:
                ids_, vecs_ = vec_ids, vecs
                g = self._in_transaction(lambda gen: self._log.write_segment(gen, ids_, vecs_), delta=len(vec_ids))
        if held:  # with the group's others, before it commits
            self._bands.add(self.con, all_bands, band_rows)
        self._bands.committed(self.con)  # a merge of band files, once their transaction is committed
        if index is not None and vec_ids is not None and vecs is not None:
            index.add(vec_ids, vecs)
            self._compact_if_due(index, g)

    def _unique_ids(self, new: Sequence[tuple[Article, str]]) -> list[str]:
        """``records.unique_ids`` against the stored ids (the wanted ones looked up at once, a renamed one alone)."""
        wanted = {a.id for a, _ in new}
        stored: set[str] = set()
        for part in chunks(sorted(wanted)):
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(part))})"
            stored.update(i for (i,) in self.con.execute(q, list(part)))

        def taken(aid: str) -> bool:
            if aid in wanted:
                return aid in stored
            return self.con.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone() is not None

        return unique_ids([(a.id, h) for a, h in new], taken)

    def delete(self, ids: Sequence[str]) -> list[str]:
        """Delete articles with their sentences, fingerprints, vectors, edges and cached vectors.

        All or nothing: raises :class:`UnknownArticle` naming the unknown ids before deleting anything.
        """
        self._require_write()
        rows = self.rows_of(ids)
        unknown = [i for i in ids if i not in rows]
        if unknown:
            listed = ", ".join(map(repr, unknown[:5])) + (f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else "")
            raise UnknownArticle(f"{self.path}: no article with id {listed}; nothing deleted")
        index = self.index if self.has_index else None
        n_before = len(self)
        arts = self.articles_by_row(rows.values())
        vec_ids = np.array(
            [sentence_id(r, s.i) for r, a in arts.items() for s in a.sentences if indexable(s)], dtype=np.int64
        )
        bands = {r: np.zeros(0, dtype=np.int64) for r in arts}  # a band log needs no keys: it names the rows deleted
        if isinstance(self._bands, TableRows):
            keys_of = band_keys(list(arts.values()), self.lsh_layout)
            bands = dict(zip(arts, map(self.stored_bands, keys_of), strict=True))
        keys = {r: [(k.key, k.sentence) for k in exact_keys(a)] for r, a in arts.items()}
        with transaction(self.con):
            self._bands.delete(self.con, bands)
            for row in rows.values():
                self.con.executemany(
                    "DELETE FROM keys WHERE key = ? AND article = ? AND sentence = ?",
                    [(k, row, s) for k, s in keys[row]],
                )
                for table, col in (
                    ("scanned", "article"),
                    ("model_vectors", "article"),
                    ("article_vectors", "article"),
                    ("edges", "a"),
                    ("edges", "b"),
                    ("articles", "row"),
                ):
                    self.con.execute(f"DELETE FROM {table} WHERE {col} = ?", (row,))
            self._set_meta("n_articles", n_before - len(rows))
            g = 0
            if index is not None:
                empty = np.zeros((0, self.encoder.dim), dtype=np.float32)

                def save(gen: int) -> None:
                    self._log.write_segment(gen, np.zeros(0, dtype=np.int64), empty, removed=vec_ids)

                g = self._in_transaction(save, delta=-len(vec_ids))
        if index is not None:
            index.remove(vec_ids)
            self._compact_if_due(index, g)
        return list(ids)

    # -- size ------------------------------------------------------------------------------------

    def nbytes(self) -> dict[str, int]:
        """Bytes on disk: the SQLite file with its WAL, the vector index and the band files (a band log's)."""
        sql = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        folder = FaissIndex(self.encoder.dim).nbytes(self.vectors_dir) if self.vectors_dir.is_dir() else 0
        bands = band_bytes(self.vectors_dir)
        return {"sqlite": sql, "vectors": folder - bands, "bands": bands, "total": sql + folder}


__all__ = [
    "SCHEMA_VERSION",
    "Added",
    "Info",
    "Prepared",
    "Store",
    "StoredEdge",
    "digest",
    "prepare",
]
