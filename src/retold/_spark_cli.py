"""What ``retold scan --engine spark`` prints: the engine is in :mod:`retold.spark`, this is its front end."""

from __future__ import annotations

import click

STORE_OPTIONS = {"html_out": "--html", "db": "--db", "wait": "--wait"}


def refuse_store_options(ctx: click.Context) -> None:
    """``--engine spark`` keeps no store (it reads PATHs and writes --out): an option about the store, given
    on the command line, is refused, not ignored (``RETOLD_DB`` in the environment is a setting, not a request)."""
    for name, option in STORE_OPTIONS.items():
        source = ctx.get_parameter_source(name)
        if source is not None and source.name == "COMMANDLINE":
            raise click.UsageError(f"{option} needs the store: use --engine local")


def spark_scan(
    paths: tuple[str, ...],
    out: str | None,
    fmt: str,
    lexical: bool,
    model: str | None,
    window_days: float | None,
    fields: dict[str, str],
    master: str,
    quiet: bool,
    multilingual: bool = False,
) -> None:
    """``scan --engine spark``: the work is in retold.spark; this prints what it skipped and found."""
    from retold._cli_options import input_outcome
    from retold.config import debug
    from retold.provenance.crosslingual import multilingual_name
    from retold.provenance.render import input_counts, problem_lines
    from retold.report.console import console as retold_console
    from retold.spark.inputs import scan_paths
    from retold.text.words import counted

    def tick(stage: str) -> None:
        if not quiet:
            click.echo(f"stage {stage}", err=True)

    r = scan_paths(
        paths,
        out,
        lexical=lexical,
        model=model,
        fmt=fmt,
        master=master,
        window_days=window_days,
        fields=fields,
        progress=tick,
        multilingual=multilingual_name(model) if multilingual else None,
        debug=debug(),
    )
    out_console, err_console = retold_console(highlight=False), retold_console(stderr=True, highlight=False)
    extra = input_counts(r.failed, r.skipped, r.renamed, r.passed_over)
    out_console.print(f"read {counted(r.articles, 'article')}{extra}", markup=False, soft_wrap=True)
    problem_lines(r.failed, r.skipped, r.renamed, err_console)
    click.echo(
        f"{counted(r.articles, 'article')}, {counted(r.compared, 'pair')} compared, {counted(r.edges, 'edge')}, "
        f"{counted(r.stories, 'story', 'stories')}"
    )
    if r.resumed:
        click.echo(f"stages reused: {', '.join(r.resumed)}")
    for path in r.written:
        click.echo(f"wrote {path}")
    input_outcome(r.failed, r.skipped, r.renamed, r.articles, r.articles > 0, verb="read")
