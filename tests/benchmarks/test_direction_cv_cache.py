"""``direction_cv.py`` caches its comparisons in /tmp; rows another version of the code wrote there must not be
refitted on (session 27's cache held fits of two neighbours a side after the code read four)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import direction_cv
from evallib.common import Options


def test_rows_cached_by_other_code_are_computed_again(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(direction_cv, "CACHE", tmp_path)
    stale = [{"y": 1, "fit_a": 0.5, "fit_b": None, "stale": True}]
    (tmp_path / "wmt_lexical.json").write_text(json.dumps(stale))  # where the cache was read before
    rows = direction_cv.collect("wmt", Options(lexical=True, quiet=True), 400, False)
    assert rows and not any(r.get("stale") for r in rows), rows[:1]
    assert {r["y"] for r in rows} == {0, 1}  # the WMT19 even pseudo-articles, both argument orders
    again = direction_cv.collect("wmt", Options(lexical=True, quiet=True), 400, False)
    assert again == rows  # the same code reads its own rows back
