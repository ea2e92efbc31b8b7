"""Markdown syntax left out of comparison: every example of :mod:`retold.text.markdown`, and its offsets."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

import retold
from retold.ingest import read_article
from retold.text.markdown import EXAMPLES, syntax
from retold.text.normalise import cut


def left(text: str) -> str:
    return cut(text, syntax(text))


@pytest.mark.parametrize(("markdown", "words"), EXAMPLES)
def test_markdown_syntax_examples(markdown: str, words: str) -> None:
    assert left(markdown) == words


def test_spans_are_ordered_and_apart() -> None:
    text = "---\na: b\n---\n# **Port** [strike](x)\n"
    spans = syntax(text)
    assert spans == sorted(spans) and all(e <= s2 for (_, e), (s2, _) in pairwise(spans))


def test_a_link_target_reaches_no_flag(tmp_path: Path) -> None:
    """The fidelity checks read each sentence again: they leave the Markdown out as ingest did, so the figures
    and names of a link's target are no 'number_dropped 2019' or 'entity_dropped Calder'."""
    body = (
        "The union said {plan} would cut jobs at the port of Harben on Monday, a spokesman told reporters.\n\n"
        "Ships waited outside the harbour for a second day as talks stalled.\n"
    )
    md, txt = tmp_path / "a.md", tmp_path / "b.txt"
    md.write_text("Port strike\n\n" + body.format(plan="[the plan](https://example.org/2019/Calder-cuts-4500)"))
    txt.write_text("Port strike\n\n" + body.format(plan="the plan"))
    for a, b in ((md, txt), (txt, md)):
        c = retold.compare(str(a), str(b), lexical=True)
        assert c.verdict.relation == "identical" and c.flags == ()


def test_front_matter_and_a_heading_underlined(tmp_path: Path) -> None:
    p = tmp_path / "story.md"
    p.write_text(
        "---\ntitle: Harben strike\ndate: 2019-05-03\n---\n\nHarben dockworkers strike\n=========================\n\n"
        "The union said [the plan][1] would cut 1,100 jobs. See [the report](https://example.org/a_(b)).\n\n"
        "[1]: https://example.org/plan\n",
        encoding="utf-8",
    )
    a = read_article(str(p))
    assert a.title == "Harben dockworkers strike" and a.published == "2019-05-03"
    assert [s.norm for s in a.sentences] == [
        "Harben dockworkers strike",
        "The union said the plan would cut 1,100 jobs.",
        "See the report.",
    ]
    assert all(a.text[s.start : s.end] == s.text for s in a.sentences)


def test_a_markdown_title_is_its_words_without_the_syntax() -> None:
    from retold.ingest import article_from_text

    a = article_from_text(
        "# Flood warning for **River Tay** in [Perth](https://example.org/perth)\n\nThe agency issued a warning.",
        id="x",
        markdown=True,
    )
    assert a.title == "Flood warning for River Tay in Perth"  # it kept the opening '**' of the inner emphasis
