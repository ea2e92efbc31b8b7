"""The one date reader: what it reads, what it leaves unread, and what a user is told about the latter."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import retold
from retold.corpus import Corpus
from retold.ingest import dates
from retold.ingest.dates import (
    EXAMPLES_ORDERED,
    EXAMPLES_READ,
    EXAMPLES_UNORDERED,
    EXAMPLES_UNREAD,
    order,
    parse_date,
    read_date,
    timestamp,
    unread_reason,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("text", "iso"), sorted(EXAMPLES_READ.items()))
def test_a_date_written_any_usual_way_is_read(text: str, iso: str) -> None:
    d = parse_date(text)
    assert d is not None and d.isoformat() == iso
    assert timestamp(text) == d.timestamp()


@pytest.mark.parametrize("text", EXAMPLES_UNREAD)
def test_a_date_that_cannot_be_told_is_left_unread(text: str) -> None:
    assert parse_date(text) is None and timestamp(text) is None


@pytest.mark.parametrize(("earlier", "later"), EXAMPLES_ORDERED)
def test_dates_are_ordered_in_both_orders(earlier: str, later: str) -> None:
    first, then = read_date(earlier), read_date(later)
    assert order(first, then) == -1 and order(then, first) == 1


@pytest.mark.parametrize(("a", "b"), EXAMPLES_UNORDERED)
def test_a_date_alone_is_not_before_a_time_on_its_day(a: str, b: str) -> None:
    """'2019-03-03' is the whole day: it cannot be told from 08:00 that day (it was read as midnight, first)."""
    ra, rb = read_date(a), read_date(b)
    assert order(ra, rb) == order(rb, ra) == 0


def test_worded_dates_decide_the_direction_and_an_unread_one_is_noted(tmp_path: Path) -> None:
    """'May 3, 2019' against 'May 1, 2019' names the second article as the source, as the ISO dates do; a date
    in figures that could be either day first or month first is not used, and the comparison says so."""
    base = (EXAMPLES / "01_wire_original.txt").read_text()
    copy = base.replace("Tuesday", "Monday")

    def compare(da: str, db: str) -> retold.Comparison:
        a = retold.article_from_text(base, id="orig", published=da)
        b = retold.article_from_text(copy, id="copy", published=db)
        return retold.compare(a, b, lexical=True)

    worded, iso = compare("May 3, 2019", "May 1, 2019"), compare("2019-05-03", "2019-05-01")
    assert worded.verdict.direction == iso.verdict.direction == "b_to_a"
    assert worded.verdict.reasons[0] == "B was published first"
    assert not any("could not be read" in n for n in worded.notes)
    unread = compare("03/05/2019", "2019-05-01")
    assert [n for n in unread.notes if "could not be read" in n] == [
        "A's date '03/05/2019' could not be read (day or month first? write ISO 8601 such as 2019-05-03): the"
        " direction does not use it"
    ]
    assert "was published first" not in " ".join(unread.verdict.reasons)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("03/05/2019", "day or month first?"),
        ("May 3, 2019 10:00 IST", "the zone IST cannot be placed: give it as an offset such as +05:30"),
        ("Tuesday", "write ISO 8601 such as 2019-05-03, RFC 2822, or the month in words"),
    ],
)
def test_an_unread_date_is_told_what_to_do_by_why(value: str, why: str) -> None:
    """The note named the format for every unread date, also for one whose only problem is its zone."""
    assert parse_date(value) is None and why in unread_reason(value)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every value ``read_date`` is asked to read, in order."""
    asked: list[object] = []
    read = dates.read_date

    def counted(value: str | int | float | None) -> dates.Reading | None:
        asked.append(value)
        return read(value)

    monkeypatch.setattr(dates, "read_date", counted)
    return asked


def test_adding_an_article_reads_its_date_once(tmp_path: Path, calls: list[object]) -> None:
    """The add path asks twice (the report of dates not read, the store's timestamp): the article carries
    its reading, so each date is read once and both answers come from that reading."""
    text = (EXAMPLES / "01_wire_original.txt").read_text()
    given = {"dated": "2019-05-03T14:05:00+02:00", "unread": "03/05/2019", "undated": None}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": k, "text": text, "published": v}) + "\n" for k, v in given.items()))
    report = Corpus(tmp_path / "s.db").add(feed)
    assert len(report.added) == 3
    assert sorted(calls, key=str) == sorted(given.values(), key=str)  # each date once, none twice
    assert report.unread_dates == [(f"{feed}#unread", "03/05/2019")]
    con = sqlite3.connect(tmp_path / "s.db")
    stored = dict(con.execute("SELECT id, published_ts FROM articles"))
    con.close()
    assert stored == {"dated": timestamp(given["dated"]), "unread": None, "undated": None}


def test_comparing_reads_each_date_once(calls: list[object]) -> None:
    """The comparison asks twice too (the note on a date not read, the direction's order of the two): both
    answers come from each article's one reading."""
    text = (EXAMPLES / "01_wire_original.txt").read_text()
    a = retold.article_from_text(text, id="a", published="2019-05-03T14:05:00+02:00")
    b = retold.article_from_text(text.replace("Tuesday", "Monday"), id="b", published="May 4, 2019")
    c = retold.compare(a, b, lexical=True)
    assert c.verdict.direction == "a_to_b"
    assert sorted(calls, key=str) == ["2019-05-03T14:05:00+02:00", "May 4, 2019"]
