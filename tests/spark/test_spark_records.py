"""What each Spark task runs, without Spark: reading files into rows, and the per-article cap."""

from __future__ import annotations

import json
from pathlib import Path

from retold.provenance.candidates import cap_per_article
from retold.spark import records as rec

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles.jsonl"


def _with_bad_line(tmp_path: Path) -> Path:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"id": "broken", "text": "no closing quote}')
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def test_a_bad_line_is_one_error_row_with_file_and_line(tmp_path: Path) -> None:
    f = _with_bad_line(tmp_path)
    rows = list(rec.read_file(3, str(f)))
    errors = [r for r in rows if r.get("error")]
    assert [r["where"] for r in errors] == [f"{f}:3"]
    assert "not valid JSON" in errors[0]["error"]
    made = list(rec.prepared(rows))
    arts = [r for r in made if r["error"] is None]
    assert len(arts) == 5  # the other records are read
    # ord: the file number in the high bits, the line in the low ones (orders as the local store's rows)
    assert [r["ord"] for r in arts] == [(3 << rec.FILE_SHIFT) | n for n in (1, 2, 4, 5, 6)]
    assert all(r["bands"] and r["key_key"] and r["n_vec"] > 0 for r in arts)


def test_json_lines_in_a_json_file_are_read_as_the_local_reader_reads_them(tmp_path: Path) -> None:
    """A .json file holding JSON Lines (read_articles reads its records, --field mapped, past a bad line):
    each record is a row with its own line, not the file as one article whose first bad line ended it."""
    from retold.ingest.read import read_articles

    recs = [json.loads(x) for x in ARTICLES.read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps({"body" if k == "text" else k: v for k, v in r.items()}) for r in recs]  # --field text=body
    lines.insert(1, '{"id": "broken", "body": "no closing quote}')
    f = tmp_path / "feed.json"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = {"text": "body"}
    local = list(read_articles(str(f), fields=fields, on_error=lambda e: None))
    rows = list(rec.read_file(2, str(f), fields))
    assert [r["where"] for r in rows if r["error"]] == [f"{f}:2"]
    made = [r for r in rec.prepared(rows) if r["error"] is None]
    assert [r["ord"] for r in made] == [(2 << rec.FILE_SHIFT) | n for n in (1, 3, 4, 5, 6)]
    assert [rec.article(r).id for r in made] == [a.id for a in local] and len(local) == 5


def test_an_article_row_rebuilds_the_stored_article() -> None:
    rows = list(rec.prepared(rec.read_file(0, str(ARTICLES))))
    first = json.loads(ARTICLES.read_text(encoding="utf-8").splitlines()[0])
    art = rec.article(rows[0])
    assert art.id == first["id"] and art.title == first["title"]
    assert art.text.startswith(first["title"]) and len(art.sentences) == rows[0]["n_sentences"]


def test_a_missing_file_is_an_error_row() -> None:
    rows = list(rec.read_file(0, "/nonexistent/feed.jsonl"))
    assert len(rows) == 1 and rows[0]["error"] == "no such file"


def test_the_cap_keeps_a_pair_while_either_article_has_room() -> None:
    ranked = [(1, 2), (1, 3), (1, 4), (2, 3), (4, 5)]
    # with two per article: (1,4) goes only once both 1 and 4 hold two; 1 holds two, 4 holds none
    assert list(cap_per_article(ranked, 2)) == [(1, 2), (1, 3), (1, 4), (2, 3), (4, 5)]
    assert list(cap_per_article(ranked, 1)) == [(1, 2), (1, 3), (1, 4), (4, 5)]


def test_naming_only_the_ids_that_may_clash_names_every_article_as_naming_all() -> None:
    """The Spark engine names on the driver only the articles ``may_clash`` picks: every other keeps its id, and
    the names are those the store's rule gives over the whole input (literal ``W~HASH`` ids, repeats of those)."""
    from retold.spark.records import may_clash
    from retold.store.records import unique_ids

    h = [f"{k:02d}" * 4 for k in range(8)]
    rows = [
        ("b", h[0]), (f"a~{h[1]}", h[2]), ("a", h[0]), ("a", h[1]), ("c~x", h[3]), (f"a~{h[1]}", h[4]),
        (f"a~{h[1]}-2", h[5]), ("b~0", h[6]), ("a~", h[7]), ("c", h[0]),
    ]  # fmt: skip
    whole = unique_ids(rows, lambda _: False)
    repeated = {i for i, _ in rows if sum(1 for j, _ in rows if j == i) > 1}
    meet = [k for k, (i, _) in enumerate(rows) if may_clash(i, repeated)]
    names = dict(zip(meet, unique_ids([rows[k] for k in meet], lambda _: False), strict=True))
    assert [names.get(k, i) for k, (i, _) in enumerate(rows)] == whole
    assert len(set(whole)) == len(rows) and whole[3] == f"a~{h[1]}-2" and whole[6] == f"a~{h[1]}-2~{h[5]}"
    assert not may_clash("b~0", repeated) and not may_clash("c~x", repeated)
