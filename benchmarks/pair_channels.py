"""What each candidate channel brings a ``--lexical`` scan: pairs, reuse found, and the verifying CPU they cost.

    .venv/bin/python benchmarks/pair_channels.py --corpus FILE [--db PATH] [--json OUT]

Adds ``FILE`` to a new store (or reads ``--db`` when it exists), finds the lexical candidates as a scan does
(``candidates.bulk`` without vectors), then verifies every pair in this one process as a scan's worker does
(``jobs.make_job`` and ``jobs.verify``), timing each by ``time.process_time``. Pairs are grouped by the channels that
admitted them (``lsh`` with one shared band key told apart from more, a shared sentence, a quotation, two or more
sets of numbers), and each group prints its pairs, how many were judged reuse, and the CPU seconds of all its pairs
and of its reuse pairs: where verification's time goes, and what a stricter channel would lose.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")


def group_of(channels: dict[str, float]) -> str:
    """The channels that admitted a pair (``candidates.admit``'s lexical ones), as one name."""
    lsh = int(channels.get("lsh", 0))
    parts = ["lsh=1" if lsh == 1 else "lsh>1"] if lsh else []
    parts += [name for name in ("sentences", "quotes") if channels.get(name)]
    parts += ["numbers>=2"] if channels.get("numbers", 0) >= 2 else []
    return "+".join(parts) or "none"


def replay(db: Path) -> list[dict[str, Any]]:
    """Every lexical candidate pair of the store: its channels, verdict and CPU seconds."""
    from retold.provenance import candidates as cand
    from retold.provenance.jobs import make_job, verify
    from retold.store.sqlite import Store

    out = []
    with Store(db) as store:
        corpus = cand.load(store)
        picked = cand.bulk(store, corpus, sorted(corpus.info), cand.Settings(), use_vectors=False)
        outlets = corpus.info
        for a, b in picked:
            arts = store.articles_by_row([a, b])
            t0 = time.process_time()
            job = make_job(corpus.boilerplate, arts[a], outlets[a].outlet, arts[b], outlets[b].outlet)
            relation = "unrelated" if job is None else verify(job)[0].relation
            out.append(
                {
                    "ids": [arts[a].id, arts[b].id],
                    "channels": picked[(a, b)].channels(),
                    "relation": relation,
                    "cpu_s": time.process_time() - t0,
                }
            )
    return out


def table(pairs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per group of channels: pairs, reuse pairs, CPU seconds of all and of the reuse ones."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: {"pairs": 0, "reuse": 0, "cpu_s": 0.0, "reuse_cpu_s": 0.0})
    for p in pairs:
        g = out[group_of(p["channels"])]
        reuse = p["relation"] in REUSE
        g["pairs"] += 1
        g["reuse"] += reuse
        g["cpu_s"] += p["cpu_s"]
        g["reuse_cpu_s"] += p["cpu_s"] if reuse else 0.0
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["pairs"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="articles to add (a JSONL file or a folder)")
    ap.add_argument("--db", type=Path, help="the store (made from --corpus when it does not exist)")
    ap.add_argument("--json", type=Path, help="write every pair and the table here")
    args = ap.parse_args()
    from retold.corpus import Corpus

    db = args.db or Path(f"{args.corpus}.pair_channels.db")
    if not db.exists():
        Corpus(db).add([str(args.corpus)])
    pairs = replay(db)
    rows = table(pairs)
    print(f"{'channels':26s} {'pairs':>6s} {'reuse':>6s} {'CPU s':>7s} {'of reuse':>8s}")
    for name, g in rows.items():
        print(f"{name:26s} {g['pairs']:6.0f} {g['reuse']:6.0f} {g['cpu_s']:7.2f} {g['reuse_cpu_s']:8.2f}")
    total, reuse = sum(p["cpu_s"] for p in pairs), [p for p in pairs if p["relation"] in REUSE]
    reuse_cpu = sum(p["cpu_s"] for p in reuse)
    print(f"{len(pairs):,} pairs, {len(reuse):,} reuse; CPU {total:.1f} s, of reuse pairs {reuse_cpu:.1f} s")
    if args.json:
        args.json.write_text(json.dumps({"table": rows, "pairs": pairs}))


if __name__ == "__main__":
    main()
