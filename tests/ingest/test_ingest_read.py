"""Reading real files into articles: every format, encodings, and bad input refused with a clear reason."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest

from retold.errors import InputError, RetoldError
from retold.ingest import read_article, read_articles
from retold.ingest.dates import read_date
from retold.model import Article
from retold.text.normalise import normalise

BODY = (
    "HARBEN, March 3 (Northwire) - About 4,200 dockworkers walked off the job on Tuesday.\n"
    '"We will not be replaced," union leader Marta Velescu said. Mr. Reinholt disagreed.\n'
)
RECORDS: list[dict[str, str | None]] = [
    {
        "id": "wire",
        "title": "Harben dockworkers strike",
        "text": "About 4,200 dockworkers walked off the job on Tuesday. Grain exports stopped.",
        "url": "https://example.org/wire",
        "source": "Northwire",
        "published": "2026-03-03",
    },
    {
        "id": "rewrite",
        "title": "Chaos at Harben port",
        "text": "Some 4,200 port workers downed tools on Tuesday.",
        "url": "https://example.org/rewrite",
        "source": "TrendPulse News",
        "published": "2026-03-05",
    },
    {
        "id": "fossil",
        "title": None,
        "text": "Quarry workers found a turtle fossil. It is 11 million years old.",
        "url": None,
        "source": None,
        "published": None,
    },
]


def _check_offsets(article: Article) -> None:
    assert article.sentences
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def _raises_input_error(spec: str | Path, *reason_words: str) -> InputError:
    with pytest.raises(InputError) as info:
        list(read_articles(str(spec)))
    err = info.value
    assert isinstance(err, RetoldError)
    assert err.exit_code == 3
    assert str(spec) in str(err)
    assert err.path.startswith(str(spec))  # a records file adds ":LINE"
    assert "\n" not in str(err)
    for word in reason_words:
        assert word in err.reason.lower(), err.reason
    # read_article says the same as read_articles.
    with pytest.raises(InputError) as again:
        read_article(str(spec))
    assert again.value.exit_code == 3
    assert str(spec) in str(again.value)
    return err


# --- plain text and Markdown ----------------------------------------------------------------


def test_txt_file(tmp_path: Path) -> None:
    p = tmp_path / "wire.txt"
    p.write_text("Harben dockworkers strike\n\n" + BODY, encoding="utf-8")
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
    _check_offsets(a)
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
    _check_offsets(a)
    # The original slice still holds the markup: offsets are into the file as written.
    assert a.sentences[1].text.startswith("The **union**")
    assert "](https://example.org/strike)" in a.sentences[1].text
    assert a.sentences[0].start == src.index("Port strike")


# --- HTML -----------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harben port strike enters second day</title>
<meta property="article:published_time" content="2026-03-04T07:30:00Z">
</head>
<body>
<nav><ul>
<li><a href="/">Home page</a></li><li><a href="/world">World news menu</a></li>
<li><a href="/sport">Sport section</a></li><li><a href="/subscribe">Subscribe today</a></li>
</ul></nav>
<article>
<h1>Harben port strike enters second day</h1>
<p>Dockworkers at the port of Harben stayed off the job for a second day on Wednesday, leaving at
least sixteen grain ships waiting at anchor outside the harbour.</p>
<p>Union leader Marta Velescu said the walkout would continue until the port authority agreed to
discuss its plan to automate the Eastmole container terminal.</p>
<p>The Calder Bay Port Authority said it remained open to talks but would not abandon the
investment, which it says is needed to keep the port competitive.</p>
</article>
<footer><p>Copyright 2026 Calder Bay Herald. All rights reserved.</p>
<p>Privacy policy and cookie settings for every reader.</p></footer>
</body>
</html>
"""


