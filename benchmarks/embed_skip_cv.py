"""Could a model scan embed only the sentences that share words with the other article? (issue 14, session 50)

    .venv/bin/python benchmarks/embed_skip_cv.py STORE_DB [--blocks 5]

``STORE_DB`` is a store scanned with the default model (``embed_needed.py --keep DIR``: every verified article's
vectors stored whole). Each pair the model verified is verified again from the stored vectors (no model runs),
first as stored (it must give the stored edge), then with the vectors of the sentences a rule calls unmatchable
set to zero (cosine 0 with everything): a sentence of A is embedded when at least ``least`` of its content terms
(``terms.content_terms``), and at least ``share`` of them, occur in B, and the same for B (``gate.matchable``).
A pair whose masked verdict is reuse is verified again with every vector (its verdict is then the stored one), so
the only loss is a stored reuse edge whose masked verdict is not reuse. Sentences saved: those of the articles
that are in no such reuse pair and that no pair needs.

The rule's ``(least, share)`` is chosen by cross-validation over contiguous blocks of the pairs (in the order of
their first article's row): on the training blocks, the one that saves the most with no reuse edge lost; its
figures on the held-out block are printed.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from retold.embed.onnx import DEFAULT_DIM, DEFAULT_NAME
from retold.provenance.gate import matchable
from retold.provenance.jobs import REUSE, job_of, side, verify
from retold.store.sqlite import Store

# (least, share): at least ``least`` of a sentence's content terms, and at least ``share`` of them, occur in the other
# article (``gate.matchable``)
KS = tuple((k, f) for k in (1, 2) for f in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--blocks", type=int, default=5)
    args = ap.parse_args()
    mode = f"model:{DEFAULT_NAME}"
    with Store(args.db) as st:
        edges = [e for e in st.each_edge(mode) if e.evidence.get("model") and "settled" not in e.evidence]
        rows = sorted({r for e in edges for r in (e.a_row, e.b_row)})
        arts = st.articles_by_row(rows)
        vecs = st.model_vectors(rows, DEFAULT_NAME, DEFAULT_DIM)
    edges.sort(key=lambda e: (min(e.a_row, e.b_row), max(e.a_row, e.b_row)))
    print(f"{len(edges)} pairs verified by the model, {len(rows)} articles, {sum(len(v) for v in vecs.values())} sents")
    # per pair and k: the masked verdict, and the sentences (article rows, indices) the pair needs embedded
    results: list[dict[int, tuple[bool, dict[int, set[int]]]]] = []
    same = 0
    for e in edges:
        bp = e.evidence.get("boilerplate", {})
        sa, sb = side(arts[e.a_row], set(bp.get("a", ()))), side(arts[e.b_row], set(bp.get("b", ())))
        job = job_of(sa, sb)
        assert job is not None
        full = job.with_vectors((vecs[e.a_row], vecs[e.b_row]), DEFAULT_NAME)
        edge, _ = verify(full)
        same += edge.relation == e.edge.relation and abs(edge.score - e.edge.score) < 1e-9
        per_k = {}
        for k in KS:
            ma, mb = matchable(job.a, job.b, share=k[1], least=k[0])
            va, vb = full.vectors  # type: ignore[misc]
            masked = full.__class__(**{**full.__dict__, "vectors": (va * ma[:, None], vb * mb[:, None])})
            got, _ = verify(masked)
            need = {
                e.a_row: {sa.keep[i] for i in np.flatnonzero(ma)},
                e.b_row: {sb.keep[i] for i in np.flatnonzero(mb)},
            }
            per_k[k] = (got.relation in REUSE, need)
        results.append(per_k)
    print(f"verified again from the stored vectors: {same} of {len(edges)} give the stored relation and score")
    reuse = [e.edge.relation in REUSE for e in edges]

    def figures(idx: list[int], k: int) -> tuple[int, int, int]:
        """Reuse edges lost, sentences embedded with the rule, sentences embedded without, over the pairs ``idx``
        (an article counted in the block of its first pair)."""
        lost = sum(1 for i in idx if reuse[i] and not results[i][k][0])
        need: dict[int, set[int] | None] = defaultdict(set)
        for i in idx:
            again, per = results[i][k]
            for r, s in per.items():
                if again or need[r] is None:
                    need[r] = None
                else:
                    need[r] |= s  # type: ignore[operator]
        first = {}
        for i in range(len(edges)):
            for r in (edges[i].a_row, edges[i].b_row):
                first.setdefault(r, i)
        mine = set(idx)
        arts_here = [r for r in need if first[r] in mine]
        total = sum(len(arts[r].sentences) for r in arts_here)
        kept = sum(len(arts[r].sentences) if need[r] is None else len(need[r]) for r in arts_here)
        return lost, kept, total

    everything = list(range(len(edges)))
    for k in KS:
        lost, kept, total = figures(everything, k)
        print(f"rule={k}: all pairs: {lost} of {sum(reuse)} reuse edges lost; {kept}/{total} sentences embedded "
              f"({1 - kept / total:.1%} fewer)")  # fmt: skip
    n = len(edges)
    cuts = [round(n * b / args.blocks) for b in range(args.blocks + 1)]
    blocks = [list(range(cuts[b], cuts[b + 1])) for b in range(args.blocks)]
    held_lost = held_kept = held_total = 0
    for b, test in enumerate(blocks):
        train = [i for j, blk in enumerate(blocks) if j != b for i in blk]
        ok = [k for k in KS if figures(train, k)[0] == 0]
        k = max(ok, key=lambda k: 1 - figures(train, k)[1] / figures(train, k)[2]) if ok else min(KS)
        lost, kept, total = figures(test, k)
        held_lost, held_kept, held_total = held_lost + lost, held_kept + kept, held_total + total
        print(f"block {b}: chose rule={k} on the others; held out: {lost} of {sum(reuse[i] for i in test)} reuse edges "
              f"lost, {kept}/{total} sentences embedded ({1 - kept / max(total, 1):.1%} fewer)")  # fmt: skip
    print(f"held out, all blocks: {held_lost} reuse edges lost, {held_kept}/{held_total} sentences embedded "
          f"({1 - held_kept / held_total:.1%} fewer)")  # fmt: skip


if __name__ == "__main__":
    main()
