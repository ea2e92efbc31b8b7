"""The default model's gate (``provenance/gate.py``): a model scan with it against one without, same file.

    .venv/bin/python benchmarks/model_gate.py [--size 2000] [--seed 0] [--order off,on]

Builds ``--size`` real-length articles with planted reuse (``corpus_data.build``), then, in the order
given, adds them to a fresh store and runs ``scan`` in the default (model) mode with
``Settings(model_gate=False)`` (every candidate pair aligned with the model, every candidate article
embedded) and with the gate on (the default). Each run is its own process. Prints per run the scan's
seconds (candidates, compare), the articles whose sentences were embedded, the edges and the planted
pairs found per kind, then the ratio of the scan times, whether the two runs stored the same edges
(relation and direction) and every edge that differs. The machine is shared: the ratio of one run, not
the absolute times, is the figure.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data


def worker(corpus: Path, db: Path, planted: Path, gate: bool) -> dict[str, object]:
    from retold.corpus import Corpus, default_workers
    from retold.provenance.candidates import Settings

    c = Corpus(db, settings=Settings(model_gate=gate))
    c.add([str(corpus)], workers=default_workers())
    t0 = time.perf_counter()
    result, _, _ = c.scan(lexical=False, workers=default_workers())
    scan_s = time.perf_counter() - t0
    con = sqlite3.connect(db)
    embedded = con.execute("SELECT count(DISTINCT article) FROM model_vectors").fetchone()[0]
    settled = con.execute("SELECT count(*) FROM edges WHERE evidence LIKE '%\"settled\"%'").fetchone()[0]
    con.close()
    kinds = {tuple(sorted(p[:2])): p[2] for p in json.loads(planted.read_text())}
    found: dict[str, int] = {}
    for e in result.edges:
        kind = kinds.get(tuple(sorted((e.a, e.b))))
        if kind:
            found[kind] = found.get(kind, 0) + 1
    return {
        "gate": gate,
        "scan_s": round(scan_s, 1),
        "stages_s": {k: round(v, 1) for k, v in result.seconds.items()},
        "candidate_pairs": result.candidates,
        "settled_pairs": settled,
        "embedded_articles": embedded,
        "edges": [[e.a, e.b, e.relation, e.direction] for e in result.edges],
        "found": dict(sorted(found.items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--order", default="off,on", help="the runs, in order (off: no gate, on: the gate)")
    ap.add_argument("--worker", choices=["off", "on"], help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--planted", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.corpus, args.db, args.planted, args.worker == "on")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        planted = corpus_data.build(args.size, folder, seed=args.seed)
        (folder / "planted.json").write_text(json.dumps([list(p[:3]) for p in planted]))
        runs = {}
        for which in args.order.split(","):
            cmd = [sys.executable, __file__, "--worker", which, "--corpus", str(folder / "corpus.jsonl")]
            cmd += ["--db", str(folder / f"{which}.db"), "--planted", str(folder / "planted.json")]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"the {which} run failed:\n{proc.stderr[-3000:]}")
            runs[which] = json.loads(proc.stdout.strip().splitlines()[-1])
            shown = {k: v for k, v in runs[which].items() if k != "edges"}
            print(f"gate {which}: {json.dumps(shown)} edges {len(runs[which]['edges'])}", flush=True)
    if {"on", "off"} <= set(runs):
        on, off = runs["on"], runs["off"]
        ratio = on["scan_s"] / off["scan_s"]
        print(f"scan time with the gate / without: {on['scan_s']} / {off['scan_s']} = {ratio:.2f}")
        print(f"articles embedded: {on['embedded_articles']} / {off['embedded_articles']}")
        print(f"same edges (relation, direction): {on['edges'] == off['edges']}")
        a = {tuple(e[:2]): e[2:] for e in off["edges"]}
        b = {tuple(e[:2]): e[2:] for e in on["edges"]}
        for pair in sorted(a.keys() | b.keys()):
            if a.get(pair) != b.get(pair):
                print(f"  {pair[0]} ~ {pair[1]}: without the gate {a.get(pair)}, with it {b.get(pair)}")


if __name__ == "__main__":
    main()
