"""From the paths a caller names to the files read: folders walked, and what they hold that is not read told."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from retold.ingest.paths import kind, missing
from retold.ingest.read import SUFFIXES

SKIP_NAMES = ("readme", "license", "licence", "changelog", "contributing", "provenance")
OUT_FOLDER = "the --out folder"  # what a scan writes (tables, stages, log) is no input of the next one


def expand(
    paths: Sequence[str], leave_out: str | os.PathLike[str] | None = None
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Files to read from paths that may be folders; ``(path, reason)`` for paths that cannot be; and
    ``(path, kind)`` for what folders hold that is passed over (to be told, never silently left out).

    Folders are walked recursively for article files (by suffix). Passed over, by kind: files of other
    suffixes, hidden files and folders, the README/LICENSE/PROVENANCE files that sit beside data sets, and
    linked folders (not followed: a link may loop). Files named directly are always read. ``leave_out`` is
    the folder a scan writes to (``--out``): passed over where a walk meets it, a path that fails when named
    itself, so a second scan does not read the first one's tables (and Spark's stages) as articles.
    """
    out = Path(leave_out).resolve() if leave_out is not None else None
    files: list[str] = []
    failed: list[tuple[str, str]] = []
    passed: list[tuple[str, str]] = []
    for p in paths:
        if p == "-":
            files.append(p)
            continue
        path, there = Path(p), kind(p)
        if there == "dir" and out is not None and path.resolve() == out:
            failed.append((p, f"{OUT_FOLDER}, where this scan writes its tables: read or write another folder"))
        elif there == "dir":
            found = []
            for root, dirs, names in os.walk(path):
                kept = []
                for d in sorted(dirs):
                    hidden, linked = d.startswith("."), (Path(root) / d).is_symlink()
                    if hidden or linked:
                        passed.append((str(Path(root) / d), "hidden folders" if hidden else "linked folders"))
                    elif out is not None and (Path(root) / d).resolve() == out:
                        passed.append((str(Path(root) / d), OUT_FOLDER))
                    else:
                        kept.append(d)
                dirs[:] = kept
                for name in sorted(names):
                    f = Path(root) / name
                    if name.startswith("."):
                        passed.append((str(f), "hidden files"))
                    elif name.lower().split(".")[0] in SKIP_NAMES:
                        passed.append((str(f), "readme and licence files"))
                    elif f.suffix.lower() not in SUFFIXES or not f.suffix:
                        passed.append((str(f), f.suffix.lower() or "no suffix"))
                    else:
                        found.append(str(f))
            if not found:
                failed.append((p, "folder holds no article files (.txt .md .html .jsonl .csv .parquet)"))
            files.extend(found)
        elif there != "file":
            e = missing(p)
            failed.append((e.path, e.reason))
        else:
            files.append(p)
    return files, failed, passed
