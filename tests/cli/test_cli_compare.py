"""`retold compare` as a user runs it: a real process, real files, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED_FREE_A = "Harbour strike ends after nine days\n\nDock workers in Calden voted on Tuesday to end a strike.\n"
SEED_FREE_B = "Dock workers in Calden voted on Tuesday to end a strike, union leaders said.\n"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold", *args],
        capture_output=True,
        text=True,
        input=stdin.decode() if stdin is not None else None,
        timeout=120,
    )


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(SEED_FREE_A)
    return p


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    undecodable = tmp_path / "mess.txt"
    undecodable.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0x28, 0xA0, 0xA1]) * 400)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * 4_000_000)  # 20 MB on one line
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "directory": (folder, "directory"),
        "binary": (binary, "binary"),
        "empty": (empty, "empty"),
        "undecodable": (undecodable, "undecodable"),
        "huge": (huge, "too large"),
    }


@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "empty", "undecodable", "huge"])
def test_bad_input_one_line_exit_3(kind: str, tmp_path: Path, good: Path) -> None:
    path, reason = _bad_inputs(tmp_path)[kind]
    r = run("compare", str(good), str(path), "--lexical")
    assert r.returncode == 3, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert str(path) in lines[0] and reason in lines[0].lower()
    assert "Traceback" not in r.stderr


def test_usage_errors_exit_2(good: Path) -> None:
    assert run("compare", str(good)).returncode == 2
    assert run("compare", str(good), str(good), "--lexical", "--model", "x").returncode == 2
    assert run("frobnicate").returncode == 2


def test_help_teaches() -> None:
    r = run("compare", "--help")
    assert r.returncode == 0
    for word in ("--json", "--lexical", "--model", "verbatim", "paraphrase"):
        assert word in r.stdout


def test_json_output_lexical(tmp_path: Path, good: Path) -> None:
    b = tmp_path / "b.txt"
    b.write_text(SEED_FREE_B)
    r = run("compare", str(good), str(b), "--json", "--lexical")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "retold.comparison/2"
    assert doc["matches"] and doc["matches"][0]["b"] == [0]
    assert doc["mode"] == "lexical"


def test_terminal_view_on_seeds(seeds: tuple[Path, Path]) -> None:
    r = run("compare", str(seeds[0]), str(seeds[1]))
    assert r.returncode == 0, r.stderr
    assert "partial reuse" in r.stdout or "rewrite" in r.stdout
    assert "legend" in r.stdout and "only in B" in r.stdout
