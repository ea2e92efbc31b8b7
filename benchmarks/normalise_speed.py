"""Speed of ``normalise`` on real news articles: the original one-character-at-a-time version
(kept as the oracle in tests/text/test_text_normalise.py) against the current one.

    python benchmarks/normalise_speed.py [--articles 1000] [--repeats 5]

Reads the first ``--articles`` of the shared allsides collection, checks both versions agree on
every one, and prints the best-of-``--repeats`` time per article for each and the ratio.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from retold.text.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data/news_allsides/allsides.jsonl"
ORACLE = ROOT / "tests/text/test_text_normalise.py"


def _reference() -> Callable[..., Any]:
    spec = importlib.util.spec_from_file_location("_normalise_oracle", ORACLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._reference_normalise  # type: ignore[no-any-return]


def _ms_per_article(fn: Callable[..., Any], texts: list[str], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - t0)
    return best / len(texts) * 1e3


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    if not DATA.is_file():
        print(f"{DATA} is absent: this benchmark needs the shared evaluation data", file=sys.stderr)
        return 2
    with DATA.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.articles), f, strict=False)]
    reference = _reference()
    for text in texts:
        assert normalise(text) == reference(text), "normalise disagrees with the reference"
    chars = sum(map(len, texts)) / len(texts)
    before = _ms_per_article(reference, texts, args.repeats)
    after = _ms_per_article(normalise, texts, args.repeats)
    print(f"{len(texts)} allsides articles, {chars:,.0f} characters each on average (best of {args.repeats})")
    print(f"before (reference): {before:8.3f} ms per article")
    print(f"after  (normalise): {after:8.3f} ms per article")
    print(f"speed-up:           {before / after:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
