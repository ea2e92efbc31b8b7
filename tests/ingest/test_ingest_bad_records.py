"""Bad JSON Lines and Parquet records and field mappings: a bad record is reported with its file and line/row
and the rest of the file is still read; a bad file raises one :class:`InputError` naming it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _ingest import BODY, one_line, read_all, record, write_csv

from retold.errors import InputError, UsageError
from retold.ingest import read_article, read_articles
from retold.ingest.records import PEEK, parse_field_map

# --- JSON Lines ---


def test_broken_json_line_51_of_101_keeps_the_other_100(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [json.dumps(record(i)) for i in range(1, 102)]
    lines[50] = '{"id": "r51", "text": "cut off'
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, bad = read_all(p)
    assert len(arts) == 100
    assert [a.id for a in arts][49:51] == ["r50", "r52"]
    assert len(bad) == 1 and bad[0].path == f"{p}:51"
    assert "not valid JSON" in bad[0].reason
    one_line(bad[0], p)
    # without on_error the first bad record still raises, naming its line
    with pytest.raises(InputError, match=r"feed\.jsonl:51: not valid JSON"):
        list(read_articles(str(p)))


def test_a_json_line_cut_short_is_told_at_its_own_end_not_column_1(tmp_path: Path) -> None:
    """A record cut short at its line's end failed at the line break, which the decoder counts as column 1 of the
    next line: 'Expecting ',' delimiter, column 1' sent a reader to the start of a line that is fine there. The
    reason now says the record stops at the end of the line (a cut line, or one record spread over lines)."""
    p = tmp_path / "feed.jsonl"
    cut = json.dumps(record(1))[:-1]
    p.write_text(f'{cut}\n{{\n{json.dumps(record(2))}\n{{"id": "r3" "text": 1}}\n', encoding="utf-8")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r2"]
    ends = "not valid JSON (the record is cut short at the end of the line, column {}: JSON Lines holds one whole "
    assert [(e.path, e.reason) for e in bad] == [
        (f"{p}:1", ends.format(len(cut) + 1) + "record a line)"),
        (f"{p}:2", ends.format(2) + "record a line)"),
        (f"{p}:4", "not valid JSON (Expecting ',' delimiter, column 13)"),  # inside the line: its column
    ]


def test_broken_first_json_line_keeps_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text("not json at all\n" + "\n".join(json.dumps(record(i)) for i in range(2, 6)) + "\n", encoding="utf-8")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r2", "r3", "r4", "r5"]
    assert [e.path for e in bad] == [f"{p}:1"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "must be an object"),
        ('{"id": "x"}', "no 'text' field"),
        ('{"id": "x", "text": 17}', "'text' is int, not text"),
        ('{"id": "x", "text": null}', "'text' is null"),
        ('{"id": "x", "text": ["a", "b"]}', "'text' is a list"),
        ('{"id": "x", "text": "  "}', "empty text"),
        ('{"id": "x", "title": "Only a headline", "text": ""}', "only a title"),
        ('{"id": "x", "text": "ok", "title": {"a": 1}}', "'title' is a dict"),
        # stored as the id "True" before, which FILE#true did not name (a number is an id: 17 is "17")
        ('{"id": true, "text": "ok"}', "'id' is a bool, not text"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_each_bad_record_kind_has_its_reason_and_the_next_record_is_read(
    tmp_path: Path, line: str, reason: str
) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps(record(1)) + "\n" + line + "\n" + json.dumps(record(3)) + "\n", encoding="utf-8")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r1", "r3"]
    assert len(bad) == 1 and bad[0].path == f"{p}:2"
    assert reason in bad[0].reason, bad[0].reason


def test_jsonl_with_crlf_and_a_non_utf8_line(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    latin = json.dumps({"id": "cafe", "text": "José Müller opened the café on Monday."}, ensure_ascii=False)
    p.write_bytes(
        json.dumps(record(1)).encode() + b"\r\n" + latin.encode("latin-1") + b"\r\n" + json.dumps(record(2)).encode()
    )
    arts, bad = read_all(p)
    assert not bad
    assert [a.id for a in arts] == ["r1", "cafe", "r2"]
    assert "José Müller" in arts[1].text


def test_jsonl_nul_line_is_one_bad_record_but_a_nul_first_line_is_a_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_bytes(json.dumps(record(1)).encode() + b"\n\x00\x01\x02garbage\n" + json.dumps(record(3)).encode() + b"\n")
    # (the file opens with a JSON object, so NUL bytes in a later line are one bad record)
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r1", "r3"] and "NUL" in bad[0].reason and bad[0].path == f"{p}:2"
    b = tmp_path / "blob.jsonl"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file"):
        read_all(b)


def test_utf16_jsonl_is_read(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_bytes("\n".join(json.dumps(record(i)) for i in range(3)).encode("utf-16"))
    arts, bad = read_all(p)
    assert not bad and [a.id for a in arts] == ["r0", "r1", "r2"]


# --- Parquet ---


def test_truncated_parquet_is_one_line_naming_the_file(tmp_path: Path) -> None:
    p = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist([record(i) for i in range(50)]), p)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "not a readable Parquet file" in info.value.reason


def test_parquet_bad_rows_are_named_by_row(tmp_path: Path) -> None:
    rows: list[dict[str, str | None]] = [dict(record(i)) for i in range(1, 6)]
    rows[2]["text"] = None
    p = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(rows), p)
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r1", "r2", "r4", "r5"]
    assert [e.path for e in bad] == [f"{p}:3"] and "null" in bad[0].reason


# --- field mapping ---


def test_field_mapping_reads_other_names_in_every_records_format(tmp_path: Path) -> None:
    recs = [{"key": f"k{i}", "headline": f"Headline {i}", "body": BODY.format(i=i, j=i + 1)} for i in range(3)]
    j = tmp_path / "f.jsonl"
    j.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    c = tmp_path / "f.csv"
    write_csv(c, [list(recs[0])] + [list(r.values()) for r in recs])
    q = tmp_path / "f.parquet"
    pq.write_table(pa.Table.from_pylist(recs), q)
    fmap = parse_field_map(["text=body", "title=headline", "id=key"])
    for p in (j, c, q):
        arts, bad = read_all(p, fields=fmap)
        assert not bad, bad
        assert [(a.id, a.title) for a in arts] == [("k0", "Headline 0"), ("k1", "Headline 1"), ("k2", "Headline 2")]
    assert read_article(f"{j}#k1", fields=fmap).title == "Headline 1"
    # a mapped name the file lacks: the file is refused, JSON Lines (no record has it) as CSV (no column)
    with pytest.raises(InputError, match=r"its 3 records have no 'content' field \(mapped by --field text=content\)"):
        read_all(j, fields={"text": "content"})
    with pytest.raises(InputError, match="no 'content' column"):
        read_all(c, fields={"text": "content"})


def test_json_lines_whose_first_records_lack_the_text_field_are_refused_whole(tmp_path: Path) -> None:
    """The field has another name in this file: one line says so (as for a CSV file without the column), not
    a line per record; the reader decides within the first PEEK lines, so a long file is not read to tell."""
    body = [{"id": f"b{i}", "body": BODY.format(i=i, j=i + 1)} for i in range(PEEK)]
    p = tmp_path / "feed.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in [*body, record(1)]), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_all(p)
    assert info.value.path == str(p)
    assert info.value.reason == f"its first {PEEK} records have no 'text' field (map another with --field text=NAME)"
    p.write_text(json.dumps(body[0]) + "\n", encoding="utf-8")  # the whole file: one record
    with pytest.raises(InputError, match=r"its record has no 'text' field \(map another"):
        read_all(p)
    # a first record without the field, then records with it: that one record is skipped, the rest read
    p.write_text("".join(json.dumps(r) + "\n" for r in [body[0], record(1), record(2)]), encoding="utf-8")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r1", "r2"] and [e.path for e in bad] == [f"{p}:1"]


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["txt=body"], "unknown field 'txt'"),
        (["text"], "FIELD=NAME"),
        (["text="], "FIELD=NAME"),
        (["text=a", "text=b"], "mapped twice"),
    ],
)
def test_bad_field_mapping_is_a_usage_error(specs: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message) as info:
        parse_field_map(specs)
    assert info.value.exit_code == 2


def test_selected_record_is_found_past_a_bad_one(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text("{oops\n" + json.dumps(record(2)) + "\n", encoding="utf-8")
    assert read_article(f"{p}#r2").id == "r2"
    assert read_article(str(p)).id == "r2"  # the only good record
    with pytest.raises(InputError, match=r"no record with id 'r9' \(1 bad record skipped"):
        read_article(f"{p}#r9")
