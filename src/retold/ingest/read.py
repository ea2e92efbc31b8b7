"""Files and records to articles: txt, md, html, jsonl, csv, parquet, and ``-`` for standard input."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from retold._args import fields_arg, path_arg
from retold.config import DEFAULT_LANGUAGE, LIMITS
from retold.errors import InputError, UsageError
from retold.ingest.decode import decode
from retold.ingest.html import looks_like_html, read_page
from retold.ingest.paths import kind, missing, opened
from retold.ingest.records import Row, iter_rows, looks_like_jsonl, text_rows
from retold.model import Article
from retold.text.furniture import furniture
from retold.text.language import detect_language, language_code
from retold.text.markdown import front_matter, looks_like_markdown, syntax
from retold.text.normalise import cut, normalise
from retold.text.sentences import looks_like_title, split_sentences
from retold.text.words import counted

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}  # a file without a suffix is sniffed, as stdin is
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_LINES = {".jsonl", ".ndjson"}
RECORD_SUFFIXES = {*JSON_LINES, ".csv", ".parquet"}
JSON = ".json"  # named directly: JSON Lines are records; a JSON document is refused (folders pass it over)
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

_SURROGATE = re.compile("[\ud800-\udfff]")  # only JSON escapes or Python callers can make them


def _surrogate(value: str) -> re.Match[str] | None:
    """The first unpaired surrogate in ``value``: UTF-8 encodes every other character, and encoding a text rules
    them out in a fifth of the time the pattern's search of it takes."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.search(value)
    return None


def check_id(id: object) -> str:
    """The one check of an article id, for every way in (files, records, the web app's bodies and URLs): an
    id names the article in listings, links and edges, so one that prints as nothing (blanks only) names none."""
    if not isinstance(id, str) or not id.strip():
        blank = " and not blank" if isinstance(id, str) and id else ""
        raise UsageError(f"an article needs an id: a non-empty string{blank} (got {id!r})")
    return id


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
    check_id(id)
    where = path or id
    for name, value in (
        ("text", text),
        ("title", title),
        ("id", id),
        ("url", url),
        ("source", source),
        ("published", published),
    ):
        if not isinstance(value, str) and (value is not None or name == "text"):
            raise UsageError(f"{id}: the {name} must be a string (got {type(value).__name__})")
        at = _surrogate(value) if value else None
        if at is not None:
            raise InputError(
                where,
                f"the {name} holds an unpaired surrogate (U+{ord(at.group()):04X} at {at.start():,}): not Unicode text",
            )
    if not text.strip():  # a title alone is no article either: records and files are refused the same way
        raise InputError(where, "empty article (no text)")
    if "\x00" in text or (title and "\x00" in title):  # as a file or a record row with them is refused
        raise InputError(where, "NUL characters in the text (binary data), not article text")
    if title:
        title = " ".join(title.split())
        text = f"{title}\n\n{text}"
    # a character is at most four bytes: a text that short is not encoded to be measured
    size = len(text) if 4 * len(text) <= LIMITS.max_article_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > LIMITS.max_article_bytes:
        raise _too_large(where, size)
    drop = furniture(text)  # scraped widgets inside sentences: their words are not the article's
    if markdown:
        drop += syntax(text)
        published = published or front_matter(text).get("date")  # a static site's page gives its date there
    norm = normalise(text, drop or None)
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
        title=(cut(sentences[0].text, drop, sentences[0].start) if markdown else sentences[0].text)
        if has_title
        else None,
        url=url,
        source=source,
        published=published,
        path=path,
        language=lang,
    )


@contextmanager
def _opened(path: str) -> Iterator[Path]:
    """The file behind ``path`` (:func:`retold.ingest.paths.opened`); reading it fails as a one-line error."""
    p = opened(path)
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
            raise _too_large(path, size)
        return p.read_bytes()


def _too_large(where: str, size: int) -> InputError:
    limit = LIMITS.max_article_bytes
    if limit >= 1_000_000:
        said = f"{size / 1e6:.1f} MB; the limit is {limit / 1e6:g} MB"
    else:  # a limit set under a megabyte would read "0 MB"
        said = f"{size:,} bytes; the limit is {limit:,} bytes"
    return InputError(where, f"too large for one article ({said}, set RETOLD_MAX_ARTICLE_BYTES to raise it)")


