"""Disguised copies: does retold see through them, and does the ``disguised_text`` flag stay off clean text?

    python benchmarks/disguise_eval.py [--lexical] [--articles 200]

1. The seed retelling (003) disguised four ways (Cyrillic look-alikes in 30 % of words with zero-width
   spaces and soft hyphens, Greek look-alikes, full-width letters, zero-width joiners inside 20 % of
   words), each compared with the seed article (000): the seed test's 19 alignment expectations met, the
   flag raised, and findings other than the flag added or lost against the undisguised retelling.
2. Every article of the shared news collections, as published: on how many the flag would fire.
3. ``--articles`` real articles disguised each way: on how many the flag fires and the normal text is
   unchanged by the disguise.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import retold
from retold.fidelity.disguise import disguised
from retold.ingest import article_from_text, read_article
from retold.text.confusables import DISGUISES, disguise, scan
from retold.text.normalise import normalise

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RETOLD_SHARED", ROOT.parent / "shared"))
SHARE = {"cyrillic": 0.3, "greek": 0.3, "fullwidth": 0.3, "zwj": 0.2}


def _tests_module(rel: str) -> object:
    spec = importlib.util.spec_from_file_location("_m", ROOT / rel)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def seeds(lexical: bool) -> None:
    t = _tests_module("tests/fidelity/test_fidelity_disguise.py")
    a = read_article(str(next((SHARED / "seeds").glob("000_*.txt"))))
    text_b = next((SHARED / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    plain = retold.compare(a, article_from_text(text_b, id="003"), lexical=lexical)
    base = t._findings(plain)  # type: ignore[attr-defined]
    print(f"seed pair, {'lexical' if lexical else 'model'} mode")
    print(f"  {'undisguised':<12} expectations {t.expectations_met(plain)}/19  flags {sum(base.values())}")  # type: ignore[attr-defined]
    for how in DISGUISES:
        hidden = disguise(text_b, how, share=SHARE[how], seed=3)
        c = retold.compare(a, article_from_text(hidden, id="x"), lexical=lexical)
        got = t._findings(c)  # type: ignore[attr-defined]
        extra, lost = sum((got - base).values()), sum((base - got).values())
        flag = next((f for f in c.flags if f.kind == "disguised_text"), None)
        print(
            f"  {how:<12} expectations {t.expectations_met(c)}/19  disguised_text "  # type: ignore[attr-defined]
            f"{'yes' if flag else 'NO'}  other findings +{extra} -{lost}" + (f"  ({flag.note})" if flag else "")
        )


def clean() -> None:
    total = fired = 0
    why: Counter[str] = Counter()
    t0 = time.perf_counter()
    for path in sorted(glob.glob(str(SHARED / "data/news_*/*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                d = scan(f"{r.get('title') or ''}\n\n{r['text']}")
                total += 1
                if disguised(d):
                    fired += 1
                    why["look-alikes" if d.lookalike >= 2 else "wide" if d.wide >= d.invisible else "invisible"] += 1
    secs = time.perf_counter() - t0
    ms = 1000 * secs / total
    print(f"clean news articles: flag on {fired} of {total:,} ({dict(why)}); scan {ms:.2f} ms an article")


def real(n: int) -> None:
    texts = []
    with open(SHARED / "data/news_allsides/allsides.jsonl", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) == n:
                break
    for how in DISGUISES:
        flagged = same = 0
        for k, text in enumerate(texts):
            hidden = disguise(text, how, share=SHARE[how], seed=k)
            flagged += disguised(scan(hidden))
            same += normalise(hidden).text == normalise(text).text
        print(f"  {how:<10} {n} real articles: flagged {flagged}, normal text unchanged {same}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexical", action="store_true")
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    if not (SHARED / "seeds").is_dir():
        sys.exit(f"{SHARED}/seeds is absent: this benchmark needs the shared seeds and data")
    seeds(args.lexical)
    clean()
    print("disguised real articles:")
    real(args.articles)


if __name__ == "__main__":
    main()
