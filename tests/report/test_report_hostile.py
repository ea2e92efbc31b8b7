"""Hostile article text (script tags, attribute breakers, terminal escapes, bidi overrides, rich markup) is inert
in every view: asserted on the bytes each view writes, and for HTML on the parsed page."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

import retold
from retold.ingest import article_from_text
from retold.model import Comparison
from retold.report import comparison_html, comparison_json, render
from retold.report.html import asset
from retold.report.safe import printable

ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x07", "\x9b2J")  # and "\x1b[31m", which rich itself writes
TITLE = "Harbour strike \x1b]0;pwned\x07 ends <script>alert(1)</script>"
BODY_A = (
    'Dock workers "><img src=x onerror=alert(1)> in Calden voted on Tuesday to end a strike, the union said.\n'
    "Cargo </textarea><b>x</b> will move again from Wednesday \u202egnirts\u202c, the port authority said.\n"
    '"We will not go back \x1b[2J until the pay is fixed," said Mira [bold red]Olsen[/] of the union.\n'
    "The mayor \x1b[31m thanked both sides\x07 and said talks </script><script>alert(2)</script> would go on.\n"
)
BODY_B = (
    'Dock workers "><img src=x onerror=alert(1)> in Calden voted on Tuesday to end a strike, the union said.\n'
    "Cargo </textarea><b>x</b> will move again from Thursday \u202egnirts\u202c, the port authority said.\n"
    '"We will never go back \x1b[2J until pay is fixed," said [/] Olsen of the union.\n'
    "The mayor \x1b[31m thanked both sides\x07 and said talks </script><script>alert(2)</script> would go on.\n"
)
OUTLET = '<img src=x onerror=alert(3)>" onmouseover="alert(4)'


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    a = article_from_text(BODY_A, id="a\x1b[2J<b>", title=TITLE, source=OUTLET, language="en")
    b = article_from_text(BODY_B, id="b\x07", title=TITLE, source=OUTLET, language="en")
    return retold.compare(a, b, lexical=True)


def test_printable_shows_controls_and_drops_overrides() -> None:
    assert printable("a\x1b[2Jb\x07c\x9bd\u202ee\n") == "a\u241b[2Jb\u2407c\ufffdde\n"
    assert printable("x\ny\tz", one_line=True) == "x y z"
    assert printable("plain text") == "plain text"


def _terminal(c: Comparison, tty: bool) -> str:
    buf = io.StringIO()
    render(c, Console(file=buf, force_terminal=tty, width=240, color_system="truecolor" if tty else None))
    return buf.getvalue()


@pytest.mark.parametrize("tty", [True, False])
def test_terminal_view_obeys_no_escape(hostile: Comparison, tty: bool) -> None:
    assert hostile.flags, "the edits should raise flags that quote the hostile text"
    out = _terminal(hostile, tty)
    for esc in ESCAPES:
        assert esc not in out
    assert "\u202e" not in out and "\x9b" not in out
    # the escapes are shown, not lost: the reader sees that something was there
    assert "\u241b]0;pwned\u2407" in out and "\u241b[2J" in out and "\u241b[31m" in out
    if not tty:
        assert "\x1b" not in out  # no colour either when not a terminal
    else:
        # the only escapes left are rich's own colour codes (CSI ... m)
        import re

        assert not re.findall(r"\x1b(?!\[[0-9;]*m)", out)
    # rich markup inside article text is printed, not interpreted (and "[/]" does not crash the table)
    assert "[bold red]Olsen[/]" in out
    assert "[/] Olsen" in out


def test_cli_terminal_output_bytes(tmp_path: Path) -> None:
    pa, pb = tmp_path / "a.txt", tmp_path / "b.txt"
    pa.write_text(TITLE + "\n\n" + BODY_A, encoding="utf-8")
    pb.write_text(TITLE + "\n\n" + BODY_B, encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "retold", "compare", str(pa), str(pb), "--lexical"],
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout and "\u202e".encode() not in r.stdout
    assert "\u241b]0;pwned".encode() in r.stdout
    j = subprocess.run(
        [sys.executable, "-m", "retold", "compare", str(pa), str(pb), "--lexical", "--json"],
        capture_output=True,
        timeout=120,
    )
    assert j.returncode == 0
    assert b"\x1b" not in j.stdout and b"\x07" not in j.stdout  # JSON escapes control characters
    doc = json.loads(j.stdout)
    assert doc["a"]["title"] == TITLE  # and keeps the text exactly
    text_a = pa.read_text(encoding="utf-8")
    for s in doc["a"]["sentences"]:
        assert text_a[s["start"] : s["end"]] == s["text"]


def test_json_is_valid_and_exact(hostile: Comparison) -> None:
    out = comparison_json(hostile)
    assert "\x1b" not in out and "\x07" not in out
    doc = json.loads(out)
    assert doc["a"]["source"] == OUTLET and doc["a"]["title"] == hostile.a.title
    for side, art in (("a", hostile.a), ("b", hostile.b)):
        for s in doc[side]["sentences"]:
            assert art.text[s["start"] : s["end"]] == s["text"]


class _Page(HTMLParser):
    """Every element and attribute of a page, and the text inside each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_html_report_has_no_injected_element_or_attribute(hostile: Comparison) -> None:
    page = comparison_html(hostile)
    parsed = _Page()
    parsed.feed(page)
    names = [t for t, _ in parsed.tags]
    assert "img" not in names and "b" not in names
    assert names.count("textarea") == 0
    assert all(not k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    # two scripts: the data block (JSON) and the shipped script, nothing from the articles
    assert len(parsed.scripts) == 2
    data = next(s for s in parsed.scripts if s.lstrip().startswith("{"))
    json.loads(data)
    assert asset("report.js").strip() in {s.strip() for s in parsed.scripts}
    assert "alert(" not in "".join(parsed.scripts)
    # the hostile words are on the page as text, escaped, the override shown, no escape obeyed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;/textarea&gt;" in page
    assert "\u202e" not in page and "[U+202E]" in page
    assert "onerror=alert(3)" not in page.replace("&lt;img src=x onerror=alert(3)&gt;", "")


def test_corpus_tables_print_ids_inert() -> None:
    from types import SimpleNamespace

    from retold.model import Article, Edge
    from retold.provenance.render import sources_table
    from retold.provenance.scan import Found

    edge = Edge("q", "evil\x1b]0;pwned\x07[bold]id[/]", "identical", 1.0, 1.0, 1.0, "undetermined", 0.0)
    # the found article's title and outlet are printed beneath its id: as inert as the id
    stored = Article(edge.b, "x", (), title="Title\x1b[31m red", source="[bold]Outlet\x1b]0;x\x07")
    pair = SimpleNamespace(a=Article("q", "x", ()), b=stored)
    buf = io.StringIO()
    sources_table("query\x1b[2J", [Found(edge, pair, {})], Console(file=buf, force_terminal=True, width=200))  # type: ignore[arg-type]
    out = buf.getvalue()
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x07" not in out and "\x1b[31m" not in out
    assert "[bold]id[/]" in out and "\u241b]0;pwned" in out
    assert '"Title\u241b[31m red" - [bold]Outlet\u241b]0;x\u2407' in out


def test_an_error_naming_a_hostile_file_name_is_inert(tmp_path: Path) -> None:
    # the one-line error repeats the file name as given: its escape sequence is shown, not obeyed
    name = tmp_path / "\x1b]0;pwned\x07.txt"
    r = subprocess.run([sys.executable, "-m", "retold", "compare", str(name), str(name), "--lexical"],
                       capture_output=True, timeout=120)  # fmt: skip
    assert r.returncode == 3, r.stderr
    assert b"\x1b" not in r.stderr and b"\x07" not in r.stderr
    assert "\u241b]0;pwned\u2407".encode() in r.stderr and b"no such file" in r.stderr
