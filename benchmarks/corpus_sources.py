"""``retold sources`` latency with a large store, and ingest speed and size on the way there.

    .venv/bin/python benchmarks/corpus_sources.py --size 100000 [--queries 89] [--embed-sample 1000]

Builds a store of ``--size`` articles: the real-length news corpus of ``corpus_data.py`` (whole
articles with planted passages, edited passages, lightly edited articles and paraphrased articles;
about 26,500 real articles at most) topped up, when ``--size`` is larger, with filler articles of
real length: each filler copies the shape of a real article of the corpus (its paragraphs and
their sentence counts, its outlet and date) and fills every sentence slot with a real sentence
drawn at random from the whole pool, so from many different real articles. The pool holds only
articles that play no part in a planted pair, so no planted source or copy has its text repeated
by a filler. Every article goes through the normal ``add`` path (fingerprints, no model at ingest);
the hashed-vector index is built by the first default-mode lookup, before anything is timed. (Real
tiers run in minutes; the 1M tier takes hours.)

Then each planted copy with a known source (its kinds taken in turn) is looked up with ``sources``
in one warm process (the store opened once, the model loaded once; a CLI call adds about 1-2 s of
start-up): the candidate stage alone, the whole lookup with ``--lexical``, and the whole lookup
with the default model (first cold: candidate articles' sentences embedded and cached; then warm).
Prints p50/p95 and hit@1 (the planted source ranked first), ingest articles/s and bytes per
article; writes ``benchmarks/results/corpus_sources_<size>.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
import corpus_memory
import corpus_plant

RESULTS = Path(__file__).resolve().parent / "results"


def fillers(records: list[dict], planted: list[corpus_data.Planted], n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` real-length filler articles (see the module docstring), ids ``f0000000`` on."""
    rng = random.Random(seed)
    involved = {x for p in planted for x in (p.source, p.copy)}
    shapes, pool = [], []
    for r in records:
        if r["id"] not in involved:
            paras = corpus_plant.paragraphs(r["text"])
            shapes.append(([len(p) for p in paras], r["source"], r["published"]))
            pool += [s for p in paras for s in p]
    for k in range(n):
        counts, source, published = rng.choice(shapes)
        text = "\n\n".join(" ".join(rng.choice(pool) for _ in range(c)) for c in counts)
        yield {"id": f"f{k:07d}", "title": None, "text": text, "source": source, "published": published}


WORD = re.compile(r"\w+")


