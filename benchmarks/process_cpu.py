"""CPU seconds of each process of ``add`` and ``scan --lexical`` on one corpus, for one checkout or two taking turns.

    .venv/bin/python benchmarks/process_cpu.py [--size 10000] [--seed 0] [--corpus FILE] [--against DIR] [--turns 2]

Builds the corpus of ``corpus_scan.py`` (``corpus_data.build``: real news with planted reuse) unless ``--corpus``
names one, then runs, in a fresh process per run, ``Corpus.add`` and ``Corpus.scan(lexical=True)`` as the CLI runs
them (``default_workers()``) on a new store, and prints for each: the wall seconds, the CPU seconds of the calling
process (``getrusage(RUSAGE_SELF)``) and of its helper processes together (``RUSAGE_CHILDREN``: the add's
fingerprinting process, the scan's verifying workers, counted once they have ended), and the scan's own stage
seconds, and the add's cycle collections in the calling process (how many of each generation, their CPU seconds).
The machine these figures come from is shared, so two checkouts are compared by CPU seconds, not wall
seconds, and take turns (``--against DIR``: another checkout, ``git worktree add DIR COMMIT`` or ``git archive``
of its ``src``). Each run also prints digests of the store's band rows (from its ``bands`` table or its band files:
one digest for both layouts), of its band groups (``Store.band_groups``, any key two or more articles hold) and
exact-key rows and of its edge rows (both
articles' ids, mode, relation, scores, direction and evidence): two checkouts that must find the same thing print
the same digests, and a digest of the articles table's rows (id, hash, language, sentence bounds and normal forms,
the decompressed text): what the writer read.
"""

from __future__ import annotations

import argparse
import base64
import gc
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

ROOT = Path(__file__).resolve().parents[1]
EDGES = (
    "SELECT x.id, y.id, e.mode, e.relation, e.score, e.coverage_a, e.coverage_b, e.direction, e.direction_confidence, "
    "e.evidence FROM edges e JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b ORDER BY x.id, y.id, e.mode"
)


