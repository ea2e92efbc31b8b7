"""The fingerprint stage's band keys of a batch (``minhash.read_band_keys``): this code against another's, in turn.

    .venv/bin/python benchmarks/band_key_speed.py --against OTHER_SRC [--articles 3000] [--rounds 6]

Checks that both give the same keys in every layout a store may record, then prints each round's CPU seconds.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _other(src: Path) -> object:
    """``retold.fingerprint.minhash`` as the code under ``src`` has it, loaded beside this code's."""
    here = {k: v for k, v in sys.modules.items() if k == "retold" or k.startswith("retold.")}
    for k in here:
        del sys.modules[k]
    sys.path.insert(0, str(src))
    try:
        return importlib.import_module("retold.fingerprint.minhash")
    finally:
        sys.path.remove(str(src))
        for k in [k for k in sys.modules if k == "retold" or k.startswith("retold.")]:
            del sys.modules[k]
        sys.modules.update(here)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", type=Path, required=True, help="another checkout's src/ (e.g. an export of a commit)")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the shared data sets)")
        return
    from retold.fingerprint import minhash
    from retold.fingerprint.shingles import read_batch
    from retold.ingest.read import read_articles

    other = _other(args.against)
    arts = []
    for f in sorted(DATA.glob("news_*/*.jsonl")):
        for a in read_articles(str(f)):
            arts.append(a)
            if len(arts) >= args.articles:
                break
        if len(arts) >= args.articles:
            break
    read = read_batch([[s.norm for s in a.sentences] for a in arts])
    for layout in minhash.LAYOUTS:
        if layout in other.LAYOUTS:  # type: ignore[attr-defined]
            a = minhash.read_band_keys(read, layout)
            b = other.read_band_keys(read, layout)  # type: ignore[attr-defined]
            same = all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
            print(f"layout {layout}: the same keys: {same}")
    for r in range(args.rounds):
        took = []
        for code in (minhash, other):
            t = time.process_time()
            code.read_band_keys(read, minhash.LAYOUT)  # type: ignore[attr-defined]
            took.append(time.process_time() - t)
        print(f"round {r + 1}: this code {took[0]:.3f} s of CPU, the other {took[1]:.3f} s ({took[0] / took[1]:.3f}x)")


if __name__ == "__main__":
    main()
