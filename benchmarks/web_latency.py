"""Latency of `POST /api/compare` on the seed pair against a real `retold serve` (warm), and of the HTML report.

    python benchmarks/web_latency.py [--runs 20] [--json]

Starts `retold serve` (default model mode) on a free loopback port, waits for it, then times
`POST /api/compare` with the seeds for the model and for `"lexical": true`, each after one warm-up
request. The baseline in the same run is `retold.compare` called in this process (no HTTP, no
JSON), so the difference is what the server adds. Goal: model mode under 300 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from evallib.data import seed_pair  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "web"))
GOAL_MS = 300.0


def post_ms(url: str, body: bytes) -> float:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        r.read()
        assert r.status == 200
    return (time.perf_counter() - t) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    pair = seed_pair()
    if pair is None:
        return 0
    a, b = pair
    import tempfile

    from _server import start, stop

    import retold
    from retold.report.html import comparison_html

    ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    art_a, art_b = retold.article_from_text(ta, id="A"), retold.article_from_text(tb, id="B")
    enc = retold.get_encoder()
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        server = start(Path(tmp) / "bench.db")
        out["server_start_s"] = time.perf_counter() - t
        try:
            for mode in ("model", "lexical"):
                lexical = mode == "lexical"
                body = json.dumps({"a": {"text": ta}, "b": {"text": tb}, "lexical": lexical}).encode()
                post_ms(server.url + "/api/compare", body)
                out[f"http_ms_{mode}"] = statistics.median(
                    post_ms(server.url + "/api/compare", body) for _ in range(args.runs)
                )
                retold.compare(art_a, art_b, lexical=lexical, encoder=enc)
                lib = []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    retold.compare(art_a, art_b, lexical=lexical, encoder=enc)
                    lib.append((time.perf_counter() - t) * 1000)
                out[f"library_ms_{mode}"] = statistics.median(lib)
        finally:
            stop(server)
    c = retold.compare(art_a, art_b, encoder=enc)
    html = []
    for _ in range(args.runs):
        t = time.perf_counter()
        comparison_html(c)
        html.append((time.perf_counter() - t) * 1000)
    out["html_report_ms"] = statistics.median(html)
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in out.items()}, indent=2))
    else:
        print(f"retold serve started and answering in {out['server_start_s']:.1f} s ({os.cpu_count()} cores)")
        for mode in ("model", "lexical"):
            http, lib = out[f"http_ms_{mode}"], out[f"library_ms_{mode}"]
            print(
                f"POST /api/compare seeds, {mode:<7}: median {http:6.1f} ms over {args.runs} "
                f"(library alone {lib:6.1f} ms; server adds {http - lib:5.1f} ms)"
            )
        print(f"HTML report of the seeds (model mode): median {out['html_report_ms']:.1f} ms")
        ok = out["http_ms_model"] <= GOAL_MS
        print(f"goal: model mode <= {GOAL_MS:.0f} ms warm: {'met' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
