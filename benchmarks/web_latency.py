"""Latency of `POST /api/compare` on the seed pair against a real `retold serve` (warm), and of the HTML report.

    python benchmarks/web_latency.py [--runs 20] [--modes model,lexical] [--against OTHER_CHECKOUT] [--json]

Starts `retold serve` (default model mode) on a free loopback port, waits for it, then times
`POST /api/compare` with the seeds, for the model and for `"lexical": true`, after one warm-up
request each. Three kinds of request: *repeat* sends the same pair every time (a report re-posted,
a source's pair opened: the server keeps recent articles and sentence vectors); *fresh* adds a new
closing line to B each time (one article against another version); *cold* marks every line of
both, so no article and no sentence vector can be reused: the cost of a pair never seen. Each
timing gives the median, the fastest, and the server's CPU time per request (from /proc: what load
on a shared machine does not inflate). With `--against DIR` a second server runs the code of
another checkout (`git worktree add DIR COMMIT`) and the requests alternate between the two, so both
see the same machine load. The baseline is `retold.compare` in this process on cold pairs (no
HTTP, no JSON). Goal: model mode under 300 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the retold of the checkout this script is in, for both timings
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


KINDS = ("repeat", "fresh", "cold")


def variants(ta: str, tb: str, k: int, server: str) -> dict[str, tuple[str, str]]:
    """The k-th request of each kind: the same pair; B with a new closing line; every sentence new (a
    made-up word after the first word of each sentence: a mark at the end would stand as a sentence of
    its own and leave the others as they were), so neither articles nor sentence vectors are reused."""

    def mark(text: str) -> str:
        return re.sub(r"(^|[.!?][\"”’]?\s+)(\S+)", rf"\1\2 {server}{k}x", text, flags=re.MULTILINE)

    return {
        "repeat": (ta, tb),
        "fresh": (ta, f"{tb}\nThis version was filed as number {k}."),
        "cold": (mark(ta), mark(tb)),
    }


def cpu_s(pid: int) -> float:
    """CPU seconds a process has used, all its threads (Linux /proc): what load on the machine does not inflate."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--against", type=Path, help="another checkout whose server is timed alongside this one")
    ap.add_argument("--modes", default="model,lexical", help="which to time: model, lexical or both (the default)")
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
    enc = retold.get_encoder()
    modes = [m for m in ("model", "lexical") if m in args.modes.split(",")]
    names = ["this"] + (["against"] if args.against else [])
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        servers = {}
        try:
            for name in names:
                t = time.perf_counter()
                src = args.against / "src" if name == "against" and args.against else ROOT / "src"
                servers[name] = start(Path(tmp) / f"{name}.db", src=src)
                out[f"server_start_s_{name}"] = time.perf_counter() - t
            for mode in modes:
                lexical = mode == "lexical"

                def body(text_a: str, text_b: str, lexical: bool = lexical) -> bytes:
                    return json.dumps({"a": {"text": text_a}, "b": {"text": text_b}, "lexical": lexical}).encode()

                times: dict[str, list[float]] = {f"{k}_{n}": [] for k in KINDS for n in names}
                cpu = dict.fromkeys(times, 0.0)
                for s in servers.values():
                    post_ms(s.url + "/api/compare", body(ta, tb))
                for k in range(args.runs):
                    order = names if k % 2 == 0 else names[::-1]
                    for n in order:
                        url = servers[n].url + "/api/compare"
                        pid = servers[n].proc.pid
                        for kind, (text_a, text_b) in variants(ta, tb, k, n).items():
                            cpu0 = cpu_s(pid)
                            times[f"{kind}_{n}"].append(post_ms(url, body(text_a, text_b)))
                            cpu[f"{kind}_{n}"] += cpu_s(pid) - cpu0
                for key, v in times.items():
                    out[f"http_ms_{mode}_{key}"] = statistics.median(v)
                    out[f"http_min_ms_{mode}_{key}"] = min(v)
                    out[f"server_cpu_ms_{mode}_{key}"] = cpu[key] / args.runs * 1000
                lib = []
                for k in range(args.runs):
                    t = time.perf_counter()
                    text_a, text_b = variants(ta, tb, k, "library")["cold"]
                    art_a, art_b = retold.article_from_text(text_a, id="A"), retold.article_from_text(text_b, id="B")
                    retold.compare(art_a, art_b, lexical=lexical, encoder=enc)
                    lib.append((time.perf_counter() - t) * 1000)
                out[f"library_ms_{mode}"] = statistics.median(lib)
        finally:
            for s in servers.values():
                stop(s)
    c = retold.compare(a, b, encoder=enc)
    html = []
    for _ in range(args.runs):
        t = time.perf_counter()
        comparison_html(c)
        html.append((time.perf_counter() - t) * 1000)
    out["html_report_ms"] = statistics.median(html)
    if args.json:
        print(json.dumps({k: round(v, 2) for k, v in out.items()}, indent=2))
        return 0
    load = os.getloadavg()[0]
    print(
        f"retold serve started and answering in {out['server_start_s_this']:.1f} s "
        f"({os.cpu_count()} cores, load average {load:.1f})"
    )
    for mode in modes:
        lib = out[f"library_ms_{mode}"]
        for n in names:
            who = "this checkout" if n == "this" else f"{args.against}"
            parts = []
            for kind in KINDS:
                med, best = out[f"http_ms_{mode}_{kind}_{n}"], out[f"http_min_ms_{mode}_{kind}_{n}"]
                used = out[f"server_cpu_ms_{mode}_{kind}_{n}"]
                parts.append(f"{kind} {med:6.1f} ms (fastest {best:.1f}, server CPU {used:.0f})")
            print(f"POST /api/compare seeds, {mode:<7} ({who}), medians over {args.runs}: " + "; ".join(parts))
        print(f"  library alone, {mode}, a new pair each time: median {lib:.1f} ms")
    print(f"HTML report of the seeds (model mode): median {out['html_report_ms']:.1f} ms")
    if "model" in modes:
        worst = max(out[f"http_ms_model_{kind}_this"] for kind in KINDS)
        print(f"goal: model mode <= {GOAL_MS:.0f} ms warm: {'met' if worst <= GOAL_MS else 'MISSED'} ({worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
