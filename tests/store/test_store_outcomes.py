"""An add's report: an ``Added`` per article, held as a few bytes each."""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

import pytest

from retold.corpus import BATCH, Corpus
from retold.provenance.summaries import add_json
from retold.store.outcomes import EVERY, Outcomes, Prefixed
from retold.store.records import Added


def test_prefixed_strings_come_back_in_order_and_one_at_a_time() -> None:
    values: list[str | None] = [f"feeds/harbour.jsonl:{k}" for k in range(EVERY * 3 + 5)]
    values[3:3] = [None, "", "é-1", "è-2", "\ud800 lone", "x" * 300, "x" * 300 + "y", None, "\U0001f600"]
    got = Prefixed()
    for v in values:
        got.append(v)
    assert list(got) == values and len(got) == len(values)
    assert [got[k] for k in range(len(values))] == values  # each from the last string coded whole
    with pytest.raises(IndexError):
        got[len(values)]
    paths = Prefixed()
    for k in range(1000):
        paths.append(f"feeds/harbour.jsonl:{k}")
    assert paths.nbytes() < 6 * 1000  # what a path adds to the one before (2-3 bytes and 2 of lengths), not 20-23


def test_outcomes_are_the_sequence_of_added_they_were_given() -> None:
    added = [Added(f"r{k}", "added", None, f"in.jsonl:{k + 1}") for k in range(EVERY + 3)] + [Added("t", "added")]
    got = Outcomes("added", added)
    assert got == added and list(got) == added and len(got) == len(added) and got != added[:-1]
    assert got[-1] == added[-1] and got[EVERY + 1] == added[EVERY + 1] and got[2:5] == added[2:5]
    with pytest.raises(IndexError):
        got[len(added)]
    with pytest.raises(ValueError, match="'duplicate' outcome among the 'added'"):
        got.append(Added("r1", "duplicate", "r1"))
    dups = [Added("a", "duplicate", "a", "x.jsonl:1"), Added("b", "duplicate", "a~1", None, ("title", "url"))]
    assert Outcomes("duplicate", dups) == dups and not Outcomes("duplicate")


def _records(path: Path, n: int) -> None:
    path.write_text(
        "".join(
            json.dumps({"id": f"harbour-{k:05d}", "text": f"Crews in Varden moved {k * 7} containers on day {k}."})
            + "\n"
            for k in range(n)
        )
    )


def test_an_add_s_report_names_every_article_in_a_few_bytes_each(tmp_path: Path) -> None:
    src, n = tmp_path / "harbour.jsonl", BATCH * 3 + 5
    _records(src, n)
    ids = [f"harbour-{k:05d}" for k in range(n)]
    tracemalloc.start()
    try:
        report = Corpus(tmp_path / "s.db").add([str(src)])
        assert [a.id for a in report.added] == ids and add_json(report)["added"] == ids
        assert [a.path for a in report.added] == [f"{src}:{k + 1}" for k in range(n)] and not report.duplicates
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        del report
        gc.collect()
        freed = held - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert 0 < freed < 40 * n  # a list of Added objects held 325 bytes an article

    again = Corpus(tmp_path / "s.db").add([str(src)])
    assert not again.added and [(d.id, d.existing, d.status) for d in again.duplicates] == [
        (i, i, "duplicate") for i in ids
    ]
