"""The bulk candidate channels' pairing of shared buckets, held as columns."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from retold.fingerprint import KIND_NUMBERS, KIND_QUOTE, KIND_SENTENCE
from retold.provenance import candidates as cand
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import DAY, Evidence, Settings, admit
from retold.provenance.pair_counts import count_pairs
from retold.provenance.pair_table import Shared, decode
from retold.provenance.vector_channel import merge_vectors, vector_pairs
from retold.store.records import Info


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


@pytest.mark.parametrize("batch", [1 << 20, 5])
def test_buckets_of_every_size_pair_as_one_at_a_time(batch: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs of every bucket, counted in batches of ``batch`` pairs folded together (5: many folds)."""
    from retold.provenance import pair_counts

    monkeypatch.setattr(pair_counts, "BATCH", batch)
    rng = np.random.default_rng(7)
    sizes = [0, 1, 2, 2, 3, 5, 2, 9, 3, 12, 2, 4]  # 9 and 12 over the cap; repeated rows in some buckets
    buckets = [rng.integers(0, 15, n, dtype=np.int64) for n in sizes * 5]
    for wanted in (None, np.array([1, 4, 9], dtype=np.int64)):
        got = as_dict(*count_pairs(iter(buckets), wanted, 8))
        assert got == one_at_a_time(buckets, wanted, 8)
        assert got
    assert as_dict(*count_pairs(iter([]), None, 8)) == {}


def as_dict(codes: np.ndarray, counts: np.ndarray) -> dict[tuple[int, int], int]:
    lo, hi = decode(codes)
    return {(a, b): n for a, b, n in zip(lo.tolist(), hi.tolist(), counts.tolist(), strict=True)}


def test_one_number_in_common_makes_no_object_but_stays_on_a_pair_others_bring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A set of numbers two articles share once admits and ranks no pair: the pairs it alone links make no
    ``Evidence`` (their count grows with the square of the store), and a pair another channel brings keeps it."""
    made: list[object] = []

    class Counted(Evidence):
        def __init__(self, **fields: float) -> None:
            super().__init__(**fields)  # type: ignore[arg-type]
            made.append(self)

    class NoBands:
        def band_groups(self, cap: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
            return iter(())

    monkeypatch.setattr(cand, "Evidence", Counted)
    info = {r: Info(r, f"a{r}", f"h{r}", f"outlet{r}", None, 20, 20) for r in range(1, 41)}
    shared = [(7, KIND_NUMBERS, np.arange(1, 41, dtype=np.int64))]  # "2019" in forty articles: 780 pairs
    shared += [(8, KIND_NUMBERS, np.array([3, 4])), (8 + 1, KIND_NUMBERS, np.array([3, 4]))]  # two sets: admitted
    shared += [(11, KIND_SENTENCE, np.array([1, 2]))]  # a sentence in common
    corpus = cand.Corpus(info, Shared.of(shared), Boilerplate())
    got = cand.bulk(NoBands(), corpus, sorted(info), Settings(), use_vectors=False)  # type: ignore[arg-type]
    assert set(got) == {(1, 2), (3, 4)}
    assert not made  # the evidence is columns until a pair's is asked for
    assert got[(1, 2)].channels() == {"sentences": 1, "numbers": 1}
    assert got[(3, 4)].channels() == {"numbers": 3}
    assert len(made) == 2


class Buckets:
    def __init__(self, bands: list[np.ndarray]) -> None:
        self.bands = bands

    def band_groups(self, cap: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """The buckets as the store gives them: a few at a time, each one's rows one after another."""
        kept = [b for b in self.bands if 2 <= len(b) <= cap]
        for k in range(0, len(kept), 7):
            group = kept[k : k + 7]
            yield np.array([len(b) for b in group], dtype=np.int64), np.concatenate(group)


