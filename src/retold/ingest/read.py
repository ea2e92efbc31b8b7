"""Files and records to articles: txt, md, html, jsonl, csv, parquet, and ``-`` for standard input."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from retold.config import DEFAULT_LANGUAGE, LIMITS
from retold.errors import InputError
from retold.ingest.decode import decode
from retold.model import Article
from retold.text.language import detect_language
from retold.text.normalise import normalise
from retold.text.sentences import looks_like_title, split_sentences

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_LINES = {".jsonl", ".ndjson"}
RECORD_SUFFIXES = {*JSON_LINES, ".csv", ".parquet"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

_MD_SYNTAX = re.compile(
    r"^\s{0,3}#{1,6}[ \t]+|^\s{0,3}>[ \t]?|^\s{0,3}[-*+][ \t]+|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\[(?=[^\]]*\]\()"
    r"|(?<!\w)(?:\*\*|__|\*|_)(?=\S)|(?<=\S)(?:\*\*|__|\*|_)(?!\w)",
    re.MULTILINE,
)


def article_from_text(
    text: str,
    *,
    id: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    path: str | None = None,
    markdown: bool = False,
    language: str | None = DEFAULT_LANGUAGE,
) -> Article:
    """Build an article from text; a given ``title`` is put first, else the first-line rule decides."""
    where = path or id
    if title:
        title = " ".join(title.split())
        text = f"{title}\n\n{text}" if text.strip() else title
    if not text.strip():
        raise InputError(where, "empty article (no text)")
    if len(text.encode("utf-8", "surrogatepass")) > LIMITS.max_article_bytes:
        mb = len(text.encode("utf-8", "surrogatepass")) / 1e6
        raise InputError(
            where,
            f"too large for one article ({mb:.1f} MB; the limit is {LIMITS.max_article_bytes / 1e6:.0f} MB, "
            "set RETOLD_MAX_ARTICLE_BYTES to raise it)",
        )
    drop = [m.span() for m in _MD_SYNTAX.finditer(text)] if markdown else None
    norm = normalise(text, drop)
    first_line = norm.text.lstrip().split("\n", 1)
    has_title = bool(title) or looks_like_title(first_line[0], len(first_line) > 1 and bool(first_line[1].strip()))
    lang = language or detect_language(norm.text)
    sentences = split_sentences(text, norm, title_first_line=has_title, language=lang)
    if not sentences:
        raise InputError(where, "no sentences (only markup or punctuation)")
    longest = max(s.end - s.start for s in sentences)
    if longest > LIMITS.max_sentence_chars:
        raise InputError(
            where,
            f"a sentence of {longest:,} characters: not article text (the limit is "
            f"{LIMITS.max_sentence_chars:,}, set RETOLD_MAX_SENTENCE_CHARS to raise it)",
        )
    return Article(
        id=id,
        text=text,
        sentences=sentences,
        title=sentences[0].text if has_title else None,
        url=url,
        source=source,
        published=published,
        path=path,
        language=lang,
    )


@contextmanager
def _opened(path: str) -> Iterator[Path]:
    """The file behind ``path``; a missing or unreadable file or a folder is a one-line :class:`InputError`."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not an article file")
    try:
        yield p
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})") from None


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with _opened(path) as p:
        size = p.stat().st_size
        if size > LIMITS.max_article_bytes and p.suffix.lower() not in RECORD_SUFFIXES:
            raise InputError(
                path,
                f"too large for one article ({size / 1e6:.1f} MB; the limit is "
                f"{LIMITS.max_article_bytes / 1e6:.0f} MB, set RETOLD_MAX_ARTICLE_BYTES to raise it)",
            )
        return p.read_bytes()


