"""Bad input through the command line: real processes, real files, a real SQLite store.

A batch goes on past bad records and files, lists each on stderr with its file and line/row, ends
with a summary and exits 6 (3 when nothing could be stored); what was stored before stays stored.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

GOOD = "The ferry from Harben resumed on Friday. Tickets cost 12 euros, the operator said."
BODY = "The council of Harben met on Tuesday. It voted {i} to {j} on the budget for the harbour."
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge opens in Harben</title></head><body><nav>Home | News</nav>"
    "<article><p>The mayor of Harben opened the new bridge on Monday. Traffic on the old road fell by half "
    "within hours, officials said.</p><p>The bridge cost 40 million euros and took three years to build.</p>"
    "</article></body></html>"
)


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "retold", *args], capture_output=True, input=stdin, timeout=300)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def add(db: Path, *paths: Path | str) -> subprocess.CompletedProcess[str]:
    return run("add", *map(str, paths), "--db", str(db), "--quiet")


def stored_ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return sorted(i for (i,) in con.execute("SELECT id FROM articles"))


def record(i: int, prefix: str = "r") -> dict[str, str]:
    return {"id": f"{prefix}{i}", "title": f"Harben story {i}", "text": BODY.format(i=i, j=i + 1)}


def jsonl(p: Path, recs: list[dict[str, str]]) -> Path:
    p.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return p


def problem_lines(stderr: str) -> list[str]:
    return [ln.strip() for ln in stderr.splitlines() if ln.startswith("  ")]


def test_broken_json_line_51_of_101_stores_the_other_100_and_exits_6(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps(record(i)) for i in range(1, 102)]
    lines[50] = "{broken"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "r.db"
    r = add(db, feed)
    assert r.returncode == 6, r.stderr
    assert r.stdout.startswith("added 100, skipped 1 bad record (1 file read)")
    assert problem_lines(r.stderr) == [
        f"skipped {feed}:51: not valid JSON (Expecting property name enclosed in double quotes, column 2)"
    ]
    assert r.stderr.strip().splitlines()[-1] == ("retold: error: stored 100, 1 bad record skipped (listed above)")
    assert len(stored_ids(db)) == 100 and "r52" in stored_ids(db) and "r51" not in stored_ids(db)


def test_folder_with_bad_files_lists_failures_on_stderr_and_keeps_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    first = jsonl(tmp_path / "first.jsonl", [record(i, "old") for i in range(5)])
    assert add(db, first).returncode == 0
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "ok.txt").write_text("Harben bridge\n\n" + BODY.format(i=1, j=2), encoding="utf-8")
    (folder / "utf16.txt").write_bytes(("Bridge tolls\n\n" + BODY.format(i=7, j=8)).encode("utf-16"))
    (folder / "latin1.txt").write_bytes("José Müller opened the café in Harben on Monday.".encode("latin-1"))
    japanese = "東京株式市場は月曜日に上昇した。日経平均株価は二パーセント上昇した。"
    (folder / "sjis.txt").write_bytes(japanese.encode("shift_jis"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 10_000 + "<p>Text.</p>" + "</div>" * 10_000)
    parquet = folder / "cut.parquet"
    pq.write_table(pa.Table.from_pylist([record(i, "pq") for i in range(40)]), parquet)
    parquet.write_bytes(parquet.read_bytes()[:300])
    rows = [["id", "title", "text"]] + [[r["id"], r["title"], r["text"]] for r in (record(i, "c") for i in range(8))]
    rows[3][2] = ""  # row 4 (c2): no text
    with (folder / "rows.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    lines = (folder / "rows.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].replace(",The council", ',"The council', 1)  # row 7 (c5): a quote that never closes
    (folder / "rows.csv").write_text("".join(lines), encoding="utf-8", newline="")
    (folder / "lines.jsonl").write_text(json.dumps(record(1, "j")) + '\n{"id": "j2"}\n' + json.dumps(record(3, "j")))

    r = add(db, folder)
    assert r.returncode == 6, r.stderr
    assert r.stdout.startswith("added 12, failed 4 files, skipped 3 bad records (10 files")
    assert "failed" not in r.stdout.split("\n", 1)[1] and "skipped" not in r.stdout.split("\n", 1)[1]
    problems = problem_lines(r.stderr)
    assert len(problems) == 7
    for name, reason in [
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("deep.html", "nested 10,00"),
        ("cut.parquet", "not a readable Parquet file"),
        ("rows.csv:4", "empty text"),
        ("rows.csv:7", "unclosed quote"),
        ("lines.jsonl:2", "no 'text' field"),
    ]:
        assert any(name in p and reason in p for p in problems), (name, problems)
    ids = stored_ids(db)
    assert [i for i in ids if i.startswith("old")] == [f"old{i}" for i in range(5)]  # nothing lost
    assert {"ok", "utf16", "latin1", "sjis", "j1", "j3", "c0", "c1", "c3", "c4", "c6", "c7"} <= set(ids)
    assert "c2" not in ids and "c5" not in ids  # rows 4 and 7; their neighbours were read


def test_only_bad_input_exits_3_with_one_line(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = add(db, empty)
    assert r.returncode == 3 and r.stderr.strip() == f"retold: error: {empty}: empty file"
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x00\x01" * 50)
    r = add(db, empty, binary)
    assert r.returncode == 3
    assert r.stderr.strip().splitlines()[-1].startswith("retold: error: nothing stored: 2 files failed")


def test_id_collisions_are_reported_and_counted(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    a = jsonl(tmp_path / "a.jsonl", [record(1), record(2)])
    b = jsonl(tmp_path / "b.jsonl", [{**record(9), "id": "r1"}])  # another article under a taken id
    r = add(db, a, b)
    assert r.returncode == 6, r.stderr
    assert "1 id collision (" in r.stdout.splitlines()[0]
    (line,) = problem_lines(r.stderr)
    assert line.startswith(f"id collision {b}:1: id 'r1' is taken by another article, stored as 'r1~")
    new_id = line.rsplit(" ", 1)[1].strip("'")
    assert set(stored_ids(db)) == {"r1", "r2", new_id}
    again = add(db, a)  # the same records again: a no-op, no collision
    assert again.returncode == 0, again.stderr
    assert set(stored_ids(db)) == {"r1", "r2", new_id}


def test_field_mapping_on_add_and_scan(tmp_path: Path) -> None:
    recs = [{"key": f"k{i}", "headline": f"Headline {i}", "body": BODY.format(i=i, j=i + 1)} for i in range(3)]
    feed = jsonl(tmp_path / "feed.jsonl", recs)
    pq.write_table(pa.Table.from_pylist([{**r, "key": "p" + r["key"]} for r in recs]), tmp_path / "feed.parquet")
    db = tmp_path / "r.db"
    fields = ["--field", "text=body", "--field", "title=headline", "--field", "id=key"]
    r = run("add", str(feed), str(tmp_path / "feed.parquet"), *fields, "--db", str(db), "-q")
    assert r.returncode == 0, r.stderr
    assert stored_ids(db) == ["k0", "k1", "k2", "pk0", "pk1", "pk2"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT title FROM articles WHERE id = 'k1'").fetchone() == ("Headline 1",)
    more = jsonl(tmp_path / "more.jsonl", [{**recs[0], "key": "k9", "body": BODY.format(i=90, j=91)}])
    s = run("scan", str(more), *fields, "--db", str(db), "--lexical", "-q")
    assert s.returncode == 0, s.stderr
    assert "k9" in stored_ids(db)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"key": "k10", "body": "cut off\n' + json.dumps({**recs[1], "key": "k11", "body": GOOD}) + "\n")
    s = run("scan", str(broken), *fields, "--db", str(db), "--lexical", "-q")
    assert s.returncode == 6, s.stderr  # the scan ran, over what could be read
    (line,) = problem_lines(s.stderr)
    assert line.startswith(f"skipped {broken}:1: not valid JSON (")
    assert "k11" in stored_ids(db) and "scanned" in s.stdout
    bad = run("add", str(feed), "--field", "body=text", "--db", str(db))
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "retold: error: --field 'body=text': unknown field 'body' "
        "(fields: id, title, text, url, source, published, language)"
    )
    unmapped = add(db, feed)  # the file's names without a mapping: every record says which field is missing
    assert unmapped.returncode == 3
    assert "no 'text' field (map another with --field text=NAME)" in unmapped.stderr


def test_html_on_stdin_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = run("compare", "-", str(page), "--lexical", "--json", stdin=PAGE.encode())
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["a"]["id"] == "stdin"
    assert doc["a"]["title"] == "Bridge opens in Harben"
    assert [s["text"] for s in doc["a"]["sentences"]] == [s["text"] for s in doc["b"]["sentences"]]
    assert not any("<" in s["text"] for s in doc["a"]["sentences"])
    assert doc["verdict"]["relation"] == "identical"


def test_stdin_twice_is_a_usage_error(tmp_path: Path) -> None:
    r = run("compare", "-", "-", "--lexical", stdin=b"Some text here.")
    assert r.returncode == 2
    assert "standard input can be read only once" in r.stderr and "empty file" not in r.stderr


def test_utf16_file_compares(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(("Harben strike\n\n" + BODY.format(i=3, j=4)).encode("utf-16"))
    b = tmp_path / "b.txt"
    b.write_text("Harben strike\n\n" + BODY.format(i=3, j=4), encoding="utf-8")
    r = run("compare", str(a), str(b), "--lexical", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["verdict"]["relation"] == "identical"


def test_json_lines_on_stdin_are_records(tmp_path: Path) -> None:
    feed = "".join(json.dumps(record(i)) + "\n" for i in range(1, 4)) + "{broken\n"
    db = tmp_path / "r.db"
    r = run("add", "-", "--db", str(db), "-q", stdin=feed.encode())
    assert r.returncode == 6, r.stderr
    assert stored_ids(db) == ["r1", "r2", "r3"]
    assert problem_lines(r.stderr) == [
        "skipped -:4: not valid JSON (Expecting property name enclosed in double quotes, column 2)"
    ]
    other = tmp_path / "b.txt"
    other.write_text("Harben story 2\n\n" + BODY.format(i=2, j=3), encoding="utf-8")
    c = run("compare", "--lexical", "--json", "--", "-#r2", str(other), stdin=feed.encode())
    assert c.returncode == 0, c.stderr
    doc = json.loads(c.stdout)
    assert doc["a"]["id"] == "r2" and doc["verdict"]["relation"] == "identical"
    many = run("compare", "-", str(other), "--lexical", stdin=feed.encode())
    assert many.returncode == 3 and "holds 3 articles" in many.stderr and "name one as -#ID" in many.stderr
    # given as the message said, "-#r2" was an unknown option ('-#'): it says to give it after --
    assert "name one as -#ID after --, which ends the options (compare -- -#ID B)" in many.stderr


def test_json_files_folders_and_ids_with_a_hash(tmp_path: Path) -> None:
    """A .json file named directly is read as JSON Lines (a JSON document is refused with what to do); an id may
    hold '#' (a URL with its fragment); files of other kinds in a folder are counted in the summary, by suffix;
    compare and sources map other field names with --field."""
    feed = tmp_path / "feed.json"
    url = "https://example.org/story#update-1"
    feed.write_text(json.dumps({**record(1), "id": url}) + "\n" + json.dumps(record(2)) + "\n", encoding="utf-8")
    c = run("compare", f"{feed}#{url}", f"{feed}#r2", "--lexical", "--json")
    assert c.returncode == 0, c.stderr
    assert json.loads(c.stdout)["a"]["id"] == url
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps([record(1)], indent=2), encoding="utf-8")
    r = run("compare", str(doc), f"{feed}#r2", "--lexical")
    assert r.returncode == 3 and "a JSON document: retold reads JSON Lines" in r.stderr

    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "story.txt").write_text("Harben bridge\n\n" + BODY.format(i=1, j=2), encoding="utf-8")
    for name in ("meta.json", "feed.xml", "notes", ".draft.txt", "README.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "old.txt").write_text("x", encoding="utf-8")
    (folder / "linked").symlink_to(tmp_path / "crawl", target_is_directory=True)  # a loop, were it followed
    r = run("add", str(folder), "--db", str(tmp_path / "r.db"), "--quiet")
    assert r.returncode == 0, r.stderr
    assert "passed over 7 entries of folders (" in r.stdout  # each kind counted, none left out silently
    kinds = (".json 1", ".xml 1", "no suffix 1", "hidden files 1", "readme and licence files 1", "hidden folders 1",
             "linked folders 1")  # fmt: skip
    assert all(k in r.stdout for k in kinds), r.stdout

    body = tmp_path / "body.csv"
    body.write_text(f"ident,body\nb1,{BODY.format(i=1, j=2)}\n", encoding="utf-8")
    mapped = run("compare", f"{body}#b1", str(folder / "story.txt"), "--lexical", "--json", "--field", "id=ident",
                 "--field", "text=body")  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["a"]["id"] == "b1"
    found = run("sources", f"{body}#b1", "--db", str(tmp_path / "r.db"), "--lexical", "--json", "--field", "id=ident",
                "--field", "text=body")  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert [e["b"] for e in json.loads(found.stdout)] == ["story"]


def test_add_tells_of_dates_it_cannot_read(tmp_path: Path) -> None:
    """A record's date that cannot be read is stored as no date and counted in the summary with the first one,
    its markup shown as typed; the dates that can be read are stored as times."""
    recs = [{**record(1), "published": "03/05/2019"}, {**record(2), "published": "[bold]May 3"},
            {**record(3), "published": "May 3, 2019"}]  # fmt: skip
    db = tmp_path / "r.db"
    folder = tmp_path / "feeds"
    folder.mkdir()
    jsonl(folder / "dated.jsonl", recs)
    (folder / "feed.xml").write_text("x", encoding="utf-8")
    r = add(db, folder)
    assert r.returncode == 0, r.stderr
    assert "2 dates not read, the first " in r.stdout and "dated.jsonl#r1: '03/05/2019'" in r.stdout
    # each count with its own details: the kinds passed over stay beside their count, not after the dates
    assert "passed over 1 entry of folders (.xml 1), 2 dates not read" in r.stdout
    with sqlite3.connect(db) as con:
        stamps = dict(con.execute("SELECT id, published_ts FROM articles").fetchall())
    assert stamps["r1"] is None and stamps["r2"] is None and stamps["r3"] == 1556841600.0


def test_a_limit_set_wrong_in_the_environment_is_said_and_replaced_by_its_default(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Harben strike\n\n" + BODY.format(i=3, j=4), encoding="utf-8")
    for raw in ("abc", "-5"):
        env = {**os.environ, "RETOLD_MAX_SENTENCES": raw}
        r = subprocess.run([sys.executable, "-m", "retold", "compare", str(a), str(a), "--lexical", "--json"],
                           capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
        assert r.returncode == 0, r.stderr
        assert f"retold: warning: RETOLD_MAX_SENTENCES='{raw}' is not a whole number of at least 1: using 1,000" in (
            r.stderr
        )
        assert json.loads(r.stdout)["verdict"]["relation"] == "identical"


def test_an_output_that_cannot_be_written_is_a_usage_error_as_for_html(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert add(db, jsonl(tmp_path / "a.jsonl", [record(1), record(2)])).returncode == 0
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    r = run("scan", "--db", str(db), "--lexical", "--quiet", "--out", str(blocker / "sub"))
    assert r.returncode == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    r = run("scan", "--db", str(db), "--lexical", "--quiet", "--format", "csv")
    assert r.returncode == 2 and "name --out DIR too" in r.stderr


def test_a_command_that_reads_nothing_makes_no_store(tmp_path: Path) -> None:
    """``scan``/``add`` of input that cannot be read made the store (empty tables) before exiting 3."""
    from retold.corpus import Corpus
    from retold.errors import InputError

    db, out = tmp_path / "new.db", tmp_path / "out"
    nope = tmp_path / "nope.jsonl"
    no_body = jsonl(tmp_path / "no_body.jsonl", [record(1)])  # read with --field text=body: no such field
    blank = jsonl(tmp_path / "blank.jsonl", [{"id": "b1", "text": " "}, {"id": "b2", "text": ""}])
    runs = {
        ("scan", str(nope)): (3, f"{nope}: no such file"),
        ("scan", str(blank), "--out", str(out)): (3, "nothing stored: 2 bad records skipped"),
        ("scan", str(nope), str(blank)): (3, "nothing stored: 1 file failed, 2 bad records skipped"),
        ("add", str(nope)): (3, f"{nope}: no such file"),
        ("add", str(no_body), "--field", "text=body"): (3, f"{no_body}: its record has no 'body' field"),
        ("sources", str(nope)): (3, f"{nope}: no such file"),
        ("sources", str(no_body), "--lexical"): (5, f"{db}: no such store"),
    }
    for args, (code, said) in runs.items():
        r = run(*args, "--db", str(db))
        assert r.returncode == code, (args, r.stderr)
        assert r.stderr.strip().splitlines()[-1].startswith(f"retold: error: {said}"), (args, r.stderr)
        assert not db.exists() and not Path(f"{db}.vectors").exists() and not out.exists(), args
    report = Corpus(db).add([str(nope), str(blank)])
    assert (len(report.failed), len(report.skipped)) == (1, 2) and not db.exists()
    try:
        Corpus(db).scan(str(nope), lexical=True)
    except InputError as e:
        assert str(e) == f"{nope}: no such file"
    else:
        raise AssertionError("a scan of nothing read into no store raised nothing")
    assert not db.exists()
