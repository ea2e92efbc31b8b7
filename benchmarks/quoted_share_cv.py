"""Choose by blocked cross-validation the quoted share above which the direction names no source, and the weight of
a paraphrased pair's shared words in that share.

    .venv/bin/python benchmarks/quoted_share_cv.py [--lifts 200] [--folds 5] [--lexical-only]

Two articles whose shared words are mostly quoted in both (``retold.fidelity.common_quotes``) may each have
taken them from the speaker; ``direction.QUOTED_MOST`` is the share above which no source is named. Pairs,
compared in both modes (``--lexical`` and the default model, which reads more of the outlets' own sentences
as paraphrase: one threshold serves both) and no dates, the rule off (every call as the text evidence makes it):
- copies, truth known: ``lifts`` and ``condensed`` of ``benchmarks/direction_cv.py`` (real news_allsides
  passages and retellings, quotes and all), and the natural pairs that share an outlet's prose and carry two
  dates (the earlier one the source);
- common sources: the natural pairs that share only an embedded tweet or a quoted statement
  (``corpus_data.natural_kinds``), where any source named is false.
A threshold scores +1 for a right call it keeps, -1 for a wrong call it keeps (a source named on a common
source is wrong), 0 for a call it withholds. Fold i holds out the i-th contiguous block of each set; the
threshold and ``common_quotes.PARAPHRASE_WEIGHT`` are chosen together on the other blocks (ties: the highest
weight, then the highest threshold, withholding least) and scored on the held-out one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_data
import direction_cv as cv
import retold
from evallib.common import progress
from retold.fidelity import common_quotes as Q
from retold.fidelity import direction as D
from retold.fidelity._shared import Doc, doc_for
from retold.ingest.dates import parse_date
from retold.model import Match

GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)  # 1.0: never withhold
WEIGHTS = (0.0, 0.05, 0.1, 0.25, 0.5, 1.0)  # of a paraphrased (or translated) pair's shared words
Row = tuple[dict[float, float], int]  # (quoted share by weight, +1 right call / -1 wrong call / 0 no source named)


def _shares(da: Doc, db: Doc, matches: Sequence[Match]) -> dict[float, float]:
    """The quoted share at each of ``WEIGHTS``."""
    out = {}
    for w in WEIGHTS:
        Q.WEIGHTS.update(paraphrase=w, translation=w)
        out[w] = Q.quoted_share(da, db, matches)
    Q.WEIGHTS.update(paraphrase=Q.PARAPHRASE_WEIGHT, translation=Q.PARAPHRASE_WEIGHT)
    return out


def _natural() -> tuple[list[tuple[object, object, bool]], list[tuple[object, object, bool]]]:
    """(prose pairs with two dates, as (source, copy, True); tweet and quotation pairs)."""
    arts = {a["id"]: a for a in corpus_data.news()[0]}
    kinds = corpus_data.natural_kinds()
    prose, common = [], []
    for p in corpus_data.natural_pairs():
        a, b = (
            retold.article_from_text(arts[x]["text"], id=x, title=arts[x].get("title"), source=arts[x]["source"])
            for x in (p.source, p.copy)
        )
        kind = kinds[(min(p.source, p.copy), max(p.source, p.copy))]
        d1, d2 = parse_date(arts[p.source]["published"]), parse_date(arts[p.copy]["published"])
        if kind == "prose" and d1 and d2 and d1 < d2:
            prose.append((a, b, True))
        elif kind in ("tweet", "quotation"):
            common.append((a, b, True))
    return prose, common


def rows(pairs: list[tuple[object, object, bool]], label: str, common: bool, lexical: bool = True) -> list[Row]:
    out = []
    for src, copy, forward in progress(pairs, len(pairs), label):
        a, b = (src, copy) if forward else (copy, src)
        c = retold.compare(a, b, lexical=lexical)  # type: ignore[arg-type]
        named = c.verdict.direction in ("a_to_b", "b_to_a")
        right = c.verdict.direction == ("a_to_b" if forward else "b_to_a")
        call = 0 if not named else -1 if common else 1 if right else -1
        out.append((_shares(doc_for(c.a), doc_for(c.b), c.matches), call))
    return out


def utility(data: list[Row], w: float, t: float) -> int:
    return sum(call for q, call in data if q[w] <= t)


def best(data: list[Row], weights: tuple[float, ...] = WEIGHTS) -> tuple[float, float]:
    return max(((w, t) for w in weights for t in GRID), key=lambda wt: (utility(data, *wt), wt))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lifts", type=int, default=200)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--lexical-only", action="store_true", help="compare without the model only (faster)")
    args = ap.parse_args()
    D.QUOTED_MOST = 2.0  # the rule off: every call as the text evidence makes it
    prose, common = _natural()
    sets = {}
    for lexical in (True,) if args.lexical_only else (True, False):
        mode = "lexical" if lexical else "model"
        sets |= {
            f"{mode} lifts": rows(list(cv._lifts(args.lifts)), "lifts", False, lexical),
            f"{mode} condensed": rows(list(cv._condensed(args.lifts // 2)), "condensed", False, lexical),
            f"{mode} natural prose": rows(prose, "natural prose", False, lexical),
            f"{mode} natural tweet/quotation": rows(common, "natural common", True, lexical),
        }
    for name, data in sets.items():
        for w in WEIGHTS:
            print(
                f"{name}: {len(data)} pairs; weight {w}, utility by threshold", {t: utility(data, w, t) for t in GRID}
            )
    held = in_full = 0
    for i in range(args.folds):
        train, test = [], []
        for data in sets.values():
            lo, hi = len(data) * i // args.folds, len(data) * (i + 1) // args.folds
            test += data[lo:hi]
            train += data[:lo] + data[hi:]
        chosen = best(train)
        held += utility(test, *chosen)
        in_full += utility(test, *best(train, (1.0,)))
        print(
            f"fold {i}: chosen weight, threshold {chosen}, held-out utility {utility(test, *chosen)} "
            f"(never withholding: {utility(test, 1.0, 1.0)})"
        )
    everything = [r for data in sets.values() for r in data]
    print(
        f"held-out utility over the folds: {held} (every shared word in full, the threshold alone chosen: {in_full}; "
        f"never withholding: {utility(everything, 1.0, 1.0)})"
    )
    print(f"chosen on all pairs (weight, threshold): {best(everything)}")


if __name__ == "__main__":
    main()