def test_html_body_is_found_and_boilerplate_is_not(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = read_article(str(p))
    assert a.id == "page"
    assert a.title == "Harben port strike enters second day"
    assert a.sentences[0].is_title
    joined = " ".join(s.norm for s in a.sentences)
    assert "Dockworkers at the port of Harben stayed off the job" in joined
    assert "Velescu" in joined
    assert "keep the port competitive." in joined
    for boilerplate in ("Home page", "World news menu", "Subscribe today", "Copyright", "Privacy policy"):
        assert boilerplate not in a.text
    # The <h1> repeats the <title>: the headline is there once, not twice.
    assert [s.norm for s in a.sentences].count("Harben port strike enters second day") == 1
    assert len(a.sentences) == 4
    assert a.published is not None and a.published.startswith("2026-03-04")
    _check_offsets(a)


@pytest.mark.parametrize(
    ("given", "read"),
    [("2026-03-04T07:30:00Z", "2026-03-04T07:30:00+00:00"), ("2026-03-04T23:30:00-05:00", "2026-03-05T04:30:00+00:00"),
     ("2026-03-04", "2026-03-04")],
)  # fmt: skip
def test_an_html_page_keeps_its_time_of_publication(tmp_path: Path, given: str, read: str) -> None:
    """The page's time and zone are kept (it was cut to the day, so a page of 23:30 came before one of 08:00
    that day); a page giving the day alone stays a day."""
    p = tmp_path / "page.html"
    p.write_text(HTML.replace("2026-03-04T07:30:00Z", given), encoding="utf-8")
    r = read_date(read_article(str(p)).published)
    assert r is not None and r.timed == ("T" in read)
    assert (r.at.astimezone(UTC).isoformat() if r.timed else r.at.date().isoformat()) == read


def test_html_without_a_date_gets_none_not_the_copyright_year(tmp_path: Path) -> None:
    p = tmp_path / "undated.html"
    p.write_text(HTML.replace('<meta property="article:published_time" content="2026-03-04T07:30:00Z">', ""))
    a = read_article(str(p))
    assert a.published is None


def test_html_content_in_a_txt_file_is_read_as_text_but_unknown_suffix_sniffs_html(tmp_path: Path) -> None:
    for name in ("page.download", "page_saved"):  # an unknown suffix, or none (as crawlers save pages)
        sniffed = tmp_path / name
        sniffed.write_text(HTML, encoding="utf-8")
        a = read_article(str(sniffed))
        assert a.title == "Harben port strike enters second day"
        assert "Subscribe today" not in a.text


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>Only a title</title></head><body><div></div></body></html>")
    _raises_input_error(p, "no article text")


# --- records: JSON Lines, CSV, Parquet -------------------------------------------------------


def _check_records(articles: list[Article], path: Path) -> None:
    assert [a.id for a in articles] == ["wire", "rewrite", "fossil"]
    wire, rewrite, fossil = articles
    assert wire.title == "Harben dockworkers strike"
    assert wire.text == "Harben dockworkers strike\n\n" + str(RECORDS[0]["text"])
    assert wire.sentences[0].is_title
    assert [s.text for s in wire.sentences[1:]] == [
        "About 4,200 dockworkers walked off the job on Tuesday.",
        "Grain exports stopped.",
    ]
    assert (wire.url, wire.source, wire.published) == ("https://example.org/wire", "Northwire", "2026-03-03")
    assert rewrite.source == "TrendPulse News"
    assert fossil.title is None
    assert (fossil.url, fossil.source, fossil.published) == (None, None, None)
    assert fossil.text == RECORDS[2]["text"]
    for a in articles:
        assert a.path is not None and a.path.startswith(str(path))
        _check_offsets(a)


def _write_jsonl(path: Path) -> None:
    lines = [json.dumps(r) for r in RECORDS]
    path.write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")


def _write_csv(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["id", "title", "text", "url", "source", "published"])
        w.writeheader()
        for r in RECORDS:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})


def _write_parquet(path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(RECORDS), path)


@pytest.mark.parametrize(
    ("suffix", "write"),
    [(".jsonl", _write_jsonl), (".csv", _write_csv), (".parquet", _write_parquet)],
)
def test_record_files(tmp_path: Path, suffix: str, write: Callable[[Path], None]) -> None:
    p = tmp_path / f"batch{suffix}"
    write(p)
    articles = list(read_articles(str(p)))
    _check_records(articles, p)  # a CSV's empty cells read as None, like JSON null
    one = read_article(f"{p}#rewrite")
    assert one.id == "rewrite"
    assert one.title == "Chaos at Harben port"
    assert one.sentences[1].text == "Some 4,200 port workers downed tools on Tuesday."
    with pytest.raises(InputError) as info:
        read_article(str(p))
    assert info.value.exit_code == 3
    assert str(p) in str(info.value) and "holds 3 articles" in str(info.value)
    with pytest.raises(InputError) as missing:
        read_article(f"{p}#nope")
    assert missing.value.exit_code == 3
    assert "'nope'" in str(missing.value)


