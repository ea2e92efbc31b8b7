"""``benchmarks/base_memory.py``: a store's newest base read and written again in a fresh process, with its peaks and
the md5 of what was written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest


def test_a_run_reads_the_newest_base_and_writes_the_same_bytes_the_store_saved(tmp_path: Path) -> None:
    import base_memory
    from retold.store.faiss_index import FaissIndex

    store = tmp_path / "store.db"
    with pytest.raises(SystemExit, match="no vector base"):
        base_memory.newest_base(store)
    rng = np.random.default_rng(3)
    v = rng.normal(size=(400, 32)).astype(np.float32)
    ix = FaissIndex(32, hnsw_from=100)
    ix.add(np.arange(400, dtype=np.int64), v / np.linalg.norm(v, axis=1, keepdims=True))
    ix.save(Path(f"{store}.vectors"), 1, layout="zstd")
    ix.save(Path(f"{store}.vectors"), 2, layout="zstd")
    base = base_memory.newest_base(store)
    assert base.name == "base-000000000002.faiss"
    got = base_memory.run(base_memory.ROOT / "src", base, "zstd")
    assert got["vectors"] == 400 and got["bytes"] == base.stat().st_size
    assert got["md5"] == hashlib.md5(base.read_bytes()).hexdigest()
    assert 0 < float(got["after_read_mb"]) <= float(got["read_peak_mb"])


def test_a_build_run_indexes_a_copy_and_leaves_the_store_without_an_index(tmp_path: Path) -> None:
    import base_memory
    from retold.corpus import Corpus

    store = tmp_path / "s.db"
    Corpus(store).add([str(base_memory.ROOT / "examples" / "articles.jsonl")])
    got = base_memory.built(base_memory.ROOT / "src", store)
    assert got["vectors"] > 20 and got["build_peak_mb"] > 0 and got["build_s"] > 0
    assert not list(Path(f"{store}.vectors").glob("base-*"))  # the copy was indexed, not the store
    from retold.store.sqlite import Store

    with Store(store, write=True) as st:
        assert len(st.index) == got["vectors"]  # the same index a store builds on its first default-mode use
    with pytest.raises(SystemExit, match="keeps an index already"):
        base_memory.built(base_memory.ROOT / "src", store)