def reference(
    c: cand.Corpus, bands: list[np.ndarray], queries: list[int], s: Settings
) -> dict[tuple[int, int], Evidence]:
    """The candidates counted one bucket and one pair at a time into ``Evidence`` objects, then ``select``."""
    cap = min(s.bucket_cap, cand.everywhere_threshold(len(c.info)))
    attr = {KIND_SENTENCE: "sentences", KIND_QUOTE: "quotes", KIND_NUMBERS: "numbers"}
    ev: dict[tuple[int, int], Evidence] = {}
    counted: dict[tuple[str, tuple[int, int]], int] = {}
    wanted = None if len(queries) == len(c.info) else set(queries)
    for key, kind, rows in c.shared:
        held = [r for r in rows.tolist() if not c.boilerplate.is_boilerplate(key if kind == KIND_SENTENCE else None,
                                                                               c.info[r].outlet)]  # fmt: skip
        for p, n in one_at_a_time([np.array(held)], wanted, cap).items():
            counted[attr[kind], p] = counted.get((attr[kind], p), 0) + n
    for p, n in one_at_a_time(bands, wanted, s.bucket_cap).items():
        counted["lsh", p] = n
    for (name, p), n in counted.items():
        if name != "numbers" or n > 1:
            setattr(ev.setdefault(p, Evidence()), name, n)
    for (name, p), n in counted.items():
        if name == "numbers" and n == 1 and p in ev:
            ev[p].numbers = 1
    return cand.select(ev, c.info, s)


@pytest.mark.parametrize("seed", range(6))
def test_the_columns_select_what_evidence_objects_select(seed: int) -> None:
    """Random stores: the pairs ``bulk`` selects, their order and their channels, are those of the evidence
    counted pair by pair into objects and selected by ``select`` (shared keys of each kind, boilerplate for an
    outlet and everywhere, band buckets, dates in and out of a window, one-sentence articles, the cap)."""
    rng = np.random.default_rng(seed)
    n = 60
    day = DAY
    info = {
        r: Info(r, f"a{r}", f"h{r}", f"o{r % 4}", None if r % 7 == 0 else float(rng.integers(0, 9)) * day, 20,
                int(rng.choice([1, 3, 20])))
        for r in range(n)
    }  # fmt: skip
    kinds = (KIND_SENTENCE, KIND_QUOTE, KIND_NUMBERS)
    shared = [(k, kinds[k % 3], rng.choice(n, int(rng.integers(2, 9)), replace=False)) for k in range(120)]
    bp = Boilerplate(by_outlet={"o1": {0, 3, 6}, "o2": {9}}, everywhere={12, 15})
    bands = [rng.choice(n, int(rng.integers(2, 6))) for _ in range(150)]
    for s in (Settings(per_article=3, bucket_cap=6), Settings(window_days=4, per_article=5)):
        for queries in (list(range(n)), [2, 5, 40]):
            c = cand.Corpus(info, Shared.of(shared), bp)
            got = cand.bulk(Buckets(bands), c, queries, s, use_vectors=False)  # type: ignore[arg-type]
            want = reference(c, bands, queries, s)
            assert list(got) == list(want)
            assert [got[p].channels() for p in got] == [e.channels() for e in want.values()]
            assert len(want) > 10 or len(queries) < n


