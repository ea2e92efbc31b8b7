"""Which part of the ``--lexical`` direction's shortfall is the alignment's, and which way lost specifics point.

    .venv/bin/python benchmarks/direction_lexical_gap.py [--signs]

The held-out WMT19 pairs (odd pseudo-articles) and Clough's reusing answers, both argument orders, decided four
ways: each mode as shipped, the lexical evidence on the model's alignment and the model's evidence on the lexical
alignment. ``--signs``: how often the specifics one side's matched sentence has and the other's lacks
(``direction_lexical_cv.lost``: capitalised words outside German, digits, either) point to the source / to the
copy, per data set (PAN13: its first 150 pairs), on the lexical alignment.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import retold
from direction_lexical_cv import lost
from evallib.common import Options, progress
from evallib.direction_pairs import clough_pairs, pan13_pairs, wmt_pairs
from retold.fidelity import decide_direction, weighed


def gap() -> None:
    enc = Options(lexical=False, quiet=True).encoder()
    sets = {"wmt19 odd": [(a, b) for a, b, _ in wmt_pairs(True)], "clough": [(a, b) for a, b, _ in clough_pairs()]}
    for name, pairs in sets.items():
        right = dict.fromkeys(
            ("model", "lexical", "lexical evidence, model alignment", "model evidence, lexical alignment"), 0
        )
        n = 0
        for src, copy in progress(pairs, len(pairs), name):
            for a, b, want in ((src, copy, "a_to_b"), (copy, src, "b_to_a")):
                n += 1
                cm = retold.compare(a, b, encoder=enc, fidelity=True)
                cl = retold.compare(a, b, lexical=True, fidelity=True)
                vectors = (enc.encode([s.norm for s in a.sentences]), enc.encode([s.norm for s in b.sentences]))
                right["model"] += cm.verdict.direction == want
                right["lexical"] += cl.verdict.direction == want
                for key, c, mode, vecs in (
                    ("lexical evidence, model alignment", cm, "lexical", None),
                    ("model evidence, lexical alignment", cl, "model", vectors),
                ):
                    f = weighed(a, b, c.matches, c.only_in_a, c.only_in_b, mode=mode)
                    right[key] += decide_direction(a, b, c.matches, c.only_in_a, c.only_in_b, f, vecs)[0] == want
        print(name, n, "calls:", {k: round(v / n, 3) for k, v in right.items()}, flush=True)


def signs() -> None:
    sets = {
        "wmt19 even": wmt_pairs(False),
        "wmt19 odd": wmt_pairs(True),
        "clough": clough_pairs(),
        "pan13 (first 150)": itertools.islice(pan13_pairs(), 150),
    }
    for name, pairs in sets.items():
        vals: dict[str, list[float]] = {k: [] for k in ("digits", "caps", "both")}
        for a, b, fwd in pairs:
            c = retold.compare(a, b, lexical=True, fidelity=False)
            for k, v in vals.items():
                v.append(lost(c, k)[0] * (1 if fwd else -1))
        share = {
            k: (round(float((np.array(v) > 0).mean()), 3), round(float((np.array(v) < 0).mean()), 3))
            for k, v in vals.items()
        }
        print(
            f"{name} ({len(vals['both'])} pairs), lost specifics pointing to the source / to the copy: {share}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--signs", action="store_true", help="which way lost specifics point, per data set")
    args = ap.parse_args(argv)
    if args.signs:
        signs()
    else:
        gap()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
