"""Direction from the text alone on real copies: news_allsides pairs of two outlets sharing a paragraph.

    .venv/bin/python benchmarks/natural_direction.py [--lexical]

The pairs are ``corpus_data.natural_pairs`` (a paragraph of 30+ words verbatim at two outlets). Each pair is
compared with its dates removed, so only the text evidence (credits, what each side adds or leaves out, how
each reads) decides. Of those whose two articles carry different dates, the earlier one is taken as the
source: the figure says how far the direction can be trusted where a collection has no dates. Then every
pair by what it shares (``corpus_data.natural_kinds``): two outlets that embed one tweet or quote one
statement took it from the speaker, not from each other, so a source named there is a false claim; where
they share an outlet's prose, one took it from the other.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

import corpus_data
import retold
from retold.ingest.dates import parse_date


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--lexical", action="store_true", help="compare without the model")
    args = ap.parse_args()
    arts = {a["id"]: a for a in corpus_data.news()[0]}
    kinds = corpus_data.natural_kinds()
    calls: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for p in corpus_data.natural_pairs():
        first, second = arts[p.source], arts[p.copy]
        a, b = (
            retold.article_from_text(x["text"], id=x["id"], title=x.get("title"), source=x["source"])
            for x in (first, second)
        )
        direction = retold.compare(a, b, lexical=args.lexical).verdict.direction
        kind = kinds[(min(p.source, p.copy), max(p.source, p.copy))]
        by_kind[kind]["pairs"] += 1
        by_kind[kind]["source named"] += direction in ("a_to_b", "b_to_a")
        d1, d2 = parse_date(first["published"]), parse_date(second["published"])
        if d1 and d2 and d1 < d2:
            calls[{"a_to_b": "right", "b_to_a": "wrong"}.get(direction, direction)] += 1
    n = sum(calls.values())
    named = calls["right"] + calls["wrong"]
    print(f"{n} pairs with two dates, dates removed ({'lexical' if args.lexical else 'default model'}): {dict(calls)}")
    print(f"right {calls['right']} of {n} ({calls['right'] / max(1, n):.2f}); of the {named} that name a source "
          f"{calls['right'] / max(1, named):.2f}")  # fmt: skip
    for kind in ("tweet", "quotation", "boilerplate", "prose"):
        c = by_kind[kind]
        print(f"{kind}: a source named in {c['source named']} of {c['pairs']} pairs")


if __name__ == "__main__":
    main()
