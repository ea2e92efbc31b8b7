"""The HTML report: self-contained, complete, linked, and safe with hostile article text."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import retold
from retold.pipeline import UNCHECKED_NOTE
from retold.report.groups import match_groups
from retold.report.html import comparison_html, script_json
from retold.report.json import comparison_dict

HOSTILE = (
    "Breaking <script>alert(1)</script> news\n\n"
    'The minister said "><img src=x onerror=alert(1)> that the harbour strike had ended after nine days of talks.\n'
    "Dock workers in Calden voted </textarea><b>bold</b> on Tuesday to end the strike, the union said.\n"
    "Cargo will move again from Wednesday \u202egnirts desrever\u202c according to the port authority.\n"
)
CLEAN = (
    "Harbour strike ends\n\n"
    "The minister said that the harbour strike had ended after nine days of talks.\n"
    "Dock workers in Calden voted on Tuesday to end the strike, the union said.\n"
    "Cargo will move again from Wednesday, according to the port authority.\n"
)


class Page(HTMLParser):
    """What a browser would see: element ids, attributes, the text of each script and style element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[str | None, str]] = []  # (type, text)
        self.styles: list[str] = []
        self.classes: dict[str, str] = {}  # id -> class
        self._in: tuple[str, str | None] | None = None
        self._text: list[str] = []
        self.visible: list[str] = []  # text a reader sees (not script or style)
        self.feed(html)
        self.text = "".join(self.visible)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.add(str(a["id"]))
            self.classes[str(a["id"])] = a.get("class") or ""
        if tag in ("script", "style"):
            self._in, self._text = (tag, a.get("type")), []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)
        else:
            self.visible.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in and tag == self._in[0]:
            text = "".join(self._text)
            if tag == "script":
                self.scripts.append((self._in[1], text))
            else:
                self.styles.append(text)
            self._in = None

    def csp(self) -> str:
        return next(str(a["content"]) for t, a in self.tags if t == "meta" and a.get("http-equiv"))

    def data(self) -> dict:
        return json.loads(next(text for kind, text in self.scripts if kind == "application/json"))


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def seed_page(seeds: tuple[Path, Path]) -> tuple[retold.Comparison, str]:
    c = retold.compare(seeds[0], seeds[1], lexical=True)
    return c, comparison_html(c)


def test_seed_report_shows_everything_linked(seed_page: tuple[retold.Comparison, str]) -> None:
    c, html = seed_page
    page = Page(html)
    # every sentence of both articles is on the page, once
    assert {f"a-{i}" for i in range(len(c.a.sentences))} <= page.ids
    assert {f"b-{j}" for j in range(len(c.b.sentences))} <= page.ids
    # the EU-loan sentences of the retelling stand alone as only in B; the altered quote is flagged
    for j in (10, 11, 12):
        assert j in c.only_in_b and page.classes[f"b-{j}"] == "s"
        row = html.split(f'id="b-{j}"')[0].rsplit("<tr ", 1)[1]
        assert row.startswith('class="row k-only_b"')
    assert "quote altered" in html
    # the filters' tags: a match is a quote when a side quotes, short when both sides are under 8 words
    for k, m in enumerate(c.matches):
        sides = [[c.a.sentences[i].text for i in m.a], [c.b.sentences[j].text for j in m.b]]
        quote = any(q in t for side in sides for t in side for q in '"“”')
        short = max(sum(len(t.split()) for t in side) for side in sides) < 8
        assert ("t-quote" in page.classes[f"m-{k}"]) == quote and ("t-short" in page.classes[f"m-{k}"]) == short
    assert any("t-quote" in page.classes[f"m-{k}"] for k in range(len(c.matches)))
    assert c.verdict.relation.replace("_", " ") in html and "coverage" in html
    for reason in c.verdict.reasons:
        assert reason.replace("'", "&#39;") in html
    # the script's data only names ids that exist, and every flag link lands on an element
    data = page.data()
    assert data["matches"] and all(k in page.ids for k in data["matches"])
    assert all(set(group) <= page.ids for group in data["partners"].values())
    hrefs = [str(a["href"]) for t, a in page.tags if t == "a" and str(a.get("href", "")).startswith("#")]
    assert hrefs and all(h[1:] in page.ids for h in hrefs)
    assert sum(1 for f in c.flags if f.a or f.b) == len({h for h in hrefs if h.startswith("#f-")})


