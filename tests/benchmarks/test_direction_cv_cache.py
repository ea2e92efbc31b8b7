"""``direction_cv.py`` caches its comparisons in /tmp; rows another version of the code wrote there must not be
refitted on (session 27's cache held fits of two neighbours a side after the code read four), nor rows of pairs
the benchmark built another way (the cache was keyed by ``src/retold`` alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import direction_cv
from evallib.common import Options, code_key, local_modules


def test_rows_cached_by_other_code_are_computed_again(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(direction_cv, "CACHE", tmp_path)
    stale = [{"y": 1, "fit_a": 0.5, "fit_b": None, "stale": True}]
    (tmp_path / "wmt_lexical.json").write_text(json.dumps(stale))  # where the cache was read before
    # where it was read while only retold's code keyed it: the same retold, the pairs perhaps built otherwise
    (tmp_path / f"wmt_lexical_{code_key()}.json").write_text(json.dumps(stale))
    rows = direction_cv.collect("wmt", Options(lexical=True, quiet=True), 400, False)
    assert rows and not any(r.get("stale") for r in rows), rows[:1]
    assert {r["y"] for r in rows} == {0, 1}  # the WMT19 even pseudo-articles, both argument orders
    again = direction_cv.collect("wmt", Options(lexical=True, quiet=True), 400, False)
    assert again == rows  # the same code reads its own rows back


def test_the_cache_key_follows_the_benchmarks_own_pair_builders(tmp_path: Path) -> None:
    """A script's key changes with the script and each benchmark module it imports (at the top or in a function,
    and what those import), not with other files of its folder."""
    (tmp_path / "evallib").mkdir()
    files = {
        "bench.py": "import json\nfrom evallib import shapes\n\ndef pairs():\n    import builders\n",
        "builders.py": "from evallib.data import read\n",
        "evallib/__init__.py": "",
        "evallib/shapes.py": "SIZE = 1\n",
        "evallib/data.py": "def read(): ...\n",
        "other.py": "X = 1\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    script = tmp_path / "bench.py"
    assert [p.relative_to(tmp_path).as_posix() for p in local_modules(script)] == [
        "bench.py",
        "builders.py",
        "evallib/__init__.py",
        "evallib/data.py",
        "evallib/shapes.py",
    ]
    keys = []
    for name in ("other.py", "builders.py", "evallib/data.py", "evallib/shapes.py", "bench.py"):
        code_key.cache_clear()
        keys.append(code_key(script))
        (tmp_path / name).write_text(files[name] + "# changed\n")
    code_key.cache_clear()
    keys.append(code_key(script))
    assert keys[0] == keys[1] and len(set(keys[1:])) == 5, keys  # other.py moved nothing, every other edit did
    assert code_key(script) != code_key()  # retold's code alone gives another key