def test_csv_records_match_jsonl_records(tmp_path: Path) -> None:
    j, c = tmp_path / "a.jsonl", tmp_path / "a.csv"
    _write_jsonl(j)
    _write_csv(c)
    from_jsonl = list(read_articles(str(j)))
    from_csv = list(read_articles(str(c)))
    assert [a.id for a in from_csv] == [a.id for a in from_jsonl]
    for x, y in zip(from_jsonl, from_csv, strict=True):
        assert x.text == y.text
        assert [s.norm for s in x.sentences] == [s.norm for s in y.sentences]
        assert (x.title, x.url, x.source, x.published) == (y.title, y.url, y.source, y.published)


def test_single_record_file_needs_no_selector(tmp_path: Path) -> None:
    p = tmp_path / "one.jsonl"
    p.write_text(json.dumps({"text": "Only one story here. It is short."}) + "\n", encoding="utf-8")
    a = read_article(str(p))
    assert a.id == "one:1"  # no id field: file stem and line number
    assert len(a.sentences) == 2


def test_bad_jsonl_line_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read_articles(str(p)))
    assert info.value.exit_code == 3
    assert f"{p}:2" in str(info.value)
    assert "not valid JSON" in str(info.value)


def test_record_without_text_field_is_refused(tmp_path: Path) -> None:
    j = tmp_path / "notext.jsonl"
    j.write_text(json.dumps({"id": "x", "body": "Hello there."}) + "\n", encoding="utf-8")
    assert "'text'" in _raises_input_error(j).reason
    c = tmp_path / "notext.csv"
    c.write_text("id,body\nx,Hello there.\n", encoding="utf-8")
    assert "'text'" in _raises_input_error(c).reason


def test_selector_on_a_text_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("One sentence here.\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_article(f"{p}#abc")
    assert info.value.exit_code == 3


def test_examples_jsonl_matches_the_txt_files(examples_dir: Path) -> None:
    records = list(read_articles(str(examples_dir / "articles.jsonl")))
    assert len(records) == 5
    for rec in records:
        txt = read_article(str(examples_dir / f"{rec.id}.txt"))
        assert rec.title == txt.title
        assert [s.norm for s in rec.sentences] == [s.norm for s in txt.sentences]
        assert rec.url and rec.url.startswith("https://example.org/")
    published = {r.id: r.published or "" for r in records}
    assert min(published, key=published.__getitem__) == "01_wire_original"
    assert published["05_unrelated"] < published["03_heavy_rewrite"]


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
    _check_offsets(a)


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
    _check_offsets(a)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + b"Port strike\n\nThe strike began.\n")
    a = read_article(str(p))
    assert not a.text.startswith("\ufeff")
    assert a.text == "Port strike\n\nThe strike began.\n"
    assert a.title == "Port strike"
    assert a.sentences[0].start == 0


def test_utf8_bom_in_jsonl_and_csv_is_dropped(tmp_path: Path) -> None:
    j = tmp_path / "bom.jsonl"
    j.write_bytes(b"\xef\xbb\xbf" + (json.dumps(RECORDS[0]) + "\n").encode())
    assert read_article(str(j)).id == "wire"
    c = tmp_path / "bom.csv"
    c.write_bytes(b"\xef\xbb\xbfid,text\nwire,The strike began.\n")
    assert read_article(str(c)).id == "wire"


# --- bad input ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    _raises_input_error(tmp_path / "nowhere.txt", "no such file")


def test_missing_record_file_with_selector(tmp_path: Path) -> None:
    p = tmp_path / "nowhere.jsonl"
    with pytest.raises(InputError) as info:
        read_article(f"{p}#wire")
    assert info.value.exit_code == 3
    assert str(p) in str(info.value) and "no such file" in str(info.value)


def test_directory(tmp_path: Path) -> None:
    d = tmp_path / "folder.txt"
    d.mkdir()
    _raises_input_error(d, "directory")


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(200))
    _raises_input_error(p, "binary")


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    _raises_input_error(p, "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(b"  \n\t\r\n   \n")
    _raises_input_error(p, "empty")


def test_bom_only_file(tmp_path: Path) -> None:
    p = tmp_path / "bom_only.txt"
    p.write_bytes(b"\xef\xbb\xbf\n")
    _raises_input_error(p, "empty")


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 16)
    err = _raises_input_error(p)
    assert "undecodable" in err.reason or "encoding" in err.reason


