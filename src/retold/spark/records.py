"""What each Spark task runs, as plain Python over rows: no pyspark import, so it is tested on its own.

Every function here calls the library for the work (reading a record, fingerprints, the candidate
rank, verification, stories); it only moves values between Spark rows and the library's types.
Rows are Spark ``Row`` objects or dicts (read by field name). An article's place in the input
(``ord``: file number << 40 | line or row number) orders articles as the local engine's row ids do
(the order they were added), so ties break the same way in both engines.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from retold.errors import InputError, RetoldError
from retold.ingest.dates import timestamp
from retold.ingest.outlets import outlet_of
from retold.ingest.read import contents, record_article
from retold.model import Article, Edge, Story
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Evidence, Settings, rank
from retold.provenance.jobs import make_job, verify
from retold.provenance.scan import earlier
from retold.provenance.stories import build_stories
from retold.store.filling import FILLABLE, missing
from retold.store.packing import unpack
from retold.store.records import first_copies, languages_of
from retold.store.sqlite import Info, prepare

FILE_SHIFT = 40  # ord = file number << 40 | line or row number in the file
CHANNELS = ("lsh", "sentences", "quotes", "numbers")  # the lexical channels' counts per pair
VEC_FIELDS = ("vec_lo", "vec_hi", "vec_sum", "vec_best", "vec_close")  # the vector channel's, per pair


def read_file(file_no: int, path: str, fields: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The records of one input file, parsed by the library but not yet made articles (that is the
    expensive part, spread over all tasks by the next stage): ``record`` holds a record's fields
    (pickled: Parquet values keep their types), ``article`` a whole text or HTML file's article, ``error``
    why a record or file was skipped (the job goes on, as the local ``add`` does)."""
    base = file_no << FILE_SHIFT
    try:
        found = contents(path, fields)  # records (JSON Lines in a .json file too), or one article
        if isinstance(found, Article):
            yield _raw(base | 1, path, None, article=pickle.dumps(found))
            return
        for row in found:
            n = int(row.default_id.rsplit(":", 1)[1])
            if row.fields is None:
                yield _raw(base | n, row.where, row.error or "unreadable record")
            else:
                yield {
                    **_raw(base | n, row.where, None, record=pickle.dumps(dict(row.fields))),
                    "default_id": row.default_id,
                }
    except InputError as e:
        yield _raw(base, e.path, e.reason)
    except RetoldError as e:
        yield _raw(base, path, str(e))


def _raw(ord: int, where: str, error: str | None, **blob: bytes) -> dict[str, Any]:
    return {"ord": ord, "where": where, "default_id": None, "record": None, "article": None, "error": error, **blob}


