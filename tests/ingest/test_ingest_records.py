"""Reading records files (JSON Lines, CSV, Parquet): every field, ``FILE#ID`` selectors, the API's arguments."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _ingest import check_offsets, raises_input_error

from retold.errors import InputError, RetoldError, UsageError
from retold.ingest import read_article, read_articles
from retold.model import Article

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
        check_offsets(a)


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
    assert "'text'" in raises_input_error(j).reason
    c = tmp_path / "notext.csv"
    c.write_text("id,body\nx,Hello there.\n", encoding="utf-8")
    assert "'text'" in raises_input_error(c).reason


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


def test_utf8_bom_in_jsonl_and_csv_is_dropped(tmp_path: Path) -> None:
    j = tmp_path / "bom.jsonl"
    j.write_bytes(b"\xef\xbb\xbf" + (json.dumps(RECORDS[0]) + "\n").encode())
    assert read_article(str(j)).id == "wire"
    c = tmp_path / "bom.csv"
    c.write_bytes(b"\xef\xbb\xbfid,text\nwire,The strike began.\n")
    assert read_article(str(c)).id == "wire"


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
    raises_input_error(p, reason)


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
