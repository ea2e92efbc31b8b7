"""Furniture several outlets carry (a syndicated columnist's biography, ``furniture_papers``): boilerplate
for a scan and a ``sources`` query, while a wire story that as many outlets print stays reuse."""

from __future__ import annotations

import itertools
import random
import statistics
import tracemalloc
from collections.abc import Collection, Mapping
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.corpus import Corpus
from retold.provenance import boilerplate as bp
from retold.provenance import candidates as cand
from retold.store.sqlite import Store

WIRE = {f"wire-{k}" for k in range(4)}


def test_a_biography_several_outlets_run_makes_no_edges_and_wire_copy_stays(
    furniture_papers: Path, tmp_path: Path
) -> None:
    c = Corpus(tmp_path / "s.db")
    result, _, _ = c.scan([str(furniture_papers)], lexical=True)
    pairs = {(e.a, e.b) for e in result.edges}
    # no two columns are a retelling: they share the biography and nothing else
    assert not {p for p in pairs if p[0].startswith("column") or p[1].startswith("column")}
    # the four printings of the wire story are, pair by pair
    assert {tuple(sorted(p)) for p in pairs} == {(a, b) for a in WIRE for b in WIRE if a < b}
    with Store(tmp_path / "s.db") as st:
        everywhere = cand.load(st).boilerplate.everywhere
    # the biography's two sentences, none of the wire story's
    assert len(everywhere) == 2


def test_a_query_leaves_out_the_biography_too(furniture_papers: Path, tmp_path: Path) -> None:
    """``sources`` judges the boilerplate for the query's keys alone (``query.targeted_boilerplate``) and
    comes to the scan's answer."""
    c = Corpus(tmp_path / "s.db")
    c.add([str(furniture_papers)])
    assert c.sources("column-0", lexical=True) == []
    assert {f.edge.b for f in c.sources("wire-0", lexical=True)} == WIRE - {"wire-0"}


def test_spread_asks_what_else_the_holders_share() -> None:
    """A key four articles hold is furniture when their pairs share little else, not when they share a run."""
    outlets = {r: f"outlet {r}" for r in range(4)}
    alone = {1: [0, 1, 2, 3]}
    story = {k: [0, 1, 2, 3] for k in range(1, 7)}
    assert bp.spread(alone, outlets, 100) == {1}
    assert bp.spread(story, outlets, 100) == set()
    # articles of no known outlet are not counted: unnamed papers printing one line is no evidence
    assert bp.spread(alone, {0: "outlet 0", 1: "outlet 1", 2: "outlet 2"}, 100) == set()


def _reference(
    holders: Mapping[int, Collection[int]], outlets: Mapping[int, str | None], n_articles: int, least: int, shared: int
) -> set[int]:
    """The third rule in plain Python: keys of ``least`` or more articles (``least`` of known outlets), fewer
    than boilerplate everywhere, whose pairs of articles share at most ``shared`` such keys, the median pair."""
    limit = bp.everywhere_threshold(n_articles)
    small = [(k, set(rows)) for k, rows in holders.items() if len(set(rows)) < limit]
    out = set()
    for k, rows in small:
        if len(rows) < least or sum(outlets.get(r) is not None for r in rows) < least:
            continue
        pairs = itertools.combinations(sorted(rows), 2)
        if statistics.median(sum(a in o and b in o for _, o in small) for a, b in pairs) <= shared:
            out.add(k)
    return out


def test_spread_counts_each_pairs_keys_below_the_limit_once() -> None:
    """Articles 0-3 share keys 1, 9 and 10 (9 listing 2 and 3 twice), 0 and 1 a run too, 2 and 3 key 7: the
    median pair of 0-3 shares 3 keys, so they are furniture; key 8, held by 50 articles (boilerplate
    everywhere already), would make it 4 if it were counted. Key 12's pairs share a run each (median 4);
    key 6 has two articles of known outlets (6: None, 7: none given)."""
    holders: dict[int, list[int]] = {1: [0, 1, 2, 3], 9: [0, 1, 2, 3, 2, 3], 10: [3, 2, 1, 0]}
    holders |= {k: [0, 1] for k in range(2, 6)}
    holders |= {6: [4, 5, 6, 7], 7: [2, 3, 4, 5, 6], 8: [0, 1, 2, 3, *range(100, 146)], 12: [0, 1, 8, 9]}
    holders |= {k: [8, 9] for k in (13, 14, 15)} | {k: [0, 9] for k in (16, 17, 18)}
    holders |= {k: [1, 8] for k in (19, 20, 21)}
    outlets: dict[int, str | None] = {r: f"outlet {r}" for r in [*range(6), 8, 9, *range(100, 146)]} | {6: None}
    assert bp.everywhere_threshold(1000) == 50
    assert bp.spread(holders, outlets, 1000) == {1, 7, 9, 10} == _reference(holders, outlets, 1000, 4, 3)
    assert bp.spread(holders, outlets, 1000, shared=2) == {7} == _reference(holders, outlets, 1000, 4, 2)
    assert bp.spread({}, outlets, 1000) == set()


@st.composite
def _stores(draw: st.DrawFn) -> tuple[dict[int, list[int]], dict[int, str | None], int]:
    rows = st.integers(-3, 14)
    holders = draw(st.dictionaries(st.integers(-(2**62), 2**62), st.lists(rows, max_size=12), max_size=14))
    if draw(st.booleans()):  # a key of 49 to 55 articles (the limit is 50, or 100), with rows of the others
        holders[2**63 - 1] = list(range(-3, draw(st.integers(46, 52))))
    outlets = {r: draw(st.sampled_from([None, "a", "b"])) for r in draw(st.sets(rows))}
    return holders, outlets, draw(st.sampled_from([0, 1000, 20_000]))


@settings(max_examples=400, deadline=None)
@given(_stores(), st.integers(2, 5), st.integers(0, 4))
def test_spread_agrees_with_a_plain_reference(
    store: tuple[dict[int, list[int]], dict[int, str | None], int], least: int, shared: int
) -> None:
    holders, outlets, n_articles = store
    assert bp.spread(holders, outlets, n_articles, least, shared) == _reference(
        holders, outlets, n_articles, least, shared
    )


def test_spread_takes_a_few_dozen_bytes_a_pair() -> None:
    """Issue 14: a ``Counter`` of tuples took some 180 bytes for each pair of articles sharing a key (1,264 MiB
    while a scan of 100,000 articles loaded its candidates); codes in arrays take under 100."""
    rng = random.Random(0)
    holders = {k: rng.sample(range(20_000), rng.randint(3, 8)) for k in range(30_000)}
    outlets = {r: f"outlet {r % 50}" for r in range(20_000)}
    pairs = sum(len(v) * (len(v) - 1) // 2 for v in holders.values())
    tracemalloc.start()
    try:
        found = bp.spread(holders, outlets, 20_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) > 20_000  # keys of 4 to 8 articles sharing little else: most are judged furniture
    assert peak < 100 * pairs
