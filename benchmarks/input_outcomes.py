"""Every kind of bad input tried through the real CLI: what is stored, what is skipped, the message, the exit code.

    .venv/bin/python benchmarks/input_outcomes.py            # prints a Markdown table (about 2 minutes)

Each input is written to a fresh folder and given to ``retold add`` (or ``retold compare`` for standard
input) in a subprocess, with its own SQLite store; "stored" is counted in that store.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

BODY = "The council of Harben met on Tuesday. It voted {i} to {j} on the budget for the harbour."
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge opens in Harben</title></head><body><article><p>The mayor of "
    "Harben opened the new bridge on Monday. Traffic on the old road fell by half, officials said.</p></article>"
    "</body></html>"
)


def rec(i: int) -> dict[str, str]:
    return {"id": f"r{i}", "title": f"Story {i}", "text": BODY.format(i=i, j=i + 1)}


def jsonl(recs: list[str]) -> bytes:
    return ("\n".join(recs) + "\n").encode()


def csv_bytes(rows: list[list[str]]) -> bytes:
    import io

    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def parquet(rows: list[dict[str, str | None]], cut: bool = False) -> Callable[[Path], None]:
    def write(p: Path) -> None:
        pq.write_table(pa.Table.from_pylist(rows), p)
        if cut:
            p.write_bytes(p.read_bytes()[:300])

    return write


GOOD_ROWS = [["id", "title", "text"]] + [[r["id"], r["title"], r["text"]] for r in map(rec, range(1, 21))]


def unclosed() -> bytes:
    lines = csv_bytes(GOOD_ROWS).decode().splitlines(keepends=True)
    lines[5] = lines[5].replace(",The council", ',"The council', 1)
    return "".join(lines).encode()


def big_jsonl(p: Path) -> None:
    with p.open("w", encoding="utf-8") as f:
        for i in range(9):
            f.write(json.dumps({"id": f"huge{i}", "text": "x" * 6_000_000}) + "\n" + json.dumps(rec(i)) + "\n")


def big_txt(p: Path) -> None:
    with p.open("wb") as f:
        f.truncate(50_000_000)


def nested(depth: int) -> bytes:
    return (
        "<html><head><title>Nested page</title></head><body>"
        + "<div>" * depth
        + f"<article><p>{BODY.format(i=1, j=2)} {BODY.format(i=3, j=4)}</p></article>"
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def broken_51() -> bytes:
    lines = [json.dumps(rec(i)) for i in range(1, 102)]
    lines[50] = "{broken"
    return jsonl(lines)


Case = tuple[str, str, bytes | Callable[[Path], None]]
CASES: list[Case] = [
    ("UTF-8 text", "a.txt", ("Harben vote\n\n" + BODY.format(i=1, j=2)).encode()),
    ("UTF-16 with BOM", "a.txt", ("Harben vote\n\n" + BODY.format(i=1, j=2)).encode("utf-16")),
    ("UTF-16 LE, no BOM", "a.txt", ("Harben vote\n\n" + BODY.format(i=1, j=2)).encode("utf-16-le")),
    ("UTF-32 with BOM", "a.txt", ("Harben vote\n\n" + BODY.format(i=1, j=2)).encode("utf-32")),
    ("Latin-1", "a.txt", "José Müller opened the café in Harben on Monday. The façade is new.".encode("latin-1")),
    ("Windows-1252 quotes", "a.txt", "“We will rebuild,” the mayor said — twice. It costs €4.".encode("cp1252")),
    ("Shift-JIS", "a.txt", "東京株式市場は月曜日に上昇した。\n日経平均株価は上昇した。".encode("shift_jis")),
    ("mixed line endings", "a.txt", b"Harben vote\r\n\r\nFirst line here.\rSecond line here.\nThird line.\r\n"),
    ("binary (PNG bytes)", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
    ("zero-byte file", "a.txt", b""),
    ("undecodable bytes", "a.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0x28, 0xA0, 0xA1]) * 400),
    ("1 MB single line (20,000 sentences)", "a.txt", b"The council met on Tuesday and voted on it. " * 23_000),
    ("1 MB single line, no full stop", "a.txt", b"word " * 200_000),
    ("50 MB text file", "a.txt", big_txt),
    ("50 MB JSONL (9 records of 6 MB)", "a.jsonl", big_jsonl),
    ("HTML nested 100 levels", "a.html", nested(100)),
    ("HTML nested 10,000 levels", "a.html", nested(10_000)),
    ("JSONL, line 51 of 101 broken", "a.jsonl", broken_51()),
    ("JSONL, first line broken", "a.jsonl", jsonl(["{oops", *(json.dumps(rec(i)) for i in range(2, 6))])),
    ("JSONL, a record without text", "a.jsonl", jsonl([json.dumps(rec(1)), '{"id": "x"}', json.dumps(rec(3))])),
    (
        "JSONL without a text field",
        "a.jsonl",
        jsonl(['{"id": "a", "body": "Some text."}', '{"id": "b", "body": "More."}']),
    ),
    ("JSONL, text is a number", "a.jsonl", jsonl([json.dumps(rec(1)), '{"id": "x", "text": 5}'])),
    ("CSV, a row with empty text", "a.csv", csv_bytes([r if r[0] != "r5" else ["r5", "T", ""] for r in GOOD_ROWS])),
    ("CSV, a row a cell short", "a.csv", csv_bytes([r if r[0] != "r5" else r[:2] for r in GOOD_ROWS])),
    ("CSV, an unclosed quote", "a.csv", unclosed()),
    ("CSV, a 250 KB cell", "a.csv", csv_bytes([["id", "text"], ["long", "The board met again. " * 12_000]])),
    ("CSV without a text column", "a.csv", csv_bytes([["id", "body"], ["a", "Some text."]])),
    ("Parquet, truncated", "a.parquet", parquet([dict(rec(i)) for i in range(40)], cut=True)),
    ("Parquet, a null text", "a.parquet", parquet([dict(rec(1)), {**rec(2), "text": None}, dict(rec(3))])),
]


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])


def retold(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "retold", *args], capture_output=True, input=stdin, timeout=600)


def message(r: subprocess.CompletedProcess[bytes], folder: Path) -> str:
    """The first problem line (or the error line), shortened for a table cell, paths from ``folder``."""
    err = r.stderr.decode(errors="replace").replace(f"{folder}/", "")
    lines = [ln.strip() for ln in err.splitlines() if ln.strip()]
    first = next((ln for ln in lines if ln.startswith(("failed ", "skipped ", "id collision "))), None)
    text = first or (lines[-1] if lines else "")
    text = text.replace("retold: error: ", "")
    return (text[:110] + "...") if len(text) > 113 else text


def row(kind: str, code: int, n_stored: int | str, skipped: int | str, msg: str) -> str:
    return f"| {kind} | {n_stored} | {skipped} | {code} | {msg.replace('|', '/')} |"


def main() -> None:
    print("| input | stored | skipped | exit | message (first line on stderr) |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for k, (kind, name, content) in enumerate(CASES):
            d = Path(tmp) / str(k)
            d.mkdir()
            p = d / name
            if callable(content):
                content(p)
            else:
                p.write_bytes(content)
            db = d / "r.db"
            r = retold("add", str(p), "--db", str(db), "--quiet")
            skipped = sum(1 for ln in r.stderr.decode(errors="replace").splitlines() if ln.startswith("  skipped "))
            print(row(kind, r.returncode, stored(db), skipped, message(r, d) or "(nothing on stderr)"), flush=True)
            p.unlink()
        d = Path(tmp) / "collide"
        d.mkdir()
        (d / "a.jsonl").write_bytes(jsonl([json.dumps(rec(1))]))
        (d / "b.jsonl").write_bytes(jsonl([json.dumps({**rec(9), "id": "r1"})]))
        r = retold("add", str(d / "a.jsonl"), str(d / "b.jsonl"), "--db", str(d / "r.db"), "--quiet")
        print(row("same id in two files", r.returncode, stored(d / "r.db"), 0, message(r, d)))
        r = retold("add", str(d / "a.jsonl"), "--field", "txt=body", "--db", str(d / "r.db"))
        print(row("`--field txt=body` (unknown field)", r.returncode, "-", "-", message(r, d)))
        page = d / "page.html"
        page.write_text(PAGE, encoding="utf-8")
        r = retold("compare", "-", str(page), "--lexical", "--json", stdin=PAGE.encode())
        doc = json.loads(r.stdout) if r.returncode == 0 else {}
        title = doc.get("a", {}).get("title")
        print(row("HTML on stdin (`compare - page.html`)", r.returncode, "-", "-", f"read as HTML, title {title!r}"))
        feed = jsonl([json.dumps(rec(i)) for i in range(1, 4)] + ["{broken"])
        r = retold("add", "-", "--db", str(d / "stdin.db"), "--quiet", stdin=feed)
        print(row("JSON Lines on stdin (`add -`)", r.returncode, stored(d / "stdin.db"), 1, message(r, d)))
        r = retold("compare", "-", "-", "--lexical", stdin=b"Some text.")
        print(row("`compare - -`", r.returncode, "-", "-", message(r, d)))


if __name__ == "__main__":
    main()