def record_article(rec: Mapping[str, Any], where: str, default_id: str) -> Article:
    """An article from one record of a JSON Lines, CSV or Parquet file (``where`` names it in errors): the one
    reading of a record's fields, which the Spark scan shares so that both give the same articles."""

    def s(key: str) -> str | None:
        v = rec.get(key)
        if v is None or (isinstance(v, float) and v != v):
            return None
        # A CSV has no null: its empty cells mean "unknown", as null does in JSON Lines and Parquet.
        return str(v) if key == "text" or str(v).strip() else None

    text = s("text") or ""
    if not text.strip():  # a title alone is no article: the text is what gets compared
        raise InputError(where, "empty text" + (" (the record has only a title)" if s("title") else ""))
    named = s("language")
    language = language_code(named) if named else DEFAULT_LANGUAGE
    if named and language is None:
        raise InputError(where, f"language {named.strip()!r} is not a language code (such as en, de, fr or pt-BR)")
    return article_from_text(
        text,
        id=s("id") or default_id,
        title=s("title"),
        url=s("url"),
        source=s("source"),
        published=s("published"),
        path=where,
        language=language,
    )


def _html(path: str, data: bytes) -> Article:
    page = read_page(path, data)
    return article_from_text(
        page.body,
        id="stdin" if path == "-" else Path(path).stem,
        title=page.title,
        url=page.url,
        source=page.source,
        published=page.published,
        path=path,
    )


def split_selector(spec: str) -> tuple[str, str | None]:
    """``FILE#ID`` split at the first ``#`` after which the file exists (an id may hold ``#``: a URL with a
    fragment); at the last one when no such file exists, so the error names the file asked for."""
    if "#" not in spec or kind(spec) in ("file", "dir"):
        return spec, None
    at = spec.find("#")
    while at != -1:
        if spec[:at] == "-" or kind(spec[:at]) == "file":
            return spec[:at], spec[at + 1 :]
        at = spec.find("#", at + 1)
    path, _, sel = spec.rpartition("#")
    return path, sel


OnError = Callable[[InputError], None]


def contents(path: str, fields: Mapping[str, str] | None = None) -> Iterator[Row] | Article:
    """What one file holds: its records' rows (a records file, or JSON Lines in a .json file or on standard
    input), else the one article it is; a JSON document is refused. The one place that tells, for every reader."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in RECORD_SUFFIXES:
        return iter_rows(path, fields)
    data = _read_bytes(path)
    if path == "-" or suffix == JSON:
        text = decode(data, path)
        if not looks_like_html(text) and looks_like_jsonl(text):
            return text_rows(path, text, fields)
        if suffix == JSON and text.lstrip()[:1] in ("[", "{"):
            raise InputError(path, "a JSON document: retold reads JSON Lines, one object a line (jq -c '.[]' FILE)")
    return _single(path, data)


def read_articles(
    path: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None, on_error: OnError | None = None
) -> Iterator[Article]:
    """Every article in one file (records files hold many).

    ``fields`` maps retold's field names to the file's (``{"text": "body"}``). A bad record raises
    :class:`InputError` naming ``FILE:N``; with ``on_error`` it is passed there instead and reading
    goes on with the next record. Problems of the whole file always raise.
    """
    path, fields = path_arg(path), fields_arg(fields)
    found = contents(path, fields)
    if isinstance(found, Article):
        yield found
    else:
        yield from _from_rows(found, on_error)


def check_file(path: str, fields: Mapping[str, str] | None = None) -> None:
    """Raise what reading ``path`` would raise for the whole file, as far as its start tells (missing, a
    folder, unreadable, empty, binary, no text column or field, not Parquet, a JSON document), without reading
    its articles: a reader that runs later and elsewhere (Spark) says these before it starts. The first record
    is enough: the reader raises these before it, and for JSON Lines it reads at most ``records.PEEK`` lines to
    tell (a field named otherwise shows in the first records; a whole file would cost what the later reader
    costs)."""
    if Path(path).suffix.lower() not in (*RECORD_SUFFIXES, JSON):
        decode(_read_bytes(path), path)
        return
    found = contents(path, fields)  # a .json file may be one article: made here, as cheap as a text file's
    if not isinstance(found, Article):
        next(found, None)  # a problem of the whole file raises before the first record


def _single(path: str, data: bytes) -> Article:
    """One article from a text, Markdown or HTML file's bytes, read as its suffix says."""
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in HTML_SUFFIXES:
        return _html(path, data)
    text = decode(data, path)
    # a .txt file is text whatever it holds; standard input and unknown suffixes are sniffed
    sniffed = path == "-" or suffix not in TEXT_SUFFIXES
    if sniffed and looks_like_html(text):
        return _html(path, data)
    return article_from_text(
        text,
        id="stdin" if path == "-" else Path(path).stem,
        path=path,
        markdown=suffix in (".md", ".markdown") or (sniffed and looks_like_markdown(text)),
    )


