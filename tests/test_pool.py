"""Spawned helper processes end with the process that spawned them, however it ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

PARENT = """
import os, sys, time
from retold._pool import spawned

if __name__ == "__main__":
    with spawned(1) as pool:
        assert pool is not None
        pool.submit(time.sleep, 600).running()
        time.sleep(1.0)
        print(*pool._processes, flush=True)  # the worker's pid
        time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:  # a zombie is gone, only not yet reaped
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_a_worker_ends_when_its_parent_is_killed_outright(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``retold add`` killed with SIGKILL (the crash tests, the OOM killer) left its helper blocked for ever."""
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline().split()[0])
    assert _alive(worker)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(worker), "the worker outlived its killed parent"
