"""``add``'s batches shared by the writer and the helper process (``retold.store.intake``): where a batch is
read changes nothing stored or reported."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

from retold.ingest.read import Item, read_items
from retold.ingest.records import Row
from retold.model import Article
from retold.store.intake import BUSY, DEPTH, Intake, read_prepared
from retold.store.records import Prepared, prepare, prepare_shipped

Dump = Callable[[Path], dict[str, list[tuple[object, ...]]]]  # the ``dump`` fixture


class Held(Executor):
    """A helper that finishes nothing until told (``finish``), so a test sets its backlog."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Future[Any], tuple[Any, ...]]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        self.calls.append((fn.__name__, fut, args))
        return fut

    def finish(self) -> None:
        for name, fut, args in self.calls:
            if not fut.done():
                fut.set_result({"read_prepared": read_prepared, "prepare_shipped": prepare_shipped}[name](*args))


def _plain(p: Prepared) -> tuple[object, ...]:
    return p.hash, p.bands.tolist(), p.keys.tolist(), p.packed, p.n_vec, p.text_z


def _rows(start: int, n: int) -> list[Item]:
    return [
        Row(f"f.jsonl:{k}", f"f:{k}", {"id": f"r{k}", "text": f"Report {k} from the harbour. Crews moved {k} boxes."})
        for k in range(start, start + n)
    ]


def test_the_helper_reads_whole_batches_until_it_is_behind_then_the_writer_reads_them() -> None:
    pool = Held()
    intake = Intake(pool, 4)
    batches = [_rows(10 * b, 10) for b in range(BUSY + 1)]
    for batch in batches:
        intake.put(["f.jsonl"] * len(batch), batch)
    assert [name for name, _, _ in pool.calls] == ["read_prepared"] * BUSY + ["prepare_shipped"]
    assert len(batches) <= DEPTH and list(intake.ready()) == []  # nothing finished: nothing to store yet
    pool.finish()
    got = list(intake.ready())
    assert len(got) == len(batches)
    for (files, read, prepared), batch in zip(got, batches, strict=True):
        arts = read_items(batch)
        assert files == ["f.jsonl"] * 10 and read == arts
        want = prepare([a for a in arts if isinstance(a, Article)], None, 4)
        assert prepared is not None and [_plain(p) for p in prepared] == [_plain(p) for p in want]


def test_a_bad_record_read_by_the_helper_comes_back_as_its_reason() -> None:
    rows = [*_rows(0, 2), Row("f.jsonl:2", "f:2", {"id": "r2", "text": "  "}), Row("f.jsonl:3", "f:3", error="bad")]
    got, prepared = read_prepared(rows, 4)
    assert [g if isinstance(g, tuple) else g.id for g in got] == ["r0", "r1", ("f.jsonl:2", "empty text"),
                                                                   ("f.jsonl:3", "bad")]  # fmt: skip
    assert len(prepared) == 2
    assert read_prepared(rows[2:], 4) == (read_items(rows[2:]), [])  # a batch of bad records only


def test_adding_on_two_cores_stores_and_reports_what_one_core_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    """Bad records, dates not read and duplicates in batches the helper read are reported in the input's order."""
    import retold._pool as pool_module
    from retold.corpus import BATCH, Corpus

    lines = []
    for k in range(BATCH * 4 + 40):
        body = f"Harbour report {k}. Crews in Varden moved {k * 7} containers on day {k}. The port said work went on."
        lines.append(json.dumps({"id": f"r{k}", "text": body, "published": "soon" if k % 97 == 5 else None}))
        if k % 131 == 7:
            lines.append(json.dumps({"id": f"empty{k}", "text": " "}))
        if k % 151 == 9:
            lines.append("{not json")
    lines.append(lines[3])  # the same record again: a duplicate
    src = tmp_path / "records.jsonl"
    src.write_text("\n".join(lines) + "\n")
    submitted: list[str] = []

    class Counting(pool_module.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", Counting)
    two = Corpus(tmp_path / "two.db").add([str(src)], workers=2)
    one = Corpus(tmp_path / "one.db").add([str(src)])
    assert "read_prepared" in submitted  # the helper read at least one batch
    assert len(two.skipped) == 16 and two.skipped == one.skipped
    assert [w for w, _ in two.skipped] == sorted((w for w, _ in two.skipped), key=lambda w: int(w.split(":")[-1]))
    assert len(two.unread_dates) == 11 and two.unread_dates == one.unread_dates
    assert [d.existing for d in two.duplicates] == [d.existing for d in one.duplicates] == ["r3"]
    assert [a.id for a in two.added] == [a.id for a in one.added] and len(two.added) == BATCH * 4 + 40
    assert dump(tmp_path / "two.db") == dump(tmp_path / "one.db")


def test_input_of_bad_records_only_makes_no_store(tmp_path: Path) -> None:
    from retold.corpus import Corpus

    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": "a", "text": " "}\n{oops\n')
    report = Corpus(tmp_path / "s.db").add([str(src)], workers=2)
    assert not (tmp_path / "s.db").exists()
    assert [w for w, _ in report.skipped] == [f"{src}:1", f"{src}:2"] and report.files == 1
