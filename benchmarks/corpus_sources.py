"""``retold sources`` latency with a large store, and ingest speed and size on the way there.

    .venv/bin/python benchmarks/corpus_sources.py --size 100000 [--queries 89] [--embed-sample 1000]

Builds a store of ``--size`` articles: the real corpus of ``corpus_data.py`` (WMT19 originals and
their retellings among real sentences as articles, about 72,600 articles at most) topped up, when
``--size`` is larger, with synthetic filler articles (the first half of one real sentence joined to
the second half of another; real words, invented sentences). Every article goes through the
normal ``add`` path: fingerprints and the fast-stage hashed vectors (no model at ingest).

Then each planted retelling is looked up with ``sources`` in one warm process (the store opened
once, the model loaded once; a CLI call adds about 1-2 s of start-up): the candidate stage alone,
the whole lookup with ``--lexical``, and the whole lookup with the default model (first cold:
candidate articles' sentences embedded and cached; then warm). Prints p50/p95 and hit@1 (the
planted original ranked first), ingest articles/s and bytes per article; writes
``benchmarks/results/corpus_sources_<size>.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data

RESULTS = Path(__file__).resolve().parent / "results"


def fillers(pool: list[str], n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        a, b = rng.sample(pool, 2)
        wa, wb = a.split(), b.split()
        text = " ".join(wa[: max(3, len(wa) // 2)] + wb[len(wb) // 2 :])
        out.append({"id": f"f{k:07d}", "text": text})
    return out


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=89)
    ap.add_argument("--embed-sample", type=int, default=1000, help="articles to add with --embed (0: skip)")
    ap.add_argument("--dir", type=Path, help="work folder (default: a new temporary one)")
    args = ap.parse_args()

    from retold.corpus import Corpus
    from retold.embed import get_encoder
    from retold.provenance import candidates as cand
    from retold.provenance.scan import sources
    from retold.store.sqlite import Store

    tmp = args.dir or Path(tempfile.mkdtemp(prefix="retold-sources-"))
    tmp.mkdir(parents=True, exist_ok=True)
    corpus, planted, n_real = corpus_data.build(args.size, tmp)
    files = [str(corpus)]
    n_fill = max(0, args.size - n_real)
    if n_fill and not (tmp / "store.db").exists():
        pool = corpus_data.distractor_sentences()
        step = 100_000
        for k in range(0, n_fill, step):
            part = tmp / f"fill-{k // step:03d}.jsonl"
            with part.open("w", encoding="utf-8") as f:
                for r in fillers(pool, min(step, n_fill - k), seed=k):
                    r["id"] = f"f{k + int(r['id'][1:]):07d}"
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            files.append(str(part))
    total = n_real + n_fill
    print(f"store: {n_real:,} real articles + {n_fill:,} synthetic fillers = {total:,}", flush=True)

    db = tmp / "store.db"
    out = RESULTS / f"corpus_sources_{args.size}.json"
    if db.exists() and out.exists():  # --dir of an earlier run: measure lookups again, keep its ingest figures
        res: dict[str, object] = {
            k: v
            for k, v in json.loads(out.read_text()).items()
            if k.startswith(("ingest", "bytes", "size", "real", "fillers", "vectors", "peak_rss_after"))
        }
        t_add = float(res["ingest_s"])  # type: ignore[arg-type]
        size = res["bytes"]  # type: ignore[assignment]
        n_vec = int(res["vectors"])  # type: ignore[call-overload]
        args.embed_sample = 0
        print(f"reusing the store in {tmp} and the ingest figures of {out}", flush=True)
    else:
        c = Corpus(db)
        t0 = time.perf_counter()
        for f in files:
            c.add([f])
            print(f"  added {f} ({time.perf_counter() - t0:.0f}s)", flush=True)
        t_add = time.perf_counter() - t0
        with Store(db) as st:
            size = st.nbytes()
            n_vec = len(st.index)
        res = {
            "size": total,
            "real": n_real,
            "fillers": n_fill,
            "vectors": n_vec,
            "ingest_s": t_add,
            "ingest_per_s": total / t_add,
            "bytes": size,
            "bytes_per_article": size["total"] / total,
            "peak_rss_after_ingest_mb": corpus_data.peak_rss_mb(),
        }
    print(
        f"ingest (add, no model): {total / t_add:,.0f} articles/s ({t_add:.0f}s); "
        f"{size['total'] / total:,.0f} bytes/article (SQLite {size['sqlite'] / total:,.0f}, vectors "
        f"{size['vectors'] / total:,.0f}); {n_vec:,} vectors",
        flush=True,
    )

    if args.embed_sample:
        sample = tmp / "embed-sample.jsonl"
        lines = corpus.read_text(encoding="utf-8").splitlines()[: args.embed_sample]
        sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
        get_encoder()  # load the model outside the timing
        t0 = time.perf_counter()
        Corpus(tmp / "embed.db").add([str(sample)], embed=True)
        t_emb = time.perf_counter() - t0
        t0 = time.perf_counter()
        Corpus(tmp / "plain.db").add([str(sample)])
        t_plain = time.perf_counter() - t0
        res["ingest_sample"] = {
            "articles": len(lines),
            "add_per_s": len(lines) / t_plain,
            "add_embed_per_s": len(lines) / t_emb,
        }
        print(
            f"ingest of {len(lines):,} articles: add {len(lines) / t_plain:,.0f}/s, "
            f"add --embed (default model) {len(lines) / t_emb:,.0f}/s",
            flush=True,
        )

    enc = get_encoder()
    s = cand.Settings()
    with Store(db) as st:
        rows = st.rows_of([p.retelling for p in planted][: args.queries])
        queries = [(p, st.get(p.retelling)) for p in planted[: args.queries] if p.retelling in rows]
        _ = st.index  # load once
        lat: dict[str, list[float]] = {"candidates": [], "lexical": [], "model_cold": [], "model_warm": []}
        hits: dict[str, int] = {k: 0 for k in lat}
        for p, art in queries:
            t0 = time.perf_counter()
            picked = cand.for_article(st, art, s, exclude=[rows[p.retelling]])
            lat["candidates"].append(time.perf_counter() - t0)
            ids = st.ids_of(picked)
            hits["candidates"] += p.original in ids.values()
            for name, lexical in (("lexical", True), ("model_cold", False), ("model_warm", False)):
                t0 = time.perf_counter()
                found = sources(st, art, lexical=lexical, encoder=None if lexical else enc, settings=s)
                lat[name].append(time.perf_counter() - t0)
                hits[name] += bool(found) and found[0].edge.b == p.original
    res["queries"] = len(queries)
    res["latency_ms"] = {
        k: {"p50": 1000 * statistics.median(v), "p95": 1000 * pct(v, 0.95), "mean": 1000 * statistics.fmean(v)}
        for k, v in lat.items()
    }
    res["hit_at_1"] = {k: v / len(queries) for k, v in hits.items()}
    res["hit_at_1"]["candidates"] = hits["candidates"] / len(queries)  # type: ignore[index]
    for k, v in res["latency_ms"].items():  # type: ignore[attr-defined]
        label = "original among candidates" if k == "candidates" else "original ranked first"
        print(
            f"sources {k:>11}: p50 {v['p50']:7.1f} ms  p95 {v['p95']:7.1f} ms  ({label}: {hits[k]}/{len(queries)})",
            flush=True,
        )
    res["peak_rss_mb"] = corpus_data.peak_rss_mb()
    RESULTS.mkdir(exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
