"""The vector channel as arrays (``retold.provenance.vector_rows``): the same evidence and the same
admitted pairs as the per-pair objects it replaces in a scan's candidate stage."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.provenance.evidence import Evidence, Settings, admit
from retold.provenance.vector_channel import vector_pairs
from retold.provenance.vector_rows import merge_rows, pair_rows
from retold.store.base import sentence_id


def _search(seed: int, n_art: int = 6, sents: int = 4, k: int = 5) -> tuple[np.ndarray, ...]:
    """A made-up search: every sentence of some articles with ``k`` neighbours among all sentences."""
    rng = np.random.default_rng(seed)
    q_rows = np.repeat(np.arange(1, n_art + 1), sents)
    q_sent = np.tile(np.arange(sents), n_art)
    hits_r = rng.integers(1, n_art + 1, size=(len(q_rows), k))
    hits_i = rng.integers(0, sents, size=(len(q_rows), k))
    ids = np.vectorize(sentence_id)(hits_r, hits_i).astype(np.int64)
    ids[rng.random(ids.shape) < 0.1] = -1
    scores = -np.sort(-rng.uniform(0.3, 1.0, size=ids.shape).astype(np.float32), axis=1)
    return q_rows, q_sent, scores, ids


def test_a_pair_counts_its_distinct_sentences_on_each_side() -> None:
    # article 1's sentences 0 and 1 both find sentence 2 of article 2; sentence 0 also finds sentence 3
    ids = np.array([[sentence_id(2, 2), sentence_id(2, 3)], [sentence_id(2, 2), sentence_id(1, 0)]], dtype=np.int64)
    scores = np.array([[0.9, 0.6], [0.75, 0.99]], dtype=np.float32)
    pr = pair_rows(np.array([1, 1]), np.array([0, 1]), scores, ids, min_cos=0.45, close_cos=0.7)
    assert (pr.q.tolist(), pr.h.tolist()) == ([1], [2])  # the hit in its own article is left out
    assert (int(pr.n_q[0]), int(pr.n_h[0]), int(pr.close[0])) == (2, 2, 2)
    assert abs(float(pr.best[0]) - 0.9) < 1e-6 and abs(pr.total(0) - (0.9 + 0.75)) < 1e-6


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 3))
def test_arrays_give_what_the_objects_gave(seed: int, searches: int) -> None:
    s = Settings()
    found, dicts = [], []
    for j in range(searches):
        q_rows, q_sent, scores, ids = _search(seed * 7 + j)
        found.append(pair_rows(q_rows, q_sent, scores, ids, s.min_cos, s.close_cos))
        dicts.append(vector_pairs(q_rows.tolist(), q_sent.tolist(), scores, ids, s))
    # the objects, merged search by search as the candidate stage merged them
    want: dict[tuple[int, int], Evidence] = {}
    for d in dicts:
        for p, e in d.items():
            if p in want:
                want[p].merge(e)
            else:
                want[p] = e
    m = merge_rows(found)
    assert m is not None
    got = {(int(a), int(b)): g for g, (a, b) in enumerate(zip(m.lo, m.hi, strict=True))}
    assert set(got) == set(want)
    n_vec = {r: 1 + r % 4 for r in range(1, 7)}
    known = np.array(sorted(n_vec), dtype=np.int64)
    alone = m.admitted_alone(
        known, np.array([n_vec[r] for r in known.tolist()]), s.single_cos, s.min_close, s.min_vec, s.min_vec_share
    )
    for p, g in got.items():
        e = want[p]
        assert (int(m.vec_lo[g]), int(m.vec_hi[g]), int(m.close[g])) == (e.vec_lo, e.vec_hi, e.vec_close)
        assert float(m.best[g]) == e.vec_best and m.total(found, g) == e.vec_sum
        assert bool(alone[g]) == admit(e, n_vec[p[0]], n_vec[p[1]], s)


def test_nothing_found_is_nothing_to_merge() -> None:
    s = Settings()
    empty = pair_rows(np.array([1]), np.array([0]), np.zeros((1, 3), np.float32), np.full((1, 3), -1), 0.45, 0.7)
    assert len(empty) == 0
    assert merge_rows([]) is None and merge_rows([empty]) is None
    assert vector_pairs([1], [0], np.zeros((1, 3), np.float32), np.full((1, 3), -1), s) == {}


def test_a_score_at_a_threshold_is_read_as_the_objects_read_it() -> None:
    # 0.7 and 0.8 stored as float32 lie just below 0.7 and 0.8: not close, not a single-sentence match
    s = Settings()
    ids = np.array([[sentence_id(2, 0)], [sentence_id(2, 1)], [sentence_id(2, 2)]], dtype=np.int64)
    for value in (s.close_cos, s.single_cos):
        scores = np.full((3, 1), value, dtype=np.float32)
        pr = pair_rows(np.array([1, 1, 1]), np.array([0, 1, 2]), scores, ids, s.min_cos, s.close_cos)
        e = vector_pairs([1, 1, 1], [0, 1, 2], scores, ids, s)[(1, 2)]
        assert int(pr.close[0]) == e.vec_close == (3 if float(np.float32(value)) >= s.close_cos else 0)
        m = merge_rows([pr])
        assert m is not None
        for n_vec in ((1, 5), (5, 5)):
            alone = m.admitted_alone(np.array([1, 2]), np.array(n_vec), s.single_cos, s.min_close, s.min_vec, 0.2)
            assert bool(alone[0]) == admit(e, *n_vec, s)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 5))
def test_how_the_queries_are_cut_into_searches_changes_nothing(seed: int, cut: int) -> None:
    # one search of every article's sentences against the same search cut after article ``cut``
    s = Settings()
    q_rows, q_sent, scores, ids = _search(seed)
    whole = merge_rows([pair_rows(q_rows, q_sent, scores, ids, s.min_cos, s.close_cos)])
    parts = [q_rows <= cut, q_rows > cut]
    found = [pair_rows(q_rows[m], q_sent[m], scores[m], ids[m], s.min_cos, s.close_cos) for m in parts]
    cut_up = merge_rows(found)
    assert whole is not None and cut_up is not None
    for field in ("lo", "hi", "vec_lo", "vec_hi", "best", "close"):
        assert getattr(whole, field).tolist() == getattr(cut_up, field).tolist(), field
    one = [pair_rows(q_rows, q_sent, scores, ids, s.min_cos, s.close_cos)]
    assert [whole.total(one, g) for g in range(len(whole.lo))] == [
        cut_up.total(found, g) for g in range(len(cut_up.lo))
    ]
