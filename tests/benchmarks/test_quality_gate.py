"""The gate's decisions (fail below floor - tolerance; floors only rise), without running the subset."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

GATE = Path(__file__).resolve().parents[2] / "benchmarks" / "quality_gate.py"


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_gate", GATE)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["quality_gate"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_failures_only_beyond_tolerance() -> None:
    g = _gate()
    floors = {"clough": {"accuracy_binary": 0.90, "accuracy_4class": 0.60}}
    assert g.failures(floors, {"clough": {"accuracy_binary": 0.895, "accuracy_4class": 0.70}}) == []
    bad = g.failures(floors, {"clough": {"accuracy_binary": 0.88, "accuracy_4class": 0.70}})
    assert len(bad) == 1 and bad[0].startswith("clough.accuracy_binary")


def test_missing_figure_fails() -> None:
    g = _gate()
    assert g.failures({"mrpc-500": {"cv_f1": 0.8}}, {}) != []


def test_raise_never_lowers() -> None:
    g = _gate()
    floors = {"clough": {"accuracy_binary": 0.90, "accuracy_4class": 0.60}}
    now = {"clough": {"accuracy_binary": 0.85, "accuracy_4class": 0.65, "accuracy_binary_verdict": 0.8}}
    new = g.raised(floors, now)
    assert new["clough"]["accuracy_binary"] == 0.90
    assert new["clough"]["accuracy_4class"] == 0.65
    assert new["clough"]["accuracy_binary_verdict"] == 0.8  # a new gated metric gets its first floor
    assert floors["clough"]["accuracy_4class"] == 0.60  # the input is not modified


def test_subset_gates_only_higher_is_better_metrics() -> None:
    g = _gate()
    for _, _, _, gated in g.SUBSET.values():
        assert "granularity" not in gated and "seconds" not in gated
