"""Direction from the text alone on real copies: news_allsides pairs of two outlets sharing a paragraph.

    .venv/bin/python benchmarks/natural_direction.py [--lexical]

The pairs are ``corpus_data.natural_pairs`` (a paragraph of 30+ words verbatim at two outlets) whose two
articles carry different dates; the earlier one is taken as the source. Each pair is compared with its dates
removed, so only the text evidence (credits, what each side adds or leaves out, how each reads) decides. The
figure says how far the direction can be trusted where a collection has no dates.
"""

from __future__ import annotations

import argparse
from collections import Counter

import corpus_data
import retold
from retold.ingest.dates import parse_date


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--lexical", action="store_true", help="compare without the model")
    args = ap.parse_args()
    arts = {a["id"]: a for a in corpus_data.news()[0]}
    calls: Counter[str] = Counter()
    for p in corpus_data.natural_pairs():
        first, second = arts[p.source], arts[p.copy]
        d1, d2 = parse_date(first["published"]), parse_date(second["published"])
        if not (d1 and d2 and d1 < d2):
            continue
        a, b = (
            retold.article_from_text(x["text"], id=x["id"], title=x.get("title"), source=x["source"])
            for x in (first, second)
        )
        direction = retold.compare(a, b, lexical=args.lexical).verdict.direction
        calls[{"a_to_b": "right", "b_to_a": "wrong"}.get(direction, direction)] += 1
    n = sum(calls.values())
    named = calls["right"] + calls["wrong"]
    print(f"{n} pairs with two dates, dates removed ({'lexical' if args.lexical else 'default model'}): {dict(calls)}")
    print(f"right {calls['right']} of {n} ({calls['right'] / max(1, n):.2f}); of the {named} that name a source "
          f"{calls['right'] / max(1, named):.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
