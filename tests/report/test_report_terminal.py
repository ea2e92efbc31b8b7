"""The terminal view: flags with their severity and row, titles named apart, the direction's reasons last."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

import retold
from retold.report.reading import flag_words
from retold.report.terminal import flag_row, render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def demo() -> retold.Comparison:
    a, b = sorted(EXAMPLES.glob("01_*.txt"))[0], sorted(EXAMPLES.glob("03_*.txt"))[0]
    return retold.compare(a, b, lexical=True)


def _text(c: retold.Comparison) -> str:
    out = io.StringIO()
    render(c, Console(file=out, width=140, color_system=None))
    return out.getvalue()


def test_flags_say_their_severity_and_row(demo: retold.Comparison) -> None:
    text = _text(demo)
    changed = next(f for f in demo.flags if f.kind == "quote_altered")
    assert changed.a is not None and changed.b is not None
    row = flag_row(demo, changed)
    a_i, b_i = (int(x) for x in row.split(" / "))
    assert demo.a.text[changed.a.start : changed.a.end] in demo.a.sentences[a_i].text
    assert demo.b.text[changed.b.start : changed.b.end] in demo.b.sentences[b_i].text
    line = next(x for x in text.splitlines() if "quote altered" in x)
    assert row in line
    assert any(f.severity in text.splitlines()[k + 1] for k, x in enumerate(text.splitlines()) for f in demo.flags
               if flag_words(f.kind) in x)  # fmt: skip


def test_a_title_is_named_not_numbered(demo: retold.Comparison) -> None:
    assert demo.b.sentences[0].is_title
    assert any(
        x.split()[:3] == ["-", "/", "title"] and x.split()[-2:] == ["only", "B"] for x in _text(demo).splitlines()
    )


def test_the_direction_reasons_come_after_the_content(demo: retold.Comparison) -> None:
    text = _text(demo)
    assert demo.verdict.reasons
    why = text.index("why the direction is A -> B")
    assert why > text.index("what the retelling changed") > text.index("legend")
    assert text.index(demo.verdict.reasons[0][:40]) > why


@pytest.fixture(scope="module")
def light() -> retold.Comparison:
    """01 and its light edit: 'About 4,200' became 'Around 4,200', and the reasons run past one line."""
    return retold.compare(EXAMPLES / "01_wire_original.txt", EXAMPLES / "02_light_edit.txt", lexical=True)


def test_without_styles_the_diff_and_legend_are_words(light: retold.Comparison) -> None:
    """In a file or a pipe, strike and underline vanish: the changed words were unmarked and the legend six
    identical boxes. NO_COLOR on a terminal reads the same way."""
    for console in (lambda f: Console(file=f, width=80), lambda f: Console(file=f, force_terminal=True, no_color=True)):
        out = io.StringIO()
        render(light, console(out))
        text = out.getvalue()
        assert "[-About-]" in text and "{+Around+}" in text
        legend = text[text.index("legend:") : text.index("why the direction")]
        assert "■" not in legend and "[-words-]" in legend and "{+words+}" in legend
        assert "edited: mostly the same words" in " ".join(legend.split())


def test_with_colour_the_diff_is_styled_not_bracketed(light: retold.Comparison) -> None:
    out = io.StringIO()
    render(light, Console(file=out, width=120, force_terminal=True, color_system="truecolor"))
    text = out.getvalue()
    assert "[-About-]" not in text and "{+Around+}" not in text
    assert re.search(r"\x1b\[(\d+;)*9(;\d+)*mAbout", text)  # struck through
    assert text.count("■") >= 6


def test_a_long_reason_goes_on_under_its_start(light: retold.Comparison) -> None:
    """A reason wrapped at 80 columns went on at the line's start, among the reasons' own "because"."""
    lines = _text_at(light, 80).splitlines()
    why = next(k for k, x in enumerate(lines) if x.startswith("why the direction"))
    body = [x for x in lines[why + 1 :] if x.strip()]
    assert len(body) > len(light.verdict.reasons)  # some reason is longer than a line
    assert all(x.startswith("  because ") or x.startswith(" " * 10) for x in body)
    joined = " ".join(" ".join(x.split()) for x in body)
    for r in light.verdict.reasons:
        assert f"because {' '.join(r.split())}" in joined


def _text_at(c: retold.Comparison, width: int) -> str:
    out = io.StringIO()
    render(c, Console(file=out, width=width))
    return out.getvalue()


def test_no_flags_says_whether_the_checks_ran(light: retold.Comparison) -> None:
    """Without flags the terminal printed no flag section at all: checks that found nothing and checks
    skipped read the same."""
    assert not light.flags
    assert "what the retelling changed" in _text(light) and "nothing flagged" in _text(light)
    skipped = retold.compare(EXAMPLES / "01_wire_original.txt", EXAMPLES / "02_light_edit.txt", lexical=True,
                             fidelity=False)  # fmt: skip
    assert "nothing flagged" not in _text(skipped) and "not checked (--no-flags)" in _text(skipped)
    independent = retold.compare(EXAMPLES / "01_wire_original.txt", EXAMPLES / "04_independent_report.txt",
                                 lexical=True)  # fmt: skip
    assert independent.verdict.relation == "same_story"
    assert "nothing flagged" not in _text(independent) and "written independently" in _text(independent)


def test_the_flags_name_the_direction_as_the_header_does(tmp_path: Path) -> None:
    """One number changed in 02: the header said "direction common source" and the flags "direction not decided"."""
    changed = tmp_path / "02_changed.txt"
    changed.write_text((EXAMPLES / "02_light_edit.txt").read_text().replace("16 bulk", "19 bulk"))
    c = retold.compare(EXAMPLES / "01_wire_original.txt", changed)
    assert c.verdict.direction == "common_source" and c.flags and not c.flags_source_decided
    text = " ".join(_text(c).split())
    assert "direction common source (" in text and "not decided" not in text
    assert "what the retelling changed (direction common source: read A -> B, by argument order)" in text
    bridge = "Bridge reopens\n\nThe Kessler bridge reopened on Friday after repairs costing {} million crowns."
    a, b = (retold.article_from_text(bridge.format(n), id=k) for n, k in ((4, "a"), (5, "b")))
    undetermined = retold.compare(a, b, lexical=True)
    assert undetermined.verdict.direction == "undetermined" and undetermined.flags
    text = " ".join(_text(undetermined).split())
    assert "direction undetermined" in text and "(direction undetermined: read A -> B, by argument order)" in text


def test_rows_only_in_one_article_name_both_sides(demo: retold.Comparison) -> None:
    """Only-in-A rows read ``5 / -`` but only-in-B ones had an empty first column and ``only B 10`` in "how"."""
    rows = {" ".join(x.split()[:3]): x.split()[-1] for x in _text(demo).splitlines() if x.split()[-2:] in ONLY}
    want = {f"{_name(demo.a, i)} / -": "A" for i in demo.only_in_a}
    want |= {f"- / {_name(demo.b, j)}": "B" for j in demo.only_in_b}
    assert rows == want


ONLY = (["only", "A"], ["only", "B"])


def _name(art: retold.Article, i: int) -> str:
    return "title" if art.sentences[i].is_title else str(i)


def test_a_flag_over_several_sentences_names_the_run(demo: retold.Comparison) -> None:
    """A story brought in over B's sentences 17-20 pointed to ``- / 17`` alone."""
    story = next(f for f in demo.flags if f.kind == "story_added")
    assert story.b is not None
    inside = [s.i for s in demo.b.sentences if story.b.start <= s.start < story.b.end]
    assert len(inside) > 1
    assert flag_row(demo, story) == f"- / {inside[0]}-{inside[-1]}"
    assert any(
        x.strip().startswith(flag_words("story_added")) and f"- / {inside[0]}-{inside[-1]}" in x
        for x in _text(demo).splitlines()
    )


