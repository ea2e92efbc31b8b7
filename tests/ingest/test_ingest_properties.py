"""Property tests: arbitrary Unicode and arbitrary bytes never crash the readers or the segmenter.

Whatever comes in, a reader gives articles whose every sentence span is a slice of the original
text, or an :class:`InputError` (one line, naming the file); records files account for every record.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.errors import InputError
from retold.ingest import read_articles
from retold.ingest.records import iter_rows
from retold.model import Article
from retold.text.normalise import normalise
from retold.text.sentences import split_sentences

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any code point but lone surrogates (not text: the readers refuse them by name), weighted towards
# what breaks segmenters: line and paragraph separators, combining marks, invisible formatting.
PIECE = st.one_of(
    st.characters(exclude_categories=["Cs"]),
    st.sampled_from(list("\n\r\t .!?\"'\u2028\u2029\u0085\u000b\u000c\u200b\u200d\u00ad\u0301\u202e\ufeff")),
    st.sampled_from(["Mr. ", "U.S. ", "3.5 ", "...", "«", "»", "。", "؟", "\r\n", "The mayor said so. "]),
)
TEXT = st.lists(PIECE, max_size=120).map("".join)


def check_spans(original: str, sentences: tuple[object, ...]) -> None:
    last = 0
    for s in sentences:
        assert isinstance(s, object)
        start, end, text = s.start, s.end, s.text  # type: ignore[attr-defined]
        assert 0 <= start < end <= len(original)
        assert original[start:end] == text
        assert start >= last  # in order, never overlapping
        last = end


def check_article(a: Article) -> None:
    assert a.sentences
    check_spans(a.text, a.sentences)
    assert [s.i for s in a.sentences] == list(range(len(a.sentences)))


@SETTINGS
@given(TEXT, st.booleans(), st.sampled_from(["en", "de", "ja", "ar", "xx"]))
def test_segmenter_spans_map_back_into_any_text(text: str, title_first: bool, language: str) -> None:
    norm = normalise(text)
    check_spans(text, split_sentences(text, norm, title_first_line=title_first, language=language))


def read(path: Path) -> tuple[list[Article], list[InputError]]:
    bad: list[InputError] = []
    try:
        return list(read_articles(str(path), on_error=bad.append)), bad
    except InputError as e:  # the whole file: one line naming it
        assert str(path) in str(e) and "\n" not in str(e)
        return [], [e]


@SETTINGS
@given(TEXT, st.sampled_from([".txt", ".md", "", ".html"]), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_text_reader_never_crashes(text: str, suffix: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"article{suffix}"
        p.write_bytes(text.encode(encoding))
        arts, bad = read(p)
        assert len(arts) + len(bad) == 1
        for a in arts:
            check_article(a)
            if suffix != ".html":
                assert a.text == text.lstrip("\ufeff") or a.text == text


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from([".txt", ".jsonl", ".csv", ".parquet", ".html"]))
def test_any_bytes_give_articles_or_one_line_errors(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"blob{suffix}"
        p.write_bytes(data)
        arts, bad = read(p)
        for a in arts:
            check_article(a)
        for e in bad:
            assert str(p) in str(e) and "\n" not in str(e)


RECORD = st.fixed_dictionaries({"id": st.text(st.characters(exclude_categories=["Cs"]), max_size=12), "text": TEXT})


@SETTINGS
@given(st.lists(st.one_of(RECORD, st.text(max_size=40)), min_size=1, max_size=12))
def test_jsonl_accounts_for_every_line(items: list[object]) -> None:
    """Records and garbage lines mixed: each non-blank line is an article or a bad record, in order."""
    lines = [json.dumps(x) if isinstance(x, dict) else str(x).replace("\n", " ").replace("\r", " ") for x in items]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "feed.jsonl"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        arts, bad = read(p)
        if len(bad) == 1 and bad[0].path == str(p):
            return  # a whole-file problem (all blank, or binary-looking)
        expected = sum(1 for ln in lines if ln.encode().strip())  # blank: ASCII whitespace only
        assert len(arts) + len(bad) == expected
        for a in arts:
            check_article(a)


NO_NUL = TEXT.map(lambda t: t.replace("\x00", ""))  # NUL bytes near its start make a CSV file binary


@SETTINGS
@given(st.lists(st.tuples(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True), NO_NUL, NO_NUL), min_size=1, max_size=8))
def test_csv_written_by_a_csv_writer_reads_back_exactly(rows: list[tuple[str, str, str]]) -> None:
    """Quoted cells with line breaks, quotes and commas are never taken for a broken row."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(["id", "title", "text"])
    w.writerows(rows)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "feed.csv"
        p.write_text(buf.getvalue(), encoding="utf-8", newline="")
        got = list(iter_rows(str(p)))
    assert [r.error for r in got] == [None] * len(rows)
    assert [(r.fields or {}).get("text") for r in got] == [t for _, _, t in rows]
    assert [(r.fields or {}).get("title") for r in got] == [t for _, t, _ in rows]