def test_seed_report_is_self_contained_under_its_csp(seed_page: tuple[retold.Comparison, str]) -> None:
    _, html = seed_page
    page = Page(html)
    csp = page.csp()
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    code = [text for kind, text in page.scripts if kind is None]
    assert len(code) == 1 and len(page.styles) == 1
    assert f"script-src {sha(code[0])}" in csp and f"style-src {sha(page.styles[0])}" in csp
    # no resource from anywhere: no src, no stylesheet link, no URL in the page's own markup
    assert not [a for t, a in page.tags if "src" in a or t in ("link", "iframe", "img", "object")]
    assert "http://" not in html and "https://" not in html
    assert not [k for _, a in page.tags for k in a if k.startswith("on")]  # no inline handlers


def test_hostile_article_is_only_text() -> None:
    a = retold.article_from_text(CLEAN, id="clean")
    b = retold.article_from_text(HOSTILE, id='"><img src=x onerror=alert(2)>')
    c = retold.compare(a, b, lexical=True)
    assert c.matches  # the hostile text is aligned and so printed inside the diff runs
    html = comparison_html(c)
    page = Page(html)
    for raw in ("<script>alert(1)</script>", "<img", "</textarea>", "<b>bold</b>", "\u202e", "\u202c"):
        assert raw not in html
    # ... yet a reader sees every character of it, as text
    for words in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea><b>bold</b>"):
        assert words in page.text
    assert '"><img src=x onerror=alert(2)>' in page.text  # the id too
    assert "[U+202E]gnirts desrever[U+202C]" in html
    # only the two shipped scripts exist, and no element carries a handler or a source
    assert len(page.scripts) == 2 and {t for t, _ in page.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "span", "small", "dl", "dt", "dd",
        "meter", "details", "summary", "ul", "li", "p", "section", "div", "button", "table", "thead", "tbody", "tr",
        "th", "td", "mark", "a", "footer", "script", "label", "input", "select", "option",
    }  # fmt: skip
    assert not [k for _, a in page.tags for k in a if k.startswith("on") or k == "src"]


def test_report_carries_its_groups_and_an_exact_export(seed_page: tuple[retold.Comparison, str]) -> None:
    """Each match row names its group; the chooser lists the groups present; "download JSON" holds the
    comparison JSON exactly (base64 in the data block, so no article text sits in a script as words)."""
    c, html = seed_page
    page = Page(html)
    export = json.loads(base64.b64decode(page.data()["export"]))
    assert export["comparison"] == json.loads(json.dumps(comparison_dict(c)))
    groups = export["groups"]
    assert groups == match_groups(comparison_dict(c)) and groups["credited"] is None  # the seeds name no outlet
    for k, g in enumerate(groups["of_match"]):
        assert f"g-{g}" in page.classes[f"m-{k}"].split()
    options = [a.get("value") for t, a in page.tags if t == "option"]
    assert options == ["", *[g["key"] for g in groups["groups"]]]
    assert {"group", "export-json", "export-html", "hide-short", "hide-quotes", "match-groups", "credit"} <= page.ids
    for g in groups["groups"]:  # each group lists links to its matches
        links = html.split(f'id="grp-{g["key"]}"')[1].split("</li>")[0]
        assert [f'href="#m-{k}"' in links for k in g["matches"]] == [True] * len(g["matches"])


