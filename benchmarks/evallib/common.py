"""What every dataset runner shares: the run options, a progress bar on stderr, the result record."""

from __future__ import annotations

import ast
import datetime
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from evallib.embedding import CachedEncoder

T = TypeVar("T")
STDERR = Console(stderr=True)


@dataclass
class Options:
    """How one evaluation runs: the data file, the mode and an optional cut of the items."""

    path: Path | None = None  # None: the shared default
    model: str | None = None
    lexical: bool = False
    limit: int | None = None
    quiet: bool = False
    cache: bool = True  # keep sentence vectors in /tmp between runs
    _encoder: CachedEncoder | None = field(default=None, repr=False)

    @property
    def mode(self) -> str:
        return "lexical" if self.lexical else "model"

    @property
    def model_name(self) -> str:
        return "lexical (no model)" if self.lexical else (self.model or "all-MiniLM-L6-v2-int8")

    def encoder(self) -> CachedEncoder:
        if self._encoder is None:
            self._encoder = CachedEncoder(self.model, persist=self.cache)
        return self._encoder

    def compare_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``retold.compare`` (fidelity off: no metric here reads flags; no sentence limit:
        a PAN13 document of 1,002 sentences is scored whole, as a scan compares it)."""
        if self.lexical:
            return {"lexical": True, "fidelity": False, "max_sentences": 0}
        return {"encoder": self.encoder(), "fidelity": False, "max_sentences": 0}

    def cut(self, items: list[T]) -> list[T]:
        return items[: self.limit] if self.limit else items


@dataclass
class Result:
    """Figures of one dataset: ``metrics`` (flat name -> number), plus tables for the terminal."""

    dataset: str
    metrics: dict[str, float]
    n: int
    notes: list[str] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=dict)


def today() -> str:
    return datetime.date.today().isoformat()


@lru_cache(maxsize=8)
def code_key(script: Path | None = None) -> str:
    """A digest of retold's code and fitted weights (``src/retold``'s .py and .json files) and, given a benchmark
    ``script``, of the benchmark's own code (``local_modules``: how it builds its pairs): results cached in /tmp
    under it are not read by other code (a cache outlives a change of the code it was computed by)."""
    import retold

    root = Path(retold.__file__).resolve().parent
    h = hashlib.sha1()
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".json") and p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    if script is not None:
        here = script.resolve().parent
        for p in local_modules(script):
            h.update(p.relative_to(here).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def local_modules(script: Path) -> list[Path]:
    """The script and the modules of its folder (``corpus_data.py``, ``evallib/wmt19.py``) that it imports, at the
    top or inside a function, and those they import in turn: the code of the benchmark itself, not of retold."""
    here = script.resolve().parent
    seen: set[Path] = set()
    todo = [script.resolve()]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for name in names:
                base = here.joinpath(*name.split("."))
                todo += [p for p in (base.parent / f"{base.name}.py", base / "__init__.py") if p.is_file()]
    return sorted(seen)


def command_line() -> str:
    """The command as it was run, relative to the repo root (for reports)."""
    argv = list(sys.argv)
    if argv and argv[0].endswith(".py"):
        p = Path(argv[0]).resolve()
        with suppress(ValueError):
            argv[0] = str(p.relative_to(Path(__file__).resolve().parents[2]))
    return ".venv/bin/python " + " ".join(argv)


@contextmanager
def bar(total: int, label: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr; the context gives the function that advances it by one."""
    if quiet:
        yield lambda: None
        return
    cols = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*cols, console=STDERR, transient=True) as prog:
        task = prog.add_task(label, total=total)
        yield lambda: prog.advance(task)


def progress(items: Iterable[T], total: int, label: str, quiet: bool = False) -> Iterator[T]:
    """Yield the items while a progress bar on stderr counts them."""
    with bar(total, label, quiet) as tick:
        for item in items:
            yield item
            tick()


def dump_json(doc: dict[str, object]) -> str:
    """JSON with one line per field (lists kept on one line), so a diff of a weights file shows what changed."""
    lines = ["{"]
    items = list(doc.items())
    for k, (key, value) in enumerate(items):
        comma = "," if k < len(items) - 1 else ""
        if isinstance(value, dict):
            inner = [f"    {json.dumps(ik)}: {json.dumps(iv)}" for ik, iv in value.items()]
            lines.append(f"  {json.dumps(key)}: {{\n" + ",\n".join(inner) + f"\n  }}{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{comma}")
    return "\n".join(lines) + "\n}\n"
