"""Output that cannot be delivered: a reader that closed the pipe (``| head -1``) and a full disk (``/dev/full``).

A closed pipe ends the command quietly with 141 (128 + SIGPIPE, what a shell reports for ``yes | head -1``); a
full disk is one line on stderr and exit 7, for stdout and for the files ``--html`` and ``--out`` name."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from retold.errors import OutputError, UsageError, write_failed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
A, B = str(EXAMPLES / "01_wire_original.txt"), str(EXAMPLES / "02_light_edit.txt")
FULL = "/dev/full"
needs_full = pytest.mark.skipif(not os.path.exists(FULL), reason="no /dev/full on this system")


def closed_reader(*args: str) -> tuple[int, str]:
    """Run retold with its stdout a pipe whose reader is gone before a byte is written: (exit status, stderr)."""
    p = subprocess.Popen([sys.executable, "-m", "retold", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode()
    return p.wait(timeout=300), err


def to_full_disk(*args: str) -> subprocess.CompletedProcess[str]:
    with open(FULL, "w") as out:
        return subprocess.run(
            [sys.executable, "-m", "retold", *args], stdout=out, stderr=subprocess.PIPE, text=True, timeout=300
        )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of 300 short articles: ``list`` writes some 300 lines, more than a pipe holds unread."""
    folder = tmp_path_factory.mktemp("out")
    feed = folder / "feed.jsonl"
    lines = (
        json.dumps({"id": f"r{i}", "title": f"Harben story {i}", "text": f"The council of Harben met on day {i}."})
        for i in range(300)
    )
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(folder / "r.db")
    r = subprocess.run([sys.executable, "-m", "retold", "add", str(feed), "--db", db, "--quiet"], timeout=300)
    assert r.returncode == 0
    return db


@pytest.mark.parametrize("view", ["terminal", "json"])
def test_compare_into_a_closed_pipe_is_quiet_and_exits_141(view: str) -> None:
    status, err = closed_reader("compare", A, B, "--lexical", *(["--json"] if view == "json" else []))
    assert (status, err) == (141, "")


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_json_larger_than_the_pipe_its_reader_leaves_half_way_exits_141(tmp_path: Path, unbuffered: str) -> None:
    """Unbuffered (``PYTHONUNBUFFERED=1``), Python dropped the rest of the 340 KB JSON in silence: exit 0."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    line = "Sentence {} of this long test article says something about bridges and {}."
    a.write_text("\n".join(line.format(i, "rivers") for i in range(300)) + "\n")
    b.write_text("\n".join(line.format(i, "tunnels") for i in range(300)) + "\n")
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    cmd = [sys.executable, "-m", "retold", "compare", str(a), str(b), "--lexical", "--json"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert p.stdout is not None and p.stderr is not None
    assert p.stdout.read(100).startswith(b"{")
    p.stdout.close()
    err = p.stderr.read().decode()
    assert (p.wait(timeout=300), err) == (141, "")


def test_list_into_a_closed_pipe_is_quiet_and_exits_141(store: str) -> None:
    assert closed_reader("list", "--db", store) == (141, "")


@needs_full
@pytest.mark.parametrize("view", ["terminal", "json"])
def test_compare_onto_a_full_disk_says_so_in_one_line_and_exits_7(view: str) -> None:
    r = to_full_disk("compare", A, B, "--lexical", *(["--json"] if view == "json" else []))
    assert r.returncode == 7
    assert r.stderr == "retold: error: a write failed: No space left on device\n"


@needs_full
def test_scan_json_onto_a_full_disk_exits_7(store: str) -> None:
    r = to_full_disk("scan", "--db", store, "--lexical", "--json", "--quiet")
    assert r.returncode == 7
    assert r.stderr.strip().splitlines() == ["retold: error: a write failed: No space left on device"]


@needs_full
def test_html_report_onto_a_full_disk_exits_7() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "retold", "compare", A, B, "--lexical", "--html", FULL],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 7
    assert r.stderr == f"retold: error: {FULL}: cannot write the HTML report (No space left on device)\n"


def test_a_full_disk_is_an_output_error_a_path_without_rights_a_usage_error() -> None:
    full = write_failed("r.html", "the HTML report", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    assert isinstance(full, OutputError) and full.exit_code == 7
    assert str(full) == "r.html: cannot write the HTML report (No space left on device)"
    denied = write_failed("r.html", "the HTML report", PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    assert isinstance(denied, UsageError) and denied.exit_code == 2