def test_script_json_cannot_close_its_block() -> None:
    text = script_json({"x": "</script><script>alert(1)</script><!-- & \u2028 \u202e"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text and "\u202e" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script><!-- & \u2028 \u202e"}


def test_cli_writes_the_report(seeds: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = subprocess.run(
        [sys.executable, "-m", "retold", "compare", str(seeds[0]), str(seeds[1]), "--lexical", "--html", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""  # the report replaces the terminal view
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'id="b-12"' in html
    bad = subprocess.run(
        [sys.executable, "-m", "retold", "compare", str(seeds[0]), str(seeds[1]), "--lexical", "--html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "cannot write the HTML report" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.parametrize(("blocked", "args"), [("jinja2", ["compare", "--html"]), ("fastapi", ["serve"])])
def test_missing_web_extra_names_it(examples_dir: Path, tmp_path: Path, blocked: str, args: list[str]) -> None:
    """Without the ``web`` extra the command says what to install, in one line (no traceback)."""
    argv = [*args, str(tmp_path / "out.html")] if args[0] == "compare" else [*args, "--db", str(tmp_path / "x.db")]
    if args[0] == "compare":
        argv[1:1] = [str(examples_dir / "01_wire_original.txt"), str(examples_dir / "02_light_edit.txt"), "--lexical"]
    code = f"import sys; sys.modules[{blocked!r}] = None; from retold.cli import main; main({argv!r})"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert "pip install 'retold[web]'" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "x.db").exists()


def test_languages_show_across_languages(examples_dir: Path) -> None:
    """Each article's language in the facts; across languages every sentence carries ``lang``, and a sentence
    in another language than its article (a quote left in English) is marked with it."""
    german = (examples_dir / "06_german_translation.txt").read_text(encoding="utf-8")
    quoted = "The harbour strike is over and the ships are moving again, the union leader told reporters in English."
    b = retold.article_from_text(german.rstrip() + "\n" + quoted + "\n", id="de")
    c = retold.compare(retold.read_article(str(examples_dir / "01_wire_original.txt")), b, lexical=True)
    assert (c.a.language, c.b.language) == ("en", "de")
    page = Page(comparison_html(c))
    sentences = [(a.get("id"), a.get("lang")) for t, a in page.tags if t == "span" and a.get("class") == "s"]
    langs = {sid[0]: {lang for s, lang in sentences if s and s[0] == sid[0]} for sid, _ in sentences if sid}
    assert langs["a"] == {"en"} and langs["b"] == {"de", "en"}
    last_b = max((s for s, _ in sentences if s and s.startswith("b-")), key=lambda s: int(s[2:]))
    assert dict(sentences)[last_b] == "en"
    marks = [t for t, a in page.tags if t == "span" and a.get("class") == "lang"]
    assert len(marks) == 3  # A's and B's language in the facts, the English sentence of B
    assert "en" in page.text and "de" in page.text


def test_a_report_without_the_checks_does_not_say_no_flags(examples_dir: Path) -> None:
    """With --no-flags the report read "No flags." over a pair whose checks give nine; the JSON's notes said
    nothing either: both say the checks were skipped."""
    a, b = examples_dir / "01_wire_original.txt", examples_dir / "03_heavy_rewrite.txt"
    checked, skipped = (retold.compare(a, b, lexical=True, fidelity=f) for f in (True, False))
    assert checked.flags and not skipped.flags
    assert UNCHECKED_NOTE in skipped.notes and UNCHECKED_NOTE not in checked.notes
    page = comparison_html(skipped)
    assert "No flags." not in page and "Not checked (--no-flags)." in page
    assert "by argument order" not in page  # nothing was read, in either order


@pytest.mark.parametrize(
    ("b", "says", "reading"),
    [
        ("04_independent_report.txt", "No flags for reports written independently", False),
        ("05_unrelated.txt", "Not checked (unrelated articles retell nothing).", False),
        ("02_light_edit.txt", "Nothing flagged.", True),
    ],
)
def test_a_report_without_flags_says_why_as_the_terminal_does(
    examples_dir: Path, b: str, says: str, reading: bool
) -> None:
    """The page said "No flags." for an unrelated pair whose checks never ran, and "the direction is not decided:
    the flags read A as the source" over pairs with no flags read at all, or under a header naming a common
    source: it now says what the terminal says (``report.reading``)."""
    c = retold.compare(examples_dir / "01_wire_original.txt", examples_dir / b, lexical=True)
    page = comparison_html(c)
    assert not c.flags and says in page
    assert ("by argument order alone" in page) is reading
    assert "is not decided" not in page
    if reading:
        assert "No direction names the source (both retell a common source)" in page
