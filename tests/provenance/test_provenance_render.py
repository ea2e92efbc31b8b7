"""Progress as the corpus commands print it: lines in a log, nothing with ``--quiet``."""

from __future__ import annotations

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
