"""``benchmarks/corpus_memory.py``: the memory of a benchmark's process tree, RSS and PSS, per stage."""

from __future__ import annotations

import os
import subprocess
import sys


def test_tree_memory_counts_helpers_and_their_shared_pages_once_per_stage() -> None:
    import corpus_memory

    tree = corpus_memory.TreeMemory()
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        tree.stage("before")
        tree.sample(os.getpid())
        tree.stage("finding candidates", 0, 10)  # a progress callback's arguments
        tree.sample(os.getpid())
        own = corpus_memory.pss_kib(os.getpid()) / 1024
    finally:
        helper.kill()
        helper.wait()
    assert set(tree.stages) == {"before", "finding candidates"}
    assert 0 < tree.helper_pss_mb <= tree.helper_mb
    for at in tree.stages.values():  # the interpreter's pages both processes map are counted once in the PSS sum
        assert own < at["pss_mb"] < at["rss_mb"] <= tree.peak_mb
    assert tree.pss_mb == max(at["pss_mb"] for at in tree.stages.values())
