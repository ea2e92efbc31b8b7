"""The vector channel's Spark tasks without Spark: one index shard gives exactly the local store's
evidence (the same faiss calls), and two shards merged give the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from retold.corpus import Corpus
from retold.provenance import candidates as cand
from retold.provenance.evidence import Settings
from retold.provenance.vector_channel import vector_evidence
from retold.spark import records as rec
from retold.spark import vectors as vec
from retold.store.sqlite import Store

pytest.importorskip("faiss")
ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles.jsonl"


def _evidence(rows: list[dict[str, Any]], bp: Any, s: Settings) -> dict[tuple[int, int], tuple[Any, ...]]:
    hits = list(vec.search_chunks(sorted(rows, key=lambda r: (r["chunk"], r["shard"], r["row"])), bp, s))
    got = vec.chunk_evidence((0, hits), s)
    return {(g["lo_row"], g["hi_row"]): tuple(g[f] for f in rec.VEC_FIELDS) for g in got}


def test_one_shard_is_the_local_stores_search_and_two_shards_agree(tmp_path: Path) -> None:
    Corpus(tmp_path / "store.db").add([str(ARTICLES)])
    s = Settings()
    with Store(tmp_path / "store.db") as store:
        corpus = cand.load(store)
        rows = store.all_rows()
        arts = store.articles_by_row(rows)
        local = vector_evidence(store, [(r, arts[r]) for r in rows], corpus.boilerplate, corpus.info, s)
    assert len(local) >= 3  # the examples retell one another
    made = [r for r in rec.prepared(rec.read_file(0, str(ARTICLES))) if r["error"] is None]
    assert len(made) == len(rows)
    base = [{**r, "row": k + 1, "chunk": 0} for k, r in enumerate(made)]
    want = {p: (e.vec_lo, e.vec_hi, e.vec_sum, e.vec_best, e.vec_close) for p, e in local.items()}

    for cut in (len(base), 3):  # one shard; rows 1-3 and 4-5 in two
        owner = {r["row"]: 0 if r["row"] <= cut else 1 for r in base}
        paths = {}
        for shard in sorted(set(owner.values())):
            part = [{**r, "shard": shard} for r in base if owner[r["row"]] == shard]
            paths[shard] = next(vec.index_shards(part, str(tmp_path / f"cut{cut}")))["path"]
        # every query chunk is searched in every shard
        got = _evidence(
            [{**r, "shard": k, "path": path} for k, path in paths.items() for r in base], corpus.boilerplate, s
        )
        assert got.keys() == want.keys()
        for p, v in got.items():
            assert v[:2] == want[p][:2] and v[4] == want[p][4]  # sentences counted on each side, close ones
            assert v[2] == pytest.approx(want[p][2], abs=1e-5) and v[3] == pytest.approx(want[p][3], abs=1e-6)
        if cut == len(base):
            assert got == want  # one shard: the local scan's own faiss calls, the same floats
