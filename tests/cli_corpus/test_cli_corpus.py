"""`retold add / sources / scan / delete` as a user runs them: real processes, real files, exit codes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold", *args], capture_output=True, text=True, input=stdin, timeout=300
    )


def test_seeds_among_real_articles_with_the_default_model(
    tmp_path: Path, seeds: tuple[Path, Path], pseudo_articles: Path
) -> None:
    db = str(tmp_path / "corpus.db")
    origin, retelling = seeds
    oid, rid = origin.stem, retelling.stem
    added = run("add", str(EXAMPLES), str(origin), str(retelling), str(pseudo_articles), "--db", db)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added 248, skipped 5 (duplicates), passed over 1 entry of folders")
    assert "failed" not in added.stdout

    src = run("sources", str(retelling), "--db", db, "--json")
    assert src.returncode == 0, src.stderr
    found = json.loads(src.stdout)
    assert found and found[0]["a"] == rid and found[0]["b"] == oid
    assert found[0]["relation"] in ("partial_reuse", "rewrite")
    assert found[0]["direction"] == "b_to_a"
    assert set(found[0]) == {
        "a", "b", "relation", "score", "coverage_a", "coverage_b", "direction", "direction_confidence",
        "language_a", "language_b", "translation",
    }  # fmt: skip
    assert (found[0]["language_a"], found[0]["language_b"], found[0]["translation"]) == ("en", "en", False)

    out = tmp_path / "out"
    sc = run("scan", "--db", db, "--out", str(out))
    assert sc.returncode == 0, sc.stderr
    assert "scanned 248 new of 248 articles" in sc.stdout
    stories = [json.loads(x) for x in (out / "stories.jsonl").read_text().splitlines()]
    with_origin = {r["story"] for r in stories if r["article"] == oid}
    assert len(with_origin) == 1
    members = {r["article"]: r["role"] for r in stories if r["story"] in with_origin}
    assert members == {oid: "origin", rid: "retelling"}
    edges = [json.loads(x) for x in (out / "edges.jsonl").read_text().splitlines()]
    assert {(e["a"], e["b"]) for e in edges if oid in (e["a"], e["b"])} == {(oid, rid)}

    again = run("add", str(EXAMPLES), str(origin), str(retelling), str(pseudo_articles), "--db", db)
    assert again.returncode == 0 and again.stdout.startswith("added 0, skipped 253 (duplicates)")


def test_add_scan_delete_lexical(tmp_path: Path, seeds: tuple[Path, Path]) -> None:
    """``--lexical`` finds copies and edits through the lexical channels alone; a paraphrase needs the model."""
    db = tmp_path / "c.db"
    origin, retelling = seeds
    sc = run("scan", str(EXAMPLES), str(origin), str(retelling), "--db", str(db), "--lexical", "--out",
             str(tmp_path / "o"), "--format", "csv")  # fmt: skip
    assert sc.returncode == 0, sc.stderr
    assert sc.stdout.startswith("added 8, skipped 5 (duplicates), passed over 1 entry of folders")
    assert "stories" in sc.stdout and (tmp_path / "o" / "edges.csv").is_file()
    assert not (tmp_path / "c.db.vectors" / "index.faiss").exists()  # no vector index for a lexical scan
    con = sqlite3.connect(db)
    row = con.execute("SELECT row FROM articles WHERE id = '02_light_edit'").fetchone()[0]
    assert con.execute("SELECT count(*) FROM edges WHERE a = ? OR b = ?", (row, row)).fetchone()[0] > 0
    con.close()
    with Store(db) as st:
        assert row in set(st.band_files().rows()[1].tolist())

    d = run("delete", "02_light_edit", "--db", str(db))
    assert d.returncode == 0 and d.stdout.strip() == "deleted 02_light_edit"
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM edges WHERE a = ? OR b = ?", (row, row)).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM keys WHERE article = ?", (row,)).fetchone()[0] == 0
    con.close()
    with Store(db) as st:  # a new store keeps its band rows in files beside SQLite: none of them is the deleted one's
        assert st.band_layout == "log"
        assert row not in set(st.band_files().rows()[1].tolist())
    light = (EXAMPLES / "02_light_edit.txt").read_text()
    src = run("sources", "-", "--db", str(db), "--lexical", stdin=light)
    assert src.returncode == 0
    assert "01_wire_original" in src.stdout.splitlines()[1]  # still found: 01 is indexed, 02 is the query
    para = run("sources", "-", "--db", str(db), stdin=retelling.read_text())  # the seed paraphrase: model mode
    assert para.returncode == 0, para.stderr
    lines = [x for x in para.stdout.splitlines() if x.lstrip()[:1].isdigit()]  # the ranked lines, not their titles
    # the stored retelling has the query's very text: an identical copy comes first, then its source
    assert retelling.stem in lines[0] and "identical" in lines[0]
    assert origin.stem in lines[1]


def test_delete_of_an_unknown_id_is_a_usage_error_that_deletes_nothing(tmp_path: Path) -> None:
    """An id the store does not hold is the caller's mistake (exit 2, as a bad argument), not a store problem
    (exit 5); named with known ones, it deletes none of them."""
    db = str(tmp_path / "s.db")
    assert run("add", str(EXAMPLES / "01_wire_original.txt"), "--db", db, "-q").returncode == 0
    d = run("delete", "01_wire_original", "nope", "gone", "--db", db)
    assert d.returncode == 2 and d.stdout == ""
    assert d.stderr.count("\n") == 1 and "no article with id 'nope', 'gone'; nothing deleted" in d.stderr
    again = run("delete", "01_wire_original", "--db", db)  # still stored: the first delete deleted nothing
    assert again.returncode == 0 and again.stdout.strip() == "deleted 01_wire_original"


def test_sources_opens_the_store_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the store keeps a sentence index (the warning that the lookup builds one) is told by the store the
    lookup reads: the command opened a second one only to ask. In process, to count the opens."""
    from click.testing import CliRunner

    from retold.cli import main
    from retold.store.sqlite import Store

    db = str(tmp_path / "s.db")
    assert run("add", str(EXAMPLES / "01_wire_original.txt"), "--db", db, "-q").returncode == 0
    opened: list[str] = []
    init = Store.__init__

    def counted(self: Store, path: str | Path, **kwargs: Any) -> None:
        opened.append(str(path))
        init(self, path, **kwargs)

    monkeypatch.setattr(Store, "__init__", counted)
    res = CliRunner().invoke(main, ["sources", str(EXAMPLES / "02_light_edit.txt"), "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert opened == [db]
    assert "the store keeps no sentence index yet" in res.stderr  # still said, from the one store
    assert [f["b"] for f in json.loads(res.stdout)] == ["01_wire_original"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "nothere.txt"], 3, "nothere.txt: no such file"),
        # one record of a file is for compare and sources: add says so, and does not call the file missing
        (["add", "{examples}/articles.jsonl#01_wire_original", "--db", "{tmp}/x.db"], 2,
         "add takes whole files; FILE#ID picks one record for compare and sources"),
        (["delete", "nope"], 5, "no such store"),
        (["sources", "{examples}/01_wire_original.txt", "--db", "{tmp}/missing.db"], 5, "no such store"),
        (["scan", "--db", "{tmp}/junk.db"], 5, "not a retold store"),
        # a folder is a store problem the store names (exit 5), as a foreign file is: click said it (exit 2)
        (["list", "--db", "{tmp}"], 5, "is a directory, not a store file"),
        (["add", "{examples}/01_wire_original.txt", "--db", "{tmp}"], 5, "is a directory, not a store file"),
        (["scan", "--db", "{tmp}/x.db", "--format", "xml"], 2, "xml"),
        # add runs a model only with --embed or --multilingual: --model alone was ignored in silence (exit 0)
        (["add", "{examples}/01_wire_original.txt", "--db", "{tmp}/x.db", "--model", "foo"], 2,
         "--model takes effect with --embed or --multilingual"),
        (["sources", "{tmp}/none.txt", "--db", "{tmp}/x.db"], 3, "no such file"),
        # said before the scan, not after it: the store is not even made
        (["scan", "{examples}/articles.jsonl", "--db", "{tmp}/x.db", "--html", "{tmp}/junk.db/r.html"], 2,
         "junk.db is not a folder"),
        (["scan", "{examples}/articles.jsonl", "--db", "{tmp}/x.db", "--html", "{tmp}"], 2, "it is a folder"),
        # tried by writing there: root passes a permission test on /proc, the scan then failed at its end
        (["scan", "{examples}/articles.jsonl", "--db", "{tmp}/x.db", "--out", "/proc/x"], 2,
         "--out /proc/x: cannot write there: nothing can be written in /proc"),
        # the folder the tables go to is no input: a second scan would read the first one's tables
        (["scan", "{tmp}", "--db", "{tmp}/x.db", "--out", "{tmp}"], 3, "the --out folder, where this scan writes"),
        # --out names a folder: '-' is no standard output there, and no folder named '-' is made
        (["scan", "{examples}/articles.jsonl", "--db", "{tmp}/x.db", "--out", "-"], 2, "not standard output (-)"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_an_exit_code(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    (tmp_path / "junk.db").write_text("not sqlite " * 50)
    argv = [a.format(tmp=tmp_path, examples=EXAMPLES) for a in args]
    if args[0] != "add":
        argv += [] if "--db" in args else ["--db", str(tmp_path / "none.db")]
    r = run(*argv)
    assert r.returncode == code, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert message in lines[-1] and "Traceback" not in r.stderr
    if code != 2:
        assert len(lines) == 1
    if "--html" in args or "--out" in args:
        assert not (tmp_path / "x.db").exists() and not Path("-").exists()


def test_a_rescan_into_an_out_folder_inside_the_folder_scanned_leaves_that_folder_out(tmp_path: Path) -> None:
    """The second scan read the first one's edges and stories as input files (failed: no 'text' field, exit 6)."""
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "articles.jsonl").write_text((EXAMPLES / "articles.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    args = ("scan", str(feed), "--db", str(tmp_path / "s.db"), "--lexical", "-q", "--out", str(feed / "out"))
    first, again = run(*args), run(*args)
    assert first.returncode == again.returncode == 0, again.stderr
    assert again.stdout.startswith(
        "added 0, skipped 5 (duplicates), passed over 1 entry of folders (the --out folder 1)"
    )
    assert "failed" not in again.stdout + again.stderr


def test_list_shows_the_ids_delete_takes(tmp_path: Path) -> None:
    """``retold list`` names every stored article (a table, or JSON for scripts), so ``delete ID`` can be used."""
    db = str(tmp_path / "s.db")
    assert run("add", str(EXAMPLES / "articles.jsonl"), str(EXAMPLES / "06_german_translation.txt"), "--db", db,
               "-q").returncode == 0  # fmt: skip
    listed = run("list", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows][-1] == "06_german_translation" and len(rows) == 6
    first = rows[0]
    assert (first["id"], first["language"], first["n_sentences"]) == ("01_wire_original", "en", 15)
    assert first["title"].startswith("Harben dockworkers strike")
    assert {"outlet", "published"} <= set(first) and rows[-1]["language"] == "de"
    table = run("list", "--db", db)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "title", "outlet", "published", "language", "sentences"]
    assert lines[1].startswith("01_wire_original ") and lines[1].split()[-2:] == ["en", "15"]
    assert lines[-1] == "6 articles"
    assert run("delete", "06_german_translation", "--db", db).returncode == 0
    assert "06_german_translation" not in run("list", "--db", db).stdout


def test_add_scan_delete_json_is_one_object_on_stdout(tmp_path: Path) -> None:
    """``--json`` gives scripts the summary as one JSON object on stdout; the problems stay on stderr and the exit
    code still says a batch was stored with something skipped (6)."""
    db = str(tmp_path / "s.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok-1", "text": "Harbour cranes stood still on Monday."}\n{not json\n')
    added = run("add", str(EXAMPLES / "01_wire_original.txt"), str(bad), "--db", db, "--json", "-q")
    assert added.returncode == 6, added.stderr
    got = json.loads(added.stdout)
    assert got["added"] == ["01_wire_original", "ok-1"] and got["files"] == 2 and got["duplicates"] == []
    assert [s["where"] for s in got["skipped"]] == [f"{bad}:2"] and "skipped" in added.stderr
    again = json.loads(run("add", str(EXAMPLES / "01_wire_original.txt"), "--db", db, "--json").stdout)
    assert again["added"] == [] and again["duplicates"][0]["existing"] == "01_wire_original"

    sc = run("scan", str(EXAMPLES / "02_light_edit.txt"), "--db", db, "--lexical", "--json", "-q")
    assert sc.returncode == 0, sc.stderr
    summary = json.loads(sc.stdout)
    assert summary["added"]["added"] == ["02_light_edit"] and summary["articles"] == 3 and summary["edges"] == 1
    story = summary["stories"][0]  # two undated texts: no edge names a source, so a centre and no origin
    assert (story["origins"], story["centre"]) == ([], "01_wire_original")
    assert story["roles"] == {"01_wire_original": "centre", "02_light_edit": "joined"}
    assert set(summary["stories"][0]["articles"]) == {"01_wire_original", "02_light_edit"}

    d = run("delete", "ok-1", "--db", db, "--json")
    assert d.returncode == 0 and json.loads(d.stdout) == {"deleted": ["ok-1"]}


def _option_help(text: str, option: str) -> str:
    """One option's description in a command's --help, its wrapped lines joined."""
    lines = text.split("Options:", 1)[1].splitlines()
    start = next(k for k, line in enumerate(lines) if line.strip().startswith(option))
    end = next((k for k in range(start + 1, len(lines)) if lines[k].strip().startswith("-")), len(lines))
    return " ".join(" ".join(line.split()) for line in lines[start:end])


def test_every_command_help_has_an_example_and_its_own_words() -> None:
    """Each command's --help ends its text with an example to copy; an option shared by two commands says what it
    does in the one asked about; compare says what A and B may be."""
    from click.testing import CliRunner

    from retold.cli import main

    helps = {}
    for command in ("compare", "add", "sources", "scan", "delete", "list", "serve"):
        r = CliRunner().invoke(main, [command, "--help"], terminal_width=100)
        assert r.exit_code == 0, r.output
        lines = r.stdout.splitlines()
        assert f"    retold {command} " in lines[lines.index("  Example:") + 1], command
        helps[command] = r.stdout
    window = _option_help(helps["sources"], "--window-days")
    assert "scan" not in window and "indexed articles" in window
    assert "wider window than the last one" in _option_help(helps["scan"], "--window-days")
    assert "JSON Lines, CSV or Parquet" in _option_help(helps["scan"], "--format")
    engine = _option_help(helps["scan"], "--engine")
    assert "(with --lexical or --model too)" not in engine and "work with either engine" in engine
    assert "FILE#ID" in helps["compare"] and "- for standard input" in helps["compare"]


def test_sources_says_which_is_the_source_in_words_with_titles_and_scan_gives_relations(tmp_path: Path) -> None:
    """``sources`` said 'indexed first (0.90)' (read as 'added to the store first') and showed bare ids; ``scan``
    drew a story as 'x <- y' without the relation. Now: 'it is the source' (the stored article) or 'this is the
    source' (the one asked about), each found article's title, outlet and date beneath its id, and each
    retelling's relation."""
    db = str(tmp_path / "s.db")
    assert run("add", str(EXAMPLES / "articles.jsonl"), "--db", db, "-q").returncode == 0
    src = run("sources", str(EXAMPLES / "02_light_edit.txt"), "--db", db, "--lexical")
    assert src.returncode == 0, src.stderr
    lines = src.stdout.splitlines()
    assert lines[1].startswith("  1. 01_wire_original ") and "it is the source (" in lines[1]  # 02 edits 01
    assert (
        lines[2]
        == '     "Harben dockworkers strike over automation plan, halting grain exports" - Northwire, 2026-03-03'
    )
    assert "indexed first" not in src.stdout and "this first" not in src.stdout
    taken = run("sources", f"{EXAMPLES / 'articles.jsonl'}#01_wire_original", "--db", db, "--lexical", "--limit", "1")
    assert "this is the source (" in taken.stdout.splitlines()[1]  # 01 asked about: it came first

    sc = run("scan", "--db", db, "--lexical", "-q")
    assert sc.returncode == 0, sc.stderr
    story = sc.stdout.splitlines()[1:]
    assert "01_wire_original" in story[0]
    assert "      <- near_duplicate: 02_light_edit" in story, story


def test_scan_names_the_html_report_among_the_files_it_wrote(tmp_path: Path) -> None:
    """``scan --html FILE`` wrote the report but neither the summary's 'wrote' lines nor ``--json``'s
    ``written`` named it: a script collecting a scan's outputs missed it. Both now list it after the tables."""
    db, out, page = str(tmp_path / "s.db"), tmp_path / "o", tmp_path / "r.html"
    plain = run("scan", str(EXAMPLES / "articles.jsonl"), "--db", db, "--lexical", "-q", "--out", str(out),
                "--html", str(page))  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.splitlines()[-3:] == [f"wrote {out / 'edges.jsonl'}", f"wrote {out / 'stories.jsonl'}",
                                              f"wrote {page}"]  # fmt: skip
    page.unlink()
    got = run("scan", "--db", db, "--lexical", "-q", "--html", str(page), "--json")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["written"] == [str(page)] and page.stat().st_size > 0


def test_sources_takes_a_stored_articles_id(tmp_path: Path) -> None:
    """``sources`` took only a file, so a stored article (whose record ``list`` names as 'feed.jsonl:5', no path
    it reads) could not be looked up by the id ``list`` shows: 'no such file'. Where no file has the name, it is
    now the stored article of that id, as if its file were given; an id the store lacks says so."""
    db = str(tmp_path / "s.db")
    assert run("add", str(EXAMPLES / "articles.jsonl"), "--db", db, "-q").returncode == 0
    by_file = run("sources", f"{EXAMPLES / 'articles.jsonl'}#02_light_edit", "--db", db, "--lexical", "--json")
    by_id = run("sources", "02_light_edit", "--db", db, "--lexical", "--json")
    assert by_id.returncode == 0, by_id.stderr
    assert json.loads(by_id.stdout) == json.loads(by_file.stdout)
    assert [f["b"] for f in json.loads(by_id.stdout)] == ["01_wire_original", "03_heavy_rewrite"]  # not itself
    unknown = run("sources", "02_light_edits", "--db", db, "--lexical")
    assert unknown.returncode == 3 and unknown.stderr.strip() == (
        "retold: error: 02_light_edits: no such file, nor a stored article's id (retold list shows them)"
    )


def test_a_pipe_gets_whole_lines_from_list_sources_and_scan(tmp_path: Path) -> None:
    """In a pipe rich took 80 columns: ``list`` cut each title to a dozen characters and ``scan`` wrapped its
    story lines, so a script reading them got '…' and broken lines. In a pipe or a file a line is
    now as long as it is (a terminal still gets lines fitted to its width)."""
    db = str(tmp_path / "s.db")
    title = "Harben dockworkers strike over the automation plan, " * 3 + "and grain exports halt for a week"
    text = (EXAMPLES / "01_wire_original.txt").read_text(encoding="utf-8")
    feed = tmp_path / "long.jsonl"
    record = {"id": "a-long-titled-retelling-of-the-harben-strike", "title": title, "text": text}
    feed.write_text(json.dumps(record) + "\n")
    assert run("add", str(EXAMPLES / "articles.jsonl"), str(feed), "--db", db, "-q").returncode == 0
    listed = run("list", "--db", db)  # stdout is a pipe
    assert listed.returncode == 0, listed.stderr
    row = next(x for x in listed.stdout.splitlines() if x.startswith("a-long-titled"))
    assert f"  {title}  " in row and "…" not in listed.stdout
    found = run("sources", f"{feed}#a-long-titled-retelling-of-the-harben-strike", "--db", db, "--lexical")
    assert found.returncode == 0, found.stderr
    assert all(len(x) > 80 for x in found.stdout.splitlines()[:2]), found.stdout  # heading and first line whole
    sc = run("scan", "--db", db, "--lexical", "-q")
    assert sc.returncode == 0, sc.stderr
    whole = "      <- near_duplicate: 02_light_edit, a-long-titled-retelling-of-the-harben-strike"
    assert len(whole) > 80 and whole in sc.stdout.splitlines(), sc.stdout


def test_markdown_on_standard_input_is_read_as_its_file_is(tmp_path: Path) -> None:
    """``cat notes.md | retold sources -`` found the stored notes.md only as a near duplicate (0.81): a file's
    suffix says Markdown, standard input was read as plain text with its marks and front matter. Markdown
    beyond doubt (front matter or a heading opening it, a [link](url)) is now read as Markdown there; plain
    text with a list mark or ** stays plain, as its .txt file is."""
    body = (EXAMPLES / "01_wire_original.txt").read_text(encoding="utf-8").split("\n", 1)[1].strip()
    notes = tmp_path / "notes.md"
    notes.write_text(
        "---\ntitle: Harben notes\ndate: 2026-03-04\n---\n\n# Harben dockworkers strike\n\n"
        + body.replace("Harben Port Workers' Union", "[Harben Port Workers' Union](https://example.org/union)", 1)
        + "\n\n- **900 jobs** would go, the union says.\n",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.txt"
    plain.write_text("Harben port strike\n\n" + body + "\n\n- **900 jobs** would go, the union says.\n")
    db = str(tmp_path / "s.db")
    assert run("add", str(notes), str(plain), "--db", db, "-q").returncode == 0
    for stored in (notes, plain):
        got = run("sources", "-", "--db", db, "--lexical", "--json", stdin=stored.read_text(encoding="utf-8"))
        assert got.returncode == 0, got.stderr
        best = json.loads(got.stdout)[0]
        assert (best["b"], best["relation"]) == (stored.stem, "identical"), got.stdout