def prepared(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Records to article rows (the library's record reader, fingerprints and packed sentences); a
    record that is no article (empty text, too long a sentence) becomes an error row."""
    for r in rows:
        if r["error"] is not None:
            yield {"ord": r["ord"], "where": r["where"], "error": r["error"]}
            continue
        try:
            if r["record"] is not None:
                art = record_article(pickle.loads(r["record"]), r["where"], r["default_id"])
            else:
                art = pickle.loads(r["article"])
        except InputError as e:
            yield {"ord": r["ord"], "where": e.path, "error": e.reason}
            continue
        except RetoldError as e:
            yield {"ord": r["ord"], "where": r["where"], "error": str(e)}
            continue
        yield _article_row(r["ord"], art)


def _article_row(ord: int, art: Article) -> dict[str, Any]:
    """The article as the later stages need it: its text and packed sentences (as the store keeps them),
    its fingerprints, and its metadata (``Info``'s fields)."""
    prep = prepare([art])[0]
    bounds, norms, title_first = prep.packed  # as the store packs it (``records.prepare``), made once
    return {
        "ord": ord,
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
        "language": art.language,
        "outlet": outlet_of(art.source, art.url),
        "ts": timestamp(art.published),
        "n_sentences": len(art.sentences),
        "n_vec": prep.n_vec,
        "bands": prep.bands.tolist(),
        "key_key": prep.keys[:, 0].tolist(),
        "key_kind": prep.keys[:, 2].tolist(),
    }


def kept_of_id(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The articles the store keeps of one id's rows (``ord``, ``id``, ``hash``, ``text`` and the fillable
    metadata): the first of each record (``store.records.first_copies``: the same content, or the same body
    under a title added, dropped or changed), the metadata its repeats bring filled in as ``add`` fills it
    (``store.filling.missing``, with the outlet and timestamp read again); more than one kept is an id to make
    unique (``store.records.unique_ids``, over all articles: see :func:`may_clash`)."""
    rows = sorted(rows, key=lambda r: r["ord"])
    firsts = first_copies([(r["id"], r["hash"], r["text"], r["title"]) for r in rows])
    kept: dict[int, dict[str, Any]] = {}
    for r, f in zip(rows, firsts, strict=True):
        if f not in kept:
            kept[f] = {"ord": r["ord"], "id": r["id"], **{k: r[k] for k in FILLABLE}}
        else:
            kept[f].update(missing(kept[f], Article(r["id"], r["text"], (), **{k: r[k] for k in FILLABLE})))
    return [{**k, "outlet": outlet_of(k["source"], k["url"]), "ts": timestamp(k["published"])} for k in kept.values()]


def may_clash(aid: str, repeated: Collection[str]) -> bool:
    """Whether ``store.records.unique_ids`` may name an article with this id otherwise, or give its id to
    another, when the ids in ``repeated`` (those that more than one kept article has) are made unique: every
    name it makes for an id ``W`` is ``W`` or starts with ``W~``, so only these ids meet; all others stay."""
    return aid in repeated or any(aid[:k] in repeated for k, c in enumerate(aid) if c == "~")


def info(row: Mapping[str, Any]) -> Info:
    """The candidate stage's view of an article row (``row`` is its ``ord``)."""
    return Info(row["ord"], row["id"], row["hash"], row["outlet"], row["ts"], row["n_sentences"], row["n_vec"])


def article(row: Mapping[str, Any]) -> Article:
    """The article rebuilt from its text and packed sentences, exactly as the store gives it back."""
    sents = unpack(row["text"], row["bounds"], row["norms"], row["title_first"])
    return Article(
        row["id"], row["text"], sents, row["title"], row["url"], row["source"], row["published"], row["where"],
        row["language"],
    )  # fmt: skip


def ranked(rows: Iterable[Any], s: Settings, vectors: bool = False) -> Iterator[dict[str, Any]]:
    """Candidate pairs (``lo``/``hi``: the two articles' rows) with the library's rank; refused ones dropped.
    With ``vectors``, ``vec`` lists the vector channel's evidence from each query chunk that saw the pair,
    merged into the lexical channels' as ``candidates.bulk`` merges them (``Evidence.merge``)."""
    for r in rows:
        counts = {k: r[k] or 0 for k in CHANNELS}
        ev = Evidence(**counts)
        for v in (r["vec"] or ()) if vectors else ():
            ev.merge(Evidence(**{f: v[f] for f in VEC_FIELDS}))
        got = rank(ev, info(r["lo"]), info(r["hi"]), s)
        if got is not None:
            yield {"lo": r["lo"]["ord"], "hi": r["hi"]["ord"], "strength": float(got), **counts}


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
        yield verified_row(a, b, edge, evidence)


def verified_row(a: Mapping[str, Any], b: Mapping[str, Any], edge: Edge, evidence: dict[str, Any]) -> dict[str, Any]:
    """The ``verified`` stage's row of one pair's edge."""
    return {
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
        *languages_of(json.loads(row["evidence"])),
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


def boilerplate(counts: Iterable[Any], n_articles: int, held: Iterable[Any] = ()) -> Boilerplate:
    """The library's boilerplate from ``(key, outlet, n)`` rows and the ``(key, ord, outlet)`` rows that
    ``boilerplate.spread`` judges."""
    from retold.provenance.boilerplate import from_counts, spread

    holders: dict[int, list[int]] = {}
    outlets: dict[int, str | None] = {}
    for r in held:
        holders.setdefault(r["key"], []).append(r["ord"])
        outlets[r["ord"]] = r["outlet"]
    furniture = spread(holders, outlets, n_articles)
    return from_counts(((r["key"], r["outlet"], r["n"]) for r in counts), n_articles, spread=furniture)
