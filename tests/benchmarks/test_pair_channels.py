"""``benchmarks/pair_channels.py`` replays a lexical scan's verification pair by pair: the same pairs and verdicts
as the scan, grouped by the channels that admitted them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pair_channels import REUSE, group_of, replay, table
from retold.corpus import Corpus
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    ("channels", "group"),
    [
        ({"lsh": 1}, "lsh=1"),
        ({"lsh": 3, "sentences": 2}, "lsh>1+sentences"),
        ({"quotes": 1, "numbers": 1}, "quotes"),  # one set of numbers admits no pair
        ({"numbers": 2}, "numbers>=2"),
        ({}, "none"),
    ],
)
def test_a_pair_is_grouped_by_the_channels_that_admitted_it(channels: dict[str, float], group: str) -> None:
    assert group_of(channels) == group


def test_the_replay_gives_the_scans_pairs_and_verdicts(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Corpus(db).add([str(EXAMPLES)])
    pairs = replay(db)
    Corpus(db).scan(lexical=True)
    with Store(db) as st:
        scanned = {tuple(sorted((e.edge.a, e.edge.b))) for e in st.each_edge("lexical", REUSE)}
    found = {tuple(sorted(p["ids"])) for p in pairs if p["relation"] in REUSE}
    assert scanned and found == scanned
    rows = table(pairs)
    assert sum(g["pairs"] for g in rows.values()) == len(pairs)
    assert sum(g["reuse"] for g in rows.values()) == len(found)
