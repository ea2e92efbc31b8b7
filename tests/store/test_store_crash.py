"""Crash safety: ``retold add`` and ``retold scan`` killed with SIGKILL, then run again, leave a store
that answers exactly as a clean build of the same input, with the saved vector index in step.

Real processes on real news (news_allsides, from the shared data; skipped when absent). The kill
points are found by polling the store's row count, not by sleeping blindly. A second set of kills
lands on exact points inside the store (a segment saved but its transaction not yet committed; a
new base saved but the old pieces not yet pruned) by a script that kills its own process there.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retold.fingerprint import indexable
from retold.store import Store
from retold.store.base import sentence_id

N_ARTICLES = 1000
SEED = 100  # added and indexed first: from then on every add keeps the vector index current
# exact (flat) search for this test's ~40k vectors: its answers do not depend on insertion order, so
# a crashed-and-repaired index can be compared with a clean one vector for vector
ENV = {**os.environ, "RETOLD_HNSW_FROM": "1000000"}


def retold(*args: str) -> list[str]:
    return [sys.executable, "-m", "retold", *args]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(retold(*args), capture_output=True, text=True, timeout=900, env=ENV)


def count(db: Path, table: str = "articles") -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


def kill_when(proc: subprocess.Popen[bytes], db: Path, at_least: int, table: str = "articles") -> int:
    """SIGKILL ``proc`` once ``table`` holds ``at_least`` rows; the rows it held then."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        n = count(db, table)
        if n >= at_least:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return n
        assert proc.poll() is None, f"finished before the kill point ({n} of {at_least} rows in {table})"
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("kill point never reached")


def build(db: Path, seed: Path, src: Path) -> None:
    """The seed added and indexed (as after a first default-mode scan), then ``src`` added."""
    assert run("add", str(seed), "--db", str(db), "-q").returncode == 0
    with Store(db, write=True) as st:
        assert len(st.index) > 0


def state(db: Path) -> dict[str, Any]:
    """What must agree after a crash: SQLite is sound, each article once, the saved index (no rebuild)
    holds exactly the indexable sentences SQLite holds."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = con.execute("SELECT row, id, hash FROM articles ORDER BY row").fetchall()
    con.close()
    assert len({i for _, i, _ in rows}) == len(rows) == len({h for _, _, h in rows})  # no article twice
    with Store(db) as st:
        index = st._log.load(st._int_meta("generation"))
        assert index is not None, "the saved index does not cover the committed generation"
        ids, vecs = index.vectors()
        arts = st.articles_by_row(r for r, _, _ in rows)
        want = {sentence_id(r, s.i) for r, a in arts.items() for s in a.sentences if indexable(s)}
        assert set(ids.tolist()) == want and len(ids) == len(want) == st._int_meta("n_vectors")
    order = np.argsort(ids)
    return {"articles": rows, "ids": ids[order], "vecs": vecs[order]}


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The first articles of news_allsides: the seed and the whole input."""
    src = shared / "data" / "news_allsides" / "allsides.jsonl"
    if not src.is_file():
        pytest.skip(f"{src} is absent")
    d = tmp_path_factory.mktemp("crash")
    with src.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(N_ARTICLES)]
    seed, full = d / "seed.jsonl", d / "all.jsonl"
    seed.write_text("".join(lines[:SEED]), encoding="utf-8")
    full.write_text("".join(lines), encoding="utf-8")
    return seed, full


@pytest.fixture(scope="module")
def clean(inputs: tuple[Path, Path]) -> Path:
    """A clean build of the same input: what a crashed and repaired store must equal."""
    seed, full = inputs
    db = seed.parent / "clean.db"
    build(db, seed, full)
    assert run("add", str(full), "--db", str(db), "-q").returncode == 0
    return db


def _answers(db: Path, queries: list[str], full: Path, out: Path) -> dict[str, Any]:
    """``scan --lexical`` edges and ``sources --lexical`` answers, as a user gets them."""
    sc = run("scan", "--db", str(db), "--lexical", "-q", "--out", str(out))
    assert sc.returncode == 0, sc.stderr
    edges = sorted((out / "edges.jsonl").read_text().splitlines())
    found = {}
    for q in queries:
        r = run("sources", f"{full}#{q}", "--db", str(db), "--lexical", "--json")
        assert r.returncode == 0, r.stderr
        found[q] = json.loads(r.stdout)
    return {"edges": edges, "sources": found}


