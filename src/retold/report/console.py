"""The rich console every view prints with: a pipe its reader closed is the command line's to answer.

Rich answers a broken pipe itself, with ``SystemExit(1)``: the CLI could not tell it from a failure, and
``retold compare A B | head -1`` would exit 1. Here the pipe's error is raised as it is, and the CLI ends quietly
with the conventional status of a process whose reader went away (141: 128 + SIGPIPE).
"""

from __future__ import annotations

import errno
from typing import Any

from rich.console import Console


class RetoldConsole(Console):
    """A rich ``Console`` that raises ``BrokenPipeError`` when its reader closed the pipe."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more is written to a pipe nobody reads
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def console(**options: Any) -> Console:
    """A console for retold's output (``rich.console.Console``'s options: ``stderr=True``, ``highlight=False``)."""
    return RetoldConsole(**options)