def article_from_bytes(data: bytes, name: str, *, id: str) -> Article:
    """One uploaded article (``.txt``, ``.md``, ``.html``; other names sniffed), read as a file of that name
    would be, with ``id`` and no path: ``name`` is only a label for its suffix and messages, never opened."""
    from dataclasses import replace

    check_id(id)
    name = Path(name.replace("\\", "/")).name or "upload"
    if name == "-":
        name = "upload"
    if Path(name).suffix.lower() in RECORD_SUFFIXES:
        raise InputError(name, "a records file holds many articles: upload one article (.txt, .md or .html)")
    if len(data) > LIMITS.max_article_bytes:
        raise _too_large(name, len(data))
    return replace(_single(name, data), id=id, path=None)


def _from_rows(rows: Iterable[Row], on_error: OnError | None) -> Iterator[Article]:
    for row in rows:
        try:
            if row.error is not None:
                raise InputError(row.where, row.error)
            assert row.fields is not None
            yield record_article(row.fields, row.where, row.default_id)
        except InputError as e:
            if on_error is None:
                raise
            on_error(e)


def read_article(spec: str | os.PathLike[str], *, fields: Mapping[str, str] | None = None) -> Article:
    """One article: a text/HTML file, ``-``, or ``FILE#ID`` for one record of a JSONL/CSV/Parquet file.

    Bad records other than the one asked for do not stand in its way.
    """
    spec, fields = path_arg(spec), fields_arg(fields)
    path, selector = split_selector(spec)
    if Path(path).suffix.lower() in (*RECORD_SUFFIXES, JSON) or path == "-":  # these may hold JSON Lines
        bad: list[InputError] = []
        found: list[Article] = []
        picked: list[Article] = []
        for art in read_articles(path, fields=fields, on_error=bad.append):
            if selector is None:
                found.append(art)
            elif art.id == selector:
                picked.append(art)
        skipped = f" ({counted(len(bad), 'bad record')} skipped, the first {bad[0]})" if bad else ""
        if len(picked) == 1:
            return picked[0]
        if picked:  # which one was meant cannot be told: never pick one silently
            raise InputError(path, f"{len(picked)} records have the id {selector!r}: give each its own to name one")
        if selector is not None:
            raise InputError(path, f"no record with id {selector!r}{skipped}")
        if len(found) != 1:
            if not found and len(bad) == 1:
                raise bad[0]
            if not found:
                raise InputError(path, f"holds no records{skipped}")
            # "-#ID" alone on a command line is read as an option ("No such option '-#'"): say how to give it
            after = " after --, which ends the options (compare -- -#ID B)" if path == "-" else ""
            raise InputError(path, f"holds {len(found)} articles{skipped}; name one as {path}#ID{after}")
        return found[0]
    if selector is not None:
        kinds = "JSON Lines, CSV or Parquet (.jsonl .csv .parquet)"
        if kind(path) == "file":  # FILE#ID names a record: this file is one article, or of a kind not read
            raise InputError(path, f"#{selector}: only a records file holds records to name, {kinds}")
        raise missing(spec)
    return next(iter(read_articles(path)))
