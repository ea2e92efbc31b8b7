"""Readers while a writer adds, and two writers at once: real processes on one store.

No "database is locked" reaches anyone, every ``sources`` answer is the store before or after the
writer's batch (never half of it), a reader's vector index is the saved one of its own snapshot, a
second writer waits (``--wait``) and then either gets its turn or a one-line StoreError naming the
holder (exit 5). The first writer holds its first batch's transaction open until the test has seen all of
that happen (a handshake through files, not a race against the clock: under load a writer could finish
before the second one asked).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from retold.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
READERS = 3  # reader processes looping while the writer runs, plus one in-process reader thread


def retold(*args: str) -> list[str]:
    return [sys.executable, "-m", "retold", *args]


def _writer_input(tmp_path: Path) -> Path:
    """Five verbatim copies of the wire story (one batch: they land in one transaction), then enough
    filler for the writer to run a while."""
    wire = (EXAMPLES / "01_wire_original.txt").read_text()
    title, _, body = wire.partition("\n")
    lines = [json.dumps({"id": f"copy-{k}", "title": title, "text": body.strip()}) for k in range(5)]
    for k in range(4000):
        text = (
            f"Harbour report {k}. Crews in Varden moved {k * 7} containers on day {k % 300}. "
            f"The port authority said work on berth {k % 40} went on through the night. "
            f"Union officials in Varden asked for {k % 12 + 2} more cranes before the season."
        )
        lines.append(json.dumps({"id": f"filler-{k}", "text": text}))
    p = tmp_path / "writer.jsonl"
    p.write_text("\n".join(lines) + "\n")
    return p


# ``retold`` with a hook, for the writers of the test below (argv: the handshake folder, then retold's arguments).
# A writer told to ``hold``, once its first batch is inserted and before that is committed, makes ``holding`` and
# waits for ``go``; a writer about to take the writer's lock makes ``asking``.
_HOOKED = """
import sys, time
from pathlib import Path
from retold.store.lock import WriterLock
from retold.store.sqlite import Store
shake = Path(sys.argv.pop(1))
insert, acquire = Store._insert, WriterLock.acquire

def held(self, *args, **kwargs):
    insert(self, *args, **kwargs)
    if (shake / "hold").exists() and not (shake / "holding").exists():
        (shake / "holding").touch()
        deadline = time.monotonic() + 900
        while not (shake / "go").exists():
            if time.monotonic() > deadline:
                sys.exit("hooked writer: never told to go on")
            time.sleep(0.05)

def asking(self, *args, **kwargs):
    (shake / "asking").touch()
    return acquire(self, *args, **kwargs)

Store._insert, WriterLock.acquire = held, asking
from retold.cli import main
main(prog_name="retold")
"""


def hooked(shake: Path, *args: str, hold: bool = False) -> list[str]:
    shake.mkdir(exist_ok=True)
    if hold:
        (shake / "hold").touch()
    return [sys.executable, "-c", _HOOKED, str(shake), *args]


def _wait_for(done: Callable[[], bool], what: str, timeout: float = 600.0) -> None:
    """Wait (polling) until ``done()``; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)


