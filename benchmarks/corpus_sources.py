"""``retold sources`` latency with a large store, and ingest speed and size on the way there.

    .venv/bin/python benchmarks/corpus_sources.py --size 100000 [--fillers ciphered|copied] [--queries 89]
        [--modes candidates,lexical,model] [--embed-sample 1000] [--dir FOLDER] [--part 100000]

Builds a store of ``--size`` articles: the real-length news corpus of ``corpus_data.py`` (whole articles with
planted passages, edited passages, lightly edited articles and paraphrased articles; 26,686 real articles at
most) topped up, when ``--size`` is larger, with real-length fillers, ids ``f0000000`` on: ``ciphered`` (the
default, as ``corpus_scan --fillers ciphered``: the pool's real articles through a word cipher, sharing no text
with the corpus; :func:`ciphered`) or ``copied`` (real sentences drawn at random into the shapes of real
articles, each sharing sentences with some 35 others; :func:`fillers`; session 16's figures). The pool holds
only articles in no planted pair. The fillers are streamed to part files of ``--part`` articles by a second
process while the parts before are added (a million fillers are some 4 GB: never held in memory), and every
article goes through the normal ``add`` path (fingerprints, no model at ingest), one part at a time with its
progress printed. The hashed-vector index is built after the adds only when ``--modes`` holds ``model`` (at
100,000 articles it is 2.5 M vectors, 1.4 GB; at a million some 28 M); ``--modes candidates,lexical`` needs none.

Then each planted copy with a known source (its kinds taken in turn) is looked up in one warm process (the
store opened once, the model loaded once; a CLI call adds about 1-2 s of start-up), in two passes over all of
them, ``first`` and ``again``: the candidate stage of ``sources --lexical`` (no vectors), the candidate stage
with the vector neighbours (with ``model``), the whole ``sources --lexical``, and the whole ``sources`` with the
default model (cold in the first pass: candidate articles' sentences embedded and cached). Prints p50/p95 (wall
and the process's CPU time, which a machine shared with other jobs inflates less) and
hit@1 (the planted source ranked first, or among the candidates), ingest articles/s, bytes per article and the
peak RSS of all processes; writes ``benchmarks/results/corpus_sources_<size>[_ciphered].json``. With ``--dir``
holding the store of an earlier run, only the lookups run again (its ingest figures are kept in the folder).
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import re
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
from corpus_lookups import lookups, measure_now, queries

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
SPLIT = re.compile(r"(\w+)")  # words at the odd places


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
    memo: dict[str, str] = {}
    for k in range(n):
        i = k % len(pool)
        if i == 0:
            order = rng.sample(pool, len(pool))
            table = {**_bijection(words, rng), **_bijection(numbers, rng)}
            memo = {}
        r = order[i]
        text = _encipher(r["text"], table, memo)
        yield {"id": f"f{k:07d}", "title": None, "text": text, "source": r["source"], "published": r["published"]}


def _encipher(text: str, table: dict[str, str], memo: dict[str, str] | None = None) -> str:
    """``text`` with every word replaced by its image under ``table`` (lower-cased keys), in the word's case;
    ``memo`` keeps each cased word's image for the round (3.0x faster than a substitution calling back for each
    word: 3,670 against 1,230 articles/s, the same text; a million fillers are then minutes, not an hour)."""
    memo = {} if memo is None else memo
    parts = SPLIT.split(text)
    for i in range(1, len(parts), 2):
        w = parts[i]
        out = memo.get(w)
        if out is None:
            out = memo[w] = _cased(w, table[w.lower()])
        parts[i] = out
    return "".join(parts)


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


FILLERS = {"copied": fillers, "ciphered": ciphered}
MODES = ("candidates", "lexical", "model")


def write_parts(made: Iterator[dict], files: list[Path], step: int) -> None:
    """Stream the fillers to ``files``, ``step`` a file, each written under a temporary name and renamed when
    whole (the adder waits for the name), so a million fillers are never held in memory."""
    for part in files:
        tmp = part.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for r in itertools.islice(made, step):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        tmp.rename(part)
    hwm = corpus_memory._status_kib(os.getpid(), "VmHWM:") / 1024
    print(f"  filler writer done, its peak RSS {hwm:,.0f} MB (counted in the ingest's all-processes peak)", flush=True)


def ingest(db: Path, files: list[Path], writer: multiprocessing.Process | None, vectors: bool) -> dict:
    """Add ``files`` in turn (a filler part as soon as its writer has renamed it), printing progress; build the
    vector index only when ``vectors`` (the default-model lookups need it). Ingest figures, for ``--dir`` reruns."""
    from retold.corpus import Corpus, default_workers
    from retold.store.sqlite import Store

    c = Corpus(db)
    t_add = 0.0
    n = 0
    with corpus_memory.TreeMemory() as mem:
        for f in files:
            while not f.exists():  # the writer is still on it
                if writer is not None and not writer.is_alive() and not f.exists():
                    raise SystemExit(f"the filler writer stopped before {f}")
                time.sleep(1)
            t0 = time.perf_counter()
            report = c.add([str(f)], workers=default_workers())
            t_add += time.perf_counter() - t0
            n += len(report.added)
            print(f"  added {f.name}: {n:,} articles, {t_add:.0f}s of add, {n / t_add:,.0f}/s", flush=True)
        t_index = 0.0
        n_vec = 0
        if vectors:
            t0 = time.perf_counter()
            with Store(db, write=True) as st:  # the vector index is built by its first use, and saved
                n_vec = len(st.index)
            t_index = time.perf_counter() - t0
    with Store(db) as st:
        size = st.nbytes()
        total = len(st)
    return {
        "size": total,
        "vectors": n_vec,
        "ingest_s": t_add,
        "ingest_per_s": total / t_add,
        "index_s": t_index,
        "bytes": size,
        "bytes_per_article": size["total"] / total,
        "peak_rss_ingest_mb": mem.peak_mb,
        "peak_pss_ingest_mb": mem.pss_mb,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=89)
    ap.add_argument("--fillers", choices=sorted(FILLERS), default="ciphered")
    ap.add_argument(
        "--modes",
        default=",".join(MODES),
        help="what to time, of candidates,lexical,model (without model no vector index is built and the candidate "
        "stage is the one of sources --lexical)",
    )
    ap.add_argument("--part", type=int, default=100_000, help="fillers a part file (one add each)")
    ap.add_argument("--embed-sample", type=int, default=1000, help="articles to add with --embed (0: skip)")
    ap.add_argument("--dir", type=Path, help="work folder (default: a new temporary one); a store in it is reused")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--now",
        action="store_true",
        help="only the lookups, on the store in --dir as it is (an add may still be running into it: readers take "
        "no lock), written to --dir/lookups-<articles>.json; not with the model (a reader would build the index)",
    )
    args = ap.parse_args()
    modes = set(args.modes.split(","))
    if not modes or modes - set(MODES):
        ap.error(f"--modes takes a comma-separated subset of {','.join(MODES)}")
    model = "model" in modes
    load = os.getloadavg()

    tmp = args.dir or Path(tempfile.mkdtemp(prefix="retold-sources-"))
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "store.db"
    saved = tmp / "ingest.json"
    if args.now:
        if not db.exists() or model:
            ap.error("--now needs --dir holding a store, and --modes without model")
        measure_now(db, args.size, modes, args.queries, args.seed, load)
        return
    reuse = db.exists() and saved.exists()
    planted = corpus_data.build(args.size, tmp, args.seed)  # the same corpus every time: the queries' copies
    corpus = tmp / "corpus.jsonl"
    records = corpus_data.read(corpus)
    n_real = len(records)
    n_fill = max(0, args.size - n_real)
    parts = [tmp / f"fill-{k // args.part:03d}.jsonl" for k in range(0, n_fill, args.part)]
    writer = None
    if n_fill and not reuse:
        for f in parts:
            f.unlink(missing_ok=True)
        made = FILLERS[args.fillers](records, planted, n_fill)
        writer = multiprocessing.get_context("fork").Process(target=write_parts, args=(made, parts, args.part))
        writer.start()  # the fillers are written while the real articles and the parts before are added
    del records
    total = n_real + n_fill
    print(f"store: {n_real:,} real articles + {n_fill:,} {args.fillers} fillers = {total:,}", flush=True)

    tag = f"_{args.fillers}" if n_fill and args.fillers == "ciphered" else ""
    out = RESULTS / f"corpus_sources_{args.size}{tag}.json"
    if reuse:
        res: dict[str, object] = json.loads(saved.read_text())
        args.embed_sample = 0
        print(f"reusing the store in {tmp} and its ingest figures", flush=True)
    else:
        res = {
            "real": n_real,
            "fillers": n_fill,
            "filler_kind": args.fillers,
            **ingest(db, [corpus, *parts], writer, model),
        }
        if writer is not None:
            writer.join()
        saved.write_text(json.dumps(res, indent=2) + "\n")
    if model and not res["vectors"]:
        from retold.store.sqlite import Store

        t0 = time.perf_counter()
        with Store(db, write=True) as st:
            res["vectors"] = len(st.index)
        res["index_s"] = time.perf_counter() - t0
        saved.write_text(json.dumps(res, indent=2) + "\n")
    size = res["bytes"]
    print(
        f"ingest (add, no model): {res['ingest_per_s']:,.0f} articles/s ({res['ingest_s']:.0f}s); "
        f"{size['total'] / total:,.0f} bytes/article (SQLite {size['sqlite'] / total:,.0f}, vectors "  # type: ignore[index]
        f"{size['vectors'] / total:,.0f}); {res['vectors']:,} vectors (index built in {res['index_s']:.0f}s); "  # type: ignore[index]
        f"peak RSS of all processes {res['peak_rss_ingest_mb']:,.0f} MB",
        flush=True,
    )
    if model and args.embed_sample:
        res["ingest_sample"] = embed_sample(corpus, tmp, args.embed_sample)
    res.update(lookups(db, queries(planted, args.queries), modes))
    res["modes"] = sorted(modes)
    res["load_before"] = load
    res["load_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n")
    print(f"wrote {out}")


def embed_sample(corpus: Path, tmp: Path, n: int) -> dict[str, float]:
    """Ingest speed of the first ``n`` articles with and without the default model, in stores of their own."""
    from retold.corpus import Corpus
    from retold.embed import get_encoder

    sample = tmp / "embed-sample.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()[:n]
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    get_encoder()  # load the model outside the timing
    t0 = time.perf_counter()
    Corpus(tmp / "embed.db").add([str(sample)], embed=True)
    t_emb = time.perf_counter() - t0
    t0 = time.perf_counter()
    Corpus(tmp / "plain.db").add([str(sample)])
    t_plain = time.perf_counter() - t0
    print(f"ingest of {len(lines):,} articles: add {len(lines) / t_plain:,.0f}/s, --embed {len(lines) / t_emb:,.0f}/s")
    return {"articles": len(lines), "add_per_s": len(lines) / t_plain, "add_embed_per_s": len(lines) / t_emb}


if __name__ == "__main__":
    main()
