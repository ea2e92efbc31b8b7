"""The bulk candidate channels' pairing of shared buckets."""

from __future__ import annotations

import numpy as np

from retold.provenance.candidates import _count_pairs, _shared


def one_at_a_time(buckets: list[np.ndarray], wanted: np.ndarray | None, cap: int) -> dict[tuple[int, int], int]:
    """Every pair of rows of each bucket of 2 to ``cap`` rows, counted once per bucket (the reference)."""
    out: dict[tuple[int, int], int] = {}
    for rows in buckets:
        if not 2 <= len(rows) <= cap:
            continue
        for x in range(len(rows)):
            for y in range(x + 1, len(rows)):
                a, b = sorted((int(rows[x]), int(rows[y])))
                if a == b or (wanted is not None and a not in wanted and b not in wanted):
                    continue
                out[(a, b)] = out.get((a, b), 0) + 1
    return out


def test_buckets_of_every_size_pair_as_one_at_a_time() -> None:
    rng = np.random.default_rng(7)
    sizes = [0, 1, 2, 2, 3, 5, 2, 9, 3, 12, 2, 4]  # 9 and 12 over the cap; repeated rows in some buckets
    buckets = [rng.integers(0, 15, n, dtype=np.int64) for n in sizes * 5]
    for wanted in (None, np.array([1, 4, 9], dtype=np.int64)):
        got = _count_pairs(_shared(iter(buckets), wanted, 8))
        assert got == one_at_a_time(buckets, wanted, 8)
        assert got
    assert _count_pairs(_shared(iter([]), None, 8)) == {}
