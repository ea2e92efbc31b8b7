"""The flag audit's arithmetic: judges' agreement and the wrong-flags-per-pair estimate."""

from __future__ import annotations

import pytest

flag_audit = pytest.importorskip("flag_audit", reason="benchmarks/flag_audit.py needs the benchmark helpers")


def test_kappa_is_one_for_the_same_verdicts_and_zero_for_chance() -> None:
    x = ["right", "wrong", "right", "wrong"]
    assert flag_audit.cohen_kappa(x, list(x)) == 1.0
    # the second judge says "right" to everything: agreement is exactly what chance gives
    assert flag_audit.cohen_kappa(x, ["right"] * 4) == pytest.approx(0.0)
    assert flag_audit.cohen_kappa(x, ["wrong", "right", "wrong", "right"]) == pytest.approx(-1.0)


def test_wrong_flags_per_pair_weighs_each_set_by_its_flags() -> None:
    meta = {
        "sets": {
            "wmt19": {"pairs": 10, "flags": 40},
            "mrpc": {"pairs": 10, "flags": 100},
            "allsides": {"pairs": 0, "flags": 0},
        }
    }
    rows = [{"set": "wmt19", "verdict": "wrong"}, {"set": "wmt19", "verdict": "right"}]
    rows += [{"set": "mrpc", "verdict": "right"}] * 4
    drawn = {"wmt19": 2, "mrpc": 4}
    # wmt19: half of 40 flags wrong over 20 pairs; mrpc: none
    assert flag_audit.per_pair(meta, drawn, rows, ("wmt19", "mrpc")) == pytest.approx(20 / 20)
