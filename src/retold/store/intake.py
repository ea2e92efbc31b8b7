"""``add``'s batches, each read and fingerprinted where there is time for it, stored in the order given.

The writer (SQLite) and one helper process share the work of an add. Reading a batch (splitting, normalising,
the language) and fingerprinting it (``records.prepare``) need no database, so either process may do them; the
writer alone stores. Left to the writer, reading made it the longer of the two (10,000 news articles: 9.3-10.4 s
of CPU against the helper's 7.2-7.7 s), so a batch goes to the helper whole (read and fingerprinted there) while
the helper has fewer than ``BUSY`` batches waiting, and is otherwise read here and fingerprinted there: each
process takes more when the other is behind. Where a batch was read changes nothing stored (both read it with
the same pure functions); what the helper read comes back as articles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass

from retold.ingest.read import Item, Read, read_items
from retold.model import Article
from retold.store.records import Prepared, prepare, prepare_shipped, shipped

BUSY = 2  # batches the helper has not finished, from which a new one is read here instead of there
DEPTH = 3  # batches that may wait to be stored before the writer waits for the oldest


def read_prepared(items: Sequence[Item], rows: int, varint: bool = False) -> tuple[list[Read], list[Prepared]]:
    """A batch read and fingerprinted in one go (the helper's whole share of it)."""
    got = read_items(items)
    arts = articles(got)
    return got, prepare(arts, None, rows, varint) if arts else []


def articles(got: Sequence[Read]) -> list[Article]:
    """The articles of a batch read, without its bad records."""
    return [g for g in got if isinstance(g, Article)]


# a batch ready to store: the file of each item, each item read, the fingerprints of its articles (None: not made)
Ready = tuple[list[str], list[Read], list[Prepared] | None]


@dataclass
class _Batch:
    files: list[str]  # the file each item came from
    got: list[Read] | None = None  # read here
    prepared: Future[list[Prepared]] | None = None  # fingerprinted by the helper (neither: by the store)
    whole: Future[tuple[list[Read], list[Prepared]]] | None = None  # read and fingerprinted by the helper

    def done(self) -> bool:
        return all(f is None or f.done() for f in (self.prepared, self.whole))

    def result(self) -> Ready:
        if self.whole is not None:
            got, prepared = self.whole.result()
            return self.files, got, prepared
        assert self.got is not None
        return self.files, self.got, None if self.prepared is None else self.prepared.result()


class Intake:
    """The batches of one add, from ``put`` to ``ready`` in the order put. ``pool`` is the helper (None: all
    here), ``rows`` the store's LSH rows per band, ``varint`` whether it keeps sentence offsets as varints."""

    def __init__(self, pool: Executor | None, rows: int, varint: bool = False) -> None:
        self.pool = pool
        self.rows = rows
        self.varint = varint
        self.pending: deque[_Batch] = deque()

    def put(self, files: list[str], items: list[Item], here: bool = False) -> None:
        """Start a batch: read and fingerprinted here when ``here`` (a small add never waits for a process to
        start) or no helper, else as the helper's backlog says."""
        if self.pool is None or here:
            self.pending.append(_Batch(files, got=read_items(items)))
        elif sum(not b.done() for b in self.pending) < BUSY:
            self.pending.append(_Batch(files, whole=self.pool.submit(read_prepared, items, self.rows, self.varint)))
        else:
            got = read_items(items)
            arts = articles(got)
            prepared = self.pool.submit(prepare_shipped, shipped(arts), self.rows, self.varint) if arts else None
            self.pending.append(_Batch(files, got=got, prepared=prepared))

    def ready(self, wait: bool = False) -> Iterator[Ready]:
        """The oldest batches that are done; waiting for them while more than ``DEPTH`` are, or for all of them
        when ``wait``."""
        while self.pending and (wait or len(self.pending) > DEPTH or self.pending[0].done()):
            yield self.pending.popleft().result()