def test_twenty_megabyte_single_line_file(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MiB, no newline
    assert p.stat().st_size >= 20_000_000
    err = _raises_input_error(p, "too large")
    assert "MB" in err.reason


def test_markup_only_file_has_no_sentences(tmp_path: Path) -> None:
    p = tmp_path / "markup.md"
    p.write_text("# \n\n**\n", encoding="utf-8")
    _raises_input_error(p)


def test_offsets_hold_for_every_example(examples_dir: Path) -> None:
    for path in sorted(examples_dir.glob("*.txt")):
        a = read_article(str(path))
        _check_offsets(a)
        assert a.sentences[0].is_title
        for s in a.sentences:
            assert normalise(s.text).text == s.norm


def test_json_lines_break_at_newlines_only(tmp_path: Path) -> None:
    """A line separator (U+2028) inside a JSON string is text, not the end of a record."""
    p = tmp_path / "sep.jsonl"
    rec = {"id": "sep", "text": "The strike began.\u2028Grain exports stopped."}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    arts = list(read_articles(str(p)))
    assert [a.id for a in arts] == ["sep", "wire"]
    assert "Grain exports stopped." in arts[0].text


def test_a_legacy_encoded_json_line_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "legacy.jsonl"
    p.write_bytes(
        (json.dumps(RECORDS[0]) + "\n").encode()
        + '{"id": "cafe", "text": "Caf\u00e9 owners said the strike hurt trade."}\n'.encode("cp1252")
    )
    arts = list(read_articles(str(p)))
    assert arts[1].id == "cafe" and arts[1].text.startswith("Caf\u00e9 owners")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"\n \n", "empty file"), (b'{"id": "x", "text": "a\x00b"}\n', "binary")],
)
def test_bad_json_lines_files(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_bytes(content)
    _raises_input_error(p, reason)


def test_an_id_two_records_share_is_not_picked_silently(tmp_path: Path) -> None:
    """``FILE#ID`` names one record; when two share the id, which was meant cannot be told, so it says so
    (a record whose id is its own is still found)."""
    p = tmp_path / "feed.jsonl"
    recs = [{"id": "dup", "text": "The council met on Monday."}, {"id": "own", "text": "A ferry was cancelled."},
            {"id": "dup", "text": "The mayor spoke on Tuesday."}]  # fmt: skip
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    with pytest.raises(InputError, match="2 records have the id 'dup': give each its own to name one"):
        read_article(f"{p}#dup")
    assert read_article(f"{p}#own").text == "A ferry was cancelled."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": None, "id": "x"}, "x: the text must be a string"),
        ({"text": "Hello there.", "id": 5}, "an article needs an id: a non-empty string"),
        ({"text": "Hello there.", "id": ""}, "an article needs an id"),
        ({"text": "Hello there.", "id": " \u00a0 "}, r"an article needs an id: a non-empty string and not blank \(got"),
        ({"text": "Hello there.", "id": "x", "title": 5}, "x: the title must be a string"),
        ({"text": "Hello there.", "id": "x", "published": 1556841600}, "x: the published must be a string"),
    ],
)
def test_the_api_says_what_is_wrong_with_its_arguments(kwargs: dict[str, object], message: str) -> None:
    """Wrong types reached the caller as AttributeError or TypeError from deep inside; an empty id was taken."""
    from retold.errors import UsageError
    from retold.ingest import article_from_text

    with pytest.raises(UsageError, match=message):
        article_from_text(**kwargs)  # type: ignore[arg-type]


def test_a_record_names_its_language_and_a_file_may_call_the_field_otherwise(tmp_path: Path) -> None:
    """Feeds often say each article's language: it is read as given (its primary tag), not detected again."""
    english = "The port of Harben closed on Tuesday. Dock workers walked out over an automation plan."
    j = tmp_path / "feed.jsonl"
    rows = [
        {"id": "tagged", "text": english, "language": "fr-CA"},
        {"id": "upper", "text": english, "language": "EN"},
        {"id": "untagged", "text": english},
        {"id": "word", "text": english, "language": "English"},
    ]
    j.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    problems: list[RetoldError] = []
    got = {a.id: a.language for a in read_articles(j, on_error=problems.append)}
    assert got == {"tagged": "fr", "upper": "en", "untagged": "en"}
    assert [str(e) for e in problems] == [
        f"{j}:4: language 'English' is not a language code (such as en, de, fr or pt-BR)"
    ]
    c = tmp_path / "feed.csv"
    c.write_text(f'id,text,lang\nx,"{english}",de\n', encoding="utf-8")
    assert [a.language for a in read_articles(c, fields={"language": "lang"})] == ["de"]
