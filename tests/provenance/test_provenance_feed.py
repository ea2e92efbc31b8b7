"""A scan's pairs on their way through verification (``retold.provenance.feed``)."""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retold.provenance import feed as fd

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_pairs_verified_early_wait_in_a_bounded_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs verified while the band keys are still read are held until the candidates are known: at most
    ``READY`` batches of them, however long the band keys take (the results held grew with the candidate
    stage: 100,000 real-length articles read band keys for over ten minutes), and every batch is stored."""

    def submit(v: object, info: object, part: Sequence[tuple[int, int]], pool: object) -> fd._Batch:
        done: Future[list[Any]] = Future()
        done.set_result([])
        return fd._Batch([], [], iter(()), [done])

    stored: list[fd._Batch] = []

    def store(v: object, picked: object, b: fd._Batch, keep: object, n: int, total: int, tick: object) -> int:
        stored.append(b)
        return n

    monkeypatch.setattr(fd, "_submit", submit)
    monkeypatch.setattr(fd, "_store", store)
    feed = fd.Feed(None, {}, object(), 2, fd.NO_CODES)  # type: ignore[arg-type]
    pairs = np.array([(a << 32) | (a + 1) for a in range(0, 400, 2)], dtype=np.int64)  # 100 batches of 2
    feed.early(pairs)
    for _ in range(200):
        feed.top_up()
    assert len(feed.ready) == 32  # fd.READY
    feed.store(pairs, {}, lambda *a: None)
    assert len(stored) == 100 and feed.at == len(feed.queue) and not feed.ready


def test_the_heap_goes_back_once_the_batches_sent_early_are_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """The results verified while the candidates were found are held until then: once the last of those batches is
    stored, the main process gives the heap back (``_memory.release``), once, not after every batch (a model scan's
    ``trim`` does that); a scan that sent nothing early never calls it."""
    from retold import _memory

    def submit(v: object, info: object, part: Sequence[tuple[int, int]], pool: object) -> fd._Batch:
        done: Future[list[Any]] = Future()
        done.set_result([])
        return fd._Batch([], [], iter(()), [done])

    stored: list[fd._Batch] = []
    released: list[int] = []

    def store(v: object, picked: object, b: fd._Batch, keep: object, n: int, total: int, tick: object) -> int:
        stored.append(b)
        return n

    monkeypatch.setattr(fd, "_submit", submit)
    monkeypatch.setattr(fd, "_store", store)
    monkeypatch.setattr(_memory, "release", lambda: released.append(len(stored)))
    pairs = np.array([(a << 32) | (a + 1) for a in range(0, 400, 2)], dtype=np.int64)  # 100 batches of 2
    for sent, trim, want in ((5, False, [5]), (0, False, []), (5, True, list(range(1, 101)))):
        stored.clear()
        released.clear()
        feed = fd.Feed(None, {}, object(), 2, fd.NO_CODES)  # type: ignore[arg-type]
        if sent:
            feed.early(pairs[: 2 * sent])
            for _ in range(10):
                feed.top_up()
            assert len(feed.ready) + len(feed.pending) == sent
        feed.store(pairs, {}, lambda *a: None, trim=trim)
        assert len(stored) == 100 and released == want


def _by_article_reference(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``jobs.by_article`` as it was written with sets and lists (the order the arrays must keep)."""
    of: dict[int, list[tuple[int, int]]] = {}
    for p in pairs:
        of.setdefault(p[0], []).append(p)
        of.setdefault(p[1], []).append(p)
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int]] = []
    for first in pairs:
        if first in taken:
            continue
        met, queue = set(first), deque(first)
        while queue:
            for p in of[queue.popleft()]:
                if p not in taken:
                    taken.add(p)
                    out.append(p)
                    queue.extend(r for r in p if r not in met)
                    met.update(p)
    return out


@pytest.mark.parametrize("seed", range(8))
def test_pairs_go_out_in_the_order_of_their_articles(seed: int) -> None:
    """``in_article_order`` (the arrays a scan of a million pairs holds) orders pairs as the sets and lists did."""
    from retold.provenance.jobs import by_article

    rng = random.Random(seed)
    n = rng.choice([4, 30, 300])
    pairs = list({tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.choice([1, 20, 500]))})
    if seed % 2:
        pairs.sort()
    assert by_article(pairs) == _by_article_reference(pairs)  # type: ignore[arg-type]


def test_articles_without_boilerplate_share_one_empty_set(tmp_path: Path) -> None:
    """A scan keeps each verified article's boilerplate sentences: one empty set stands for every article that has
    none (a set each took 216 bytes), and an article that has some keeps its own."""
    from retold.corpus import Corpus
    from retold.provenance.boilerplate import Boilerplate
    from retold.provenance.scan import Verifier
    from retold.store.sqlite import Store

    db = tmp_path / "s.db"
    Corpus(db).add([str(EXAMPLES)])
    with Store(db, write=True) as st:
        info = st.info()
        rows = list(info)
        promo = next(iter(st.articles_by_row(rows[:1]).values())).sentences[0]
        from retold.fingerprint import sentence_key

        bp = Boilerplate(everywhere={k} if (k := sentence_key(promo.norm)) is not None else set())
        v = Verifier(st, True, None, bp)
        batch = fd._submit(v, info, list(itertools.pairwise(rows)), None)
        list(batch.results)
    empty = [v.dropped[r] for r in rows if not v.dropped[r]]
    assert len(v.dropped) == len(rows) and len(empty) >= 2
    assert all(s is fd.NO_SENTENCES for s in empty) and not fd.NO_SENTENCES
    assert v.dropped[rows[0]] == {promo.i}
    assert list(v.dropped.some) == [rows[0]]  # a set kept only for the article that has some


