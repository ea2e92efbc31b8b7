"""``retold._memory``: the stage-boundary release that the scan's peak memory figures rely on."""

from __future__ import annotations

import platform
import sys

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