def test_add_killed_three_times_then_rerun_equals_a_clean_build(
    inputs: tuple[Path, Path], clean: Path, tmp_path: Path
) -> None:
    seed, full = inputs
    db = tmp_path / "crashed.db"
    build(db, seed, full)
    kills = []
    # 1 s in (starting, reading: nothing committed yet), then right after this run's first commit, twice
    for when in ("1s", "commit", "commit"):
        proc = subprocess.Popen(retold("add", str(full), "--db", str(db), "-q"), env=ENV, stderr=subprocess.DEVNULL)
        if when == "1s":
            time.sleep(1.0)
            assert proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills.append(count(db))
        else:
            kills.append(kill_when(proc, db, count(db) + 1))
        state(db)  # consistent after every kill, before any repair
    assert kills[0] <= kills[1] < kills[2] < N_ARTICLES
    again = run("add", str(full), "--db", str(db), "-q")
    assert again.returncode == 0, again.stderr
    got, want = state(db), state(clean)
    assert got["articles"] == want["articles"]  # every article once, under its own id, in the same rows
    assert np.array_equal(got["ids"], want["ids"]) and np.array_equal(got["vecs"], want["vecs"])

    # the vector channel (what default-mode sources searches) answers as on the clean store
    from retold.ingest import read_articles
    from retold.provenance.candidates import Settings
    from retold.provenance.query import for_article

    queries = [a for _, a in zip(range(6), read_articles(str(full)), strict=False)]
    s = Settings()
    for path in (db, clean):
        with Store(path) as st:
            picked = [sorted((r, sorted(e.channels())) for r, e in for_article(st, q, s).items()) for q in queries]
        if path == db:
            crashed_picks = picked
    assert crashed_picks == picked

    # a scan killed after its first batch of edges, run again: the same edges as a clean scan
    proc = subprocess.Popen(retold("scan", "--db", str(db), "--lexical", "-q"), env=ENV, stderr=subprocess.DEVNULL)
    try:
        kill_when(proc, db, 1, table="edges")
        scan_killed = True
    except AssertionError:  # the scan finished between two polls: nothing was left to kill
        scan_killed = False
    ref = _answers(clean, [], full, tmp_path / "out-clean")
    with_edges = sorted({json.loads(e)["a"] for e in ref["edges"]})[:4]
    con = sqlite3.connect(clean)
    without = [i for (i,) in con.execute("SELECT id FROM articles ORDER BY row LIMIT 2")]
    con.close()
    ids = [*with_edges, *without]
    mine = _answers(db, ids, full, tmp_path / "out-crashed")
    ref = _answers(clean, ids, full, tmp_path / "out-clean")
    assert mine["edges"] == ref["edges"] and len(ref["edges"]) > 0
    assert mine["sources"] == ref["sources"]
    assert any(ref["sources"].values())
    con = sqlite3.connect(db)
    dup = con.execute("SELECT count(*) - count(DISTINCT a || ':' || b || ':' || mode) FROM edges").fetchone()[0]
    con.close()
    assert dup == 0
    print(f"kill points (rows when killed): {kills}; scan killed midway: {scan_killed}")


_KILL_SCRIPT = """
import os, signal, sys
import retold.store.vectorlog as vl
from retold.corpus import Corpus

where, nth = sys.argv[3], int(sys.argv[4])
vl.COMPACT_MIN = 500  # fold segments into a base often, so a kill can land inside it
calls = {"n": 0}
original = getattr(vl.VectorLog, where)

def dying(self, *args, **kwargs):
    out = original(self, *args, **kwargs)
    calls["n"] += 1
    if calls["n"] == nth:  # saved, but its transaction not committed (segment) / old pieces not pruned (base)
        os.kill(os.getpid(), signal.SIGKILL)
    return out

setattr(vl.VectorLog, where, dying)
Corpus(sys.argv[1]).add([sys.argv[2]])
"""


