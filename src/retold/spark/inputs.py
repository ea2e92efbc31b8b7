"""From the command line's PATHs to a Spark scan: what the local engine checks before it reads is checked
here before Spark starts (a JVM takes half a minute to say a file is missing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from retold.errors import InputError, RetoldError, UsageError
from retold.provenance.evidence import Settings
from retold.provenance.export import writable
from retold.spark.engine import Progress, SparkScan, scan
from retold.spark.failure import is_spark_failure, job_failed
from retold.spark.session import check_setup


def readable(files: Sequence[str], fields: Mapping[str, str] | None) -> tuple[list[str], list[tuple[str, str]]]:
    """The files that pass the reader's checks of a whole file, and ``(path, reason)`` for those that do not."""
    from retold.ingest.read import check_file

    ok: list[str] = []
    failed: list[tuple[str, str]] = []
    for f in files:
        try:
            check_file(f, fields)
        except InputError as e:
            failed.append((e.path, e.reason))
        except RetoldError as e:
            failed.append((f, str(e)))
        else:
            ok.append(f)
    return ok, failed


def scan_paths(
    paths: Sequence[str],
    out: str | None,
    *,
    lexical: bool,
    fmt: str = "jsonl",
    master: str = "local[*]",
    window_days: float | None = None,
    fields: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    model: str | None = None,
    multilingual: str | None = None,
    debug: bool = False,
) -> SparkScan:
    """``retold scan --engine spark``: files and folders (as ``add`` reads them) to ``OUT``; files that cannot
    be read are in ``failed``, bad records in ``skipped``, what folders hold that is not read in ``passed_over``.
    ``debug`` (the command line's ``RETOLD_DEBUG``): Spark's log on the terminal, and a failed job raised as is."""
    from retold.ingest.folders import expand

    if out is None:
        raise UsageError("--engine spark writes its tables and stages to --out DIR: name one")
    if not paths:
        raise UsageError("--engine spark reads its articles from PATH...: name at least one file or folder")
    writable(out, "--out", folder=True)  # before the JVM, which would say it late, as a traceback
    check_setup(master)
    found, failed, passed = expand(paths, out)  # what an earlier scan wrote to OUT is no input
    if "-" in found:
        raise UsageError("--engine spark reads files, not standard input")
    files, unreadable = readable(found, fields)
    failed = [*failed, *unreadable]
    if not files:  # nothing to read: no JVM, no stages, nothing in OUT
        return SparkScan(failed=failed, passed_over=passed)
    s = Settings() if window_days is None else Settings(window_days=window_days)
    log = None if debug else Path(out) / "spark.log"
    if log is not None:
        log.unlink(missing_ok=True)  # a log a failure names is this run's
    named = False
    try:
        result = scan(
            files,
            out,
            fmt=fmt,
            master=master,
            settings=s,
            fields=fields,
            progress=progress,
            lexical=lexical,
            model=model,
            multilingual=multilingual,
            log=log,
        )
    except Exception as e:
        if debug or not is_spark_failure(e):
            raise
        named = True
        raise job_failed(e, log) from None
    finally:
        # the log is written where a failure names it (a JVM writes it while it runs, a killed run leaves it
        # beside its stages), and kept only then: a run that ends otherwise leaves none in the user's folder
        if log is not None and not named:
            log.unlink(missing_ok=True)
    result.failed, result.passed_over = failed, passed
    return result
