"""Options and checks the ``retold`` commands share, so each is written once (``retold.cli``,
``retold._cli_corpus``); nothing here does the commands' work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from retold.ingest.records import FIELDS


def _field_map(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    """``--field`` read once, for every command that takes it (a misspelt field is a usage error)."""
    from retold.ingest.records import parse_field_map

    return parse_field_map(value)


field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    callback=_field_map,
    metavar="FIELD=NAME",
    help=f"Read retold's FIELD ({', '.join(FIELDS)}) from the records' NAME "
    "(JSONL key, CSV/Parquet column), e.g. --field text=body --field title=headline.",
)
db_option = click.option(
    "--db",
    default="retold.db",
    show_default=True,
    envvar="RETOLD_DB",
    type=click.Path(),  # the store says what is wrong with it (a folder, a foreign file: exit 5), not click (2)
    help="The store: a SQLite file, with its band files and vector index in <db>.vectors/ (keep the two together).",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
WAIT_HINT = "--wait SECONDS waits longer"  # how a busy store's message ends here (StoreBusy.told)
wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another process writing to the store before giving up (exit 5).",
)
model_option = click.option(
    "--model", metavar="NAME_OR_PATH", help="The sentence model that checks candidates (default: bundled MiniLM)."
)
lexical_option = click.option(
    "--lexical",
    is_flag=True,
    help="Use no sentence model: fast; finds copies, edits and rewordings that keep the words, "
    "not paraphrase in other words.",
)

json_option = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the summary as one JSON object on stdout, for scripts (progress and problems stay on stderr).",
)


def one_model(lexical: bool, model: str | None) -> None:
    """``--lexical`` asks for no model, ``--model`` for one: both is a usage error."""
    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")


def stdin_once(paths: tuple[str, ...]) -> None:
    """Standard input can be read once: a second ``-`` would read nothing."""
    if paths.count("-") > 1:
        raise click.UsageError("standard input can be read only once: give - for at most one article")


def input_problems(report: Any) -> None:
    """Exit 3 when nothing could be stored; exit 6 when a batch was stored with records or files skipped
    or ids renamed (each listed on stderr above)."""
    stored = bool(report.added or report.duplicates)
    input_outcome(report.failed, report.skipped, report.renamed, len(report.added), stored)


def input_outcome(
    failed: Sequence[tuple[str, str]],
    skipped: Sequence[tuple[str, str]],
    renamed: Sequence[tuple[str, str, str]],
    kept: int,
    anything: bool,
    verb: str = "stored",
) -> None:
    """What both engines exit with after reading their input: 3 when nothing was ``verb`` (the one problem's own
    line when there was one), 6 when ``kept`` articles were but files failed, records were skipped or ids renamed."""
    from retold.corpus import joined, nothing_read
    from retold.errors import PartialInput
    from retold.text.words import counted

    if not (failed or skipped or renamed):
        return
    if not anything:
        raise nothing_read(failed, skipped, verb, listed=True)
    failed_ = f"{counted(len(failed), 'file')} failed"
    skipped_ = f"{counted(len(skipped), 'bad record')} skipped"
    renamed_ = counted(len(renamed), "id collision")
    raise PartialInput(
        f"{verb} {kept:,}, "
        f"{joined((skipped_, len(skipped)), (failed_, len(failed)), (renamed_, len(renamed)))} (listed above)"
    )
