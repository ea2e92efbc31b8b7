"""Reading plain text and Markdown: offsets into the original text, encodings sniffed, sizes and binaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _ingest import BODY, check_offsets, one_line, read_all, record

from retold.errors import InputError
from retold.ingest import read_article, read_articles
from retold.text.normalise import normalise

WIRE = (
    "HARBEN, March 3 (Northwire) - About 4,200 dockworkers walked off the job on Tuesday.\n"
    '"We will not be replaced," union leader Marta Velescu said. Mr. Reinholt disagreed.\n'
)


# --- plain text and Markdown ----------------------------------------------------------------


def test_txt_file(tmp_path: Path) -> None:
    p = tmp_path / "wire.txt"
    p.write_text("Harben dockworkers strike\n\n" + WIRE, encoding="utf-8")
    a = read_article(str(p))
    assert a.id == "wire"
    assert a.path == str(p)
    assert a.title == "Harben dockworkers strike"
    assert a.text == p.read_text(encoding="utf-8")
    assert [s.text for s in a.sentences] == [
        "Harben dockworkers strike",
        "HARBEN, March 3 (Northwire) - About 4,200 dockworkers walked off the job on Tuesday.",
        '"We will not be replaced," union leader Marta Velescu said.',
        "Mr. Reinholt disagreed.",
    ]
    check_offsets(a)
    assert list(read_articles(str(p))) == [a]


def test_txt_with_curly_quotes_keeps_original_text_and_normalises_norm(tmp_path: Path) -> None:
    p = tmp_path / "curly.txt"
    p.write_text("\u201cWe will not be replaced,\u201d Velescu said \u2014 twice.\n", encoding="utf-8")
    a = read_article(str(p))
    assert a.sentences[0].text == "\u201cWe will not be replaced,\u201d Velescu said \u2014 twice."
    assert a.sentences[0].norm == '"We will not be replaced," Velescu said - twice.'


def test_markdown_syntax_is_not_in_norm_but_offsets_point_into_the_original(tmp_path: Path) -> None:
    p = tmp_path / "story.md"
    src = (
        "# Port strike in Harben\n"
        "\n"
        "The **union** said the strike would last [three days](https://example.org/strike). "
        "Talks are _stalled_.\n"
        "\n"
        "- Ships wait at anchor.\n"
        "> A quoted line from the union.\n"
    )
    p.write_text(src, encoding="utf-8")
    a = read_article(str(p))
    assert a.text == src
    norms = [s.norm for s in a.sentences]
    assert norms == [
        "Port strike in Harben",
        "The union said the strike would last three days.",
        "Talks are stalled.",
        "Ships wait at anchor.",
        "A quoted line from the union.",
    ]
    assert a.sentences[0].is_title
    assert a.title == "Port strike in Harben"
    for s in a.sentences:
        assert not set("#*_[]>") & set(s.norm)
        assert "example.org" not in s.norm
    check_offsets(a)
    # The original slice still holds the markup: offsets are into the file as written.
    assert a.sentences[1].text.startswith("The **union**")
    assert "](https://example.org/strike)" in a.sentences[1].text
    assert a.sentences[0].start == src.index("Port strike")


# --- encodings ------------------------------------------------------------------------------


def test_cp1252_file_with_accents_decodes(tmp_path: Path) -> None:
    text = (
        "Caf\u00e9 owners near the port, led by Jos\u00e9 N\u00fa\u00f1ez, said the na\u00efve "
        "plan would cost \u20ac500,000 \u2013 \u201cfar too much\u201d.\n"
        "The Gr\u00e4fin of Harben agreed.\n"
    )
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        p.read_bytes().decode("utf-8")
    a = read_article(str(p))
    assert a.text == text
    assert a.sentences[0].norm.startswith("Caf\u00e9 owners near the port, led by Jos\u00e9 N\u00fa\u00f1ez")
    assert '- "far too much".' in a.sentences[0].norm
    check_offsets(a)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1250", "Władze miasta Łódź ogłosiły w środę nowy plan."),
        ("cp1251", "Мэр города заявил о ремонте моста во вторник."),
    ],
)
def test_other_legacy_encodings_are_not_taken_for_cp1252(tmp_path: Path, encoding: str, text: str) -> None:
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes((text + "\n").encode(encoding))
    a = read_article(str(p))
    assert a.text == text + "\n"
    check_offsets(a)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + b"Port strike\n\nThe strike began.\n")
    a = read_article(str(p))
    assert not a.text.startswith("\ufeff")
    assert a.text == "Port strike\n\nThe strike began.\n"
    assert a.title == "Port strike"
    assert a.sentences[0].start == 0


def test_offsets_hold_for_every_example(examples_dir: Path) -> None:
    for path in sorted(examples_dir.glob("*.txt")):
        a = read_article(str(path))
        check_offsets(a)
        assert a.sentences[0].is_title
        for s in a.sentences:
            assert normalise(s.text).text == s.norm


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
