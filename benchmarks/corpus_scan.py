"""Corpus scan on real-length news: throughput, peak memory, bytes on disk, recall of planted reuse.

    .venv/bin/python benchmarks/corpus_scan.py --size 10000 [--sizes 10000,30000]
        [--systems lexical,model,datasketch] [--pan13] [--seed 0]

Builds a corpus per size with ``corpus_data.build`` (whole news articles, 15-40 sentences, with
planted passages, edited passages, lightly edited articles, paraphrased articles and the natural
cross-outlet copying of news_allsides), then runs each system on the same JSONL file in its own
process (so peak memory is its own):

* ``lexical`` / ``model``: ``Corpus(db).add([corpus], workers=default_workers())`` (both cores, as
  the CLI does) then ``.scan(lexical=...)``, timed apart; the scan's own per-stage seconds
  (``result.seconds``) are printed as they come back;
* ``datasketch``: the baseline, ``MinHash(num_perm=128)`` sharing one set of permutations, word
  5-gram shingles (lower-cased ``\\w+`` words), ``update_batch``, ``MinHashLSH(threshold=0.5)``:
  read the file, insert every article, then query every article.

Recall per planted kind: retold ``edge`` = the scan stored an edge of a reuse relation (identical,
near_duplicate, rewrite, partial_reuse) for the pair, ``candidate`` = it checked the pair at all;
datasketch = LSH returned the pair. ``direction`` = share of the found pairs (with a known source)
whose edge names the planted source (a_to_b: a is the source; b_to_a: b; common_source and
undetermined name none). With ``--fill``, past the roughly 26,686 articles that ``corpus_data.build``
can make, the corpus is topped up to ``--size`` with real-length filler articles
(``corpus_sources.fillers``: real sentences in the shapes of real articles, none from a planted pair),
appended to the same file; the output says how many. Each pool sentence then comes back in about 2.8
fillers, so a filler retells bits of some 35 articles: the scan of 100,000 (73,314 fillers) has
1,316,821 candidate pairs to verify, against 4,806 for 10,000 real articles, so such a tier measures the
candidate stage's memory, not a collection users meet. ``--fillers ciphered`` fills with
``corpus_sources.ciphered`` instead: the pool's real articles through a word cipher that keeps their shape,
their n-gram statistics and the reuse among them, and shares no text with the corpus; its figures go to
``corpus_scan_<size>_ciphered.json``.
``natural_prose`` is the part of ``natural`` whose shared paragraphs include an
outlet's own prose (most share only a tweet, a quoted statement or boilerplate). ``--pan13`` also runs the
systems on the PAN13 documents as one collection (the 500 known source/suspicious pairs); ``--size 0``
skips the news tiers.
Figures go to stdout and ``benchmarks/results/corpus_scan_<size>.json`` (``_pan13.json``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
import corpus_memory
import corpus_sources

RESULTS = Path(__file__).resolve().parent / "results"
REUSE = ("identical", "near_duplicate", "rewrite", "partial_reuse")
TAG = "real-length news with planted reuse (corpus_data.py)"


def key(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


def truth_keys(path: Path) -> set[str]:
    return {key(s, c) for s, c, *_ in json.loads(path.read_text())}


def worker_retold(corpus: Path, db: Path, truth: Path, lexical: bool) -> dict[str, object]:
    import sqlite3

    from retold.corpus import Corpus, default_workers
    from retold.store.sqlite import Store

    c = Corpus(db)
    with corpus_memory.TreeMemory() as tree:
        tree.stage("add")
        t0 = time.perf_counter()
        report = c.add([str(corpus)], workers=default_workers())
        t_add = time.perf_counter() - t0
        rss_add = corpus_memory.peak_rss_mb()
        tree.stage("loading the store")
        t0 = time.perf_counter()
        result, _, _ = c.scan(lexical=lexical, workers=default_workers(), progress=tree.stage)
        t_scan = time.perf_counter() - t0
    with Store(db) as st:
        nbytes = st.nbytes()
    mode = getattr(result, "mode", None)
    con = sqlite3.connect(db)
    q = (
        "SELECT x.id, y.id, e.relation, e.direction FROM edges e "
        "JOIN articles x ON x.row = e.a JOIN articles y ON y.row = e.b"
    )
    rows = con.execute(q + " WHERE e.mode = ?", (mode,)).fetchall() if mode else con.execute(q).fetchall()
    n_sent = con.execute("SELECT coalesce(sum(n_sentences), 0) FROM articles").fetchone()[0]
    con.close()
    wanted = truth_keys(truth)
    pairs = {}
    for a, b, rel, direction in rows:
        if key(a, b) in wanted:
            pairs[key(a, b)] = [rel, direction, {"a_to_b": a, "b_to_a": b}.get(direction)]
    return {
        "articles": len(report.added),
        "duplicates": len(report.duplicates),
        "sentences": n_sent,
        "add_s": t_add,
        "scan_s": t_scan,
        "total_s": t_add + t_scan,
        "scan_stages_s": dict(getattr(result, "seconds", {}) or {}),
        "candidate_pairs": getattr(result, "candidates", None),
        "compared": getattr(result, "compared", None),
        "edges": len(getattr(result, "edges", [])),
        "stories": len(getattr(result, "stories", [])),
        "checked_pairs": len(rows),
        "peak_rss_mb": corpus_memory.peak_rss_mb(),
        "peak_rss_after_add_mb": rss_add,
        "peak_rss_all_processes_mb": tree.peak_mb,
        "peak_pss_all_processes_mb": tree.pss_mb,
        "peak_rss_helper_mb": tree.helper_mb,
        "peak_pss_helper_mb": tree.helper_pss_mb,
        "peak_memory_by_stage_mb": tree.stages,
        "bytes": nbytes,
        "pairs": pairs,
    }


def worker_datasketch(corpus: Path, truth: Path, threshold: float) -> dict[str, object]:
    import re

    from datasketch import MinHash, MinHashLSH

    word = re.compile(r"\w+")
    t0 = time.perf_counter()
    first = MinHash(num_perm=128)  # one set of permutations, shared by every sketch
    perms, scheme = first.permutations, first.scheme
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            words = word.findall(rec["text"].lower())
            n = min(5, len(words))
            shingles = {" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)} or {b""}
            m = MinHash(num_perm=128, permutations=perms, scheme=scheme)
            m.update_batch(list(shingles))
            lsh.insert(rec["id"], m)
            sketches[rec["id"]] = m
    found = set()
    for k, m in sketches.items():
        for other in lsh.query(m):
            if other != k:
                found.add(key(k, other))
    t = time.perf_counter() - t0
    wanted = truth_keys(truth)
    return {
        "articles": len(sketches),
        "total_s": t,
        "candidate_pairs": len(found),
        "peak_rss_mb": corpus_memory.peak_rss_mb(),
        "pairs": {k: ["candidate", None, None] for k in found & wanted},
    }


def run_system(system: str, corpus: Path, truth: Path, tmp: Path, threshold: float) -> dict | None:
    cmd = [sys.executable, __file__, "--worker", system, "--corpus", str(corpus), "--truth", str(truth)]
    cmd += ["--db", str(tmp / f"{system}.db"), "--threshold", str(threshold)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"{system}: failed\n{proc.stderr[-3000:]}", file=sys.stderr, flush=True)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def score(res: dict, planted: list[corpus_data.Planted], retold: bool) -> dict[str, dict[str, object]]:
    """Recall, direction accuracy and verdicts per planted kind."""
    out: dict[str, dict[str, object]] = {}
    pairs = res["pairs"]
    planted = with_prose(planted)
    for kind in dict.fromkeys(p.kind for p in planted):
        ps = [p for p in planted if p.kind == kind]
        got = [pairs.get(key(p.source, p.copy)) for p in ps]
        found = [g is not None and (g[0] in REUSE or not retold) for g in got]
        row: dict[str, object] = {"n": len(ps), "found": sum(found) / len(ps)}
        if retold:
            row["candidate"] = sum(g is not None for g in got) / len(ps)
            directed = [(p, g) for p, g, f in zip(ps, got, found, strict=True) if f and p.directed]
            if directed:
                row["direction"] = sum(g[2] == p.source for p, g in directed) / len(directed)
                row["direction_n"] = len(directed)
                row["direction_none"] = sum(g[2] is None for _, g in directed)
            row["verdicts"] = dict(Counter(g[0] if g else "not checked" for g in got).most_common())
        out[kind] = row
    return out


def with_prose(planted: list[corpus_data.Planted]) -> list[corpus_data.Planted]:
    """The planted pairs and, again as ``natural_prose``, the natural ones that share an outlet's own prose
    (not only a tweet, a quoted statement or boilerplate: ``corpus_data.paragraph_kind``)."""
    prose = {key(*x) for x in corpus_data.natural_prose()}
    again = [
        p._replace(kind="natural_prose") for p in planted if p.kind == "natural" and key(p.source, p.copy) in prose
    ]
    return [*planted, *again]


def rate(res: dict) -> float:
    return float(res["articles"]) / float(res["total_s"])


def summary(n: int, raw: int, results: dict[str, dict], planted: list[corpus_data.Planted]) -> None:
    for system, r in results.items():
        line = f"{system:>10}: {rate(r):8,.1f} articles/s end to end ({r['total_s']:.1f}s)"
        if "add_s" in r:
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in r["scan_stages_s"].items())
            b = r["bytes"]["total"]
            line += (
                f"; add {r['add_s']:.1f}s, scan {r['scan_s']:.1f}s ({stages}); {r['candidate_pairs']} candidates, "
                f"{r['compared']} compared, {r['edges']} edges; {b / 1e6:.1f} MB on disk = {b / n:,.0f} B/article "
                f"= {b / raw:.2f} B per raw JSONL byte"
            )
        else:
            line += f"; {r['candidate_pairs']:,} candidate pairs"
        line += f"; peak RSS {r['peak_rss_mb']:,.0f} MiB"
        if "peak_rss_all_processes_mb" in r:
            line += (
                f" (main process; with its helper processes {r['peak_rss_all_processes_mb']:,.0f} MiB, "
                f"largest helper {r['peak_rss_helper_mb']:,.0f} MiB)"
            )
        if "peak_pss_all_processes_mb" in r:  # PSS: pages the processes share counted once
            line += (
                f"; peak PSS of all processes {r['peak_pss_all_processes_mb']:,.0f} MiB (largest helper "
                f"{r['peak_pss_helper_mb']:,.0f} MiB); by stage, RSS sum / PSS sum: "
                + ", ".join(
                    f"{k} {v['rss_mb']:,.0f} / {v['pss_mb']:,.0f}" for k, v in r["peak_memory_by_stage_mb"].items()
                )
            )
        print(line, flush=True)
    base = results.get("datasketch")
    for system in ("lexical", "model"):
        if base and system in results:
            print(f"{system} / datasketch articles/s: {rate(results[system]) / rate(base):.3f}x  <- the key figure")
    names = list(results)
    heads = ", ".join(f"{s}: " + ("LSH" if s == "datasketch" else "edge candidate direction") for s in names)
    print(f"\nrecall per kind ({heads})")
    for kind in dict.fromkeys(p.kind for p in with_prose(planted)):
        cells = []
        for s in names:
            row = results[s]["recall"][kind]
            if s == "datasketch":
                cells.append(f"{s} {row['found']:.2f}")
            else:
                d = f"{row['direction']:.2f}" if "direction" in row else "  - "
                cells.append(f"{s} {row['found']:.2f} {row['candidate']:.2f} {d}")
        print(f"  {kind:>18} n={results[names[0]]['recall'][kind]['n']:<4} " + "   ".join(cells))
    for s in names:
        if s != "datasketch":
            print(f"{s} verdicts of the planted pairs:")
            for kind, row in results[s]["recall"].items():
                extra = (
                    f" (direction: {row['direction_none']} of {row['direction_n']} found name no source)"
                    if "direction_n" in row
                    else ""
                )
                print(f"  {kind:>18}: {row['verdicts']}" + extra)


def growth(tiers: list[tuple[int, dict[str, dict]]]) -> None:
    for (n0, r0), (n1, r1) in itertools.pairwise(tiers):
        print(f"\n{n0:,} -> {n1:,} articles (x{n1 / n0:.2f}):")
        for s in r1:
            if s in r0:
                a, b = r0[s], r1[s]
                parts = [f"time x{b['total_s'] / a['total_s']:.2f}", f"articles/s x{rate(b) / rate(a):.2f}"]
                parts.append(f"peak RSS x{b['peak_rss_mb'] / a['peak_rss_mb']:.2f}")
                if "bytes" in a:
                    parts.append(f"B/article x{(b['bytes']['total'] / n1) / (a['bytes']['total'] / n0):.2f}")
                    parts += [f"add x{b['add_s'] / a['add_s']:.2f}", f"scan x{b['scan_s'] / a['scan_s']:.2f}"]
                print(f"  {s:>10}: " + ", ".join(parts))


def top_up(corpus: Path, planted: list[corpus_data.Planted], size: int, seed: int = 7, kind: str = "copied") -> int:
    """Append real-length fillers (``corpus_sources.fillers``, or with ``kind="ciphered"``
    ``corpus_sources.ciphered``) to ``corpus`` until it holds ``size`` articles; return how many were appended
    (0 when ``corpus_data.build`` made ``size`` or more)."""
    records = corpus_data.read(corpus)
    n_fill = max(0, size - len(records))
    if n_fill:
        with corpus.open("a", encoding="utf-8") as f:
            for r in corpus_sources.FILLERS[kind](records, planted, n_fill, seed):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return n_fill


def run_tier(
    name: str, corpus: Path, planted: list[corpus_data.Planted], systems: list[str], tmp: Path, threshold: float
) -> dict[str, dict]:
    truth = tmp / f"{name}-truth.json"
    truth.write_text(json.dumps([list(p) for p in planted]))
    results = {}
    for system in systems:
        print(f"running {system} on {corpus.name} ...", flush=True)
        res = run_system(system, corpus, truth, tmp / name, threshold)
        if res is not None:
            res["recall"] = score(res, planted, system != "datasketch")
            res.pop("pairs")
            results[system] = res
    return results


def write(out: Path, doc: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    if out.exists():  # systems run separately (e.g. --systems model) add to the file of the same corpus
        old = json.loads(out.read_text())
        if old.get("corpus") == doc["corpus"] and old.get("articles") == doc["articles"]:
            doc["systems"] = {**old.get("systems", {}), **doc["systems"]}
    out.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000, help="articles (0: no news tier, e.g. with --pan13)")
    ap.add_argument("--sizes", help="several sizes, comma-separated (overrides --size)")
    ap.add_argument("--systems", default="lexical,model,datasketch")
    ap.add_argument("--pan13", action="store_true", help="also run on the PAN13 documents")
    ap.add_argument(
        "--fill",
        action="store_true",
        help="top the corpus up to --size with real-length fillers past the ~26,686 real articles (off: a 30,000 tier "
        "stays 26,686 real articles, as its earlier figures were measured)",
    )
    ap.add_argument(
        "--fillers",
        choices=sorted(corpus_sources.FILLERS),
        default="copied",
        help="with --fill: copied (real sentences drawn with replacement, the figures before) or ciphered (the "
        "pool's articles through a word cipher, sharing no text with the corpus: corpus_sources.ciphered)",
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=0.5, help="datasketch LSH threshold")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--truth", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        if args.worker == "datasketch":
            out = worker_datasketch(args.corpus, args.truth, args.threshold)
        else:
            args.db.parent.mkdir(parents=True, exist_ok=True)
            out = worker_retold(args.corpus, args.db, args.truth, args.worker == "lexical")
        print(json.dumps(out))
        return

    systems = args.systems.split(",")
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else [args.size] if args.size else []
    tmp = Path(tempfile.mkdtemp(prefix="retold-bench-"))
    tiers = []
    for size in sizes:
        folder = tmp / f"n{size}"
        planted = corpus_data.build(size, folder, args.seed)
        corpus = folder / "corpus.jsonl"
        n_fill = top_up(corpus, planted, size, kind=args.fillers) if args.fill else 0
        n = sum(1 for _ in corpus.open(encoding="utf-8"))
        raw = corpus.stat().st_size
        kinds = Counter(p.kind for p in planted)
        print(
            f"\n== corpus: {n:,} articles ({n - n_fill:,} real, {n_fill:,} {args.fillers} real-length fillers; "
            f"{raw / 1e6:.1f} MB), "
            f"planted {dict(kinds)} in {corpus}",
            flush=True,
        )
        results = run_tier(f"n{size}", corpus, planted, systems, tmp, args.threshold)
        summary(n, raw, results, planted)
        tiers.append((n, results))
        doc = {"corpus": TAG, "seed": args.seed, "requested": size, "articles": n, "fillers": n_fill, "raw_bytes": raw}
        if n_fill:
            doc["filler_kind"] = args.fillers
        name = (
            f"corpus_scan_{size}_ciphered.json" if n_fill and args.fillers == "ciphered" else f"corpus_scan_{size}.json"
        )
        write(RESULTS / name, {**doc, "planted": dict(kinds), "systems": results})
    growth(tiers)
    if args.pan13:
        planted = corpus_data.pan13(tmp / "pan13")
        corpus = tmp / "pan13" / "pan13.jsonl"
        n = sum(1 for _ in corpus.open(encoding="utf-8"))
        print(f"\n== PAN13: {n} documents, {len(planted)} known reuse pairs", flush=True)
        results = run_tier("pan13", corpus, planted, systems, tmp, args.threshold)
        summary(n, corpus.stat().st_size, results, planted)
        for s, r in results.items():
            row = r["recall"]["pan13"]
            d = f", direction accuracy {row['direction']:.3f} of {row['direction_n']}" if "direction" in row else ""
            print(f"PAN13 {s}: {row['found']:.3f} of the {len(planted)} pairs found as reuse{d}")
        doc = {"corpus": "PAN13 text alignment, no obfuscation", "articles": n, "planted": len(planted)}
        write(RESULTS / "corpus_scan_pan13.json", {**doc, "systems": results})


if __name__ == "__main__":
    main()
