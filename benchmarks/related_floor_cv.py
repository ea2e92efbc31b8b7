"""Blocked CV of the score below which a ``related`` match gives no flags (``fidelity.RELATED_FLOOR``).

    .venv/bin/python benchmarks/related_floor_cv.py

Reads the hand-judged flags of ``results/flag_audit.jsonl`` (``benchmarks/flag_audit.py``) that were read
from a ``related`` match, in the order of their pairs. Fold i holds out the i-th contiguous fifth; the floor
is the grid value that maximises right flags kept minus wrong flags kept on the other four fifths, and is
scored on the held-out fifth. Writes ``results/related_floor_cv.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
GRID = (0.0, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 1.01)  # 1.01: no flag from any related match
FOLDS = 5


def main() -> int:
    rows = [json.loads(line) for line in (RESULTS / "flag_audit.jsonl").read_text().splitlines()[1:]]
    rel = sorted(
        (r["pair"], float(r["match"][1]), r["verdict"] == "right")
        for r in rows
        if isinstance(r.get("match"), list) and r["match"][0] == "related"
    )
    n = len(rel)

    def gain(items: list[tuple[str, float, bool]], floor: float) -> int:
        return sum(1 if ok else -1 for _, s, ok in items if s >= floor)

    folds = []
    for i in range(FOLDS):
        lo, hi = n * i // FOLDS, n * (i + 1) // FOLDS
        train, test = rel[:lo] + rel[hi:], rel[lo:hi]
        floor = max(GRID, key=lambda t: (gain(train, t), -t))
        fold = {
            "floor": floor,
            "right_kept": sum(ok for _, s, ok in test if s >= floor),
            "right": sum(ok for _, _, ok in test),
            "wrong_kept": sum(not ok for _, s, ok in test if s >= floor),
            "wrong": sum(not ok for _, _, ok in test),
        }
        folds.append(fold)
        print(f"fold {i}: floor {floor}: held out, right kept {fold['right_kept']}/{fold['right']}, "
              f"wrong kept {fold['wrong_kept']}/{fold['wrong']}")  # fmt: skip
    chosen = max(GRID, key=lambda t: (gain(rel, t), -t))
    print(f"all {n} related-match flags: floor {chosen}")
    (RESULTS / "related_floor_cv.json").write_text(json.dumps({"flags": n, "folds": folds, "chosen": chosen}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
