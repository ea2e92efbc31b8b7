"""What each Spark task runs, as plain Python over rows: no pyspark import, so it is tested on its own.

Every function here calls the library for the work (reading a record, fingerprints, the candidate
rank, verification, stories); it only moves values between Spark rows and the library's types.
Rows are Spark ``Row`` objects or dicts (read by field name). An article's place in the input
(``ord``: file number << 40 | line or row number) orders articles as the local engine's row ids do
(the order they were added), so ties break the same way in both engines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.errors import InputError, RetoldError
from retold.ingest.decode import decode
from retold.ingest.read import JSON_LINES, _record, read_articles
from retold.model import Article, Edge, Story
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.candidates import Evidence, Settings, rank
from retold.provenance.scan import earlier, make_job, verify
from retold.provenance.stories import build_stories
from retold.store._sentences import pack, unpack
from retold.store.sqlite import Info, outlet_of, prepare, timestamp

FILE_SHIFT = 40  # ord = file number << 40 | position in the file
CHANNELS = ("lsh", "sentences", "quotes", "numbers")  # the lexical channels' counts per pair
SPLIT_BYTES = 32 << 20  # JSON Lines are cut into splits of about this many bytes, at line ends


@dataclass(frozen=True)
class Split:
    """A piece of one input file for one task: a byte range of JSON Lines starting at ``line``, a Parquet
    row group starting at row ``line``, or (``kind`` "file") a whole file read by the library."""

    file_no: int
    path: str
    kind: str  # "jsonl", "parquet" or "file"
    start: int = 0
    end: int = 0
    line: int = 1


def splits(files: list[str], split_bytes: int = SPLIT_BYTES) -> list[Split]:
    """Cut the input files into task-sized splits (the driver reads each JSON Lines file once to count lines)."""
    out: list[Split] = []
    for n, path in enumerate(files):
        suffix = Path(path).suffix.lower()
        if suffix in JSON_LINES:
            line, pos = 1, 0
            with open(path, "rb") as f:
                while True:
                    chunk = f.read(split_bytes)
                    if not chunk:
                        break
                    chunk += f.readline()
                    out.append(Split(n, path, "jsonl", pos, pos + len(chunk), line))
                    pos += len(chunk)
                    line += chunk.count(b"\n")
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            try:
                meta = pq.ParquetFile(path).metadata
            except Exception:  # pyarrow raises several unrelated types for bad files
                out.append(Split(n, path, "file"))  # the library's reader reports it
                continue
            row = 1
            for g in range(meta.num_row_groups):
                out.append(Split(n, path, "parquet", g, g + 1, row))
                row += meta.row_group(g).num_rows
        else:
            out.append(Split(n, path, "file"))
    return out


def _error(sp: Split, where: str, reason: str, pos: int) -> dict[str, Any]:
    return {"ord": (sp.file_no << FILE_SHIFT) | pos, "where": where, "error": reason}


def _article_row(sp: Split, pos: int, art: Article) -> dict[str, Any]:
    """The article as the later stages need it: its text and packed sentences (as the store keeps them),
    its fingerprints, and its metadata (``Info``'s fields)."""
    prep = prepare([art])[0]
    bounds, norms, title_first = pack(art)
    return {
        "ord": (sp.file_no << FILE_SHIFT) | pos,
        "where": art.path,
        "error": None,
        "id": art.id,
        "hash": prep.hash,
        "text": art.text,
        "title": art.title,
        "url": art.url,
        "source": art.source,
        "published": art.published,
        "bounds": bounds,
        "norms": norms,
        "title_first": title_first,
        "outlet": outlet_of(art.source, art.url),
        "ts": timestamp(art.published),
        "n_sentences": len(art.sentences),
        "n_vec": prep.n_vec,
        "bands": prep.bands.tolist(),
        "key_key": prep.keys[:, 0].tolist(),
        "key_kind": prep.keys[:, 2].tolist(),
    }


def read_split(sp: Split) -> Iterator[dict[str, Any]]:
    """Article rows of one split; a record that cannot be read is an error row naming its file and line
    (the job goes on), where the local reader stops at the first bad record of a file."""
    if sp.kind == "jsonl":
        yield from _jsonl(sp)
    elif sp.kind == "parquet":
        import pyarrow.parquet as pq

        stem = Path(sp.path).stem
        rows = pq.ParquetFile(sp.path).read_row_group(sp.start).to_pylist()
        for k, rec in enumerate(rows, start=sp.line):
            yield _one(sp, k, lambda rec=rec, k=k: _record(rec, f"{sp.path}:{k}", f"{stem}:{k}"))
    else:
        try:
            for k, art in enumerate(read_articles(sp.path), start=1):
                yield _article_row(sp, k, art)
        except InputError as e:
            yield _error(sp, e.path, e.reason, 0)
        except RetoldError as e:
            yield _error(sp, sp.path, str(e), 0)


def _one(sp: Split, k: int, make: Any) -> dict[str, Any]:
    try:
        return _article_row(sp, k, make())
    except InputError as e:
        return _error(sp, e.path, e.reason, k)
    except RetoldError as e:
        return _error(sp, f"{sp.path}:{k}", str(e), k)


def _jsonl(sp: Split) -> Iterator[dict[str, Any]]:
    stem = Path(sp.path).stem
    with open(sp.path, "rb") as f:
        f.seek(sp.start)
        data = f.read(sp.end - sp.start)
    for k, raw in enumerate(data.splitlines(keepends=True), start=sp.line):
        if k == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        where = f"{sp.path}:{k}"
        if b"\x00" in raw:
            yield _error(sp, where, "binary line (contains NUL bytes), not text", k)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = decode(raw, where)
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield _error(sp, where, f"not valid JSON ({e.msg})", k)
            continue
        if not isinstance(rec, dict):
            yield _error(sp, where, "a JSON Lines record must be an object", k)
            continue
        yield _one(sp, k, lambda rec=rec, where=where, k=k: _record(rec, where, f"{stem}:{k}"))


def info(row: Mapping[str, Any]) -> Info:
    """The candidate stage's view of an article row (``row`` is its ``ord``)."""
    return Info(row["ord"], row["id"], row["hash"], row["outlet"], row["ts"], row["n_sentences"], row["n_vec"])


def article(row: Mapping[str, Any]) -> Article:
    """The article rebuilt from its text and packed sentences, exactly as the store gives it back."""
    sents = unpack(row["text"], row["bounds"], row["norms"], row["title_first"])
    return Article(
        row["id"], row["text"], sents, row["title"], row["url"], row["source"], row["published"], row["where"]
    )


def ranked(rows: Iterable[Any], s: Settings) -> Iterator[dict[str, Any]]:
    """Candidate pairs (``lo``/``hi``: the two articles' rows) with the library's rank; refused ones dropped."""
    for r in rows:
        ev = Evidence(lsh=r["lsh"], sentences=r["sentences"], quotes=r["quotes"], numbers=r["numbers"])
        got = rank(ev, info(r["lo"]), info(r["hi"]), s)
        if got is not None:
            yield {"lo": r["lo"]["ord"], "hi": r["hi"]["ord"], "strength": float(got), **{k: r[k] for k in CHANNELS}}


def verified(rows: Iterable[Any], bp: Boilerplate) -> Iterator[dict[str, Any]]:
    """Verify each pair with the library (the earlier article is ``a``, as in the local scan)."""
    for r in rows:
        lo, hi = r["lo"], r["hi"]
        a, b = (lo, hi) if earlier(lo["ts"], lo["ord"], hi["ts"], hi["ord"]) else (hi, lo)
        job = make_job(bp, article(a), a["outlet"], article(b), b["outlet"])
        evidence: dict[str, Any] = {}
        if job is None:
            edge = Edge(a["id"], b["id"], "unrelated", 0.0, 0.0, 0.0)
        else:
            edge, evidence = verify(job)
        yield {
            "a_ord": a["ord"],
            "b_ord": b["ord"],
            "a": edge.a,
            "b": edge.b,
            "relation": edge.relation,
            "score": float(edge.score),
            "coverage_a": float(edge.coverage_a),
            "coverage_b": float(edge.coverage_b),
            "direction": edge.direction,
            "direction_confidence": float(edge.direction_confidence),
            "a_ts": a["ts"],
            "b_ts": b["ts"],
            "evidence": json.dumps(evidence, ensure_ascii=False),
        }


def edge(row: Mapping[str, Any]) -> Edge:
    return Edge(
        row["a"],
        row["b"],
        row["relation"],
        row["score"],
        row["coverage_a"],
        row["coverage_b"],
        row["direction"],
        row["direction_confidence"],
    )


def component_stories(rows: Iterable[Any]) -> list[Story]:
    """The library's stories of one connected component's edges: a story never crosses components
    (its members all have an edge to its centre), so each component is grouped on its own."""
    rows = list(rows)
    published: dict[str, float | None] = {}
    for r in rows:
        published[r["a"]] = r["a_ts"]
        published[r["b"]] = r["b_ts"]
    return build_stories([edge(r) for r in rows], published)


def boilerplate(counts: Iterable[Any], n_articles: int) -> Boilerplate:
    """The library's boilerplate from ``(key, outlet, n)`` rows."""
    from retold.provenance.boilerplate import from_counts

    return from_counts(((r["key"], r["outlet"], r["n"]) for r in counts), n_articles)
