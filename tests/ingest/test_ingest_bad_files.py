"""Whole files refused with one clear reason naming the file: missing, a folder, binary, empty, undecodable, too
large; ``check_file`` says the same before reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _ingest import raises_input_error, record

from retold.errors import InputError
from retold.ingest import read_article, read_articles

# --- bad input ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    raises_input_error(tmp_path / "nowhere.txt", "no such file")


def test_missing_record_file_with_selector(tmp_path: Path) -> None:
    p = tmp_path / "nowhere.jsonl"
    with pytest.raises(InputError) as info:
        read_article(f"{p}#wire")
    assert info.value.exit_code == 3
    assert str(p) in str(info.value) and "no such file" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "folder.txt"
    d.mkdir()
    raises_input_error(d, "directory")


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(200))
    raises_input_error(p, "binary")


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    raises_input_error(p, "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(b"  \n\t\r\n   \n")
    raises_input_error(p, "empty")


def test_bom_only_file(tmp_path: Path) -> None:
    p = tmp_path / "bom_only.txt"
    p.write_bytes(b"\xef\xbb\xbf\n")
    raises_input_error(p, "empty")


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 16)
    err = raises_input_error(p)
    assert "undecodable" in err.reason or "encoding" in err.reason


def test_twenty_megabyte_single_line_file(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MiB, no newline
    assert p.stat().st_size >= 20_000_000
    err = raises_input_error(p, "too large")
    assert "MB" in err.reason


def test_markup_only_file_has_no_sentences(tmp_path: Path) -> None:
    p = tmp_path / "markup.md"
    p.write_text("# \n\n**\n", encoding="utf-8")
    raises_input_error(p)


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