def ciphered(records: list[dict], planted: list[corpus_data.Planted], n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` filler articles that share no text with the corpus, ids ``f0000000`` on (``corpus_scan --fillers
    ciphered``). The pool is the real articles in no planted pair. Fillers come in rounds: each round takes the
    pool's articles in a new random order and writes each one through a new random bijection of the pool's
    vocabulary, which maps every word (lower-cased ``\\w+``; numbers among numbers, other words among other
    words) to one whose frequency rank in the pool is within a factor of two of its own (bands of ranks
    [2^k - 1, 2^(k+1) - 1)), and keeps its case pattern; everything between words (spaces, punctuation,
    paragraph breaks) is kept, and so are the outlet and the date.

    What stays real: each article's length, its paragraphs and sentences and their lengths, the word sequence up
    to renaming (so every word n-gram statistic, shingle and band collision rate of the pool, which a
    substitution cipher keeps), word frequencies within a factor of two, the outlets' boilerplate lines, and
    the reuse inside a round, which is the pool's own (its wire copies and shared quotes, at their real rate
    per article). What is not: the words themselves (the text reads as nonsense, so language-specific signals
    such as names and the function words of the top bands, which are few and mostly map among themselves, are
    only what chance leaves), and reuse across rounds or with the real articles, of which there is none
    beyond shared frequent words and the chance that a word maps to itself. The ``copied`` fillers
    (:func:`fillers`), by contrast, each share sentences with some 35 other articles."""
    rng = random.Random(seed)
    involved = {x for p in planted for x in (p.source, p.copy)}
    pool = [r for r in records if r["id"] not in involved]
    counts: Counter[str] = Counter(w.lower() for r in pool for w in WORD.findall(r["text"]))
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    numbers = [w for w in ranked if any(c.isdigit() for c in w)]
    words = [w for w in ranked if not any(c.isdigit() for c in w)]
    order: list[dict] = []
    table: dict[str, str] = {}
    for k in range(n):
        i = k % len(pool)
        if i == 0:
            order = rng.sample(pool, len(pool))
            table = {**_bijection(words, rng), **_bijection(numbers, rng)}
        r = order[i]
        text = _encipher(r["text"], table)
        yield {"id": f"f{k:07d}", "title": None, "text": text, "source": r["source"], "published": r["published"]}


def _encipher(text: str, table: dict[str, str]) -> str:
    """``text`` with every word replaced by its image under ``table`` (lower-cased keys), in the word's case."""
    return WORD.sub(lambda m: _cased(m.group(), table[m.group().lower()]), text)


def _bijection(ranked: list[str], rng: random.Random) -> dict[str, str]:
    """A random permutation of ``ranked`` (most frequent first) within bands of ranks [2^k - 1, 2^(k+1) - 1)."""
    out: dict[str, str] = {}
    lo, width = 0, 1
    while lo < len(ranked):
        band = ranked[lo : lo + width]
        out.update(zip(band, rng.sample(band, len(band)), strict=True))
        lo, width = lo + width, width * 2
    return out


def _cased(original: str, word: str) -> str:
    """``word`` (lower case) in the case pattern of ``original``: all capitals, a capital first, or as it is."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def queries(planted: list[corpus_data.Planted], n: int) -> list[corpus_data.Planted]:
    """Up to ``n`` planted pairs with a known source, the kinds taken in turn."""
    by_kind: dict[str, list[corpus_data.Planted]] = {}
    for p in planted:
        if p.directed:
            by_kind.setdefault(p.kind, []).append(p)
    mixed = [p for group in itertools.zip_longest(*by_kind.values()) for p in group if p is not None]
    return mixed[:n]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=89)
    ap.add_argument("--embed-sample", type=int, default=1000, help="articles to add with --embed (0: skip)")
    ap.add_argument("--dir", type=Path, help="work folder (default: a new temporary one)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from retold.corpus import Corpus, default_workers
    from retold.embed import get_encoder
    from retold.provenance import candidates as cand
    from retold.provenance.query import for_article
    from retold.provenance.scan import sources
    from retold.store.sqlite import Store

    tmp = args.dir or Path(tempfile.mkdtemp(prefix="retold-sources-"))
    tmp.mkdir(parents=True, exist_ok=True)
    planted = corpus_data.build(args.size, tmp, args.seed)
    corpus = tmp / "corpus.jsonl"
    records = corpus_data.read(corpus)
    n_real = len(records)
    files = [str(corpus)]
    n_fill = max(0, args.size - n_real)
    step = 100_000
    made = fillers(records, planted, n_fill) if n_fill and not (tmp / "store.db").exists() else None
    for k in range(0, n_fill, step):
        part = tmp / f"fill-{k // step:03d}.jsonl"
        files.append(str(part))
        if made is not None:
            with part.open("w", encoding="utf-8") as f:
                for r in itertools.islice(made, step):
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
    del records
    total = n_real + n_fill
    print(f"store: {n_real:,} real articles + {n_fill:,} real-length fillers = {total:,}", flush=True)

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
            c.add([f], workers=default_workers())
            print(f"  added {f} ({time.perf_counter() - t0:.0f}s)", flush=True)
        t_add = time.perf_counter() - t0
        with Store(db, write=True) as st:  # the vector index is built by its first use, and saved
            n_vec = len(st.index)
        with Store(db) as st:
            size = st.nbytes()
        res = {
            "size": total,
            "real": n_real,
            "fillers": n_fill,
            "vectors": n_vec,
            "ingest_s": t_add,
            "ingest_per_s": total / t_add,
            "bytes": size,
            "bytes_per_article": size["total"] / total,
            "peak_rss_after_ingest_mb": corpus_memory.peak_rss_mb(),
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
        asked = queries(planted, args.queries)
        rows = st.rows_of([p.copy for p in asked])
        looked = [(p, st.get(p.copy)) for p in asked if p.copy in rows]
        _ = st.index  # load once
        lat: dict[str, list[float]] = {"candidates": [], "lexical": [], "model_cold": [], "model_warm": []}
        hits: dict[str, int] = {k: 0 for k in lat}
        by_kind: dict[str, dict[str, int]] = {}
        for p, art in looked:
            kind = by_kind.setdefault(p.kind, {"n": 0, **{k: 0 for k in lat}})
            kind["n"] += 1
            t0 = time.perf_counter()
            picked = for_article(st, art, s, exclude=[rows[p.copy]])
            lat["candidates"].append(time.perf_counter() - t0)
            ids = st.ids_of(picked)
            hit = {"candidates": p.source in ids.values()}
            for name, lexical in (("lexical", True), ("model_cold", False), ("model_warm", False)):
                t0 = time.perf_counter()
                found = sources(st, art, lexical=lexical, encoder=None if lexical else enc, settings=s)
                lat[name].append(time.perf_counter() - t0)
                hit[name] = bool(found) and found[0].edge.b == p.source
            for k, v in hit.items():
                hits[k] += v
                kind[k] += v
    res["queries"] = len(looked)
    res["latency_ms"] = {
        k: {"p50": 1000 * statistics.median(v), "p95": 1000 * pct(v, 0.95), "mean": 1000 * statistics.fmean(v)}
        for k, v in lat.items()
    }
    res["hit_at_1"] = {k: v / len(looked) for k, v in hits.items()}
    res["hits_by_kind"] = by_kind
    for k, v in res["latency_ms"].items():  # type: ignore[attr-defined]
        label = "source among candidates" if k == "candidates" else "source ranked first"
        print(
            f"sources {k:>11}: p50 {v['p50']:7.1f} ms  p95 {v['p95']:7.1f} ms  ({label}: {hits[k]}/{len(looked)})",
            flush=True,
        )
    for kind, row in by_kind.items():
        print(f"  {kind:>18}: " + ", ".join(f"{k} {v}" for k, v in row.items()), flush=True)
    res["peak_rss_mb"] = corpus_memory.peak_rss_mb()
    RESULTS.mkdir(exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
