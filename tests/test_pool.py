"""Spawned helper processes end with the process that spawned them, however it ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

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


BUSY = """
import sys, time
from retold._pool import spawned

if __name__ == "__main__":
    try:
        with spawned(2) as pool:
            assert pool is not None
            futures = [pool.submit(time.sleep, 600) for _ in range(4)]
            time.sleep(2.0)  # the workers are up and busy
            print(*pool._processes, flush=True)
            futures[0].result()
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
"""


def test_ctrl_c_ends_the_pool_at_once_and_the_workers_ignore_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C reaches the whole process group. A worker interrupted with the parent could die holding the pool's
    queue lock, and the parent's shutdown then waited for ever (1 scan in 5 hung after 'interrupted'): the
    workers ignore it, and the parent ends them instead of waiting for their tasks (here 600 s)."""
    script = tmp_path / "busy.py"
    script.write_text(BUSY, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(w) for w in workers)
    os.killpg(parent.pid, signal.SIGINT)  # as a terminal sends Ctrl-C: to every process of the group
    out, err = parent.communicate(timeout=60)  # a hang fails here
    assert parent.returncode == 130 and out.strip() == "interrupted", (out, err)
    assert "Traceback" not in err, err  # no worker was interrupted while it ran
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)


HELD = """
import sys, time
from retold._pool import spawned

if __name__ == "__main__":
    try:
        with spawned(2) as pool:
            future = pool.submit(time.sleep, 600)
            time.sleep(2.0)  # running in a worker
            future._condition.acquire()  # what a Ctrl-C landing inside future.result()'s wait can leave held
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(130)
"""


def test_a_lock_an_interrupted_wait_left_held_does_not_hang_the_exit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Ctrl-C inside ``future.result()`` may leave that future's lock held by the main thread; the executor's
    manager thread, failing the pending futures, then waited for it for ever, and the interpreter's exit waited
    for that thread: printed 'interrupted', never ended (one CI run in three, seen held by gdb)."""
    script = tmp_path / "held.py"
    script.write_text(HELD, encoding="utf-8")
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 130 and p.stdout.strip() == "interrupted", (p.stdout, p.stderr)


RECORDS = """
import json, sys
with open("big.jsonl", "w") as f:  # more than one batch, so the helper process gets work
    for i in range(300):
        f.write(json.dumps({"id": f"r{i}", "text": f"The council met on day {i}. It voted {i} to {i + 1}."}) + "\\n")
from retold.corpus import Corpus
from retold.errors import UsageError
"""
UNGUARDED = (
    RECORDS
    + """
try:
    Corpus("c.db").add("big.jsonl", workers=2)
except UsageError as e:
    print("UsageError:", e)
"""
)
GUARDED = (
    RECORDS
    + """
if __name__ == "__main__":
    print("added", len(Corpus("g.db").add("big.jsonl", workers=2).added))
"""
)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no helper process is spawned")
def test_a_script_without_a_main_guard_is_told_to_add_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """At a script's top level, ``add(workers=2)`` on 300 articles ran the script's body again in the worker,
    which waited for the parent's store lock: ``StoreBusy`` naming the script's own pid, then
    ``BrokenProcessPool``. The parent now says what to do, once; the worker leaves at once."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def run(script: str) -> subprocess.CompletedProcess[str]:
        (tmp_path / "script.py").write_text(script, encoding="utf-8")
        cmd = [sys.executable, "script.py"]
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)

    bad = run(UNGUARDED)
    assert "UsageError: a worker process ran this script's top-level code again" in bad.stdout, bad.stderr
    assert 'if __name__ == "__main__":' in bad.stdout and bad.stdout.count("UsageError") == 1
    assert "StoreBusy" not in bad.stderr and "BrokenProcessPool" not in bad.stderr, bad.stderr
    good = run(GUARDED)
    assert good.stdout.strip() == "added 300", good.stderr


def test_a_worker_leaves_the_models_it_loaded_out_of_garbage_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each full collection of a scan worker walked the Hannover Tagger's models (about 80,000 lists and dicts,
    loaded on first use and kept): 1.45 of 13.7 s CPU. After a chunk that loaded a model, the worker empties its
    cache of documents, collects once and freezes what is left; a chunk that loaded none freezes nothing again."""
    import gc

    from retold import _pool
    from retold.fidelity import _hanta, _shared
    from retold.provenance import feed

    monkeypatch.setattr(_pool, "_frozen", 0)
    monkeypatch.setattr(_hanta, "_taggers", {})
    monkeypatch.setattr(_shared, "_DOCS", {1: object()})  # a cached document: dropped, not frozen
    gc.unfreeze()
    try:
        assert feed._verify_all([]) == [] and gc.get_freeze_count() == 0  # no model loaded yet
        _hanta._taggers["en"] = object()  # type: ignore[assignment]
        kept = [[k] for k in range(1000)]  # what lives now, as a model does
        feed._verify_all([])
        assert gc.get_freeze_count() >= len(kept) and _shared._DOCS == {}
        gc.unfreeze()
        feed._verify_all([])  # the same models: nothing frozen again
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
