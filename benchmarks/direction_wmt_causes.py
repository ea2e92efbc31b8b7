"""Why WMT19 directions go wrong: each unmatched sentence's part in the score, by what it truly is and where it sits.

    .venv/bin/python benchmarks/direction_wmt_causes.py [--lexical] [--pseudo 11,19,22]

Every pseudo-article is compared with its own retelling (``evallib.wmt19``, as ``benchmarks/eval.py wmt19-docs``
builds them), the original as A. Each unmatched sentence the direction weighs (``direction.evidence``) is put in
one kind, known by construction: on the original's side a ``detail`` (a line the retelling dropped) or a
``fragment`` (a line the retelling kept, left unmatched by the alignment); on the retelling's side ``inserted``
(a line of another pseudo-article) or a ``fragment``. Its place is ``edge`` (before the first or after the last
matched sentence of its side) or ``inner``. Its contribution is its log odds (``direction_score.sentence_llr``)
signed so that > 0 points to the original as the source. For each kind and place: the mean contribution, the
share that points the wrong way, and the count; then the pairs whose score does not name the original, with their
unmatched sentences.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import retold
from evallib import wmt19
from evallib.common import Options
from evallib.data import default_path, read_jsonl
from evallib.direction_pairs import full_evidence
from retold.fidelity import direction as D
from retold.fidelity import direction_score as S


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexical", action="store_true", help="no sentence model")
    ap.add_argument("--pseudo", help="only these pseudo-articles (comma-separated numbers)")
    args = ap.parse_args(argv)
    opts = Options(lexical=args.lexical, quiet=True)
    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    ks = [int(x) for x in args.pseudo.split(",")] if args.pseudo else list(range(len(originals)))
    tally: dict[tuple[str, str], list[float]] = defaultdict(list)
    wrong = []
    for k in ks:
        r = retellings[k]
        a, la = wmt19.article(originals[k], f"orig-{k}")
        b, lb = wmt19.article(r.lines, f"retold-{k}")
        c = retold.compare(a, b, **{**opts.compare_kwargs(), "fidelity": True})
        ev = full_evidence(c, opts)
        model = D.direction_model(ev.mode)
        kept = {x for x in r.source if x is not None}
        lines = []
        for side, un, doc, where, core in (
            ("original", ev.unmatched_a, c.a, la, [i for m in c.matches for i in m.a]),
            ("retelling", ev.unmatched_b, c.b, lb, [j for m in c.matches for j in m.b]),
        ):
            for i, llr in zip(un.index, S.sentence_llr(un.rows, model), strict=True):
                if side == "original":
                    kind, toward = ("fragment" if where[i] in kept else "detail"), -float(llr)
                else:
                    kind, toward = ("inserted" if r.source[where[i]] is None else "fragment"), float(llr)
                place = "edge" if core and (i < min(core) or i > max(core)) else "inner"
                tally[(f"{side} {kind}", place)].append(toward)
                lines.append(f"    {side:9s} {kind:8s} {place:5s} {toward:+.2f} {doc.sentences[i].text[:90]}")
        s = S.score(ev)
        if s < model.margin:
            wrong.append((k, s, r.donor, lines))
    print(f"unmatched sentences of {len(ks)} WMT19 pairs ({'lexical' if opts.lexical else 'model'}), A = original:")
    print(f"  {'kind':20s} {'place':5s} {'toward truth':>12s} {'misleading':>10s} {'n':>4s}")
    for (kind, place), v in sorted(tally.items()):
        x = np.array(v)
        print(f"  {kind:20s} {place:5s} {x.mean():+12.2f} {float(np.mean(x < 0)):10.2f} {len(x):4d}")
    print(f"{len(wrong)} pairs whose score does not name the original:")
    for k, s, donor, lines in wrong:
        print(f"  pseudo-article {k} (inserted lines from {donor}): score {s:+.2f}")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
