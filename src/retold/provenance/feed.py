"""A scan's candidate pairs on their way through verification, in batches: read, sent to the workers, stored.

With worker processes the feeding starts inside the candidate stage: the pairs the exact channels admit on their
own (a shared sentence or quotation, numbers) are candidates whatever the band keys add, so they are sent while
the main process still reads the band keys, and their results are held until the candidates are known (the
per-article cap may leave a few out: those are not stored). The workers had sat idle through that stage.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, replace
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np

from retold.model import Article, Edge, Progress
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Evidence
from retold.provenance.gate import matchable
from retold.provenance.jobs import REUSE, Job, job_of, settle, side, verify
from retold.provenance.pair_table import NO_CODES, holds, in_article_order, pairs_of, unchecked
from retold.store.infos import Infos
from retold.store.sqlite import Info, Store, StoredEdge

if TYPE_CHECKING:
    from retold.provenance.scan import Verifier

TICK = 16  # pairs between progress ticks: a few seconds at most even with the model
CHUNK = 16  # pairs sent to a worker process at a time (``jobs.by_article``: pairs that share articles)
AHEAD = 2  # batches sent and not yet stored: the workers never wait on the reading, the boilerplate or SQLite
# batches verified early and held until the candidates are known: no more are sent early past these, so the results
# held stay bounded however long the band keys take (100,000 real-length articles: over 10 minutes of them)
READY = 32

Pair = tuple[int, int]
# the boilerplate sentences of an article that has none, shared by all of them and never changed: a scan keeps every
# verified article's (an empty set each took 216 bytes, 10 MB or so of the main process at 50,000 articles)
NO_SENTENCES: set[int] = set()


class Dropped:
    """The boilerplate sentences of each article a scan verified, worked out once for the whole scan: a byte per row
    (0 not met, 1 none, 2 some) and a set for each article that has some. A dict of every article met held about 70
    bytes an article (its entry and the row's int), most of them pointing at ``NO_SENTENCES``."""

    def __init__(self) -> None:
        self.met = bytearray()
        self.some: dict[int, set[int]] = {}

    def __contains__(self, row: int) -> bool:
        return 0 <= row < len(self.met) and self.met[row] != 0

    def __getitem__(self, row: int) -> set[int]:
        if row not in self:
            raise KeyError(row)
        return self.some[row] if self.met[row] == 2 else NO_SENTENCES

    def __setitem__(self, row: int, drop: set[int]) -> None:
        if row >= len(self.met):  # grown by halves: a scan meets its articles' rows in no set order
            self.met.extend(bytes(max(row + 1, len(self.met) * 3 // 2) - len(self.met)))
        self.met[row] = 2 if drop else 1
        if drop:
            self.some[row] = drop
        else:
            self.some.pop(row, None)

    def __len__(self) -> int:
        return len(self.met) - self.met.count(0)

    @classmethod
    def of(cls, rows: np.ndarray, some: Mapping[int, set[int]]) -> Dropped:
        """Every row of ``rows`` met: those of ``some`` with their sentences, the others with none."""
        met = np.zeros(int(rows.max()) + 1 if len(rows) else 0, dtype=np.uint8)
        met[rows] = 1
        out = cls()
        out.met = bytearray(met.tobytes())
        for row, drop in some.items():
            out[row] = drop
        return out


def dropped_of(store: Store, bp: Boilerplate, info: Infos) -> Dropped:
    """The boilerplate sentences of every stored article, read from the store's postings of the boilerplate keys
    (``Boilerplate.held``) before any article is read: the same as ``Boilerplate.sentences`` of each."""
    return Dropped.of(info.rows, bp.held(store.key_postings(sorted(bp.keys())), info.outlets()))


@dataclass
class _Batch:
    """Candidate pairs on their way through verification: the pairs already decided (nothing left
    once the boilerplate is out), the sides of the others, and their results (futures in a pool)."""

    rows: list[StoredEdge]
    sides: list[tuple[int, int]]
    results: Iterator[tuple[Edge, dict[str, Any]]]
    futures: list[Future[list[tuple[Edge, dict[str, Any]]]]]

    def done(self) -> bool:
        return all(f.done() for f in self.futures)


class Feed:
    """The batches of a scan's pairs (``batch`` pairs each, in :func:`by_article` order), at most ``AHEAD`` of them
    sent and not yet stored. :meth:`early` takes pairs sure to be candidates while the candidates are still being
    found (:meth:`top_up` sends more as earlier ones come back); :meth:`store` then stores what was verified of
    the final candidates and verifies the rest."""

    def __init__(
        self, v: Verifier, info: Mapping[int, Info], pool: Executor | None, batch: int, done: np.ndarray
    ) -> None:
        self.v, self.info, self.pool, self.batch = v, Infos.of(info), pool, batch
        self.queue, self.at = NO_CODES, 0  # the pairs to send (codes, ``pair_table``), from ``at`` on
        self.done = done  # checked by an earlier scan (codes, sorted): never sent
        self.sent: list[np.ndarray] = []
        self.pending: deque[_Batch] = deque()
        self.ready: deque[_Batch] = deque()  # verified before the candidates were known

    def early(self, pairs: np.ndarray) -> None:
        """Start verifying these pairs (codes, sorted; admitted whatever else is found) while the candidate stage
        goes on."""
        self.queue, self.at = in_article_order(unchecked(pairs, self.done)), 0
        self.top_up()

    def top_up(self) -> None:
        """Set the batches the workers finished aside and send the next ones; waits for nothing."""
        while self.pending and self.pending[0].done():
            self.ready.append(self.pending.popleft())
        self._fill()

    def store(self, todo: np.ndarray, picked: Mapping[Pair, Evidence], tick: Progress, trim: bool = False) -> None:
        """Verify the pairs ``todo`` (codes in :func:`by_article` order: ``picked``'s not yet checked) not sent
        early, and store every edge of ``todo`` (``trim``: give the heap back after each batch; else once, after the
        batches sent early)."""
        from retold._memory import release

        keep = np.sort(todo)
        # the rest in the order of ``todo``, not after the early ones not yet sent: an article's pairs stay together
        # (10,000 real articles, 512 pairs sent early: the workers read 3,962 articles' words, 3,926 for none sent
        # early, 4,264 had all 2,125 early ones gone first); the cap may have left out some sent early
        self.queue, self.at = todo[~np.isin(todo, np.concatenate([NO_CODES, *self.sent]))], 0
        stored = 0
        # the batches sent while the candidates were found come first: once they are stored, the heap their results
        # held, and the candidate stage's after its own release, goes back (100,000 real-length articles: the main
        # process 99 -> 88 MiB for the rest of the verification; 73 -> 69 at 10,000)
        early = len(self.ready) + len(self.pending)
        tick("aligning candidate pairs", 0, len(todo))
        n = 0
        while True:
            self._fill()
            if self.ready:
                b = self.ready.popleft()
            elif self.pending:
                b = self.pending.popleft()
            else:
                break
            stored = _store(self.v, picked, b, keep, stored, len(todo), tick)
            n += 1
            if trim or n == early:
                release()

    def _fill(self) -> None:
        while len(self.pending) < AHEAD and self.at < len(self.queue) and len(self.ready) < READY:
            part = self.queue[self.at : self.at + self.batch]
            self.at += len(part)
            self.sent.append(part)
            self.pending.append(_submit(self.v, self.info, list(pairs_of(part)), self.pool))


def _submit(v: Verifier, info: Infos, part: Sequence[tuple[int, int]], pool: Executor | None) -> _Batch:
    """Read the pairs' articles (those not read for the last part: ``Verifier.last``) and send their jobs to the pool
    (without one they run as the results are read); the earlier article of each pair is its ``a``. With a model,
    the pairs ``settle`` settles are aligned here, and only the other pairs' articles are embedded. The articles'
    outlets, dates and ids are read from the columns: no ``Info`` is made for a side."""
    need = {r for p in part for r in p}
    arts = {r: v.last[r] for r in need if r in v.last}
    arts.update(v.store.articles_by_row(need.difference(arts)))
    v.last = arts
    mode = v.mode
    enc = None if v.lexical else v.encoder
    rows: list[StoredEdge] = []
    settled: list[tuple[Edge, dict[str, Any]]] = []
    sides: list[tuple[int, int]] = []
    rest: list[tuple[int, int, Job]] = []
    # each article's side once for all its pairs in the part, its boilerplate sentences once in the scan (10,000
    # real articles: 4,806 pairs hold 9,612 sides, 5,959 articles in parts of 256 pairs, 3,374 in all)
    dropped, outlets, dates, ids = v.dropped, info.outlets(), info.dates(), info.ids()
    for r in arts:
        if r not in dropped:
            dropped[r] = v.boilerplate.sentences(arts[r], outlets[r])
    sides_of = {r: side(art, dropped[r]) for r, art in arts.items()}
    for lo, hi in part:
        a, b = (lo, hi) if earlier(dates[lo], lo, dates[hi], hi) else (hi, lo)
        plain = job_of(sides_of[a], sides_of[b])
        got = settle(plain, v.settings) if enc is not None and plain is not None else None
        if plain is None:
            rows.append(StoredEdge(a, b, mode, Edge(ids[a], ids[b], "unrelated", 0.0, 0.0, 0.0), {}))
        elif got is not None:
            settled.append(got)
            sides.append((a, b))
        else:
            rest.append((a, b, plain))
    jobs = [j for _, _, j in rest]
    if enc is not None:
        if v.settings.sentence_gate:  # the pairs whose verdict is no reuse on their matchable sentences end here
            rest, kept = by_meaning(v, arts, rest)
            settled += [got for _, got in kept]
            sides += [p for p, _ in kept]
        v.prepare({r: arts[r] for a, b, _ in rest for r in (a, b)})
        jobs = [j.with_vectors((v.cache[a], v.cache[b]), enc.name) for a, b, j in rest]
    sides += [(a, b) for a, b, _ in rest]
    v.cache = {}
    if pool is None:
        return _Batch(rows, sides, chain(settled, map(verify, jobs)), [])
    futures = [pool.submit(_verify_all, jobs[k : k + CHUNK]) for k in range(0, len(jobs), CHUNK)]
    return _Batch(rows, sides, chain(settled, (r for f in futures for r in f.result())), futures)


# the verdicts on the matchable sentences alone that a pair is verified again for with both articles embedded whole:
# reuse, and the same story, since the sentences left out may be the reworded passage (a model scan of 10,000 real
# articles, session 50: of the 509 reuse edges the whole vectors give, 11 were read as the same story and 1 as
# unrelated on the matchable sentences alone; the 2,000-article tiers that chose ``gate.MATCHABLE_SHARE`` lost none)
AGAIN: tuple[str, ...] = (*REUSE, "same_story")


def by_meaning(
    v: Verifier, arts: Mapping[int, Article], rest: Sequence[tuple[int, int, Job]]
) -> tuple[list[tuple[int, int, Job]], list[tuple[tuple[int, int], tuple[Edge, dict[str, Any]]]]]:
    """Verify each pair (``a``, ``b``, its job without vectors) with the vectors of its ``gate.matchable`` sentences
    alone (each article's embedded once for all its pairs; the others zero): the pairs whose verdict is then reuse
    or the same story (``AGAIN``), to verify again with every sentence embedded, and the results of the others (the
    sentences embedded noted in the evidence)."""
    assert v.encoder is not None
    masks = {}
    need: dict[int, np.ndarray] = {}
    for a, b, job in rest:
        masks[a, b] = ma, mb = matchable(job.a, job.b)
        for r, m, keep in ((a, ma, job.keep_a), (b, mb, job.keep_b)):
            need.setdefault(r, np.zeros(len(arts[r].sentences), dtype=bool))[np.asarray(keep, dtype=np.intp)[m]] = True
    v.prepare({r: arts[r] for r in need}, need)
    again, kept = [], []
    for a, b, job in rest:
        ma, mb = masks[a, b]
        whole = job.with_vectors((v.cache[a], v.cache[b]), v.encoder.name)
        va, vb = whole.vectors  # type: ignore[misc]
        edge, evidence = verify(replace(whole, vectors=(va * ma[:, None], vb * mb[:, None])))
        if edge.relation in AGAIN:
            again.append((a, b, job))
        else:
            evidence["embedded"] = {"a": int(ma.sum()), "b": int(mb.sum())}  # of the sentences left once bp is out
            kept.append(((a, b), (edge, evidence)))
    return again, kept


def _verify_all(jobs: Sequence[Job]) -> list[tuple[Edge, dict[str, Any]]]:
    """In a worker process: the jobs' results; its stems' caches are then trimmed (``jobs.trim_caches``) and the models
    the jobs loaded left out of garbage collection."""
    from retold._pool import freeze_models
    from retold.fidelity import document_cache, models_loaded
    from retold.provenance.jobs import bound_caches, trim_caches

    bound_caches()
    out = [verify(j) for j in jobs]
    trim_caches()
    freeze_models(models_loaded(), drop=[document_cache()])
    return out


def _store(
    v: Verifier,
    picked: Mapping[Pair, Evidence],
    batch: _Batch,
    keep: np.ndarray,
    stored: int,
    total: int,
    tick: Progress,
) -> int:
    """Wait for a batch's results and store the edges of its pairs in ``keep`` (``a`` the earlier article of each
    pair); the pairs stored so far, ``stored`` before. Progress ticks every ``TICK`` pairs and at the end."""
    mode = v.mode
    rows = [r for r, ok in zip(batch.rows, holds(keep, [(r.a_row, r.b_row) for r in batch.rows]), strict=True) if ok]
    n = 0
    inside = holds(keep, batch.sides)
    for (a, b), ok, (edge, evidence) in zip(batch.sides, inside, batch.results, strict=True):
        p = (min(a, b), max(a, b))
        if not ok:
            continue
        if n and n % TICK == 0:
            tick("aligning candidate pairs", stored + n, total)
        evidence["channels"] = picked[p].channels()
        rows.append(StoredEdge(a, b, mode, edge, evidence))
        n += 1
    v.store.put_edges(rows)
    tick("aligning candidate pairs", stored + len(rows), total)
    return stored + len(rows)


def earlier(ta: float | None, ra: int, tb: float | None, rb: int) -> bool:
    """Whether article ``ra`` (published ``ta``) is the pair's ``a``: the earlier date, else the first added."""
    if ta is not None and tb is not None and ta != tb:
        return ta < tb
    return ra < rb
