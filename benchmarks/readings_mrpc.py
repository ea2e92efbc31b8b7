"""MRPC's own labels as an independent check of ``numbers.different_readings`` (issue 15).

    .venv/bin/python benchmarks/readings_mrpc.py [--show N]

The rule reads two matched sentences as two reports (no figure, added clause or sense change read from them;
from a related match nothing) when each states two amounts or more and none is in common, or each an amount and
a time with none of either in common. MRPC's annotators
labelled each of its train pairs a paraphrase (1) or not (0), never seeing the rule: where the rule fires,
many more pairs should be labelled 0 than where it does not. Each pair is one match of all of A to all of B,
labelled ``paraphrase`` (as ``fidelity_eval.py`` reads them). MRPC's 1 is loose for figures: it takes many
share readings of two times of day for paraphrases (``--show`` prints the pairs labelled 1 the rule fires on).

Session 33: of the 4,076 train pairs, 1,232 state an amount on each side; the rule fires on 200 of them, 71%
labelled not a paraphrase, against 34% of the 1,032 it does not fire on (base rate over all pairs 32%).
Session 34, with an index's name left out of the amounts (numbers.figure_in_a_name) and three amounts or more a side
with one in common read as two reports too (numbers.one_figure_carried_over): fires on 244, 68% labelled not a
paraphrase (of the 43 pairs added, 23: 53%), against 33% of the 988 it does not fire on.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from retold.fidelity import numbers
from retold.fidelity._shared import doc_for
from retold.fidelity.numbers.readings import amounts
from retold.ingest import article_from_text
from retold.model import Match

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mrpc" / "mrpc.train.jsonl"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--show", type=int, default=0, help="print this many pairs labelled 1 that the rule fires on")
    args = p.parse_args()
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    fires, rest, shown = [0, 0], [0, 0], 0
    for r in rows:
        a, b = article_from_text(r["a"], id="a"), article_from_text(r["b"], id="b")
        da, db = doc_for(a), doc_for(b)
        m = Match(tuple(s.i for s in a.sentences), tuple(s.i for s in b.sentences), "paraphrase", 1.0)
        if not amounts(numbers.quantities(da, m.a)) or not amounts(numbers.quantities(db, m.b)):
            continue
        hit = numbers.other_reports(da, db, m)
        (fires if hit else rest)[int(r["label"])] += 1
        if hit and int(r["label"]) == 1 and shown < args.show:
            shown += 1
            print(f"  A: {r['a']}\n  B: {r['b']}\n")
    base = sum(int(r["label"]) == 0 for r in rows) / len(rows)
    print(f"{len(rows)} pairs; {sum(fires) + sum(rest)} with an amount on each side")
    print(f"rule fires on {sum(fires)}: {fires[0] / max(sum(fires), 1):.0%} labelled not a paraphrase")
    print(f"does not fire on {sum(rest)}: {rest[0] / max(sum(rest), 1):.0%} labelled not a paraphrase")
    print(f"base rate, all pairs: {base:.0%}")


if __name__ == "__main__":
    main()
