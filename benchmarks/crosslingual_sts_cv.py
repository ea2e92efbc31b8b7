"""Can anything cheap beside the Universal Sentence Encoder's cosine lift SemEval-2017 es-en / ar-en Pearson?

    RETOLD_EVAL_CACHE=/tmp/xlcache .venv/bin/python benchmarks/crosslingual_sts_cv.py

Three things, each scored only on pairs it was not fitted on (the goal is 0.80 on both tracks):

* ``weights``: a weight per vector dimension (ridge regression of the gold score on the element-wise
  product of the two vectors, weights clipped at 0, so the score is the cosine of the two vectors each
  scaled by the weights' square roots). Fitted on the three monolingual tracks only (ar-ar, es-es, en-en,
  750 pairs), the ridge penalty chosen by five contiguous blocks of each of those tracks; the cross tracks
  are wholly held out.
* ``isotonic``: a monotone map of the cosine (isotonic regression), fitted on four contiguous blocks of 50
  pairs of a cross track and scored on the fifth.
* ``evidence``: a linear fit of the gold score on the cosine and cheap evidence, the same blocks: character
  trigrams shared after transliteration (Dice), the share of words (4 letters or more) that have a
  cognate on the other side (``fidelity.crosslingual.same_name``: transliterated, folded, close), the
  length ratio and a number on one side only.

Printed per cross track: the cosine's Pearson and each method's, per held-out block of 50 and over all.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import numpy as np
from anyascii import anyascii
from sklearn.isotonic import IsotonicRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evallib import paraphrase as cal
from evallib.data import default_path, read_jsonl
from evallib.embedding import CachedEncoder
from evallib.metrics import pearson
from retold.embed.multilingual import USE
from retold.fidelity.crosslingual import same_name

CROSS = ("track2.ar-en", "track4a.es-en")
MONO = ("track1.ar-ar", "track3.es-es", "track5.en-en")
PENALTIES = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
FOLDS = 5


class Track:
    """One track's texts (normalised as ``eval.py sts2017`` reads them), vectors and gold scores."""

    def __init__(self, enc: CachedEncoder, name: str) -> None:
        rows = read_jsonl(default_path("sts2017") / f"sts2017.{name}.jsonl")
        self.a = [cal.normal(str(r["a"])) for r in rows]
        self.b = [cal.normal(str(r["b"])) for r in rows]
        self.va, self.vb = enc.encode(self.a), enc.encode(self.b)
        self.gold = np.asarray([float(str(r["label"])) for r in rows])
        self.cos = np.asarray((self.va * self.vb).sum(axis=1))
        self.blocks = np.array_split(np.arange(len(rows)), FOLDS)


def ridge(x: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    xc = x - x.mean(axis=0)
    return np.asarray(np.linalg.solve(xc.T @ xc + penalty * np.eye(x.shape[1]), xc.T @ (y - y.mean())))


def scaled_cosine(t: Track, w: np.ndarray) -> np.ndarray:
    s = np.sqrt(np.clip(w, 0, None))
    a, b = t.va * s, t.vb * s
    return np.asarray((a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-12))


def fit_weights(mono: list[Track]) -> tuple[np.ndarray, float, dict[float, float]]:
    """The dimension weights and the penalty chosen by held-out blocks of the monolingual tracks."""
    cv = {}
    for lam in PENALTIES:
        scores = []
        for k in range(FOLDS):
            train = [np.setdiff1d(np.arange(len(t.gold)), t.blocks[k]) for t in mono]
            x = np.vstack([(t.va * t.vb)[tr] for t, tr in zip(mono, train, strict=True)])
            y = np.concatenate([t.gold[tr] for t, tr in zip(mono, train, strict=True)])
            w = ridge(x, y, lam)
            scores += [pearson(scaled_cosine(t, w)[t.blocks[k]], t.gold[t.blocks[k]]) for t in mono]
        cv[lam] = float(np.mean(scores))
    lam = max(cv, key=lambda p: cv[p])
    x = np.vstack([t.va * t.vb for t in mono])
    return ridge(x, np.concatenate([t.gold for t in mono]), lam), lam, cv


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4 and not w.isdigit()]


def _trigrams(text: str) -> set[str]:
    out: set[str] = set()
    for w in re.findall(r"[a-z0-9]+", anyascii(text).lower()):
        w = f" {w} "
        out |= {w[i : i + 3] for i in range(len(w) - 2)}
    return out


def evidence(t: Track) -> np.ndarray:
    """One row per pair: cosine, trigram Dice, cognate share, |log length ratio|, a number on one side only."""
    rows = []
    for a, b, c in zip(t.a, t.b, t.cos, strict=True):
        ga, gb = _trigrams(a), _trigrams(b)
        wa, wb = _words(a), _words(b)
        hits = sum(any(same_name(x, y) for y in wb) for x in wa) + sum(any(same_name(y, x) for x in wa) for y in wb)
        digits = set(re.findall(r"\d+", a)) ^ set(re.findall(r"\d+", b))
        rows.append(
            [
                c,
                2 * len(ga & gb) / max(1, len(ga) + len(gb)),
                hits / max(1, len(wa) + len(wb)),
                abs(math.log(max(1, len(a)) / max(1, len(b)))),
                float(bool(digits)),
            ]
        )
    return np.asarray(rows)


def held_out(t: Track, fit_predict: object) -> np.ndarray:
    """Predictions for each block from a fit on the other four (``fit_predict(train, held) -> scores``)."""
    out = np.zeros(len(t.gold))
    for held in t.blocks:
        train = np.setdiff1d(np.arange(len(t.gold)), held)
        out[held] = fit_predict(train, held)  # type: ignore[operator]
    return out


def report(name: str, t: Track, score: np.ndarray) -> None:
    folds = " ".join(f"{pearson(score[h], t.gold[h]):.3f}" for h in t.blocks)
    print(f"  {name:<9} per block {folds}; all {pearson(score, t.gold):.4f}")


def main() -> int:
    enc = CachedEncoder(USE)
    tracks = {n: Track(enc, n) for n in CROSS + MONO}
    enc.save()
    w, lam, cv = fit_weights([tracks[n] for n in MONO])
    print("ridge penalty, mean held-out block Pearson on the monolingual tracks:")
    print("  " + ", ".join(f"{p}: {v:.4f}" for p, v in cv.items()) + f"; chosen {lam}")
    for n in CROSS:
        t = tracks[n]
        feats = evidence(t)

        def iso(train: np.ndarray, held: np.ndarray, t: Track = t) -> np.ndarray:
            m = IsotonicRegression(out_of_bounds="clip").fit(t.cos[train], t.gold[train])
            return np.asarray(m.predict(t.cos[held]))

        def linear(train: np.ndarray, held: np.ndarray, t: Track = t, f: np.ndarray = feats) -> np.ndarray:
            x = np.column_stack([np.ones(len(t.gold)), f])
            coef, *_ = np.linalg.lstsq(x[train], t.gold[train], rcond=None)
            return np.asarray(x[held] @ coef)

        print(f"{n}:")
        report("cosine", t, t.cos)
        report("weights", t, scaled_cosine(t, w))
        report("isotonic", t, held_out(t, iso))
        report("evidence", t, held_out(t, linear))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