@pytest.mark.parametrize("seed", range(4))
def test_the_vector_channel_joins_the_columns_as_it_joined_the_objects(seed: int) -> None:
    """Searches merged into a table of lexical evidence select the pairs, order and channels (scores summed as
    before) that merging each search's ``Evidence`` into the objects and ``select`` gave."""
    from test_provenance_vector_rows import _search

    from retold.provenance.pair_table import Table, encode
    from retold.provenance.vector_rows import pair_rows

    rng = np.random.default_rng(seed)
    s = Settings(per_article=2)
    info = {r: Info(r, f"a{r}", f"h{r}", None, None, 4, 1 + r % 4) for r in range(1, 7)}
    lexical = {(1, 2): 2, (2, 5): 1, (3, 6): 4, (4, 5): 1}
    found, want = [], {p: Evidence(lsh=n) for p, n in lexical.items()}
    for j in range(3):
        q_rows, q_sent, scores, ids = _search(seed * 11 + j + int(rng.integers(0, 100)))
        found.append(pair_rows(q_rows, q_sent, scores, ids, s.min_cos, s.close_cos))
        for p, e in vector_pairs(q_rows.tolist(), q_sent.tolist(), scores, ids, s).items():
            if p in want:
                want[p].merge(e)
            else:
                want[p] = e
    n_vec = {r: i.n_vec for r, i in info.items()}
    want = {p: e for p, e in want.items() if p in lexical or admit(e, n_vec[p[0]], n_vec[p[1]], s)}
    lo, hi = zip(*lexical, strict=True)
    t = Table.of({"lsh": (encode(np.array(lo), np.array(hi)), np.array(list(lexical.values()), dtype=np.int32))})
    rows = cand._Rows(info)
    merge_vectors(t, found, rows.known, rows.n_vec, s)
    got = cand._select(t, rows, s)
    picked = cand.select(want, info, s)
    assert list(got) == list(picked)
    assert [got[p].channels() for p in got] == [e.channels() for e in picked.values()]


@pytest.mark.parametrize("seed", range(4))
def test_pairs_counted_at_least_twice_are_those_of_the_whole_count(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``count_pairs(..., at_least=2)`` (the numbers' first count: 1.39 of 1.41 million pairs at 100,000 articles
    came once) gives the pairs and counts of the whole count that came twice or more, in batches of any size."""
    from retold.provenance import pair_counts

    rng = np.random.default_rng(seed)
    buckets = [rng.choice(40, size=int(rng.integers(1, 7)), replace=False) for _ in range(300)]
    whole = count_pairs(iter(buckets), None, 8)
    monkeypatch.setattr(pair_counts, "BATCH", int(rng.integers(1, 50)))
    got = count_pairs(iter(buckets), None, 8, at_least=2)
    assert got[0].tolist() == whole[0][whole[1] >= 2].tolist() and got[1].tolist() == whole[1][whole[1] >= 2].tolist()
    assert 0 < len(got[0]) < len(whole[0]) and got[1].dtype == whole[1].dtype
    assert [len(x) for x in count_pairs(iter([]), None, 8, at_least=2)] == [0, 0]


@pytest.mark.parametrize("seed", range(6))
def test_folded_counts_are_the_counts_of_every_code(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``PairCounts(fold=True)`` (the band buckets' pairs: 1,705,145 codes, 77,818 distinct at 100,000 articles)
    folds what it holds into the counts so far and gives the counts of all the codes at once, however the batches
    fall; a fold that does not halve what is held stops the folding, with the same answer."""
    from retold.provenance import pair_counts

    rng = np.random.default_rng(seed)
    spread = [30, 300, 100_000][seed % 3]  # many repeats, some, nearly none
    batches = [rng.integers(0, spread, size=int(rng.integers(0, 40))) for _ in range(200)]
    monkeypatch.setattr(pair_counts, "FOLD", 200 if spread == 30 else int(rng.integers(1, 64)))
    want = pair_counts.count_codes(iter([b.copy() for b in batches]))
    folded = pair_counts.PairCounts(fold=True)
    for b in batches:
        folded.add(b.copy())
    if spread == 30:
        assert folded._folding and len(folded._codes) <= spread  # held as counts, not codes
    got = folded.result()
    assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist() and got[1].dtype == np.int32


def test_an_edge_keeps_its_channels_in_field_order_rounded() -> None:
    """The channels a scan stores with an edge (its evidence's JSON): the fields that saw the pair, in the order
    ``Evidence`` declares them, floats to 4 places."""
    ev = Evidence(lsh=2, sentences=3, vec_sum=1.234567, vec_close=1)
    assert list(ev.channels().items()) == [("lsh", 2), ("sentences", 3), ("vec_sum", 1.2346), ("vec_close", 1)]
