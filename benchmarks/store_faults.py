"""Store faults and the exit code and message each gets, as a user meets them (real ``retold`` processes).

    .venv/bin/python benchmarks/store_faults.py

Builds a small store from ``examples/`` (scanned lexically, vector index built), then breaks a copy
of it one way at a time and prints a markdown table: the fault, the command, its exit code and its
first stderr line. Read-only cases use ``chmod`` (``chattr +i`` when running as root, whom
permission bits do not stop).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"


def retold(*args: str) -> tuple[int, str]:
    r = subprocess.run([sys.executable, "-m", "retold", *args], capture_output=True, text=True, timeout=600)
    lines = r.stderr.strip().splitlines()
    return r.returncode, (lines[0] if lines else "")


def lock(p: Path, on: bool) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i" if on else "-i", str(p)], check=True)
    else:
        p.chmod((0o555 if p.is_dir() else 0o444) if on else (0o755 if p.is_dir() else 0o644))


def sql(statement: str) -> Callable[[Path], None]:
    """A fault made by one SQL statement run on the store file."""

    def damage(p: Path) -> None:
        con = sqlite3.connect(p)
        con.execute(statement)
        con.commit()
        con.close()

    return damage


def main() -> None:
    rows: list[tuple[str, str, int, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        db = base / "s.db"
        assert retold("scan", str(EX), "--db", str(db), "--lexical", "-q")[0] == 0
        from retold.store import Store

        with Store(db, write=True) as st:
            st.index  # noqa: B018 - built and saved
        q = str(EX / "02_light_edit.txt")
        new = str(EX / "05_unrelated.txt")

        def case(name: str, setup: Callable[[Path], None], undo: Callable[[Path], None], *cmds: list[str]) -> None:
            d = Path(tmp) / name.replace(" ", "_")
            shutil.copytree(base, d)
            path = d / "s.db"
            setup(path)
            try:
                for cmd in cmds:
                    args = [a.replace("DB", str(path)) for a in cmd]
                    code, line = retold(*args)
                    rows.append((name, " ".join(["retold", *cmd]), code, line.replace(str(d), "…")))
            finally:
                undo(path)

        def nothing(p: Path) -> None:
            pass

        sources = ["sources", q, "--db", "DB", "--lexical"]
        add = ["add", new, "--db", "DB"]
        scan = ["scan", "--db", "DB", "--lexical", "-q"]
        case("read-only folder", lambda p: lock(p.parent, True), lambda p: lock(p.parent, False), sources, scan, add)
        case("read-only store file", lambda p: lock(p, True), lambda p: lock(p, False), sources, scan, add)

        case("a table missing", sql("DROP TABLE keys"), nothing, sources, add)
        case("<db>.vectors is a file", lambda p: (shutil.rmtree(f"{p}.vectors"), Path(f"{p}.vectors").write_text("x")),
             nothing, sources, add)  # fmt: skip
        case("not SQLite", lambda p: p.write_bytes(os.urandom(8192)), nothing, sources, add)

        case("schema from a newer retold", sql("UPDATE schema_version SET version = 99"), nothing, sources, add)
        held: list[subprocess.Popen[bytes]] = []

        def hold(p: Path) -> None:  # a writer that holds the lock for a while
            code = f"from retold.store import Store\nimport time\nwith Store({str(p)!r}, write=True): time.sleep(30)"
            held.append(subprocess.Popen([sys.executable, "-c", code]))
            while not Path(f"{p}.vectors/lock").read_text():
                time.sleep(0.05)

        case("another writer holds the store", hold, lambda p: held[0].kill(),
             ["add", new, "--db", "DB", "--wait", "1"], sources)  # fmt: skip
    print("| fault | command | exit | message |\n|---|---|---:|---|")
    for name, cmd, code, line in rows:
        print(f"| {name} | `{cmd.replace(str(EX) + '/', '')}` | {code} | {line} |")


if __name__ == "__main__":
    main()
