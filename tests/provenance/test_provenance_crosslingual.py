"""The cross-language channel's candidate choice (``retold.provenance.crosslingual``): picked from all articles
at once (the local scan) or from blocks of articles merged (the Spark engine), a query gets the same
candidates; only articles in other languages, within the date window, at the floor or above, at most
``PER_QUERY``, ties to the earlier article."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.embed.base import unit_rows
from retold.provenance import crosslingual as xl


def _collection(
    seed: int, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str], dict[int, float | None]]:
    rng = np.random.default_rng(seed)
    rows = np.arange(1, n + 1, dtype=np.int64)
    per = rng.integers(1, 3, size=n)  # one or two passages an article
    at = np.repeat(np.arange(n, dtype=np.int64), per)
    base = rng.normal(size=(4, 16))  # few topics: many cosines above the floor, some ties
    vecs = unit_rows((base[rng.integers(0, 4, size=len(at))] + 0.4 * rng.normal(size=(len(at), 16))).astype(np.float32))
    if n > 3:
        vecs[at == 3] = vecs[at == 2][0]  # articles 3 and 4 hold the same passage: a tie
    language = {int(r): str(rng.choice(["en", "de", "fr"])) for r in rows}
    published = {int(r): (None if rng.random() < 0.2 else float(rng.integers(0, 40)) * 86_400) for r in rows}
    return rows, at, vecs, language, published


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 40), st.integers(1, 15), st.sampled_from([None, 10.0]))
def test_blocks_merged_pick_what_all_at_once_picks(seed: int, n: int, block: int, window: float | None) -> None:
    rows, at, vecs, language, published = _collection(seed, n)
    for qi in range(n):
        q = int(rows[qi])
        query = vecs[at == qi]
        whole = xl.pick(q, rows, xl.best_cosines(query, vecs, at, n), language, published, window)
        parts = []
        for lo in range(0, n, block):
            keep = (at >= lo) & (at < lo + block)
            sub = rows[lo : lo + block]
            best = xl.best_cosines(query, vecs[keep], at[keep] - lo, len(sub))
            parts += xl.pick(q, sub, best, language, published, window)
        assert xl.merge_picks(parts) == whole
        assert len(whole) <= xl.PER_QUERY
        for r, cos in whole:
            assert language[r] != language[q] and cos >= xl.FLOOR and r != q
            if window is not None and published[q] is not None and published[r] is not None:
                assert abs(published[q] - published[r]) <= window * 86_400  # type: ignore[operator]
        cosines = [c for _, c in whole]
        assert cosines == sorted(cosines, reverse=True)
