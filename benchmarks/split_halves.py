"""Split lines left half-matched: how often, and which test of the aligner's join pass refuses the half.

    .venv/bin/python benchmarks/split_halves.py [--lexical] [--blocks]

On WMT19's pseudo-articles (``evallib.wmt19``, each original against its own retelling, the original as A) the
truth is known per line: a retelling line retells one original line, and a line the sentence splitter cuts in two
maps both its sentences to that line. A *split half* is a sentence of such a line (on either side) that is matched
with no sentence of its counterpart line while a sibling sentence of its line is. For each, the first test of the
join pass (``retold.align.align``) that refuses it: ``elsewhere`` (it lies in another group), ``related pair``
(the sibling's group is a pair the last pass paired up, under the anchor threshold, which only a half that says
mostly the partner's words may join), ``best outside`` (its best partner is not in the sibling's group), ``below
join`` (that link is under the join threshold), ``not adjacent``, ``exact group`` (the group's pair has the same
words), ``explains nothing`` (``_explains``), or ``other`` (none of these: a later pass). Each run also prints the
sentence-pair precision, recall and F1 against the truth. ``--blocks`` prints the count per contiguous block of the even
pseudo-articles (5 blocks) and on the odd ones; ``--cv`` chooses ``align.HALF_WORDS`` on those blocks.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import retold
from evallib import wmt19
from evallib.common import Options
from evallib.data import default_path, read_jsonl
from retold.align import align as A
from retold.align.label import distinct_links

BLOCKS = 5
CANDIDATES = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 1.01)  # HALF_WORDS; 1.01: no split half joins a related pair


def halves(
    k: int, originals: list[list[str]], r: wmt19.Retelling, opts: Options
) -> tuple[list[tuple[str, str]], tuple[int, int, int]]:
    """(side, reason) of every split half of pseudo-article ``k``'s pair, and the sentence pairs (right, matched,
    true) of its alignment."""
    a, la = wmt19.article(originals[k], f"orig-{k}")
    b, lb = wmt19.article(r.lines, f"retold-{k}")
    c = retold.compare(a, b, **opts.compare_kwargs())
    ta, tb = [s.norm for s in a.sentences], [s.norm for s in b.sentences]
    va = vb = None
    if not opts.lexical:
        v = opts.encoder().encode([*ta, *tb])
        va, vb = v[: len(ta)], v[len(ta) :]
    pm = distinct_links(ta, tb, va, vb)
    link = A.link_scores(pm)
    t = A.LEXICAL_THRESHOLDS if opts.lexical else A.MODEL_THRESHOLDS
    terms = (pm.terms_a, pm.terms_b)
    group_a = {i: m for m in c.matches for i in m.a}
    group_b = {j: m for m in c.matches for j in m.b}
    gold = {(i, j) for i in range(len(la)) for j in range(len(lb)) if r.source[lb[j]] == la[i]}
    pred = {(i, j) for m in c.matches for i in m.a for j in m.b}
    out = []
    for line_b, line_a in enumerate(r.source):
        if line_a is None:
            continue
        sa = [i for i, x in enumerate(la) if x == line_a]
        sb = [j for j, x in enumerate(lb) if x == line_b]
        if len(sa) + len(sb) <= 2:
            continue
        for side, mine, theirs, groups in (("original", sa, sb, group_a), ("retelling", sb, sa, group_b)):
            if len(mine) < 2:
                continue
            other = "b" if side == "original" else "a"
            hit = {x for x in mine if x in groups and set(getattr(groups[x], other)) & set(theirs)}
            if not hit:
                continue
            for x in sorted(set(mine) - hit):
                sib = next(iter(hit))
                g = groups[sib]
                gown, gother = (set(g.a), set(g.b)) if side == "original" else (set(g.b), set(g.a))
                row = link[x] if side == "original" else link[:, x]
                best = int(np.argmax(row))
                s = float(row[best])
                exact = any(bool(pm.same[i, j]) for i in g.a for j in g.b)
                if x in groups:
                    why = "elsewhere"
                elif float(g.evidence["link"]) < t.anchor:
                    why = "related pair"
                elif best not in gother:
                    why = "best outside"
                elif s < t.join:
                    why = "below join"
                elif not A._adjacent(x, gown) and s < t.strong_join:
                    why = "not adjacent"
                elif exact:
                    why = "exact group"
                elif not A._explains(terms, x, gown, gother, 0 if side == "original" else 1):
                    why = "explains nothing"
                else:
                    why = "other"
                out.append((side, why))
    return out, (len(gold & pred), len(pred), len(gold))


def prf(per: dict[int, tuple[list[tuple[str, str]], tuple[int, int, int]]], ks: Iterable[int]) -> str:
    """Sentence-pair precision, recall and F1 pooled over the pairs ``ks``."""
    hit, n_pred, n_gold = (sum(per[k][1][x] for k in ks) for x in range(3))
    p, r = hit / max(1, n_pred), hit / max(1, n_gold)
    return f"sentence pairs P {p:.4f} R {r:.4f} F1 {2 * p * r / max(1e-9, p + r):.4f}"


def f1(per: dict[int, tuple[list[tuple[str, str]], tuple[int, int, int]]], ks: list[int]) -> float:
    hit, n_pred, n_gold = (sum(per[k][1][x] for k in ks) for x in range(3))
    return 2 * hit / max(1, n_pred + n_gold)


def cv(originals: list[list[str]], retellings: list[wmt19.Retelling], opts: Options) -> None:
    """``HALF_WORDS`` chosen on 4 of 5 contiguous blocks of the even pseudo-articles (sentence-pair F1; ties: the
    larger share, the fewer joins), scored on the fifth; then on all even ones and scored on the odd ones."""
    shipped = A.HALF_WORDS
    runs = {}
    for c in CANDIDATES:
        A.HALF_WORDS = c
        runs[c] = {k: halves(k, originals, retellings[k], opts) for k in range(len(originals))}
    A.HALF_WORDS = shipped
    even = [k for k in range(len(originals)) if k % 2 == 0]
    blocks = [[int(k) for k in b] for b in np.array_split(np.array(even), BLOCKS)]
    print(f"{opts.mode}: sentence-pair F1 per candidate (halves left) on each block, and odd")
    for c in CANDIDATES:
        row = " ".join(f"{f1(runs[c], b):.4f} ({sum(len(runs[c][k][0]) for k in b)})" for b in blocks)
        odd = [k for k in range(len(originals)) if k % 2]
        print(f"  {c:4.2f}: {row} | odd {f1(runs[c], odd):.4f} ({sum(len(runs[c][k][0]) for k in odd)})")
    for f, test in enumerate(blocks):
        train = [k for b in blocks if b is not test for k in b]
        best = max(reversed(CANDIDATES), key=lambda c: f1(runs[c], train))
        got, off = f1(runs[best], test), f1(runs[1.01], test)
        print(f"  fold {f + 1}: chosen {best:.2f}, held-out F1 {got:.4f} (off {off:.4f})")
    best = max(reversed(CANDIDATES), key=lambda c: f1(runs[c], even))
    odd = [k for k in range(len(originals)) if k % 2]
    print(f"  all even: chosen {best:.2f}; odd F1 {f1(runs[best], odd):.4f} (off {f1(runs[1.01], odd):.4f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexical", action="store_true", help="no sentence model")
    ap.add_argument("--blocks", action="store_true", help="counts per block of the even pseudo-articles, and odd")
    ap.add_argument("--cv", action="store_true", help="choose HALF_WORDS by CV over the even blocks")
    args = ap.parse_args(argv)
    opts = Options(lexical=args.lexical, quiet=True)
    originals, retellings = wmt19.build(read_jsonl(default_path("wmt19-docs")), None)
    if args.cv:
        cv(originals, retellings, opts)
        return 0
    per = {k: halves(k, originals, retellings[k], opts) for k in range(len(originals))}
    if not opts.lexical:
        opts.encoder().save()
    allh = [h for v, _ in per.values() for h in v]
    print(f"split halves left unmatched, {len(originals)} WMT19 pairs ({opts.mode}): {len(allh)}")
    print(f"  {prf(per, list(per))}")
    for (side, why), n in sorted(Counter(allh).items()):
        print(f"  {side:9s} {why:16s} {n:4d}")
    if args.blocks:
        even = [k for k in per if k % 2 == 0]
        for f, blk in enumerate(np.array_split(np.array(even), BLOCKS)):
            n = sum(len(per[int(k)][0]) for k in blk)
            print(f"  block {f + 1} (even {blk[0]}-{blk[-1]}): {n} halves; {prf(per, [int(k) for k in blk])}")
        odd = [k for k in per if k % 2]
        print(f"  odd: {sum(len(per[k][0]) for k in odd)} halves; {prf(per, odd)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
