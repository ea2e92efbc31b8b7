"""The bulk candidate channels' pairing of shared buckets."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

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


def test_one_number_in_common_makes_no_object_but_stays_on_a_pair_others_bring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A set of numbers two articles share once admits and ranks no pair: the pairs it alone links make no
    ``Evidence`` (their count grows with the square of the store), and a pair another channel brings keeps it."""
    from retold.fingerprint import KIND_NUMBERS, KIND_SENTENCE
    from retold.provenance import candidates as cand
    from retold.provenance.boilerplate import Boilerplate
    from retold.store.records import Info

    made: list[object] = []

    class Counted(cand.Evidence):
        def __init__(self, **fields: float) -> None:
            super().__init__(**fields)  # type: ignore[arg-type]
            made.append(self)

    class NoBands:
        def band_buckets(self, cap: int) -> Iterator[np.ndarray]:
            return iter(())

    monkeypatch.setattr(cand, "Evidence", Counted)
    info = {r: Info(r, f"a{r}", f"h{r}", f"outlet{r}", None, 20, 20) for r in range(1, 41)}
    shared = [(7, KIND_NUMBERS, np.arange(1, 41, dtype=np.int64))]  # "2019" in forty articles: 780 pairs
    shared += [(8, KIND_NUMBERS, np.array([3, 4])), (8 + 1, KIND_NUMBERS, np.array([3, 4]))]  # two sets: admitted
    shared += [(11, KIND_SENTENCE, np.array([1, 2]))]  # a sentence in common
    corpus = cand.Corpus(info, shared, Boilerplate())
    got = cand.bulk(NoBands(), corpus, sorted(info), cand.Settings(), use_vectors=False)  # type: ignore[arg-type]
    assert set(got) == {(1, 2), (3, 4)}
    assert got[(1, 2)].channels() == {"sentences": 1, "numbers": 1}
    assert got[(3, 4)].channels() == {"numbers": 3}
    assert len(made) == 2
