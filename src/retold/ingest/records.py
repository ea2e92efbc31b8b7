"""Records files (JSON Lines, CSV, Parquet) to rows: one bad row is reported and skipped, never the rest.

Each row comes with where it is (``FILE:N``: the JSON Lines line, the CSV row counting the header as
row 1, the Parquet row from 1) and either its fields or the one-line reason it cannot be read. Only
problems of the whole file (missing, binary, empty, no text column, not Parquet) raise.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from retold.config import LIMITS
from retold.errors import InputError, UsageError
from retold.ingest.decode import bom_encoding, decode
from retold.ingest.paths import opened
from retold.text.words import counted

FIELDS = ("id", "title", "text", "url", "source", "published", "language")
_SNIFF = 8192
# JSON Lines records read to tell a file whose text field has another name from a file with a few bad
# records: enough for a leading header or a few stray records, few enough to cost nothing before a reader starts
PEEK = 100
_DELIMITERS = (",", ";", "\t", "|")
_Shape = tuple[int, int | None, str]  # a CSV file's cells per row, id column, delimiter
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # the line ends the csv module itself obeys


@dataclass(frozen=True)
class Row:
    """One record: ``fields`` (retold's names, mapped) or ``error`` (why it was skipped)."""

    where: str  # FILE:N
    default_id: str  # STEM:N, the id of a record that names none
    fields: Mapping[str, Any] | None = None
    error: str | None = None


def parse_field_map(specs: Sequence[str]) -> dict[str, str]:
    """``["text=body", "title=headline"]`` -> ``{"text": "body", "title": "headline"}``.

    The left side is retold's field, the right side the name in the file; anything else is a
    :class:`UsageError` (exit 2), so a typo never silently reads the wrong column.
    """
    out: dict[str, str] = {}
    for spec in specs:
        ours, eq, theirs = spec.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not eq or not ours or not theirs:
            raise UsageError(f"--field {spec!r}: write it as FIELD=NAME, e.g. --field text=body")
        why = unknown_field(ours)
        if why:
            raise UsageError(f"--field {spec!r}: {why}")
        if ours in out:
            raise UsageError(f"--field {spec!r}: {ours!r} is mapped twice")
        out[ours] = theirs
    return out


def unknown_field(ours: str) -> str | None:
    """Why ``ours`` cannot be mapped (it is none of retold's fields): one check for ``--field`` and ``fields=``."""
    return None if ours in FIELDS else f"unknown field {ours!r} (fields: {', '.join(FIELDS)})"


def _names(fmap: Mapping[str, str]) -> dict[str, str]:
    """retold field -> the name to look for in the file."""
    return {f: fmap.get(f, f) for f in FIELDS}


def _hint(fmap: Mapping[str, str]) -> str:
    mapped = [f"{k}={v}" for k, v in fmap.items()]
    return f" (mapped by --field {' '.join(mapped)})" if mapped else " (map another with --field text=NAME)"


def mapped(rec: Mapping[str, Any], fmap: Mapping[str, str]) -> tuple[dict[str, Any], str | None]:
    """The record under retold's field names, or the reason it cannot be an article."""
    names = _names(fmap)
    out = {f: rec.get(n) for f, n in names.items()}
    if names["text"] not in rec:
        return out, f"record has no {names['text']!r} field{_hint(fmap)}"
    for f, v in out.items():
        # a JSON true would be the id "True", which FILE#true never names: no field is a yes or no
        if isinstance(v, dict | list | tuple | bytes | bool):
            return out, f"{names[f]!r} is a {type(v).__name__}, not text"
    if not isinstance(out["text"], str):
        kind = "null" if out["text"] is None else type(out["text"]).__name__
        return out, f"{names['text']!r} is {kind}, not text"
    return out, None


def iter_rows(path: str, fmap: Mapping[str, str] | None = None) -> Iterator[Row]:
    """The rows of a JSON Lines, CSV or Parquet file, by suffix."""
    suffix = Path(path).suffix.lower()
    fm = dict(fmap or {})
    if suffix == ".parquet":
        return _parquet_rows(path, fm)
    if suffix == ".csv":
        return _csv_rows(path, fm)
    return _jsonl_rows(path, fm)


def _row(path: str, n: int, rec: Mapping[str, Any], fmap: Mapping[str, str]) -> Row:
    fields, error = mapped(rec, fmap)
    return Row(f"{path}:{n}", f"{_stem(path)}:{n}", None if error else fields, error)


# --- JSON Lines ---


@lru_cache(maxsize=16)
def _stem(path: str) -> str:
    """The file's name without its suffix, the first part of a record's default id (asked twice a record: a
    ``Path`` made each time took 0.1 s of 10,000 records' reading)."""
    return "stdin" if path == "-" else Path(path).stem


def looks_like_jsonl(text: str) -> bool:
    """JSON Lines given where a text was expected (standard input): the first line is a JSON object."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if not (first.startswith("{") and first.endswith("}")):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def text_rows(path: str, text: str, fmap: Mapping[str, str] | None = None) -> Iterator[Row]:
    """The rows of JSON Lines already read as text (standard input)."""
    lines = ((n, line, None) for n, line in enumerate(text.split("\n"), start=1) if line.strip())
    return _jsonl_rows(path, dict(fmap or {}), lines)


def _jsonl_rows(
    path: str, fmap: Mapping[str, str], lines: Iterable[tuple[int, str, str | None]] | None = None
) -> Iterator[Row]:
    """Read line by line (memory stays flat however large the file); a bad line is one skipped row. A file
    whose first records lack the text field, none having it for ``PEEK`` lines, is refused whole, as a CSV
    file without the text column is: the field has another name in this file (``--field text=NAME``), and a
    line for each of its records would bury that one fact."""
    text = _names(fmap)["text"]
    held: list[Row] = []  # from the first record without the text field on, while none has it (small rows)
    lacking = 0  # the records among them
    settled = False  # a record with the text field was read: every row passes from then on
    for n, line, error in _json_lines(path) if lines is None else lines:
        row, rec = _jsonl_row(path, n, line, error, fmap)
        if settled or (rec is None and not held):
            yield row
        elif rec is not None and text in rec:
            yield from held
            yield row
            held, settled = [], True
        else:
            held.append(row)
            lacking += rec is not None
            if len(held) == PEEK:
                raise _no_text(path, fmap, f"its first {counted(lacking, 'record')}")
    if held:
        raise _no_text(path, fmap, "its record" if lacking == 1 else f"its {lacking:,} records")


def _no_text(path: str, fmap: Mapping[str, str], which: str) -> InputError:
    has = "has" if which.endswith("record") else "have"
    return InputError(path, f"{which} {has} no {_names(fmap)['text']!r} field{_hint(fmap)}")


def _jsonl_row(
    path: str, n: int, line: str, error: str | None, fmap: Mapping[str, str]
) -> tuple[Row, dict[str, Any] | None]:
    """Line ``n`` as a row, with the record it holds (None when it holds none)."""
    where, default_id = f"{path}:{n}", f"{_stem(path)}:{n}"
    if error is not None:
        return Row(where, default_id, None, error), None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return Row(where, default_id, None, _json_error(e, line)), None
    except RecursionError:
        return Row(where, default_id, None, "JSON nested too deeply"), None
    if not isinstance(rec, dict):
        return Row(where, default_id, None, "a JSON Lines record must be an object"), None
    return _row(path, n, rec, fmap), rec


def _json_error(e: json.JSONDecodeError, line: str) -> str:
    """Where a line is not JSON, in its own columns: a record cut short (or spread over several lines) fails
    at the line break, which the decoder counts as column 1 of a next line."""
    end = len(line.rstrip())
    if e.pos >= end:
        return (
            f"not valid JSON (the record is cut short at the end of the line, column {end + 1}: "
            "JSON Lines holds one whole record a line)"
        )
    return f"not valid JSON ({e.msg}, column {e.colno})"


def _json_lines(path: str) -> Iterator[tuple[int, str, str | None]]:
    """``(line number, text, error)`` of the non-blank lines. Lines end at newline bytes only (U+2028 in
    a JSON string is no line break); a line that is not UTF-8 is decoded as a legacy encoding."""
    try:
        with opened(path).open("rb") as f:
            empty = True
            for k, raw in enumerate(f, start=1):
                if k == 1:
                    marked = bom_encoding(raw)
                    if marked is not None and marked[0] != "utf-8":  # UTF-16/32: read as a whole
                        text = decode(raw + f.read(), path)
                        for j, line in enumerate(text.split("\n"), start=1):
                            if line.strip():
                                yield j, line, None
                        return
                    if marked is not None:
                        raw = raw[marked[1] :]
                if not raw.strip():
                    continue
                if empty and not raw.lstrip().startswith(b"{") and b"\x00" in raw + f.peek(_SNIFF)[:_SNIFF]:
                    # NUL bytes near the start and no JSON object first: not a text file at all
                    raise InputError(path, "binary file (contains NUL bytes), not text")
                if b"\x00" in raw:
                    yield k, "", "NUL bytes in this line (binary data)"
                    continue
                empty = False
                try:
                    yield k, raw.decode("utf-8"), None
                except UnicodeDecodeError:
                    try:
                        yield k, decode(raw, f"{path}:{k}"), None
                    except InputError as e:
                        yield k, "", e.reason
            if empty:
                raise InputError(path, "empty file")
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None


# --- CSV ---


def _csv_rows(path: str, fmap: Mapping[str, str]) -> Iterator[Row]:
    """CSV rows, checked one by one (strict quoting, so a quote that never closes, or closes mid-cell,
    is an error instead of a silent merge): a row with the wrong number of cells is skipped, and so
    is a broken row. A broken row that runs over several lines, one of which reads as a whole row of
    its own, opened a quote that swallowed the rows after it: reading resumes on that line.
    """
    p = opened(path)
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    lines = [m.group() for m in _LINE.finditer(decode(data, path))]
    limit = max(csv.field_size_limit(), LIMITS.max_article_bytes + 1)
    csv.field_size_limit(limit)  # the default (128 KB) refuses long articles
    names = _names(fmap)
    header, delim = _header(lines[:1], names["text"])
    if names["text"] not in header:
        raise InputError(path, f"CSV has no {names['text']!r} column (columns: {', '.join(header[:12])}){_hint(fmap)}")
    twice = sorted({h for h in names.values() if header.count(h) > 1})
    if twice:  # which of two columns of one name holds the field cannot be told: never take the last silently
        raise InputError(path, f"CSV header names {', '.join(map(repr, twice))} twice: give each column its own name")
    width = len(header)
    id_at = header.index(names["id"]) if names["id"] in header else None
    stem = Path(path).stem
    pos, n = 1, 1  # next line to read (0-based), rows so far (the header is row 1)
    while pos < len(lines):
        reader = csv.reader(itertools.islice(lines, pos, None), delimiter=delim, strict=True)
        start = pos
        resume: int | None = None
        while resume is None:
            try:
                cells = next(reader, None)
                why = None
            except csv.Error as e:
                cells, why = [], str(e)
            first, end = start, pos + reader.line_num
            start = end
            if cells is None:
                break
            if why is None and not cells:
                continue
            n += 1
            if why is None and any("\x00" in c for c in cells):
                yield Row(f"{path}:{n}", f"{stem}:{n}", None, "NUL characters in this row (binary data)")
                continue
            if why is None and len(cells) != width:
                why = f"{len(cells)} cells, the header has {width}"
                if end - first == 1:
                    yield Row(f"{path}:{n}", f"{stem}:{n}", None, why)
                    continue
            if why is not None:
                reason, resume = _broken(lines, first, max(end, first + 1), why, (width, id_at, delim))
                yield Row(f"{path}:{n}", f"{stem}:{n}", None, reason)
                continue
            yield _row(path, n, dict(zip(header, cells, strict=True)), fmap)
        if resume is None:
            break
        pos = resume


def _header(first: Sequence[str], text: str) -> tuple[list[str], str]:
    """The header and the delimiter that gives it the text column: a comma, else a semicolon (what
    spreadsheets write where the comma is the decimal mark), a tab or a bar."""
    found: list[str] = []
    for delim in _DELIMITERS:
        try:
            header = next(csv.reader(first, delimiter=delim))
        except (StopIteration, csv.Error):
            continue
        if text in header:
            return header, delim
        found = found or header
    return found, ","


def _broken(lines: Sequence[str], first: int, end: int, why: str, shape: _Shape) -> tuple[str, int]:
    """Why a row that broke on lines ``first..end`` is skipped, and the line to read on from."""
    k = _swallowed(lines[first:end], shape) if end - first > 1 else None
    if k is not None:
        return (
            f"unclosed quote: the row starting on line {first + 1} runs on over line {first + 1 + k}, "
            f"which reads as a row of its own ({why}); skipped, reading resumes there",
            first + k,
        )
    span = f"line {first + 1}" if end - first == 1 else f"lines {first + 1}-{end}"
    return f"malformed CSV row on {span} ({why}); skipped", end


def _swallowed(lines: Sequence[str], shape: _Shape) -> int | None:
    """The offset of the first continuation line that reads as a complete row, if any.

    A paragraph with commas can split into ``width`` cells by chance, so the id cell (when the file
    has one) must also look like an id: one token, no spaces.
    """
    width, id_at, delim = shape
    for k, line in enumerate(lines[1:], start=1):
        try:
            cells = next(csv.reader([line], delimiter=delim))
        except (StopIteration, csv.Error):
            continue
        if len(cells) != width or not any(c.strip() for c in cells):
            continue
        if id_at is not None:
            ident = cells[id_at]
            if not ident or any(c.isspace() for c in ident) or len(ident) > 200:
                continue
        return k
    return None


# --- Parquet ---


def _parquet_rows(path: str, fmap: Mapping[str, str]) -> Iterator[Row]:
    """Parquet rows, read a batch at a time; a file that breaks off midway keeps the rows before."""
    p = opened(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is a core dependency
        raise InputError(path, "reading Parquet needs pyarrow: pip install pyarrow") from None
    try:
        pf = pq.ParquetFile(p)
        columns = pf.schema_arrow.names
    except Exception as e:  # pyarrow raises several unrelated types for bad files
        raise InputError(path, f"not a readable Parquet file ({_arrow_reason(e)})") from None
    names = _names(fmap)
    if names["text"] not in columns:
        raise InputError(
            path, f"Parquet file has no {names['text']!r} column (columns: {', '.join(columns[:12])}){_hint(fmap)}"
        )
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                n += 1
                yield _row(path, n, rec, fmap)
    except Exception as e:
        raise InputError(path, f"Parquet data unreadable after row {n:,} ({_arrow_reason(e)})") from None


def _arrow_reason(e: Exception) -> str:
    first = str(e).strip().split("\n", 1)[0][:160]
    return f"{type(e).__name__}: {first}" if first else type(e).__name__
