"""What ``retold scan --engine spark`` prints: the engine is in :mod:`retold.spark`, this is its front end."""

from __future__ import annotations

import click


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
    from retold.errors import InputError, PartialInput
    from retold.provenance.crosslingual import multilingual_name
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
    )
    for where, why in r.skipped:
        click.echo(f"skipped {where}: {why}", err=True)
    reused = f"stages reused: {', '.join(r.resumed)}" if r.resumed else ""
    click.echo(
        f"{counted(r.articles, 'article')}, {counted(r.compared, 'pair')} compared, {counted(r.edges, 'edge')}, "
        f"{counted(r.stories, 'story', 'stories')}"
    )
    if reused:
        click.echo(reused)
    for path in r.written:
        click.echo(f"wrote {path}")
    if len(r.skipped) == 1 and not r.articles:
        raise InputError(*r.skipped[0])
    if r.skipped and not r.articles:
        raise InputError(
            "nothing read", f"{counted(len(r.skipped), 'file or record', 'files or records')} skipped (listed above)"
        )
    if r.skipped:
        raise PartialInput(
            f"read {counted(r.articles, 'article')}, "
            f"skipped {counted(len(r.skipped), 'file or record', 'files or records')} (listed above)"
        )
