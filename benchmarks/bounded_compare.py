"""Bounded work: time and peak memory of ``compare`` as articles grow, and how fast an oversized one stops.

    python benchmarks/bounded_compare.py [--sizes 125 250 500 1000] [--model]

Each size runs in a fresh process (its peak RSS is its own): an article of N copies of one sentence
against itself (one group of every sentence), the same against N copies of that sentence with words
added (the worst case: the group's two sides differ, so they are diffed word by word), and N distinct
real sentences against a copy with one word changed in each. Ratios are against the smallest size in
the same run. Then the issue's two cases at the default limit (RETOLD_MAX_SENTENCES): 20,000 repeated sentences against
themselves, and two 1 MB articles of real news, each timed until compare refuses them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
SENTENCE = "The council approved the new budget for the harbour district on Monday evening."


def _real_sentences(n: int) -> list[str]:
    from retold.ingest import article_from_text

    out: list[str] = []
    with open(SHARED / "data/news_allsides/allsides.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out += [s.text for s in article_from_text(r["text"], id="x", language="en").sentences]
            if len(out) >= n:
                return out[:n]
    return out


def _texts(kind: str, n: int) -> tuple[str, str]:
    if kind == "repeated":
        t = " ".join([SENTENCE] * n)
        return t, t
    if kind == "repeated-edited":
        return " ".join([SENTENCE] * n), " ".join([SENTENCE.replace("evening", "evening as announced")] * n)
    sents = _real_sentences(n)
    return "\n".join(sents), "\n".join(s.replace(" the ", " a ", 1) for s in sents)


def child(kind: str, n: int, lexical: bool) -> None:
    """One comparison in this process: prints seconds, peak RSS in MiB and the verdict as JSON."""
    import retold
    from retold.errors import RetoldError
    from retold.ingest import article_from_text

    ta, tb = _texts(kind, n)
    a = article_from_text(ta, id="a", language="en")
    b = article_from_text(tb, id="b", language="en")
    t0 = time.perf_counter()
    try:
        c = retold.compare(a, b, lexical=lexical)
        what = c.verdict.relation
    except RetoldError as e:
        what = f"stopped: {e}"
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"secs": secs, "rss": rss, "what": what, "sentences": len(a.sentences)}))


def _run(kind: str, n: int, lexical: bool, timeout: float) -> dict[str, object] | None:
    cmd = [sys.executable, __file__, "--child", kind, str(n)] + (["--lexical"] if lexical else [])
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(r.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500, 1000])
    ap.add_argument("--model", action="store_true", help="model mode (default: lexical)")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--lexical", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.lexical)
        return
    lexical = not args.model
    print(f"mode {'lexical' if lexical else 'model'}, load average {os.getloadavg()[0]:.1f}")
    for kind in ("repeated", "repeated-edited", "distinct"):
        base = None
        for n in args.sizes:
            got = _run(kind, n, lexical, args.timeout)
            if got is None:
                print(f"  {kind:<9} {n:>6,} sentences: over {args.timeout:.0f} s")
                continue
            base = base or got
            ratio = float(got["secs"]) / max(float(base["secs"]), 1e-9)  # type: ignore[arg-type]
            print(
                f"  {kind:<9} {n:>6,} sentences: {got['secs']:7.1f} s ({ratio:5.1f}x the smallest)  "
                f"peak RSS {got['rss']:6.0f} MiB  {got['what']}"
            )
    for kind, n, label in (("repeated", 20_000, "20,000 repeated sentences"), ("distinct", 8_000, "8,000 real")):
        got = _run(kind, n, lexical, args.timeout)
        if got is not None:
            print(f"  {label} ({got['sentences']:,}): {got['secs']:.2f} s, peak RSS {got['rss']:.0f} MiB,", got["what"])


if __name__ == "__main__":
    main()
