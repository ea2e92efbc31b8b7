"""Progress as the corpus commands print it: lines in a log, nothing with ``--quiet``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from retold.provenance import render


def test_a_log_gets_a_line_while_a_stage_runs_and_one_when_it_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(render, "LOG_AFTER", 0.0)
    monkeypatch.setattr(render, "LOG_EVERY", 0.0)
    with render.progress_bar() as tick:  # stderr is captured: not a terminal
        tick("aligning candidate pairs", 0, 32)
        tick("aligning candidate pairs", 16, 32)
        tick("aligning candidate pairs", 32, 32)
        tick("aligning candidate pairs", 32, 32)  # the end is said once
        tick("articles read and fingerprinted", 256, 0)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("aligning candidate pairs: 0 of 32 so far in")
    assert lines[1].startswith("aligning candidate pairs: 16 of 32 so far in")
    assert lines[2].startswith("aligning candidate pairs: 32 of 32 done in")
    assert lines[3].startswith("articles read and fingerprinted: 256 so far in")
    assert len(lines) == 4


def test_a_short_stage_says_nothing_to_a_log(capsys: pytest.CaptureFixture[str]) -> None:
    with render.progress_bar() as tick:
        tick("finding candidates", 0, 5)
        tick("finding candidates", 5, 5)
    assert capsys.readouterr().err == ""


def test_quiet_says_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(render, "LOG_AFTER", 0.0)
    with render.progress_bar(quiet=True) as tick:
        tick("aligning candidate pairs", 32, 32)
    assert capsys.readouterr().err == ""


def test_a_story_without_a_direction_is_not_printed_as_taken_from_its_centre() -> None:
    """'X <- Y' reads as 'Y took from X': said only of a story whose edges name a source."""
    from io import StringIO

    from rich.console import Console

    from retold.model import Edge, Story
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import build_stories

    def printed(direction: str) -> str:
        edge = Edge("x", "y", "partial_reuse", 0.5, 0.5, 0.5, direction, 0.6)  # type: ignore[arg-type]
        stories: list[Story] = build_stories([edge])
        out = StringIO()
        render.scan_summary(ScanResult("lexical", 2, 2, 1, 1, [edge], stories, {}), None, [], Console(file=out))
        return out.getvalue().splitlines()[1]

    assert printed("a_to_b").endswith(": x <- y (partial_reuse)")
    assert printed("undetermined").endswith(": x ~ y (partial_reuse) (no direction known)")
    assert printed("common_source").endswith("(no direction known)")


def test_a_large_story_is_drawn_a_source_a_line_with_its_retellings_beneath_within_the_width() -> None:
    """One line held every member of a story (cut after six, running off any terminal): a larger story is a
    line per source with its retellings indented and wrapped beneath it, none left out."""
    from io import StringIO

    from rich.console import Console

    from retold.model import Edge
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import build_stories

    origin, hub = "wire-original-2019-05-03", "outlet-copy-00"
    copies = [f"outlet-copy-{k:02d}" for k in range(12)]
    edges = [Edge(origin, c, "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", 0.9) for c in copies]
    for k in range(2):  # reprints of a copy, which share the origin's text too
        edges += [Edge(x, f"blog-reprint-{k}", "near_duplicate", 0.9, 0.9, 0.9, "a_to_b", 0.9) for x in (origin, hub)]
    edges += [Edge(origin, "same-event-report", "same_story", 0.3, 0.2, 0.2, "undetermined", 0.0)]
    stories = build_stories(edges)
    out = StringIO()
    result = ScanResult("lexical", 16, 16, len(edges), len(edges), edges, stories, {})
    render.scan_summary(result, None, [], Console(file=out, width=60))
    lines = out.getvalue().splitlines()[1:]
    assert all(len(x) <= 60 for x in lines), lines
    story = next(st for st in stories if origin in st.origins)
    assert lines[0] == f"  {story.id}: 16 articles, from {origin}"
    # a line per relation under each source, its name said once
    assert lines[1] == f"    {origin}" and lines[2] == "      <- near_duplicate: blog-reprint-0, blog-reprint-1"
    assert lines[3].startswith("      <- partial_reuse: outlet-copy-00, outlet-copy-01")
    drawn = " ".join(lines)
    assert all(c in drawn for c in copies) and "~ same_story: same-event-report" in drawn
    under_hub = lines.index(f"    {hub}")  # the copy others took from: a source line of its own
    assert lines[under_hub + 1] == "      <- near_duplicate: blog-reprint-0, blog-reprint-1"


def test_the_bar_says_time_elapsed_then_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar read '0:00:03 left -:--:--': the elapsed time, then the word, then the time left."""
    import re
    from io import StringIO

    from rich.console import Console

    drawn = StringIO()
    monkeypatch.setattr(render, "retold_console", lambda **_: Console(file=drawn, force_terminal=True, width=120))
    with render.progress_bar() as tick:
        tick("files read", 1, 2)
        tick("files read", 2, 2)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn.getvalue())
    assert re.search(r"2/2 +\d:\d\d:\d\d elapsed, +(\d:\d\d:\d\d|-:--:--) left", text), text
    assert "left -:--" not in text and not re.search(r"\d left \d", text)


