"""The direction's fitted weights (``direction.json``), read once: the per-sentence classifier and the pair models.

Two pair models, because two kinds of retelling leave different traces. A whole retelling (a rewrite, a
condensed version) drops its source's details, so the unmatched material says who came first. A passage
lifted into an article on another subject is a small share of at least one article; there the unmatched
material mostly says which article is longer, and the passage's fit with its neighbours
(``retold.fidelity.coherence``) says where it was written. Which model reads a pair, and the share below
which a pair counts as a passage, are chosen by blocked cross-validation (``benchmarks/direction_cv.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CLASSES = ("detail", "inserted", "fragment")
PAIR_FEATURES = ("topic_sum", "topic_mean", "specifics", "plainer", "coherence")


@dataclass(frozen=True)
class PairModel:
    """A weighted sum of ``PAIR_FEATURES`` (each > 0 pointing to A): ``topic_sum`` / ``topic_mean`` the sum /
    mean of B's per-sentence log odds minus A's, ``specifics``, ``plainer`` and ``coherence`` (a side
    without neighbours standing at ``tau``). A call's confidence is the logistic of ``slope`` times the score's
    size, at most ``cap`` (None: the engine's cap for text evidence, ``direction.MAX_CONFIDENCE``)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    tau: float
    slope: float = 1.0
    cap: float | None = None


@dataclass(frozen=True)
class DirectionModel:
    """Per unmatched sentence, a multinomial logistic regression over ``CLASSES`` (a detail the other side
    left out, material brought in from elsewhere, a leftover piece of a shared sentence) turned into the log
    odds of "brought in" against "left out", fragments weighing on both sides alike; per pair the ``pair``
    model, or the ``passage`` model when the shared material is under ``passage_below`` of one article;
    ``|score| < margin`` is undetermined."""

    features: tuple[str, ...]
    coef: tuple[tuple[float, ...], ...]  # one row per class
    intercept: tuple[float, ...]
    train_prior: tuple[float, ...]  # each class's share of the training sentences
    fragment_share: float  # the share of unmatched sentences that are fragments, either way
    pair: PairModel
    margin: float
    passage: PairModel | None = None
    passage_below: float = 0.0

    def pair_for(self, shared_share: float) -> PairModel:
        """The pair model for a pair whose shared material is ``shared_share`` of the article where it is least."""
        return self.passage if self.passage is not None and shared_share < self.passage_below else self.pair

    @property
    def pair_features(self) -> tuple[str, ...]:
        """Every feature either pair model weighs."""
        both = (*self.pair.features, *(self.passage.features if self.passage else ()))
        return tuple(dict.fromkeys(both))


def _pair(raw: dict[str, object]) -> PairModel:
    feats, weights = raw["features"], raw["weights"]
    assert isinstance(feats, list) and isinstance(weights, list)
    cap = raw.get("cap")
    return PairModel(
        tuple(str(f) for f in feats),
        tuple(float(w) for w in weights),
        float(str(raw["tau"])),
        float(str(raw.get("slope", 1.0))),
        None if cap is None else float(str(cap)),
    )


@lru_cache(maxsize=1)
def _models() -> dict[str, DirectionModel]:
    raw = json.loads(Path(__file__).with_name("direction.json").read_text())
    out = {}
    for mode in ("model", "lexical"):
        m = raw[mode]
        passage = m.get("passage")
        out[mode] = DirectionModel(
            features=tuple(m["features"]),
            coef=tuple(tuple(float(w) for w in row) for row in m["coef"]),
            intercept=tuple(float(b) for b in m["intercept"]),
            train_prior=tuple(float(p) for p in m["train_prior"]),
            fragment_share=float(m["fragment_share"]),
            pair=_pair(m["pair"]),
            margin=float(m["margin"]),
            passage=_pair(passage) if passage else None,
            passage_below=float(passage["below"]) if passage else 0.0,
        )
    return out


def direction_model(mode: str) -> DirectionModel:
    """The fitted weights for ``"model"`` (sentence vectors given) or ``"lexical"`` mode."""
    return _models()[mode]