def test_a_word_longer_than_its_column_is_folded_not_cut() -> None:
    """A URL or a sentence of Chinese (no spaces) in the side-by-side table was cut to 'https://example.or…': the
    changed end of the URL, the words a reader compares, were not shown anywhere."""
    from retold.ingest import article_from_text

    url = "https://example.org/harben/union/statements/2026/03/03/full-text-of-the-strike-declaration"
    a = article_from_text(f"Port strike\n\nThe union posted its statement at {url}.html on Tuesday.", id="a")
    b = article_from_text(f"Port strike\n\nThe union posted its statement at {url}-v2.html on Tuesday.", id="b")
    lines = _text_at(retold.compare(a, b, lexical=True), 80).splitlines()
    head = next(x for x in lines if x.startswith("  A / B"))
    a_at = head.index(" A ", len("  A / B")) + 1  # where the A column starts (after the 'A / B' column)
    b_at, how_at = head.index(" B ", a_at) + 1, head.index(" how")
    rows = lines[lines.index(head) + 2 :]
    rows = rows[: next(k for k, x in enumerate(rows) if not x.strip())]
    side_a = "".join(x[a_at:b_at].strip() for x in rows)
    side_b = "".join(x[b_at:how_at].strip() for x in rows)
    assert "…" not in side_a + side_b
    assert f"[-{url}.html-]" in side_a and f"{{+{url}-v2.html+}}" in side_b, (side_a, side_b)
