"""The words a reader gets from `retold compare`, held across its three outputs: the HTML file written by
``--html``, the terminal text and ``--json`` (a real process, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from retold.fidelity import FLAG_KINDS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAIR = (EXAMPLES / "01_wire_original.txt", EXAMPLES / "03_heavy_rewrite.txt")


def compare(*args: str | Path) -> str:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "retold", "compare", "--lexical", *map(str, args)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Visible(HTMLParser):
    """The page's visible text, each row of its flag table as the text of its cells, and the text of each
    element by its id (``by_id``)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.flag_rows: list[list[str]] = []
        self.by_id: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the open elements
        self._hidden, self._table = 0, False
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "link", "input", "img", "hr"):
            self._open.append((tag, dict(attrs).get("id")))
            if self._open[-1][1]:
                self.by_id[str(self._open[-1][1])] = []
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "table":
            self._table = "flags" in (dict(attrs).get("class") or "").split()
        elif self._table and tag == "tr":
            self.flag_rows.append([])
        elif self._table and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag in ("script", "style"):
            self._hidden -= 1
        elif tag == "td" and self._cell is not None:
            self.flag_rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)
            for _, eid in self._open:
                if eid:
                    self.by_id[eid].append(data)
            if self._cell is not None:
                self._cell.append(data)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, str]:
    """The comparison's JSON, its HTML file and its terminal text."""
    page = tmp_path_factory.mktemp("html") / "report.html"
    compare(*PAIR, "--html", page)
    return json.loads(compare(*PAIR, "--json")), page.read_text(encoding="utf-8"), compare(*PAIR)


def test_every_flag_kind_has_words() -> None:
    from retold.report.reading import FLAG_WORDS

    assert set(FLAG_WORDS) == set(FLAG_KINDS)
    assert all(w and "_" not in w for w in FLAG_WORDS.values())


def test_flag_kinds_read_as_words_in_both_reports_and_as_kinds_in_json(
    outputs: tuple[dict[str, Any], str, str],
) -> None:
    """The HTML flag table showed ``claim_added``, ``attribution_dropped``: both reports name a flag in the
    same words ("claim added", "credit dropped"); the JSON, read by programs, keeps the kind."""
    doc, html, terminal = outputs
    kinds = [f["kind"] for f in doc["flags"]]
    assert {"attribution_dropped", "claim_added"} <= set(kinds) and set(kinds) <= set(FLAG_KINDS)
    page = Visible(html)
    for kind in FLAG_KINDS:  # no identifier left on either page
        assert kind not in "".join(page.text) and kind not in terminal
    from retold.report.reading import FLAG_WORDS

    shown = sorted(r[0] for r in page.flag_rows if r)
    assert shown == sorted(f"{f['severity']} {FLAG_WORDS[f['kind']]}" for f in doc["flags"])
    said = terminal.split("what the retelling changed")[1]
    lines = [x.strip() for x in said.splitlines()]
    for kind in kinds:
        assert any(x.startswith(FLAG_WORDS[kind]) for x in lines), kind


def credit_line(tmp_path: Path, a: Path, b: Path) -> tuple[str, Visible]:
    """The HTML report's line on whether the retelling credits the source's outlet, and the page."""
    page = tmp_path / f"{a.stem}-{b.stem}.html"
    compare(a, b, "--html", page)
    seen = Visible(page.read_text(encoding="utf-8"))
    return " ".join("".join(seen.by_id["credit"]).split()), seen


def test_the_outlet_a_dateline_credits_is_named_not_unknown(tmp_path: Path) -> None:
    """The report called the source's outlet "not known" (its credit "not checked") though its text opens
    "HARBEN, March 3 (Northwire) -": the outlet is the wire its dateline credits, read as the credit check
    reads it (its flag names the same wire), and the page says where it comes from."""
    doc = json.loads(compare(*PAIR, "--json"))
    assert doc["a"]["source"] is None and doc["a"]["url"] is None and doc["flags_source"] == "a"
    wire = next(f for f in doc["flags"] if f["kind"] == "attribution_dropped" and "(" in (f["a_text"] or ""))
    name = wire["a_text"].split("(")[1].split(")")[0]
    line, page = credit_line(tmp_path, *PAIR)
    assert line == f"The retelling never names the source's outlet ({name}, named in the source's dateline)."
    assert "credit not checked" not in "".join(page.text) and "missing citation" in "".join(page.text)
    credits = tmp_path / "03_credits.txt"  # the retelling names the wire: the credit is found
    credits.write_text(PAIR[1].read_text(encoding="utf-8") + f"\nThe report first ran on {name}.\n", "utf-8")
    line, _ = credit_line(tmp_path, PAIR[0], credits)
    assert line == f"The retelling names the source's outlet ({name}, named in the source's dateline)."
    bare = tmp_path / "01_bare.txt"  # no dateline, no outlet: still not known
    bare.write_text(PAIR[0].read_text(encoding="utf-8").replace(f" ({name}) -", ""), "utf-8")
    line, _ = credit_line(tmp_path, bare, PAIR[1])
    assert line == "The source's outlet is not known, so whether the retelling credits it is not checked."
