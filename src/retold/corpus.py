"""A collection of articles on disk: add, delete, find what one article retells, scan for stories.

``Corpus(db_path)`` is the facade the CLI and other front ends call; the work is done by
``retold.store`` (SQLite + vector index), ``retold.fingerprint`` (cheap signals) and
``retold.provenance`` (candidates, verification, stories).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from retold._args import ARTICLE, fields_arg, names_arg, number_arg, path_arg
from retold._memory import collected_less, release
from retold._pool import default_workers, refuse_rerun, spawned
from retold.embed import Encoder, get_encoder
from retold.errors import InputError, RetoldError, UsageError
from retold.ingest.dates import unread
from retold.ingest.folders import expand
from retold.ingest.paths import kind, missing
from retold.ingest.read import read_article, read_articles, split_selector
from retold.model import Article, Edge, Progress, Story, silent
from retold.provenance import candidates as cand
from retold.provenance import crosslingual as xl
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.export import EDGE_FIELDS, FORMATS, STORY_FIELDS, edge_rows, write_table
from retold.provenance.jobs import REUSE
from retold.provenance.scan import Found, ScanResult, Verifier, mode_name
from retold.provenance.scan import scan as run_scan
from retold.provenance.scan import sources as run_sources
from retold.provenance.stories import story_rows
from retold.store import crosslingual as xstore
from retold.store.connect import ReadOnlyStore
from retold.store.lock import DEFAULT_WAIT
from retold.store.outcomes import Outcomes
from retold.store.records import prepare_shipped, shipped
from retold.store.sqlite import Added, Prepared, Store
from retold.text.words import counted

DEFAULT_DB = "retold.db"
BATCH = 256  # articles fingerprinted and stored per transaction (a progress tick each)
# SQLite's page cache while adding: the writer's 64 MiB filled with the exact keys' and the hash index's pages, which
# each batch meets at random, and grew the add's main process with the store (SQLite's 39 / 69 MiB at its peak at
# 10,000 / 30,000 articles; with 16 the peak 305 / 345 / 390 -> 286 / 289 / 330 MiB at 10,000 / 30,000 / 100,000)
ADD_CACHE_KIB = 16384
NO_INDEX = (
    "the store keeps no sentence index yet: building it in memory for this lookup "
    "(run `retold scan` once to build and keep it)"
)


@dataclass
class AddReport:
    """Outcome of adding files: what was added, what was already there, what could not be read. ``added`` and
    ``duplicates`` are sequences of ``Added``, one per article: ``Corpus.add`` gives them as ``Outcomes`` (a few
    bytes an article, not a list of objects: ``retold.store.outcomes``)."""

    added: Sequence[Added] = field(default_factory=lambda: Outcomes("added"))
    duplicates: Sequence[Added] = field(default_factory=lambda: Outcomes("duplicate"))
    failed: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # bad records: (FILE:N, reason)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # id collisions: (where, id, stored as)
    passed_over: list[tuple[str, str]] = field(default_factory=list)  # what folders hold that is not read: (path, kind)
    unread_dates: list[tuple[str, str]] = field(default_factory=list)  # (FILE#ID, the date as given)


def joined(*parts: tuple[str, int]) -> str:
    """The parts whose count is not zero, joined by commas."""
    return ", ".join(text for text, n in parts if n)


def nothing_read(
    failed: Sequence[tuple[str, str]], skipped: Sequence[tuple[str, str]], verb: str = "stored", listed: bool = False
) -> InputError:
    """Input of which nothing could be ``verb``, as one error: the one problem's own; else how many files failed
    and records were skipped, naming the first unless each was ``listed`` (the CLI lists them on stderr)."""
    problems = [*failed, *skipped]
    if len(problems) == 1:
        return InputError(*problems[0])
    if not problems:
        return InputError(f"nothing {verb}", "the input holds no articles")
    failed_ = f"{counted(len(failed), 'file')} failed"
    skipped_ = f"{counted(len(skipped), 'bad record')} skipped"
    which = "listed above" if listed else f"the first {problems[0][0]}: {problems[0][1]}"
    return InputError(f"nothing {verb}", f"{joined((failed_, len(failed)), (skipped_, len(skipped)))} ({which})")


class Corpus:
    """An article collection in one SQLite file (``db_path``) and its ``<db_path>.vectors/`` folder.

    It holds nothing open between calls (each opens the store and closes it), so it needs no ``close`` or
    ``with``; two writing at once on one file, in threads too, take turns (``wait`` seconds at most)."""

    def __init__(
        self,
        db_path: str | os.PathLike[str] = DEFAULT_DB,
        *,
        model: str | None = None,
        window_days: float | None = None,
        settings: cand.Settings | None = None,
        wait: float = DEFAULT_WAIT,
    ) -> None:
        window_days = number_arg(window_days, "window_days", unit=" of days")
        self.db_path = Path(path_arg(db_path, "db_path: a path (str or pathlib.Path)"))
        self.model = model
        self.wait = wait  # seconds a writer waits for another one to finish
        base = settings or cand.Settings()
        self.settings = base if window_days is None else cand.Settings(**{**base.__dict__, "window_days": window_days})

    def _encoder(self, lexical: bool, encoder: Encoder | None) -> Encoder | None:
        if lexical:
            return None
        return encoder or get_encoder(self.model)

    def _read(
        self, files: Sequence[str], report: AddReport, fields: Mapping[str, str] | None = None
    ) -> Iterator[tuple[str, Article]]:
        def skip(e: InputError) -> None:
            report.skipped.append((e.path, e.reason))

        for f in files:
            try:
                for art in read_articles(f, fields=fields, on_error=skip):
                    if unread(art.published, art.date):  # read once: the store takes its timestamp from it
                        report.unread_dates.append((f"{f}#{art.id}", str(art.published)))
                    yield f, art
            except InputError as e:
                report.failed.append((e.path, e.reason))
            except RetoldError as e:
                report.failed.append((f, str(e)))
            report.files += 1

    def add(
        self,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        *,
        embed: bool = False,
        encoder: Encoder | None = None,
        progress: Progress | None = None,
        workers: int = 1,
        fields: Mapping[str, str] | None = None,
        multilingual: str | None = None,
        leave_out: str | os.PathLike[str] | None = None,
    ) -> AddReport:
        """Add every article in these files and folders; duplicates (same content) are skipped. When nothing
        can be read, no store is made (the report says why).

        A bad record is skipped and listed in ``report.skipped``; an id already taken is stored under
        a new one (``ID~HASH``) and listed in ``report.renamed``; ``fields`` maps field names
        (``retold.ingest.records.parse_field_map``).

        ``embed`` also computes the transformer's sentence vectors now (slow) instead of on the
        first scan or ``sources`` that needs them. ``workers=2`` (``default_workers()``) fingerprints
        in a second process (see ``retold._pool`` for what that asks of a calling script); the CLI does.
        ``multilingual`` (a multilingual model's name) keeps cross-language passage vectors of every article
        (``retold.provenance.crosslingual``); a store that keeps them keeps them for every later add too.
        ``leave_out``: a folder not read where a walk meets it (``scan`` passes its ``out``: ``ingest.folders``).
        """
        refuse_rerun()
        names = names_arg(paths, "paths")
        for name in names:  # one record is for compare and sources: a store is given whole files
            file, record = split_selector(name)
            if record is not None and (file == "-" or Path(file).is_file()):
                raise UsageError(f"{name}: add takes whole files; FILE#ID picks one record for compare and sources")
        files, failed, passed = expand(names, leave_out)
        fields = fields_arg(fields)  # once, not per file
        added, duplicates = Outcomes("added"), Outcomes("duplicate")
        report = AddReport(added, duplicates, failed=list(failed), passed_over=passed)
        tick = progress or silent
        enc = self._encoder(False, encoder) if embed else None
        reading = self._read(files, report, fields)
        first = next(reading, None)
        if first is None and not self.db_path.exists():
            return report  # nothing read: no store is made to hold nothing
        with (
            collected_less(),  # a batch's articles live until stored: the collector's young generation held them
            Store(self.db_path, write=True, wait=self.wait) as store,
            store.caching(ADD_CACHE_KIB),
            spawned(1 if workers >= 2 else 0) as pool,
        ):
            embedder = None if enc is None else self._embedder(store, enc, tick)
            batch: list[Article] = []
            seen_files = 0
            # batches being fingerprinted by the helper (the first batch is done here: a small add
            # never waits for a process to start)
            pending: deque[tuple[list[Article], Future[list[Prepared]] | None]] = deque()

            def store_batches(keep: int) -> None:
                while len(pending) > keep:
                    done, fut = pending.popleft()
                    results = store.add(done, fut.result() if fut is not None else None)
                    added.extend(r for r in results if r.status == "added")
                    duplicates.extend(r for r in results if r.status == "duplicate")
                    report.renamed.extend(
                        (r.path or a.id, a.id, r.id)
                        for a, r in zip(done, results, strict=True)
                        if r.status == "added" and r.id != a.id
                    )
                    if embedder is not None:
                        self._embed(embedder, [r.id for r in results if r.status == "added"])
                    tick("articles read and fingerprinted", len(report.added) + len(report.duplicates), 0)

            def flush(keep: int) -> None:
                if batch:
                    first = not (report.added or report.duplicates or pending)
                    todo = list(batch)
                    # the store's text dictionary, trained from a new store's first batch before a later one is
                    # deflated with it in the helper (``retold.store.texts``)
                    zdict = store.dictionary_for(todo)
                    pending.append(
                        (
                            todo,
                            None
                            if pool is None or first
                            else pool.submit(
                                prepare_shipped, shipped(todo), store.lsh_layout, store.varint_bounds, zdict
                            ),
                        )
                    )
                    batch.clear()
                store_batches(keep)

            # batches share transactions (``Store.holding``) unless each is embedded as it is stored
            with store.holding() if embedder is None else nullcontext():
                for _, art in chain([first] if first is not None else [], reading):
                    batch.append(art)
                    if report.files != seen_files:
                        seen_files = report.files
                        tick("files read", seen_files, len(files))
                    if len(batch) >= BATCH:
                        flush(keep=1)
                flush(keep=0)
            tick("files read", report.files, len(files))
            read = len(report.added) + len(report.duplicates)
            if read:  # the end, with its total: a log has heard only counts "so far" (none is known before)
                tick("articles read and fingerprinted", read, read)
            if embedder is not None:
                embedder.finish()
            xmodel = xl.model_name(multilingual) if multilingual else xstore.stored_model(store.con)
            if xmodel is not None:
                xl.embed_missing(
                    store, xmodel, lambda done, total: tick("articles embedded across languages", done, total)
                )
        if len(report.added) + len(report.duplicates) >= BATCH:  # a long add: what it freed goes back
            release()
        return report

    @staticmethod
    def _embedder(store: Store, enc: Encoder, tick: Progress) -> Verifier:
        """What embeds and stores the sentence vectors of added articles, counting them for the progress."""
        return Verifier(store, False, enc, Boilerplate(), progress=tick)

    @staticmethod
    def _embed(v: Verifier, ids: Sequence[str]) -> None:
        rows = list(v.store.rows_of(ids).values())
        v.prepare(v.store.articles_by_row(rows))
        v.cache = {}  # stored: the batch's vectors need not stay in memory

    def delete(self, ids: str | Sequence[str]) -> list[str]:
        """Delete articles by id (one, or several) with their vectors and edges; an unknown id deletes nothing."""
        names = names_arg(ids, "ids")
        if not names:
            raise UsageError("name at least one article id to delete")
        with Store(self.db_path, write=True, create=False, wait=self.wait) as store:
            return store.delete(list(dict.fromkeys(names)))

    def listing(self) -> list[dict[str, object]]:
        """Every stored article's metadata in the order added (``retold list``), with the language ingest read
        it in."""
        with Store(self.db_path, create=False) as store:
            return store.listing()

    def sources(
        self,
        article: Article | str | os.PathLike[str],
        *,
        lexical: bool = False,
        encoder: Encoder | None = None,
        limit: int | None = None,
        warn: Callable[[str], None] | None = None,
        fields: Mapping[str, str] | None = None,
        progress: Progress | None = None,
    ) -> list[Found]:
        """Indexed articles that ``article`` (an Article, a path, ``FILE#ID``, or the id of a stored article when
        no file has that name; ``fields`` maps a records file's fields as in ``add``) retells, best first; at most
        ``limit`` (>= 1) of them. ``warn`` hears, before the lookup, that it will be slow: the store keeps no
        sentence index (the first default-mode scan builds it) and a reader never writes, so it builds one in
        memory; told from the store the lookup reads, so the store is opened once. ``progress`` ticks while that
        index is built (10,000 articles took 4 minutes, silent before)."""
        if limit is not None and not (isinstance(limit, int) and limit >= 1):
            raise UsageError(f"limit must be a whole number >= 1, or None for all (got {limit!r})")
        fields = fields_arg(fields)
        art: Article | None = article if isinstance(article, Article) else None
        spec = "" if art is not None else path_arg(article, ARTICLE)
        if art is None and (spec == "-" or not self.db_path.is_file() or not _no_file(spec)):
            art = read_article(spec, fields=fields)  # before the store: a missing file is told first
        enc = self._encoder(lexical, encoder)
        with Store(self.db_path, create=False) as store:
            if art is None:
                art = _stored(store, spec, fields)
            if not lexical and not store.has_index:
                if warn is not None:
                    warn(NO_INDEX)
                store.open_index(progress)  # the index the lookup reads, built in memory here: it ticks
            found = run_sources(store, art, lexical=lexical, encoder=enc, settings=self.settings)
            if not lexical:  # and stored articles in other languages, when the store keeps their vectors
                found = xl.add_sources(store, art, found, REUSE, self.settings.window_days)
        return found[:limit] if limit else found

    def _scan_store(self, mode: str) -> Store:
        """The store a scan works on: the writer's; on a read-only store a reader, which answers when
        every article is already scanned in this mode (nothing to record) and says why not otherwise."""
        try:
            return Store(self.db_path, write=True, create=False, wait=self.wait)
        except ReadOnlyStore as e:
            store = Store(self.db_path, create=False)
            todo = len(store.to_scan(mode, self.settings.window_days))
            if todo:
                store.close()
                raise ReadOnlyStore(
                    f"{e}; {counted(todo, 'article')} not yet scanned in {mode} mode, whose edges cannot be recorded"
                ) from None
            return store

    def scan(
        self,
        paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] = (),
        *,
        lexical: bool = False,
        encoder: Encoder | None = None,
        out: str | Path | None = None,
        fmt: str = "jsonl",
        progress: Progress | None = None,
        workers: int = 1,
        fields: Mapping[str, str] | None = None,
    ) -> tuple[ScanResult, AddReport | None, list[Path]]:
        """Add ``paths`` (if any), find every reuse edge, group stories, write tables to ``out``. When nothing
        could be read from ``paths`` and there is no store, there is nothing to scan: raises :class:`InputError`
        (:func:`nothing_read`) and makes nothing.

        ``workers`` >= 2 fingerprints in a helper process (as in ``add``) and verifies candidate pairs in
        that many processes."""
        refuse_rerun()
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        added = self.add(paths, progress=progress, workers=workers, fields=fields, leave_out=out) if paths else None
        if added is not None and not self.db_path.exists():
            raise nothing_read(added.failed, added.skipped)
        enc = self._encoder(lexical, encoder)
        with self._scan_store(mode_name(lexical, enc)) as store:
            if not lexical:  # pairs across languages first, with the multilingual model (the scan then skips them)
                xl.scan_across(store, mode_name(lexical, enc), self.settings.window_days)
            result = run_scan(
                store, lexical=lexical, encoder=enc, settings=self.settings, progress=progress, workers=workers
            )
        written: list[Path] = []
        if out is not None:
            d = Path(out)
            written.append(write_table(d / f"edges.{fmt}", edge_rows(result.edges), EDGE_FIELDS, fmt))
            written.append(write_table(d / f"stories.{fmt}", story_rows(result.stories), STORY_FIELDS, fmt))
        return result, added, written


def _no_file(spec: str) -> bool:
    """No file has this name, nor the file part of ``FILE#ID``: ``sources`` looks for a stored id."""
    return kind(spec) == "missing" and kind(split_selector(spec)[0]) == "missing"


def _stored(store: Store, spec: str, fields: Mapping[str, str] | None) -> Article:
    """The stored article ``sources`` is asked about by its id, where no file has that name (its file may have
    moved; ``retold list`` shows the ids)."""
    rows = store.rows_of([spec])
    if rows:
        return store.articles_by_row(rows.values())[rows[spec]]
    e = missing(spec)
    if e.reason == "no such file":
        raise InputError(e.path, "no such file, nor a stored article's id (retold list shows them)")
    return read_article(spec, fields=fields)  # what reading it says (it looks like text, not a name...)


__all__ = ["DEFAULT_DB", "AddReport", "Corpus", "Edge", "Found", "ScanResult", "Story", "default_workers", "expand"]
