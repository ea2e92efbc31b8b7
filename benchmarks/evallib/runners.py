"""Dataset name -> runner (imported lazily: each pulls in only what it needs)."""

from __future__ import annotations

import importlib

from evallib.common import Options, Result

DATASETS = ("clough", "mrpc", "stsb", "pan13", "wmt19-docs", "sts2017")
_MODULES = {"wmt19-docs": "wmt19"}


def run_dataset(name: str, opts: Options) -> Result:
    mod = importlib.import_module(f"evallib.{_MODULES.get(name, name)}")
    result: Result = mod.run(opts)
    return result
