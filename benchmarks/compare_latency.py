"""Latency of `retold compare` on the seed pair: warm (model loaded) and cold (process start to output).

    python benchmarks/compare_latency.py [--runs 15] [--cold-runs 5] [--json]

Prints medians for the default model and, as the baseline in the same run, for --lexical,
against the goals (warm <= 100 ms, cold <= 2.5 s on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from evallib.data import seed_pair  # noqa: E402

GOAL_WARM_MS = 100.0
GOAL_COLD_S = 2.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pair = seed_pair()
    if pair is None:
        return 0
    a, b = pair

    import retold
    from retold.ingest import read_article

    art_a, art_b = read_article(str(a)), read_article(str(b))
    enc = retold.get_encoder()
    results: dict[str, float] = {}
    for mode in ("model", "lexical"):
        lexical = mode == "lexical"
        retold.compare(art_a, art_b, lexical=lexical, encoder=enc)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            retold.compare(art_a, art_b, lexical=lexical, encoder=enc)
            times.append((time.perf_counter() - t) * 1000)
        results[f"warm_ms_{mode}"] = statistics.median(times)
        cold = []
        for _ in range(args.cold_runs):
            cmd = [sys.executable, "-m", "retold", "compare", str(a), str(b), "--json"]
            if lexical:
                cmd.append("--lexical")
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            cold.append(time.perf_counter() - t)
        results[f"cold_s_{mode}"] = statistics.median(cold)

    if args.json:
        print(json.dumps({**results, "goal_warm_ms": GOAL_WARM_MS, "goal_cold_s": GOAL_COLD_S, "cpus": os.cpu_count()}))
        return 0
    print(f"seed comparison 000 vs 003, {os.cpu_count()} cores, median of {args.runs} warm / {args.cold_runs} cold")
    print(f"{'':10}{'warm (ms)':>12}{'cold (s)':>12}")
    for mode in ("model", "lexical"):
        print(f"{mode:10}{results[f'warm_ms_{mode}']:12.1f}{results[f'cold_s_{mode}']:12.2f}")
    print(f"{'goal':10}{GOAL_WARM_MS:12.1f}{GOAL_COLD_S:12.2f}")
    ok = results["warm_ms_model"] <= GOAL_WARM_MS and results["cold_s_model"] <= GOAL_COLD_S
    print("default model meets both goals" if ok else "default model MISSES a goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