def test_a_log_hears_when_the_embedding_is_done_with_its_total(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, fixed_encoder: Any
) -> None:
    """``add --embed`` in a log said only 'embedding sentences: N so far in Ts': the end, with the total, is said."""

    from retold.corpus import Corpus

    monkeypatch.setattr(render, "LOG_AFTER", 0.0)
    monkeypatch.setattr(render, "LOG_EVERY", 0.0)
    examples = Path(__file__).resolve().parents[2] / "examples"
    with render.progress_bar() as tick:
        Corpus(tmp_path / "s.db").add([str(examples / "01_wire_original.txt")], embed=True,
                                      encoder=fixed_encoder, progress=tick)  # fmt: skip
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("embedding sentences")]
    assert lines[-1].startswith("embedding sentences: 15 of 15 done in"), lines


def test_summaries_show_counts_that_are_not_zero_each_noun_agreeing() -> None:
    """``add`` said 'added 250, skipped 0 (duplicates), failed 0 files (1 files read)' and ``scan`` '1 reuse edges,
    1 stories': after ``added N`` only the counts that are not zero, each noun in the number its count asks."""
    from io import StringIO

    from rich.console import Console

    from retold.corpus import AddReport
    from retold.model import Edge
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import build_stories
    from retold.store.records import Added

    out = StringIO()
    report = AddReport(added=[Added("x", "added"), Added("y", "added")], files=1, skipped=[("f.jsonl:3", "bad")])
    edge = Edge("x", "y", "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", 0.6)
    result = ScanResult("lexical", 2, 2, 1, 1, [edge], build_stories([edge]), {})
    errors = StringIO()
    render.scan_summary(result, report, [], Console(file=out, width=200), Console(file=errors))
    lines = out.getvalue().splitlines()
    assert lines[0] == "added 2, skipped 1 bad record (1 file read)"
    assert lines[1].startswith("scanned 2 new of 2 articles (lexical) in 0.0s: 1 candidate pair, 1 aligned, ")
    assert lines[1].endswith(": 1 candidate pair, 1 aligned, 1 reuse edge, 1 story")
    assert errors.getvalue() == "  skipped f.jsonl:3: bad\n"

    from retold.text.words import counted

    assert (counted(1, "file"), counted(2, "file"), counted(1_024, "story", "stories")) == (
        "1 file", "2 files", "1,024 stories",
    )  # fmt: skip


def test_a_scan_with_more_stories_than_it_draws_says_where_they_all_are() -> None:
    """``scan`` drew ten stories then '... and 2 more stories', saying nowhere where the rest were: it names the
    files of this scan that hold every story (the stories table, the HTML report; not the edges table), and
    without them the options that write them."""
    from io import StringIO

    from rich.console import Console

    from retold.model import Edge
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import build_stories

    edges = [Edge(f"wire-{k}", f"copy-{k}", "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", 0.9) for k in range(12)]
    result = ScanResult("lexical", 24, 24, 12, 12, edges, build_stories(edges), {})

    def last_story_line(written: list[Path]) -> str:
        out = StringIO()
        render.scan_summary(result, None, written, Console(file=out, width=80))
        return next(x for x in out.getvalue().splitlines() if x.startswith("  ... and "))

    tables = [Path("out/edges.csv"), Path("out/stories.csv")]
    assert last_story_line(tables) == "  ... and 2 more stories: all are in out/stories.csv"
    assert last_story_line([*tables, Path("r.html")]).endswith(": all are in out/stories.csv and r.html")
    bare = last_story_line([])
    assert all(option in bare for option in ("--out DIR", "--json", "--html FILE")), bare


