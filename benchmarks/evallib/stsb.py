"""STS Benchmark dev (see ``evallib.sts``)."""

from evallib.sts import run_stsb as run

__all__ = ["run"]
