"""``retold._memory``: the stage-boundary release that the scan's peak memory figures rely on."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

import pytest

from retold import _memory


@pytest.mark.skipif(sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_on_glibc_the_heap_is_trimmed_not_only_collected() -> None:
    assert _memory._libc() is not None
    _memory.release()  # and calling it is harmless


def test_without_malloc_trim_release_still_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    class Cycle:
        pass

    a, b = Cycle(), Cycle()
    a.other, b.other = b, a  # type: ignore[attr-defined]
    del a, b
    monkeypatch.setattr(_memory, "_libc", lambda: None)
    gc.disable()
    try:
        _memory.release()
        assert not any(isinstance(o, Cycle) for o in gc.get_objects())
    finally:
        gc.enable()


def test_an_add_collects_less_often_and_puts_the_threshold_back(tmp_path: Path) -> None:
    """``Corpus.add`` raises the collector's first threshold while it reads and stores (``collected_less``): the
    threshold its progress callback sees is ``ADD_THRESHOLD``, the one before is back after, also when the add fails;
    automatic collection turned off (a threshold of 0) stays off."""
    import gc

    from retold.corpus import Corpus
    from retold.errors import InputError

    src = tmp_path / "a.jsonl"
    src.write_text('{"id": "a", "text": "Port workers walked out on Monday. Ships waited offshore."}\n')
    before = gc.get_threshold()
    seen: list[int] = []
    Corpus(tmp_path / "c.db").add(str(src), progress=lambda *_: seen.append(gc.get_threshold()[0]))
    assert seen and set(seen) == {max(_memory.ADD_THRESHOLD, before[0])} and gc.get_threshold() == before
    with pytest.raises(InputError), _memory.collected_less():
        assert gc.get_threshold()[0] == max(_memory.ADD_THRESHOLD, before[0])
        raise InputError("x", "y")
    assert gc.get_threshold() == before
    gc.set_threshold(0)
    try:
        with _memory.collected_less():
            assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