def test_a_part_s_jobs_read_the_columns_and_make_no_info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``_submit`` reads each side's outlet, date and id from the store's columns (``Infos``), no ``Info`` made per
    side: each pair ordered by ``earlier`` over the ``Info`` objects, the same edges and results as a dict of them."""
    from retold.corpus import Corpus
    from retold.fingerprint import sentence_key
    from retold.provenance.boilerplate import Boilerplate
    from retold.provenance.scan import Verifier
    from retold.store.infos import Infos
    from retold.store.sqlite import Store

    db = tmp_path / "s.db"
    Corpus(db).add([str(EXAMPLES)])

    def run(info_of: Any) -> tuple[list[Any], list[tuple[int, int]], list[Any]]:
        with Store(db, write=True) as st:
            info = info_of(st)
            batch = fd._submit(Verifier(st, True, None, bp), info, pairs, None)
            return batch.rows, batch.sides, list(batch.results)

    with Store(db) as st:
        objects = st.info(list(st.info()))  # a dict of ``Info``, one per row
    assert len({i.published_ts for i in objects.values()}) >= 2  # the dates order some pairs
    pairs = list(itertools.combinations(sorted(objects), 2))
    with Store(db) as st:  # one article all boilerplate: its pairs are decided without a job
        first = st.articles_by_row([pairs[0][0]])[pairs[0][0]]
    bp = Boilerplate(everywhere={k for x in first.sentences if (k := sentence_key(x.norm)) is not None})
    rows, sides, results = run(lambda st: Infos.of(st.info(list(st.info()))))
    want = [(lo, hi) if fd.earlier(objects[lo].published_ts, lo, objects[hi].published_ts, hi) else (hi, lo)
            for lo, hi in pairs]  # fmt: skip
    assert sorted([*((r.a_row, r.b_row) for r in rows), *sides]) == sorted(want)
    assert rows and sides  # pairs sharing no sentence are decided here, the others verified
    assert all((r.edge.a, r.edge.b) == (objects[r.a_row].id, objects[r.b_row].id) for r in rows)
    assert [(e.a, e.b) for e, _ in results] == [(objects[a].id, objects[b].id) for a, b in sides]

    def no_info(self: Infos, row: int) -> Any:
        raise AssertionError(f"an Info made for row {row}")

    monkeypatch.setattr(Infos, "__getitem__", no_info)
    assert run(lambda st: st.info()) == (rows, sides, results)


def test_the_boilerplate_of_the_articles_met_is_kept_a_byte_an_article() -> None:
    """``Dropped`` answers as the dict of every article met did, holding a byte per row and a set only for an
    article with boilerplate sentences (the dict took about 70 bytes an article)."""
    d = fd.Dropped()
    rng = random.Random(3)
    want: dict[int, set[int]] = {}
    for r in rng.sample(range(5000), 1200):
        want[r] = {rng.randrange(30)} if rng.random() < 0.1 else set()
        d[r] = want[r]
    assert len(d) == len(want) and all(d[r] == s for r, s in want.items())
    assert all((r in d) == (r in want) for r in range(-2, 5100))
    assert len(d.some) == sum(1 for s in want.values() if s) and len(d.met) <= 5000 * 3 // 2
    with pytest.raises(KeyError):
        d[next(r for r in range(5000) if r not in want)]


def test_the_boilerplate_of_every_article_is_read_from_the_keys_table(furniture_papers: Path, tmp_path: Path) -> None:
    """``dropped_of`` reads each article's boilerplate sentences from the store's postings of the boilerplate keys:
    the same as ``Boilerplate.sentences`` of every article (a key of one outlet not dropped from another's, a key
    everywhere from all), without hashing a sentence."""
    from retold.corpus import Corpus
    from retold.fingerprint import sentence_key
    from retold.provenance.boilerplate import Boilerplate
    from retold.store.sqlite import Store

    db = tmp_path / "s.db"
    Corpus(db).add([str(furniture_papers), str(EXAMPLES)])
    with Store(db) as st:
        info = st.info()
        arts = st.articles_by_row(list(info))
        outlets = info.outlets()
        column = next(r for r, a in arts.items() if a.id == "column-0")
        wire = next(r for r, a in arts.items() if a.id == "wire-1")
        keys = [sentence_key(s.norm) for s in arts[column].sentences]
        wire_key = sentence_key(arts[wire].sentences[0].norm)
        assert keys[-1] is not None and keys[0] is not None and wire_key is not None
        # the biography's last sentence everywhere, the column's first for its outlet, the wire's for another outlet
        other = next(o for o in outlets.values() if o is not None and o not in (outlets[wire], outlets[column]))
        bp = Boilerplate({outlets[column] or "": {keys[0]}, other: {wire_key}}, {keys[-1]})
        want = {r: bp.sentences(a, outlets[r]) for r, a in arts.items()}
        got = fd.dropped_of(st, bp, info)
    assert all(got[r] == want[r] for r in arts) and len(got) == len(arts)
    assert want[column] == {0, len(keys) - 1} and not want[wire]
    printed = [r for r, a in arts.items() if a.id.startswith("wire-") and outlets[r] == other]
    assert len(printed) == 1 and want[printed[0]] == {0}  # the other outlet's printing of the wire story
    assert sum(1 for s in want.values() if s) == 6  # and the five columns, which hold the biography


def test_a_scan_hashes_no_sentence_for_the_boilerplate(
    furniture_papers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan's verified articles' boilerplate comes from the keys table (``dropped_of``): the biography is still
    left out of every pair, and no article's sentences are hashed again for it."""
    from retold.corpus import Corpus
    from retold.provenance.boilerplate import Boilerplate

    def hashed(*args: object) -> set[int]:
        raise AssertionError("an article's sentences hashed again for its boilerplate")

    monkeypatch.setattr(Boilerplate, "sentences", hashed)
    result, _, _ = Corpus(tmp_path / "s.db").scan([str(furniture_papers)], lexical=True, workers=1)
    assert {tuple(sorted((e.a, e.b))) for e in result.edges} == {
        (f"wire-{a}", f"wire-{b}") for a in range(4) for b in range(a + 1, 4)
    }


