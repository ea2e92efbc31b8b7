"""SemEval-2017 STS tracks (see ``evallib.sts``)."""

from evallib.sts import run_sts2017 as run

__all__ = ["run"]
