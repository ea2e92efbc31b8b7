"""Corpus scan: throughput, peak memory, recall of planted paraphrased retellings, bytes on disk.

    .venv/bin/python benchmarks/corpus_scan.py --size 10000 [--systems lexical,model,datasketch]

Builds a corpus of ``--size`` articles from the real text in ``../shared/data`` (see
``corpus_data.py``: WMT19 originals and their rewritten retellings among real sentences as
articles), then runs each system in its own process (so peak memory is its own):

* ``lexical`` / ``model``: ``retold add`` + ``retold scan`` through the library (``Corpus``):
  fingerprints, hashed-vector index, fused candidates, then sentence alignment of every candidate
  pair (``model``: the default MiniLM embeds only the sentences of candidate pairs);
* ``datasketch``: the baseline, datasketch ``MinHash`` (128 permutations, word 5-gram shingles,
  ``update_batch``) + ``MinHashLSH`` (threshold 0.5): insert every article, query every article.

Recall is over the planted (original, retelling) pairs: ``candidate`` = the pair reached the
alignment stage (baseline: LSH returned it); ``edge`` = the scan recorded a reuse edge for it.
Figures go to stdout and ``benchmarks/results/corpus_scan_<size>.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

RESULTS = Path(__file__).resolve().parent / "results"


def worker_retold(corpus: Path, db: Path, lexical: bool) -> dict[str, object]:
    import sqlite3

    from retold.corpus import Corpus
    from retold.provenance.scan import REUSE
    from retold.store.sqlite import Store

    c = Corpus(db)
    t0 = time.perf_counter()
    report = c.add([str(corpus)])
    t_add = time.perf_counter() - t0
    rss_add = corpus_data.peak_rss_mb()
    t0 = time.perf_counter()
    result, _, _ = c.scan(lexical=lexical)
    t_scan = time.perf_counter() - t0
    with Store(db) as st:
        size = st.nbytes()
    con = sqlite3.connect(db)
    mode = result.mode
    rows = con.execute(
        "SELECT x.id, y.id, e.relation FROM edges e JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b "
        "WHERE e.mode = ?",
        (mode,),
    ).fetchall()
    n_sent = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    con.close()
    checked = {frozenset((a, b)): rel for a, b, rel in rows}
    n = len(report.added)
    return {
        "articles": n,
        "sentences": n_sent,
        "add_s": t_add,
        "scan_s": t_scan,
        "scan_stages_s": result.seconds,
        "candidate_pairs": result.candidates,
        "compared": result.compared,
        "edges": len(result.edges),
        "stories": len(result.stories),
        "peak_rss_mb": corpus_data.peak_rss_mb(),
        "peak_rss_after_add_mb": rss_add,
        "bytes": size,
        "checked": {"|".join(sorted(k)): v for k, v in checked.items() if any(x.startswith("wmt") for x in k)},
        "reuse": list(REUSE),
    }


def worker_datasketch(corpus: Path, threshold: float) -> dict[str, object]:
    import re

    from datasketch import MinHash, MinHashLSH

    word = re.compile(r"\w+")
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        words = word.findall(rec["text"].lower())
        n = min(5, len(words))
        shingles = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)} or {b""}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
        lsh.insert(rec["id"], m)
        sketches[rec["id"]] = m
    pairs = set()
    for key, m in sketches.items():
        for other in lsh.query(m):
            if other != key:
                pairs.add(frozenset((key, other)))
    t = time.perf_counter() - t0
    return {
        "articles": len(sketches),
        "scan_s": t,
        "candidate_pairs": len(pairs),
        "peak_rss_mb": corpus_data.peak_rss_mb(),
        "checked": {"|".join(sorted(p)): "candidate" for p in pairs if any(x.startswith("wmt") for x in p)},
    }


def recall(checked: dict[str, str], planted: list[corpus_data.Planted], reuse: list[str] | None) -> tuple[float, float]:
    keys = ["|".join(sorted((p.original, p.retelling))) for p in planted]
    cand = sum(k in checked for k in keys) / len(keys)
    edge = sum(checked.get(k) in (reuse or []) for k in keys) / len(keys) if reuse else float("nan")
    return cand, edge


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--systems", default="lexical,model,datasketch")
    ap.add_argument("--threshold", type=float, default=0.5, help="datasketch LSH threshold")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        if args.worker == "datasketch":
            out = worker_datasketch(args.corpus, args.threshold)
        else:
            out = worker_retold(args.corpus, args.db, args.worker == "lexical")
        print(json.dumps(out))
        return

    tmp = Path(tempfile.mkdtemp(prefix="retold-bench-"))
    corpus, planted, n = corpus_data.build(args.size, tmp)
    print(f"corpus: {n:,} articles ({len(planted)} planted original/retelling pairs) in {corpus}", flush=True)
    results: dict[str, dict[str, object]] = {}
    for system in args.systems.split(","):
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            system,
            "--corpus",
            str(corpus),
            "--threshold",
            str(args.threshold),
        ]
        cmd += ["--db", str(tmp / f"{system}.db")]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{system}: failed\n{proc.stderr[-3000:]}", file=sys.stderr)
            continue
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        res["wall_s"] = time.perf_counter() - t0
        cand, edge = recall(res["checked"], planted, res.get("reuse"))  # type: ignore[arg-type]
        res["recall_candidate"], res["recall_edge"] = cand, edge
        results[system] = res
        total = float(res.get("add_s", 0.0)) + float(res["scan_s"])  # type: ignore[arg-type]
        line = f"{system:>10}: {n / total:8,.0f} articles/s end to end ({total:.1f}s)"
        if "add_s" in res:
            st = res["scan_stages_s"]
            cand_s = float(res["add_s"]) + st["load"] + st["candidates"]  # type: ignore[index]
            line += (
                f", ingest {n / float(res['add_s']):,.0f}/s, up to candidates {n / cand_s:,.0f}/s"
                f", {res['candidate_pairs']:,} candidates, {res['compared']:,} aligned, {res['edges']:,} edges"
                f", {int(res['bytes']['total']) / n:,.0f} B/article"  # type: ignore[index]
            )
        else:
            line += f", {res['candidate_pairs']:,} candidate pairs"
        line += f", peak RSS {float(res['peak_rss_mb']):,.0f} MiB"
        line += f", recall candidate {cand:.3f}" + (f" edge {edge:.3f}" if edge == edge else "")
        print(line, flush=True)
    base = results.get("datasketch")
    if base:
        base_rate = n / float(base["scan_s"])  # type: ignore[arg-type]
        for system in ("lexical", "model"):
            r = results.get(system)
            if r:
                st = r["scan_stages_s"]
                end = n / (float(r["add_s"]) + float(r["scan_s"]))  # type: ignore[arg-type]
                cand_rate = n / (float(r["add_s"]) + st["load"] + st["candidates"])  # type: ignore[index]
                print(
                    f"{system} vs datasketch: {end / base_rate:.2f}x end to end, {cand_rate / base_rate:.2f}x up to "
                    f"candidates; recall {r['recall_candidate']:.3f} (candidates) / {r['recall_edge']:.3f} (edges) "
                    f"vs {base['recall_candidate']:.3f}"
                )
    RESULTS.mkdir(exist_ok=True)
    for r in results.values():
        r.pop("checked", None)
    out = RESULTS / f"corpus_scan_{args.size}.json"
    previous = json.loads(out.read_text())["systems"] if out.exists() else {}
    merged = {**previous, **results}  # systems run separately (e.g. --systems model) add to the file
    out.write_text(json.dumps({"size": n, "planted": len(planted), "systems": merged}, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
