"""One exception tree, so callers catch ``RetoldError`` and the CLI maps each kind to an exit code."""

from __future__ import annotations

import errno


class RetoldError(Exception):
    """Base of every error retold raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 1


class UsageError(RetoldError):
    """The caller asked for something that cannot be done as asked (bad option, bad selector)."""

    exit_code = 2


class UnknownArticle(UsageError):
    """An article id the store does not hold: a name the caller gave wrong, not a fault of the store."""


class InputError(RetoldError):
    """An input file cannot be read as an article: missing, binary, empty, undecodable, too large."""

    exit_code = 3

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(RetoldError):
    """An embedding model cannot be loaded or run (missing package, bad file, checksum mismatch)."""

    exit_code = 4


class StoreError(RetoldError):
    """The embedded store is unusable (wrong schema version, corrupt file, missing article)."""

    exit_code = 5


class OutputError(RetoldError):
    """What retold was asked to write could not be written: the disk (or the quota) is full, or failing. A path
    that cannot be written to at all (no such folder, no permission) is a :class:`UsageError`."""

    exit_code = 7


# the failures of a write that say the device, not the path, is at fault
DEVICE_FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def write_failed(path: str, what: str, e: OSError) -> RetoldError:
    """The error for ``what`` failing to be written to ``path``: :class:`OutputError` when the device is full or
    failing, :class:`UsageError` otherwise (a path the user named that cannot be written: no folder, no right)."""
    kind = OutputError if e.errno in DEVICE_FAULTS else UsageError
    return kind(f"{path}: cannot write {what} ({e.strerror or e})")


class PartialInput(RetoldError):
    """A batch finished, but not all of it as given: bad records or files were skipped, or an id that was
    already taken was stored under a new one. What could be read is stored; each problem was listed."""

    exit_code = 6


class StoreBusy(StoreError):
    """Another process is writing to the store and did not finish within the wait: try again later.

    Its message ends with how to wait longer, which depends on the caller: a Python caller passes ``wait=``
    (the default hint), a front end says its own way (:meth:`told`: the CLI's ``--wait SECONDS``)."""

    HINT = "Corpus(..., wait=SECONDS) waits longer"

    def __init__(self, store: str, holder: str, waited: float, hint: str = HINT) -> None:
        super().__init__(f"{store}: {holder}; waited {waited:g} s ({hint})")
        self.store, self.holder, self.waited, self.hint = store, holder, waited, hint

    def told(self, hint: str) -> str:
        """The message with the front end's way to wait longer (or what else its user can do)."""
        return str(StoreBusy(self.store, self.holder, self.waited, hint))

    def __reduce__(self) -> tuple[type[StoreBusy], tuple[str, str, float, str]]:
        return StoreBusy, (self.store, self.holder, self.waited, self.hint)  # its arguments are not its message
