"""The HTML report as a reader sees it: only its visible text (no tooltip, no id), held against the terminal."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

import retold
from retold.report.html import comparison_html
from retold.report.terminal import render

SENTENCE = re.compile(r"^(?:p\d+-)?[ab]-\d+$")


class Rows(HTMLParser):
    """The alignment table's rows: for each row and side, the visible word just before each sentence (its
    number, where the page shows one), read from the text alone (attributes such as ``title`` are not seen)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, list[str]]] = []
        self._side: str | None = None
        self._cell: list[str] = []
        self._hidden = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag in ("script", "style"):
            self._hidden += 1
        elif tag == "tr" and "row" in cls:
            self.rows.append({"a": [], "b": []})
        elif tag == "td" and "side" in cls:
            self._side, self._cell = ("a" if "a" in cls else "b"), []
        elif self._side and SENTENCE.match(a.get("id") or ""):
            before = "".join(self._cell).split()
            self.rows[-1][self._side].append(before[-1] if before else "")
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1
        elif tag == "td":
            self._side = None

    def handle_data(self, data: str) -> None:
        if self._side and not self._hidden:
            self._cell.append(data)


def terminal_refs(c: retold.Comparison) -> list[str]:
    """The terminal table's first column, ``3 / 5``, ``- / title``, row by row."""
    out = io.StringIO()
    render(c, Console(file=out, width=220, color_system=None))
    refs = []
    for line in out.getvalue().split("legend:")[0].splitlines():
        m = re.match(r"\s+(\S+ / \S+)\s{2}", line)
        if m and m.group(1) != "A / B":  # not the heading
            refs.append(m.group(1))
    return refs


@pytest.fixture(scope="module")
def examples(examples_dir: Path) -> tuple[retold.Comparison, str]:
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / "03_heavy_rewrite.txt", lexical=True)
    return c, comparison_html(c)


@pytest.fixture(scope="module")
def seed_pair(seeds: tuple[Path, Path]) -> tuple[retold.Comparison, str]:
    c = retold.compare(seeds[0], seeds[1], lexical=True)
    return c, comparison_html(c)


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_every_sentence_shows_its_number_as_the_terminal_does(pair: str, request: pytest.FixtureRequest) -> None:
    """Each sentence's number stands in the text beside it (a title named "title"), and each row, read from
    those numbers, is the terminal's row: ``1 / title,1,2`` in both."""
    c, html = request.getfixturevalue(pair)
    rows = Rows(html).rows
    assert sum(len(r["a"]) for r in rows) == len(c.a.sentences) and sum(len(r["b"]) for r in rows) == len(c.b.sentences)
    refs = [f"{','.join(r['a']) or '-'} / {','.join(r['b']) or '-'}" for r in rows]
    assert refs == terminal_refs(c) and len(refs) == len(rows)
    assert any("title" in r for r in refs)  # both pairs have a headline, named as such