@pytest.mark.parametrize(("where", "nth"), [("write_segment", 2), ("write_base", 1)])
def test_killed_inside_the_store_at_exact_points(
    inputs: tuple[Path, Path], tmp_path: Path, where: str, nth: int
) -> None:
    """HNSW this time (switching at 2,000 vectors), on the first 400 of the real articles."""
    seed, full = inputs
    part = tmp_path / "part.jsonl"
    part.write_text("".join(full.read_text(encoding="utf-8").splitlines(keepends=True)[:400]), encoding="utf-8")
    env = {**ENV, "RETOLD_HNSW_FROM": "2000"}
    db = tmp_path / "s.db"
    assert subprocess.run(retold("add", str(seed), "--db", str(db), "-q"), env=env).returncode == 0
    script = tmp_path / "die.py"
    script.write_text(_KILL_SCRIPT)
    with Store(db, write=True, hnsw_from=2000) as st:
        assert len(st.index) > 0
    r = subprocess.run([sys.executable, str(script), str(db), str(part), where, str(nth)], env=env)
    assert r.returncode == -signal.SIGKILL
    state(db)
    r = subprocess.run(retold("add", str(part), "--db", str(db), "-q"), env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = state(db)
    assert len(after["articles"]) == 400
    left = sorted(p.name for p in (tmp_path / "s.db.vectors").iterdir())
    assert not [n for n in left if ".tmp" in n]


_BAND_KILL_SCRIPT = """
import os, pathlib, signal, sys
import retold.corpus as corpus
import retold.store.bandlog as bl
from retold.corpus import Corpus

where, nth = sys.argv[3], int(sys.argv[4])
corpus.BATCH = 40  # an add of many transactions, each saving a band file,
bl.MAX_FILES = 2  # and merging them often
seen = {"write": 0, "merging": False}
write, merge, unlink = bl.write_durably, bl.BandLog.merge, pathlib.Path.unlink

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def dying_write(path, fill):
    seen["write"] += not seen["merging"]  # a batch's files counted, not a merge's
    if where == "before-file" and not seen["merging"] and seen["write"] == nth:
        die()  # the batch's articles inserted, its file not yet written
    write(path, fill)
    if where == "after-file" and not seen["merging"] and seen["write"] == nth:
        die()  # the file written, its transaction not committed
    if where == "merged-file" and seen["merging"]:
        die()  # the merged file written, not yet named in meta

def dying_merge(self, con, first):
    seen["merging"] = True
    merge(self, con, first)
    seen["merging"] = False

def dying_unlink(self, *args, **kwargs):
    if where == "merged-named" and seen["merging"] and self.name.startswith("bands-"):
        die()  # the merged file named in a committed transaction, the files it replaces not yet unlinked
    return unlink(self, *args, **kwargs)

bl.write_durably, bl.BandLog.merge, pathlib.Path.unlink = dying_write, dying_merge, dying_unlink
Corpus(sys.argv[1]).add([sys.argv[2]])
"""


def band_state(db: Path) -> tuple[set[tuple[int, int]], list[str]]:
    """The band rows a reader of ``db`` reads (exactly those of its committed articles, computed again from their
    text) and the band files on disk."""
    from retold.fingerprint import band_keys
    from retold.store.bandlog import band_folder

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with Store(db) as st:
        assert st.band_layout == "log"
        keys, arts = st.band_files().rows()
        got = set(zip(keys.tolist(), arts.tolist(), strict=True))
        stored = st.articles_by_row(st.all_rows())
        want = {
            (int(k), r)
            for r, ks in zip(stored, band_keys(list(stored.values()), st.lsh_layout), strict=True)
            for k in st.stored_bands(ks)
        }
        assert got == want and len(keys) == len(got)
    return got, sorted(p.name for p in band_folder(db).iterdir() if p.name.startswith("bands-"))


@pytest.mark.parametrize(
    ("where", "nth"), [("before-file", 3), ("after-file", 3), ("merged-file", 0), ("merged-named", 0)]
)
def test_band_log_killed_around_a_file_or_a_merge(
    inputs: tuple[Path, Path], tmp_path: Path, where: str, nth: int
) -> None:
    """A lexical store's band files (``meta.band_layout = log``): killed before or after a batch's file is written
    (its transaction not committed), after a merged file is written (not yet named) or after it is named (the files
    it replaces not yet unlinked). The reopened store reads exactly its committed articles' band rows; the next
    writer removes the files nothing names and the add run again completes the store."""
    from retold.store.bandlog import Listed, file_name

    seed, full = inputs
    part = tmp_path / "part.jsonl"
    part.write_text("".join(full.read_text(encoding="utf-8").splitlines(keepends=True)[:400]), encoding="utf-8")
    db = tmp_path / "s.db"
    assert run("add", str(seed), "--db", str(db), "-q").returncode == 0
    script = tmp_path / "die.py"
    script.write_text(_BAND_KILL_SCRIPT)
    r = subprocess.run([sys.executable, str(script), str(db), str(part), where, str(nth)], env=ENV)
    assert r.returncode == -signal.SIGKILL
    rows, on_disk = band_state(db)
    assert SEED <= count(db) < 400 and rows
    with Store(db) as st:
        named = [file_name(n) for n, _ in Listed.of(st.con).files]
    if where == "before-file":
        assert named == on_disk
    else:
        assert set(named) < set(on_disk)  # what the kill left: a file named nowhere
    r = subprocess.run(retold("add", str(part), "--db", str(db), "-q"), env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows, on_disk = band_state(db)
    assert count(db) == 400
    with Store(db) as st:
        assert on_disk == [file_name(n) for n, _ in Listed.of(st.con).files]
    assert not [p for p in (tmp_path / "s.db.vectors").iterdir() if ".tmp" in p.name]