# what the writer made of each article: its id, content hash, language, sentences (bounds, normal forms, title) and text
ARTICLES = (
    "SELECT id, hash, language, n_sentences, title, bounds, norms, title_first, text_z FROM articles ORDER BY id, hash"
)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _digest(rows: Iterable[Any]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(json.dumps(row).encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def _band_rows(db: Path, con: Any) -> Iterator[Any]:
    """Every band row ``(key, article)`` by key then article, wherever the store keeps them: in the ``bands`` table,
    or in band files (``meta.band_layout = log``: read through the store), so both layouts give one digest."""
    from retold.store.sqlite import Store

    with Store(db) as st:
        if getattr(st, "band_layout", "table") == "log":
            keys, arts = st.band_files().rows()
            yield from zip(keys.tolist(), arts.tolist(), strict=True)
            return
    yield from con.execute("SELECT key, article FROM bands ORDER BY key, article")


def _band_groups(db: Path) -> Iterator[Any]:
    """Every band key's articles where two or more hold it, as the store's ``band_groups`` gives them (any layout,
    either checkout's code), a key at a time."""
    import numpy as np

    from retold.store.sqlite import Store

    with Store(db) as st:
        for sizes, rows in st.band_groups(1 << 30):
            yield from (g.tolist() for g in np.split(rows, np.cumsum(sizes)[:-1]))


@contextmanager
def _collections() -> Iterator[dict[str, Any]]:
    """The cycle collections of this process inside the block: how many of each generation, and their CPU seconds."""
    counts = [0, 0, 0]
    spent = [0.0]
    began = [0.0]

    def heard(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.process_time()
        else:
            counts[info["generation"]] += 1
            spent[0] += time.process_time() - began[0]

    out: dict[str, Any] = {}
    gc.callbacks.append(heard)
    try:
        yield out
    finally:
        gc.callbacks.remove(heard)
        out.update(generations=counts, cpu=round(spent[0], 3))


def measure(corpus: Path, db: Path) -> dict[str, object]:
    """One add and lexical scan of ``corpus`` into the new store ``db``, in this process and its helpers."""
    import sqlite3

    from retold.corpus import Corpus, default_workers
    from retold.store.packing import inflate

    c = Corpus(db)
    marks = [(_cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter())]
    with _collections() as collected:
        report = c.add([str(corpus)], workers=default_workers())
    marks.append((_cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()))
    result, _, _ = c.scan(lexical=True, workers=default_workers())
    marks.append((_cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()))
    out: dict[str, object] = {"articles": len(report.added)}
    for k, step in enumerate(("add", "scan")):
        (s0, c0, w0), (s1, c1, w1) = marks[k], marks[k + 1]
        out[step] = {"wall": round(w1 - w0, 2), "main_cpu": round(s1 - s0, 2), "helpers_cpu": round(c1 - c0, 2)}
    out["add_collections"] = collected
    out["scan_stages"] = {k: round(v, 2) for k, v in result.seconds.items()}
    out["candidates"], out["edges"] = result.candidates, len(result.edges)
    con = sqlite3.connect(db)
    zdict = con.execute("SELECT value FROM meta WHERE key = 'text_dictionary'").fetchone()  # a store since session 49
    text = (lambda z: inflate(z, base64.b64decode(zdict[0]))) if zdict else inflate
    out["digests"] = {
        "bands": _digest(_band_rows(db, con)),
        "groups": _digest(_band_groups(db)),
        "keys": _digest(con.execute("SELECT key, article, sentence, kind FROM keys ORDER BY key, article, sentence")),
        "edges": _digest(con.execute(EDGES)),
        "articles": _digest(
            (i, h, lang, n, title, bounds.hex() if isinstance(bounds, bytes) else bounds, norms, first, text(z))
            for i, h, lang, n, title, bounds, norms, first, z in con.execute(ARTICLES)
        ),
    }
    con.close()
    out["load"] = round(os.getloadavg()[0], 1)
    return out


def parse_measured(ap: argparse.ArgumentParser) -> argparse.Namespace:
    """``ap``'s arguments with the hidden ``--measure CORPUS --db DB`` that :func:`run` gives a fresh process."""
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    return ap.parse_args()


def run(src: Path, corpus: Path, tmp: Path, script: str = __file__) -> dict[str, object]:
    """``script --measure CORPUS --db DB`` in a fresh process with the checkout ``src`` (a new store in ``tmp``):
    the JSON object its last line prints."""
    db = Path(tempfile.mkdtemp(dir=tmp)) / "c.db"
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, script, "--measure", str(corpus), "--db", str(db)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def line(name: str, got: dict[str, object]) -> str:
    add, scan = got["add"], got["scan"]
    assert isinstance(add, dict) and isinstance(scan, dict)
    return (
        f"{name}: add {add['wall']:.1f}s wall, CPU main {add['main_cpu']:.2f} + helper {add['helpers_cpu']:.2f}; "
        f"scan {scan['wall']:.1f}s wall, CPU main {scan['main_cpu']:.2f} + workers {scan['helpers_cpu']:.2f} "
        f"(stages {got['scan_stages']}); {got['candidates']} candidates, {got['edges']} edges; "
        f"the add's collections {got.get('add_collections')}; "
        f"digests {got['digests']}; load {got['load']}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="a JSONL corpus to use instead of building one")
    ap.add_argument("--against", type=Path, help="another checkout, timed in turn with this one")
    ap.add_argument("--turns", type=int, default=2)
    args = parse_measured(ap)
    if args.measure:
        print(json.dumps(measure(args.measure, args.db)))
        return
    with tempfile.TemporaryDirectory(prefix="retold-cpu-") as name:
        tmp = Path(name)
        corpus = args.corpus
        if corpus is None:
            corpus_data.build(args.size, tmp, args.seed)
            corpus = tmp / "corpus.jsonl"
        checkouts = [("this", ROOT / "src")] + ([("other", args.against / "src")] if args.against else [])
        for turn in range(args.turns):
            for name_, src in checkouts:
                print(line(f"{name_} checkout, turn {turn + 1}", run(src, corpus, tmp)), flush=True)


if __name__ == "__main__":
    main()