def test_a_story_is_drawn_on_one_line_only_when_that_line_is_true() -> None:
    """'o <- a, b' says a and b each took from o: a story with an edge of unknown direction beside a directed one,
    or a member that took from a retelling, was drawn so wherever the line fitted (a wide terminal; now a pipe,
    which no longer takes 80 columns). Such a story is drawn a source a line, each edge marked as it is."""
    from io import StringIO

    from rich.console import Console

    from retold.model import Edge
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import build_stories

    def drawn(edges: list[Edge]) -> list[str]:
        out = StringIO()
        result = ScanResult("lexical", 3, 3, len(edges), len(edges), edges, build_stories(edges), {})
        render.scan_summary(result, None, [], Console(file=out, width=200))
        return out.getvalue().splitlines()[1:]

    wire = Edge("wire", "copy", "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", 0.9)
    joined = Edge("wire", "twin", "near_duplicate", 0.9, 0.9, 0.9, "undetermined", 0.0)
    assert drawn([wire])[0].endswith(": wire <- copy (partial_reuse)")  # true on one line: kept
    mixed = drawn([wire, joined])
    assert mixed[1:] == ["    wire", "      <- partial_reuse: copy", "      ~ near_duplicate: twin"], mixed
    reprints = [Edge(x, "reprint", "near_duplicate", 0.9, 0.9, 0.9, "a_to_b", 0.9) for x in ("wire", "copy")]
    chain = drawn([wire, *reprints])  # the reprint took from the copy too
    assert "    copy" in chain and "      <- near_duplicate: reprint" in chain, chain


def test_a_direction_too_weak_to_draw_an_arrow_reads_as_no_direction_as_in_the_stories_table() -> None:
    """An edge naming a direction below ``stories.DIRECTED`` makes no origin in the stories table (centre,
    joined): the terminal said 'a <-' over it, a head without '(no direction known)'."""
    from io import StringIO

    from rich.console import Console

    from retold.model import Edge
    from retold.provenance.scan import ScanResult
    from retold.provenance.stories import DIRECTED, build_stories, roles

    weak = Edge("wire", "copy", "partial_reuse", 0.5, 0.5, 0.5, "a_to_b", DIRECTED - 0.1)
    stories = build_stories([weak])
    out = StringIO()
    render.scan_summary(ScanResult("lexical", 2, 2, 1, 1, [weak], stories, {}), None, [], Console(file=out, width=200))
    assert sorted(roles(stories[0]).values()) == ["centre", "joined"]
    line = out.getvalue().splitlines()[1]
    assert " <- " not in line and line.endswith(" (partial_reuse) (no direction known)"), line


def test_a_log_hears_when_the_add_is_done_with_its_total(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``retold add`` in a log said 'articles read and fingerprinted: 6,400 so far in 10s' and never its end: the
    count of a records file is not known before it is read, so no tick said done."""
    from retold.corpus import Corpus

    monkeypatch.setattr(render, "LOG_AFTER", 0.0)
    monkeypatch.setattr(render, "LOG_EVERY", 0.0)
    examples = Path(__file__).resolve().parents[2] / "examples"
    with render.progress_bar() as tick:
        Corpus(tmp_path / "s.db").add([str(examples / "articles.jsonl")], progress=tick)
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("articles read and fingerprinted")]
    assert lines[-1].startswith("articles read and fingerprinted: 5 of 5 done in"), lines


def test_sources_without_a_stored_index_ticks_while_it_builds_one(tmp_path: Path, fixed_encoder: Any) -> None:
    """``retold sources`` on a store no default-mode scan had indexed built the index in memory in silence (4
    minutes at 10,000 articles after one warning line): the build ticks, as the scan's does."""
    import subprocess
    import sys

    from retold.corpus import Corpus

    examples = Path(__file__).resolve().parents[2] / "examples"
    db = tmp_path / "s.db"
    corpus = Corpus(db)
    corpus.add([str(examples / "articles.jsonl")])
    heard: list[tuple[str, int, int]] = []
    warned: list[str] = []
    corpus.sources(
        examples / "02_light_edit.txt", encoder=fixed_encoder, warn=warned.append,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )  # fmt: skip
    built = [(done, total) for stage, done, total in heard if stage == "building the sentence index"]
    assert warned and built and built[-1] == (5, 5), heard
    r = subprocess.run(
        [sys.executable, "-m", "retold", "sources", str(examples / "02_light_edit.txt"), "--db", str(db), "-q",
         "--lexical"], capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0 and "01_wire_original" in r.stdout, r.stderr  # and the command takes --quiet
