"""Bad CSV rows and files: unclosed and stray quotes, missing or doubled columns, other delimiters; each bad row
is named by its line and the rest of the file is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _ingest import one_line, read_all, record, write_csv

from retold.errors import InputError
from retold.ingest import read_article

# --- CSV ---


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