def _json_lines(path: str) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of a JSON Lines file, read line by line so memory stays flat however large
    the file is (a whole 100 MB file held as bytes, text and a list of lines took 4-5 times its size).
    Lines end at newline bytes only (U+2028 inside a JSON string is not a line break); a line that is
    not UTF-8 is decoded as a legacy encoding, as a whole file would be."""
    with _opened(path) as p, p.open("rb") as f:
        empty = True
        for k, raw in enumerate(f, start=1):
            if k == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if k == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: read as a whole
                yield from enumerate(decode(raw + f.read(), path).split("\n"), start=1)
                return
            if b"\x00" in raw:
                raise InputError(path, "binary file (contains NUL bytes), not text")
            if not raw.strip():
                continue
            empty = False
            try:
                yield k, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield k, decode(raw, f"{path}:{k}")
        if empty:
            raise InputError(path, "empty file")


def _record(rec: Mapping[str, Any], where: str, default_id: str) -> Article:
    def s(key: str) -> str | None:
        v = rec.get(key)
        if v is None or (isinstance(v, float) and v != v):
            return None
        # A CSV has no null: its empty cells mean "unknown", as null does in JSON Lines and Parquet.
        return str(v) if key == "text" or str(v).strip() else None

    text = s("text")
    if text is None:
        raise InputError(where, "record has no 'text' field (fields: id, title, text, url, source, published)")
    return article_from_text(
        text,
        id=s("id") or default_id,
        title=s("title"),
        url=s("url"),
        source=s("source"),
        published=s("published"),
        path=where,
    )


def _records(path: str, data: bytes) -> Iterator[tuple[str, Mapping[str, Any]]]:
    suffix = Path(path).suffix.lower()
    stem = Path(path).stem
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - pyarrow is a core dependency
            raise InputError(path, "reading Parquet needs pyarrow: pip install pyarrow") from None
        try:
            table = pq.read_table(io.BytesIO(data))
        except Exception as e:  # pyarrow raises several unrelated types for bad files
            raise InputError(path, f"not a readable Parquet file ({type(e).__name__})") from None
        for k, row in enumerate(table.to_pylist()):
            yield f"{stem}:{k + 1}", row
        return
    reader = csv.DictReader(io.StringIO(decode(data, path)))  # CSV (JSON Lines are streamed: _jsonl_records)
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise InputError(path, "CSV has no 'text' column (columns: id, title, text, url, source, published)")
    for k, row in enumerate(reader):
        yield f"{stem}:{k + 2}", row


def _jsonl_records(path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    stem = Path(path).stem
    for k, line in _json_lines(path):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{k}", f"not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{k}", "a JSON Lines record must be an object")
        yield f"{stem}:{k}", rec


def _html(path: str, data: bytes) -> Article:
    text = decode(data, path)
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a core dependency
        raise InputError(path, "reading HTML needs trafilatura: pip install trafilatura") from None
    # No extensive date search: it takes a footer's "Copyright 2026" for a publication date.
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise InputError(path, "no article text found in this HTML page")
    title = getattr(doc, "title", None)
    head, _, rest = body.strip().partition("\n")
    if title and rest.strip() and " ".join(head.split()) == " ".join(title.split()):
        body = rest  # the page's <h1> repeats the title, which article_from_text puts first anyway
    return article_from_text(
        body,
        id=Path(path).stem,
        title=title,
        url=getattr(doc, "url", None),
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        published=getattr(doc, "date", None),
        path=path,
    )


def _split_selector(spec: str) -> tuple[str, str | None]:
    if "#" in spec and not Path(spec).exists():
        path, _, sel = spec.rpartition("#")
        return path, sel
    return spec, None


def read_articles(path: str) -> Iterator[Article]:
    """Every article in one file (records files hold many). Raises :class:`InputError` on the first bad one."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in JSON_LINES:
        for default_id, rec in _jsonl_records(path):
            yield _record(rec, f"{path}:{default_id.rsplit(':', 1)[1]}", default_id)
        return
    data = _read_bytes(path)
    if suffix in RECORD_SUFFIXES:
        for default_id, rec in _records(path, data):
            yield _record(rec, f"{path}:{default_id.rsplit(':', 1)[1]}", default_id)
        return
    if suffix in HTML_SUFFIXES:
        yield _html(path, data)
        return
    text = decode(data, path)
    if suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield _html(path, data)
        return
    yield article_from_text(
        text,
        id="stdin" if path == "-" else Path(path).stem,
        path=path,
        markdown=suffix in (".md", ".markdown"),
    )


def read_article(spec: str) -> Article:
    """One article: a text/HTML file, ``-``, or ``FILE#ID`` for one record of a JSONL/CSV/Parquet file."""
    path, selector = _split_selector(spec)
    if Path(path).suffix.lower() in RECORD_SUFFIXES:
        found = list(read_articles(path))
        if selector is not None:
            for art in found:
                if art.id == selector:
                    return art
            raise InputError(path, f"no record with id {selector!r}")
        if len(found) != 1:
            raise InputError(path, f"holds {len(found)} articles; name one as {path}#ID")
        return found[0]
    if selector is not None:
        raise InputError(spec, "no such file")
    return next(iter(read_articles(path)))