def test_a_part_reads_only_the_articles_the_part_before_did_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Consecutive parts of a scan's pairs share articles (``by_article`` order): a part takes those the part before
    read (``Verifier.last``) and reads the others, with the same jobs as a part that reads them all."""
    from retold.corpus import Corpus
    from retold.provenance.boilerplate import Boilerplate
    from retold.provenance.scan import Verifier
    from retold.store.sqlite import Store

    db = tmp_path / "s.db"
    Corpus(db).add([str(EXAMPLES)])
    read: list[set[int]] = []
    real = Store.articles_by_row

    def counted(self: Store, rows: Any) -> Any:
        read.append(set(rows))
        return real(self, rows)

    with Store(db, write=True) as st:
        rows = list(st.info())
        first, second = list(itertools.pairwise(rows[:4])), list(itertools.pairwise(rows[2:]))
        fresh = Verifier(st, True, None, Boilerplate())
        want = list(fd._submit(fresh, st.info(), second, None).results)
        monkeypatch.setattr(Store, "articles_by_row", counted)
        v = Verifier(st, True, None, Boilerplate())
        list(fd._submit(v, st.info(), first, None).results)
        got = list(fd._submit(v, st.info(), second, None).results)
    assert read == [set(rows[:4]), set(rows[4:])]  # rows[2] and rows[3] read once
    assert got == want and set(v.last) == set(rows[2:])


def test_a_side_renumbers_the_sentences_it_keeps_and_nothing_else(examples_dir: Path) -> None:
    """``jobs.strip`` makes each kept sentence anew with its new number: the sentence ``dataclasses.replace`` makes,
    every other field kept (the articles of the examples, none, some and all of their sentences dropped)."""
    from dataclasses import fields, replace

    from retold.ingest import read_article
    from retold.model import Sentence
    from retold.provenance.jobs import side

    assert [f.name for f in fields(Sentence)] == ["i", "start", "end", "text", "norm", "is_title"]
    for path in sorted(examples_dir.glob("*.txt")):
        art = read_article(str(path))
        n = len(art.sentences)
        for drop in (set(), {0}, set(range(1, n, 3)), set(range(n))):
            got = side(art, drop)
            kept = [s for s in art.sentences if s.i not in drop]
            assert got.article == replace(art, sentences=tuple(replace(s, i=k) for k, s in enumerate(kept)))
            assert got.keep == [s.i for s in kept] and got.drop == sorted(drop)
            assert all(type(s) is Sentence for s in got.article.sentences)


def test_a_verifying_worker_collects_its_cycles_less_often() -> None:
    """``jobs.bound_caches``, in a fresh process as a worker runs it: the youngest generation's threshold becomes
    ``WORKER_GC_YOUNG``, the older ones stay Python's; a second call (the worker's next chunk) changes nothing."""
    import json
    import subprocess
    import sys

    code = (
        "import gc, json; from retold.provenance import jobs; seen = [gc.get_threshold()]; jobs.bound_caches(); "
        "seen.append(gc.get_threshold()); gc.set_threshold(700, 3, 4); jobs.bound_caches(); "
        "print(json.dumps([*seen, gc.get_threshold(), jobs.WORKER_GC_YOUNG]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after, again, young = json.loads(done.stdout)
    assert young == 10_000 and after == [young, *before[1:]] and before[0] < young
    assert again == [700, 3, 4]
