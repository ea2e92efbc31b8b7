"""Bad input at the reader: every kind of broken file or record, written for real in tmp_path.

A bad record is reported with its file and line/row and the rest of the file is still read; a bad
file raises one :class:`InputError` naming it. Encodings a Windows or Japanese tool writes are read.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from retold.errors import InputError, UsageError
from retold.ingest import read_article, read_articles
from retold.ingest.records import PEEK, parse_field_map
from retold.model import Article

BODY = "The council of Harben met on Tuesday. It voted {i} to {j} on the budget for the harbour.\n"


def record(i: int) -> dict[str, str]:
    return {"id": f"r{i}", "title": f"Harben story {i}", "text": BODY.format(i=i, j=i + 1)}


def read_all(path: Path, **kw: object) -> tuple[list[Article], list[InputError]]:
    """Every article of a file and every bad record, as ``retold add`` sees them."""
    bad: list[InputError] = []
    arts = list(read_articles(str(path), on_error=bad.append, **kw))  # type: ignore[arg-type]
    return arts, bad


def one_line(e: InputError, path: Path) -> None:
    assert str(path) in str(e) and "\n" not in str(e) and e.exit_code == 3


def check_offsets(a: Article) -> None:
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text


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


# --- CSV ---


def write_csv(p: Path, rows: list[list[str]]) -> None:
    with p.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def csv_rows(n: int) -> list[list[str]]:
    """A header and ``n`` one-line rows (row k+1 is record k, on line k+1)."""
    return [["id", "title", "text"]] + [[r["id"], r["title"], r["text"].strip()] for r in map(record, range(1, n + 1))]


def test_csv_row_missing_its_text_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    rows = csv_rows(20)
    rows[6][2] = ""  # row 7 (the header is row 1): no text
    rows[9] = rows[9][:2]  # row 10: a cell short
    rows[12] = [*rows[12], "stray"]  # row 13: a cell too many
    p = tmp_path / "feed.csv"
    write_csv(p, rows)
    arts, bad = read_all(p)
    assert len(arts) == 17
    assert {e.path: e.reason for e in bad} == {
        f"{p}:7": "empty text (the record has only a title)",
        f"{p}:10": "2 cells, the header has 3",
        f"{p}:13": "4 cells, the header has 3",
    }


def test_unclosed_csv_quote_is_detected_and_the_swallowed_rows_are_read(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    write_csv(p, csv_rows(10))
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = 'r4,Harben story 4,"The quote opens here and never closes.\r\n'  # row 5 of the file
    p.write_text("".join(lines), encoding="utf-8", newline="")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["r1", "r2", "r3", "r5", "r6", "r7", "r8", "r9", "r10"]  # r4 is row 5
    assert len(bad) == 1 and bad[0].path == f"{p}:5"
    assert "unclosed quote" in bad[0].reason and "line 5" in bad[0].reason
    for a in arts:  # nothing of another row leaked into a text
        assert "Harben story" not in a.text.split("\n\n", 1)[1]


def test_multiline_quoted_text_is_not_taken_for_an_unclosed_quote(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    text = "First paragraph, with commas, here.\n\nSecond paragraph, also, with commas.\nThird line."
    write_csv(p, [["id", "title", "text"], ["a1", "Title", text], ["a2", "Other", "Short text here."]])
    arts, bad = read_all(p)
    assert not bad and [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].text.endswith(text)


def test_csv_cell_over_the_csv_modules_128kb_default_is_read(tmp_path: Path) -> None:
    p = tmp_path / "long.csv"
    long_text = "The harbour board met again on Tuesday to discuss the budget. " * 4000  # 252 KB
    write_csv(p, [["id", "text"], ["long", long_text], ["short", "One short article."]])
    arts, bad = read_all(p)
    assert not bad and [a.id for a in arts] == ["long", "short"]
    assert len(arts[0].text) == len(long_text)


def test_csv_without_text_column_is_a_file_error(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    write_csv(p, [["id", "headline", "body"], ["a", "T", "Body text."]])
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "no 'text' column" in info.value.reason and "--field text=" in info.value.reason


def test_csv_naming_a_field_twice_is_a_file_error(tmp_path: Path) -> None:
    """Two 'text' columns: the last one (a page number) was stored as the article, silently. Unnamed columns
    and repeats of names retold does not read stay allowed (exports end rows with empty cells)."""
    p = tmp_path / "feed.csv"
    write_csv(p, [["id", "text", "text"], ["a", "The strike ended on Monday.", "see page 2"]])
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "header names 'text' twice" in info.value.reason
    write_csv(p, [["id", "text", "note", "note", "", ""], ["a", "The strike ended on Monday.", "x", "y", "", ""]])
    arts, bad = read_all(p)
    assert [a.text for a in arts] == ["The strike ended on Monday."] and not bad


def test_a_record_named_in_a_file_of_one_article_says_so(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text("The strike ended on Monday. Workers went back.", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_article(f"{p}#r1")
    one_line(info.value, p)
    assert "only a records file holds records to name" in info.value.reason  # it said "no such file"


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


# --- text files: encodings, sizes, binaries ---


def test_utf16_with_bom_is_read_not_refused(tmp_path: Path) -> None:
    text = "Harben port strike\n\n" + BODY.format(i=4, j=5) + "Grain exports stopped — for now.\n"
    for enc in ("utf-16", "utf-16-be", "utf-32"):
        p = tmp_path / f"{enc}.txt"
        bom = {"utf-16-be": b"\xfe\xff"}.get(enc, b"")
        p.write_bytes(bom + text.encode(enc))
        a = read_article(str(p))
        assert a.text == text and a.title == "Harben port strike"
        check_offsets(a)


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "le.txt"
    text = "Harben port strike\n\n" + BODY.format(i=4, j=5)
    p.write_bytes(text.encode("utf-16-le"))
    assert read_article(str(p)).text == text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Café owner José Müller said the façade was ruined on Monday. The town will pay for repairs.\n"),
        ("cp1252", "“We will rebuild,” the mayor said — twice. The repairs cost €4 million.\n"),
        ("shift_jis", "東京株式市場は月曜日に上昇した。\n日経平均株価は二パーセント上昇した。\n輸出株が買われた。\n"),
        ("shift_jis", "東京株式市場は月曜日に上昇した。日経平均株価は上昇した。"),  # too short to score a language
    ],
)
def test_legacy_encodings_are_sniffed(tmp_path: Path, encoding: str, text: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    a = read_article(str(p))
    assert a.text == text
    check_offsets(a)


@pytest.mark.parametrize(
    "data",
    [
        "Grève à Zürich\n\nMárta Velescü said the harbour maître office closed.\n".encode().replace(
            b"ma\xc3\xae", b"ma\xee"
        ),
        "Grève à Zürich\n\nMárta Velescü said the office closed on Monday. It reopens soon.\n".encode()[:-3] + b"\xc3",
    ],
    ids=["one Latin-1 byte in UTF-8 text", "cut inside its last character"],
)
def test_utf8_with_a_few_broken_bytes_is_refused_not_garbled(tmp_path: Path, data: bytes) -> None:
    """Read as cp1252, every accent of the file came out garbled ('GrÃ¨ve'), silently: one line says where."""
    p = tmp_path / "mixed.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "bytes that are not UTF-8 (1, the first at byte" in info.value.reason


def test_mixed_line_endings_keep_offsets(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes(b"Harben strike\r\n\r\nFirst sentence is here.\rSecond line is here.\nThird line is here.\r\n")
    a = read_article(str(p))
    assert a.title == "Harben strike"
    lines = ["First sentence is here.", "Second line is here.", "Third line is here."]
    assert [s.text for s in a.sentences[1:]] == lines
    check_offsets(a)


def test_binary_and_zero_byte_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for p, reason in ((png, "binary file"), (empty, "empty file")):
        with pytest.raises(InputError) as info:
            read_all(p)
        one_line(info.value, p)
        assert reason in info.value.reason


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    p = tmp_path / "oneline.txt"
    p.write_text("The council met on Tuesday and voted on the budget. " * 20_000, encoding="utf-8")  # 1.04 MB
    a = read_article(str(p))
    assert len(a.sentences) == 20_000
    check_offsets(a)
    q = tmp_path / "nopunct.txt"
    q.write_text("word " * 200_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"a sentence of 999,999 characters.*RETOLD_MAX_SENTENCE_CHARS"):
        read_article(str(q))


def test_fifty_megabyte_files(tmp_path: Path) -> None:
    """A 50 MB text file is refused before it is read, naming the limit and how to raise it; a 50 MB
    JSON Lines file streams: its oversized records are skipped one by one, the small ones read."""
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50_000_000)  # the size is checked before any byte is read
    with pytest.raises(InputError, match=r"too large for one article \(50\.0 MB; the limit is 5 MB, set RETOLD_MAX_"):
        read_all(big)
    feed = tmp_path / "big.jsonl"
    huge = "x" * 6_000_000
    with feed.open("w", encoding="utf-8") as f:
        for i in range(9):
            f.write(json.dumps({"id": f"huge{i}", "text": huge}) + "\n")
            f.write(json.dumps(record(i)) + "\n")
    assert feed.stat().st_size > 50_000_000
    arts, bad = read_all(feed)
    assert [a.id for a in arts] == [f"r{i}" for i in range(9)]
    assert [e.path for e in bad] == [f"{feed}:{k}" for k in range(1, 18, 2)]
    assert all("too large for one article (6.0 MB" in e.reason for e in bad)


# --- HTML ---


def test_html_nested_ten_thousand_levels_fails_with_a_clear_message(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text(
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * 10_000
        + "<p>"
        + BODY.format(i=1, j=2) * 5
        + "</p>"
        + "</div>" * 10_000
        + "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_all(p)
    one_line(info.value, p)
    assert "nested 10,00" in info.value.reason and "parsers stop at 255" in info.value.reason


def test_html_nested_a_hundred_levels_is_read(tmp_path: Path) -> None:
    p = tmp_path / "nested.html"
    p.write_text(
        "<html><head><title>Nested page title</title></head><body>"
        + "<div>" * 100
        + "<article><p>"
        + BODY.format(i=1, j=2) * 3
        + "</p></article>"
        + "</div>" * 100
        + "</body></html>",
        encoding="utf-8",
    )
    a = read_article(str(p))
    assert a.title == "Nested page title" and "council of Harben" in a.text


def test_quote_closed_by_a_later_rows_quote_is_caught(tmp_path: Path) -> None:
    """The unclosed quote meets the next quoted cell: strict parsing stops there instead of merging."""
    p = tmp_path / "feed.csv"
    p.write_text(
        "id,title,text\n"
        'a1,First,"Opens a quote and forgets it.\n'
        'a2,"Second, with a comma",Body of the second row.\n'
        "a3,Third,Body of the third row.\n",
        encoding="utf-8",
    )
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["a2", "a3"]
    assert len(bad) == 1 and bad[0].path == f"{p}:2" and "unclosed quote" in bad[0].reason


def test_prose_line_that_splits_into_header_many_cells_is_no_suspect(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    text = "The mayor spoke on Monday.\nHowever, the council, which met later, disagreed."
    write_csv(p, [["id", "title", "text"], ["a1", "Title", text], ["a2", "Other", "Short text here."]])
    arts, bad = read_all(p)
    assert not bad and [a.id for a in arts] == ["a1", "a2"]


def test_stray_quote_in_one_line_is_one_bad_row(tmp_path: Path) -> None:
    p = tmp_path / "feed.csv"
    p.write_text('id,text\na1,"Fine text."\na2,"Broken "quote" here."\na3,Also fine.\n', encoding="utf-8")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["a1", "a3"]
    assert bad[0].path == f"{p}:3" and bad[0].reason.startswith("malformed CSV row on line 3")


@pytest.mark.parametrize("delim", [";", "\t", "|"])
def test_csv_with_another_delimiter_is_read(tmp_path: Path, delim: str) -> None:
    """Spreadsheets where the comma is the decimal mark write semicolons; exports also use tabs and bars."""
    p = tmp_path / "feed.csv"
    rows = [
        ["id", "title", "text"],
        ["a1", "Zinsen", '"Die Zinsen stiegen auf 3,5 Prozent; das sagte die Bank."'],
        ["a2", "Broken", '"never closed'],
        ["a3", "Ok", "Fine text here."],
    ]
    # UTF-16, as Excel's "Unicode text" export writes it
    p.write_text("".join(delim.join(r) + "\r\n" for r in rows), encoding="utf-16", newline="")
    arts, bad = read_all(p)
    assert [a.id for a in arts] == ["a1", "a3"]
    assert arts[0].text.endswith("Die Zinsen stiegen auf 3,5 Prozent; das sagte die Bank.")
    assert [e.path for e in bad] == [f"{p}:3"] and "unclosed quote" in bad[0].reason


def test_a_limit_under_a_megabyte_is_said_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import retold.ingest.read as read_module
    from retold.config import Limits

    monkeypatch.setattr(read_module, "LIMITS", Limits(max_article_bytes=10))
    small = tmp_path / "a.txt"
    small.write_text("The ferry resumed on Friday.", encoding="utf-8")
    with pytest.raises(InputError, match=r"too large for one article \(28 bytes; the limit is 10 bytes, set RETOLD_"):
        read_article(str(small))


def test_check_file_says_what_reading_the_whole_file_would(tmp_path: Path) -> None:
    """The checks a reader elsewhere (Spark) runs first are the reader's own: same reasons, no articles read."""
    from retold.ingest.read import check_file

    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,body\n1,Some text.\n", encoding="utf-8")
    binary = tmp_path / "page.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(record(1)) + "\n" + '{"id": "x"}\n', encoding="utf-8")  # a bad record is not checked
    for path in (tmp_path / "missing.txt", empty, wrong, binary):
        with pytest.raises(InputError) as checked:
            check_file(str(path))
        with pytest.raises(InputError) as read:
            list(read_articles(str(path)))
        assert checked.value.reason == read.value.reason
    check_file(str(good))
