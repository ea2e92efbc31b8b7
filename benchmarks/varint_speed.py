"""The store's varint codec (``retold.store.varint``, a loop over Python ints) against the vectorised numpy
codec a packed base used before, on what a store of real news articles encodes and decodes.

    python benchmarks/varint_speed.py [--articles 2000] [--repeats 5]

The first ``--articles`` news_allsides articles are read as ingest reads them; each one's sentence offsets (its
gaps and lengths: one call an article, as ``packing.bounds_bytes`` and ``unpack`` make) and the zigzagged id
steps of all their indexable sentences (one call, as a packed base is written and read) are encoded and decoded
by both codecs, which must give the same bytes and values. Prints the best-of-``--repeats`` milliseconds of each
of the four jobs for each codec, and the totals.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
from retold.fingerprint import indexable
from retold.ingest import read_articles
from retold.store import varint
from retold.store.base import sentence_id


def numpy_encode(values: np.ndarray) -> bytes:
    """The vectorised encoder ``graphfile._varints`` was (before session 36)."""
    v = np.asarray(values, dtype=np.uint64)
    size = np.ones(len(v), dtype=np.int64)
    for k in range(1, 10):
        size += v >= np.uint64(1) << np.uint64(7 * k)
    starts = np.cumsum(size) - size
    out = np.empty(int(size.sum()), dtype=np.uint8)
    for k in range(10):
        at = size > k
        byte = (v[at] >> np.uint64(7 * k)) & np.uint64(0x7F)
        out[starts[at] + k] = byte | np.where(size[at] > k + 1, np.uint64(0x80), np.uint64(0))
    return out.tobytes()


def numpy_decode(data: bytes) -> np.ndarray:
    """The vectorised decoder inside ``graphfile._ids`` (before session 36)."""
    b = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(b < 0x80)
    if not len(ends):
        return np.zeros(0, dtype=np.uint64)
    starts = np.concatenate([[0], ends[:-1] + 1]).astype(np.int64)
    shift = (np.arange(len(b), dtype=np.int64) - np.repeat(starts, ends - starts + 1)) * 7
    return np.add.reduceat((b & 0x7F).astype(np.uint64) << shift.astype(np.uint64), starts).astype(np.uint64)


def _best_ms(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    news, _ = corpus_data.news()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "articles.jsonl"
        rows = [{"id": a["id"], "title": a["title"], "text": a["text"]} for a in news[: args.articles]]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        arts = list(read_articles(str(path)))
    offsets: list[list[int]] = []
    for a in arts:
        values, prev = [], 0
        for s in a.sentences:
            values += (s.start - prev, s.end - s.start)
            prev = s.end
        offsets.append(values)
    ids = np.array([sentence_id(r, s.i) for r, a in enumerate(arts, 1) for s in a.sentences if indexable(s)])
    steps = np.diff(ids, prepend=np.int64(0))
    z = ((steps << 1) ^ (steps >> 63)).view(np.uint64)
    z_list = z.tolist()
    kept = [varint.encode(v) for v in offsets]
    id_bytes = varint.encode(z_list)
    assert kept == [numpy_encode(np.array(v)) for v in offsets] and id_bytes == numpy_encode(z)
    assert [varint.decode(b) for b in kept] == offsets == [numpy_decode(b).tolist() for b in kept]
    assert varint.decode(id_bytes) == z_list == numpy_decode(id_bytes).tolist()
    n_values = sum(map(len, offsets))
    print(f"{len(arts)} articles: {n_values:,} offset values ({sum(map(len, kept)):,} bytes), {len(z):,} ids")
    jobs = {
        "python": (
            lambda: [varint.encode(v) for v in offsets],
            lambda: [varint.decode(b) for b in kept],
            lambda: varint.encode(z.tolist()),
            lambda: np.array(varint.decode(id_bytes), dtype=np.uint64),
        ),
        "numpy": (
            lambda: [numpy_encode(np.array(v)) for v in offsets],
            lambda: [numpy_decode(b) for b in kept],
            lambda: numpy_encode(z),
            lambda: numpy_decode(id_bytes),
        ),
    }
    names = ("offsets encode", "offsets decode", "ids encode", "ids decode")
    for codec, fns in jobs.items():
        ms = [_best_ms(f, args.repeats) for f in fns]
        parts = ", ".join(f"{n} {m:.1f}" for n, m in zip(names, ms, strict=True))
        print(f"{codec}: {parts}; total {sum(ms):.1f} ms")


if __name__ == "__main__":
    main()
