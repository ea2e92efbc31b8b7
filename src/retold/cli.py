"""The ``retold`` command line: a thin front end over the library (no logic lives here)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from retold.errors import RetoldError


class RetoldGroup(click.Group):
    """Turns every :class:`RetoldError` into one line on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RetoldError as e:
            click.echo(f"retold: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("retold: interrupted", err=True)
            ctx.exit(130)
        except Exception as e:
            if os.environ.get("RETOLD_DEBUG"):
                raise
            click.echo(
                f"retold: internal error: {type(e).__name__}: {e} (set RETOLD_DEBUG=1 for the traceback)", err=True
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
    4 model problem, 5 store problem.
    """


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="Write the retold.comparison/1 JSON to stdout.")
@click.option("--lexical", is_flag=True, help="Use no sentence model: fast, finds copies and edits, not paraphrase.")
@click.option(
    "--model",
    metavar="NAME_OR_PATH",
    help="A sentence-transformers model name or path, or a folder with model.onnx + tokenizer.json "
    "(default: the bundled offline all-MiniLM-L6-v2 int8).",
)
@click.option("--no-flags", is_flag=True, help="Skip the fidelity checks (quotes, numbers, names, credits).")
def compare(a: str, b: str, as_json: bool, lexical: bool, model: str | None, no_flags: bool) -> None:
    """Explain how article B retells article A (or A retells B).

    Prints the verdict (identical, near_duplicate, rewrite, partial_reuse, same_story,
    unrelated), the share of each article that was reused, which came first, then both
    articles aligned sentence by sentence (one B sentence may retell two of A, and the
    reverse, in any order) with each pair labelled verbatim, edited, paraphrase or related,
    and finally what the retelling changed: altered quotes, numbers, names and credits.
    """
    if lexical and model:
        raise click.UsageError("--lexical and --model exclude each other")
    from retold.pipeline import compare as run_compare

    result = run_compare(a, b, model=model, lexical=lexical, fidelity=not no_flags)
    if as_json:
        from retold.report import comparison_json

        sys.stdout.write(comparison_json(result) + "\n")
    else:
        from retold.report import render

        render(result)