def test_readers_during_a_write_and_a_second_writer(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = subprocess.run(retold("scan", str(EXAMPLES), "--db", str(db), "--lexical", "-q"), capture_output=True)
    assert first.returncode == 0, first.stderr
    with Store(db, write=True) as st:  # the vector index exists, so the writer saves segments as it goes
        assert len(st.index) > 0
    query = str(EXAMPLES / "02_light_edit.txt")
    before = subprocess.run(retold("sources", query, "--db", str(db), "--lexical", "--json"), capture_output=True)
    assert before.returncode == 0, before.stderr
    before_ids = [f["b"] for f in json.loads(before.stdout)]
    assert "01_wire_original" in before_ids

    first_shake, second_shake = tmp_path / "first", tmp_path / "second"
    writer = subprocess.Popen(
        hooked(first_shake, "add", str(_writer_input(tmp_path)), "--db", str(db), "-q", hold=True),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    answers: list[list[str]] = []
    errors: list[str] = []
    snapshots: list[tuple[int, int]] = []
    stop = threading.Event()

    def reader_process() -> None:
        while not stop.is_set():
            r = subprocess.run(
                retold("sources", query, "--db", str(db), "--lexical", "--json"), capture_output=True, text=True
            )
            if r.returncode != 0:
                errors.append(r.stderr)
            else:
                answers.append([f["b"] for f in json.loads(r.stdout)])

    def reader_in_process() -> None:  # what the web backend does: the library in a long-lived process
        from retold.corpus import Corpus

        while not stop.is_set():
            try:
                found = Corpus(db).sources(query, lexical=True)
                answers.append([f.edge.b for f in found])
                with Store(db) as st:
                    snapshots.append((len(st.index), st._int_meta("n_vectors")))
            except Exception as e:
                errors.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=reader_process) for _ in range(READERS)]
    threads.append(threading.Thread(target=reader_in_process))
    for t in threads:
        t.start()
    procs = [writer]
    try:
        # the first writer holds its first batch's transaction (and the writer's lock) open from here
        _wait_for(lambda: (first_shake / "holding").exists() or writer.poll() is not None, "the first writer's batch")
        assert writer.poll() is None, writer.communicate()[1]
        answered, looked = len(answers), len(snapshots)
        # a second writer that will not wait long enough: refused, with the holder named
        impatient = subprocess.run(
            retold("add", str(EXAMPLES / "05_unrelated.txt"), "--db", str(tmp_path / "s.db"), "--wait", "0.5"),
            capture_output=True,
            text=True,
        )
        late = tmp_path / "late.txt"
        late.write_text("Late news\n\nA ferry left Varden at dawn with 40 passengers on board for the islands.")
        patient = subprocess.Popen(
            hooked(second_shake, "add", str(late), "--db", str(db), "--wait", "600"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        procs.append(patient)
        _wait_for(lambda: (second_shake / "asking").exists() or patient.poll() is not None, "the second writer")
        # readers have answered while the write was open (the in-process one has read its snapshot's index too)
        _wait_for(
            lambda: (len(answers) > answered + READERS and len(snapshots) > looked) or bool(errors),
            "the readers' answers",
        )
        assert patient.poll() is None, patient.communicate()  # it waits for its turn: the lock is held
        (first_shake / "go").touch()
        _, err = writer.communicate(timeout=900)
        assert writer.returncode == 0, err
        p_out, p_err = patient.communicate(timeout=300)
        time.sleep(1.0)  # let the readers see the final state at least once more
    finally:
        (first_shake / "go").touch()
        stop.set()
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for t in threads:
            t.join(timeout=300)

    assert impatient.returncode == 5, impatient.stderr
    line = impatient.stderr.strip()
    assert "\n" not in line and "another retold process is writing" in line and "pid" in line and "--wait" in line
    assert patient.returncode == 0, p_err  # waited for its turn, then wrote
    assert b"added 1" in p_out
    for e in [err, p_err, impatient.stderr.encode()]:
        assert b"database is locked" not in e
    assert errors == []
    final = subprocess.run(retold("sources", query, "--db", str(db), "--lexical", "--json"), capture_output=True)
    assert final.returncode == 0, final.stderr
    after_ids = [f["b"] for f in json.loads(final.stdout)]
    assert sorted(after_ids) == sorted([*before_ids, *(f"copy-{k}" for k in range(5))])
    states = (sorted(before_ids), sorted(after_ids))
    torn = [a for a in answers if sorted(a) not in states]
    assert torn == [], torn[:3]
    assert len(answers) >= READERS and snapshots
    assert all(n == want for n, want in snapshots)  # each reader's index is its snapshot's saved one
    print(
        f"readers {READERS} processes + 1 in-process, 1 writer + 2 more writers: {len(answers)} answers "
        f"({sum(sorted(a) == states[0] for a in answers)} before / {sum(sorted(a) == states[1] for a in answers)} "
        f"after), {len(errors)} errors, {len(torn)} torn"
    )


def test_a_writer_past_its_wait_is_busy_and_the_web_says_503(tmp_path: Path) -> None:
    # the cause has its own kind, so the web app answers "try again" (503), not an internal error (500)
    from retold.errors import StoreBusy
    from retold.store.lock import WriterLock

    pytest.importorskip("fastapi")
    from retold.web.app import status_of

    held = WriterLock(tmp_path / "lock")
    held.acquire(wait=0)
    try:
        with pytest.raises(StoreBusy, match="another writer in this process") as e:
            WriterLock(tmp_path / "lock").acquire(wait=0.1)
        assert e.value.exit_code == 5 and status_of(e.value) == 503
    finally:
        held.release()


def test_two_corpora_on_one_file_in_two_threads_name_this_process_not_its_pid(tmp_path: Path) -> None:
    """A second ``Corpus`` writing the same file from another thread of the same script was told "another
    retold process is writing to this store (pid N: script.py)", N being its own pid."""
    import threading

    from retold.corpus import Corpus
    from retold.errors import StoreBusy
    from retold.store.sqlite import Store

    db = tmp_path / "s.db"
    art = tmp_path / "a.txt"
    art.write_text("The ferry to Harben resumed on Friday after a week of storms, the operator said.", "utf-8")
    caught: list[BaseException] = []

    def second() -> None:
        try:
            Corpus(db, wait=0.2).add(art)
        except BaseException as e:  # handed to the test's thread
            caught.append(e)

    with Store(db, write=True):  # the first writer, held by this thread
        t = threading.Thread(target=second)
        t.start()
        t.join(30)
    assert len(caught) == 1 and isinstance(caught[0], StoreBusy), caught
    said = str(caught[0])
    assert "another writer in this process (another Corpus or Store on the same file)" in said
    assert f"pid {os.getpid()}" not in said and "another retold process" not in said
    assert Corpus(db).add(art).added  # and once the first is done, the second writes


def test_a_busy_store_names_the_wait_its_own_caller_can_give(tmp_path: Path) -> None:
    """A Python caller was told "--wait SECONDS waits longer", an option only the command line has."""
    from retold.corpus import Corpus
    from retold.errors import StoreBusy

    db = tmp_path / "s.db"
    art = EXAMPLES / "05_unrelated.txt"
    with Store(db, write=True):  # holds the writer's lock
        with pytest.raises(StoreBusy) as e:
            Corpus(db, wait=0.1).add(str(art))
        assert str(e.value).endswith("waited 0.1 s (Corpus(..., wait=SECONDS) waits longer)"), str(e.value)
        cli = subprocess.run(retold("add", str(art), "--db", str(db), "--wait", "0.1"), capture_output=True, text=True)
    assert cli.returncode == 5, cli.stderr
    assert cli.stderr.strip().endswith("waited 0.1 s (--wait SECONDS waits longer)"), cli.stderr
