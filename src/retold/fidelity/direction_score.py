"""The direction's evidence and its score: what one comparison's evidence is (``Evidence``, gathered in
``direction.evidence``) and how the fitted pair model, with the set weights of the credits, turns it into log odds
that A came first. Apart from the gathering and the reasons in plain words, so that the calibration benchmarks
score evidence they gathered once without the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from retold.align.verdict import coverage
from retold.fidelity.calibration import DirectionModel, PairModel, direction_model
from retold.fidelity.coherence import oriented
from retold.fidelity.unmatched import Unmatched
from retold.model import Article, Match

CREDIT_OTHER = 3.0  # a credit naming the other article's outlet: close to settled
ATTRIBUTION_WEIGHT = 1.0  # per credit one side has and the other lacks (set, not fitted)


@dataclass(frozen=True)
class Evidence:
    """Everything the direction is decided from, each part oriented so that positive means A came first."""

    mode: str
    unmatched_a: Unmatched
    unmatched_b: Unmatched
    specifics: float  # entity, number, quote flags: B lacks minus A lacks, capped
    plainer: float  # shared sentences where B reads plainer than A minus the other way round
    fit_a: float | None  # how well the sentences around A's shared passages continue them (None: none, or unmeasured)
    fit_b: float | None
    attribution: float  # credits B lacks minus credits A lacks (not naming either article), capped
    credit_other: float  # +1: B credits A's outlet; -1: A credits B's
    credit_name: str
    shared_wire: str  # a wire both credit, when neither credits the other
    lacks_a: tuple[str, ...]  # families of specifics B lacks
    lacks_b: tuple[str, ...]
    shared_share: float  # the shared material's share of the article where it is least (chars)
    quoted: float = 0.0  # the shared words' share quoted in both (``common_quotes``): none taken from the other
    credit_wire: bool = False  # the credit is to the wire whose dateline opens the credited article

    def pair_model(self) -> PairModel:
        """The pair model that reads this pair (a passage's or a whole retelling's)."""
        return direction_model(self.mode).pair_for(self.shared_share)


def shared_share(a: Article, b: Article, matches: Sequence[Match]) -> float:
    """The shared material's share of the article where it is least (chars): what picks the pair model."""
    return min(coverage(a, {i for m in matches for i in m.a}), coverage(b, {j for m in matches for j in m.b}))


def weighs_topic(pm: PairModel) -> bool:
    """Whether a pair model reads the unmatched sentences (``topic_sum``, ``topic_mean``)."""
    return any(f.startswith("topic") for f in pm.features)


def weighs_specifics(pm: PairModel) -> bool:
    """Whether a pair model counts the names, numbers and quotes one side lacks (``specifics``)."""
    return "specifics" in pm.features


def class_probabilities(rows: np.ndarray, model: DirectionModel) -> np.ndarray:
    """Per unmatched sentence, the posterior of each of ``CLASSES`` (rows sum to 1)."""
    z = rows @ np.array(model.coef).T + np.array(model.intercept)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float64)


def sentence_llr(rows: np.ndarray, model: DirectionModel) -> np.ndarray:
    """Log odds, per unmatched sentence, that it was brought in from elsewhere rather than left out.

    The classifier's posteriors over its training prior are likelihoods; a fragment is equally likely
    under either hypothesis, so it dilutes the evidence of a sentence that looks like one."""
    if not len(rows):
        return np.zeros(0)
    lik = class_probabilities(rows, model) / np.array(model.train_prior)
    det, ins, frag = lik[:, 0], lik[:, 1], lik[:, 2]
    f = model.fragment_share
    return np.asarray(np.log(((1 - f) * ins + f * frag) / ((1 - f) * det + f * frag)), dtype=np.float64)


def topic(ev: Evidence, model: DirectionModel) -> float:
    """B's unmatched material looking brought-in, minus A's: > 0 points to A as the source."""
    return pair_values(ev, model)["topic_sum"]


def pair_values(ev: Evidence, model: DirectionModel, tau: float | None = None) -> dict[str, float]:
    """Every candidate pair feature of ``PAIR_FEATURES``, oriented so that > 0 points to A; ``topic_mean`` is
    ``topic`` per unmatched sentence (a long article's many sentences do not outvote a short one's);
    ``coherence`` puts a side without neighbours at ``tau`` (by default the pair model's)."""
    la, lb = sentence_llr(ev.unmatched_a.rows, model), sentence_llr(ev.unmatched_b.rows, model)
    return {
        "topic_sum": float(lb.sum() - la.sum()),
        "topic_mean": float((lb.mean() if len(lb) else 0.0) - (la.mean() if len(la) else 0.0)),
        "specifics": ev.specifics,
        "plainer": ev.plainer,
        "coherence": oriented(ev.fit_a, ev.fit_b, ev.pair_model().tau if tau is None else tau),
    }


def score(ev: Evidence) -> float:
    """The text evidence, credits included, as log odds that A came first (dates are weighed apart)."""
    pm = ev.pair_model()
    values = pair_values(ev, direction_model(ev.mode), pm.tau)
    fitted = sum(w * values[f] for f, w in zip(pm.features, pm.weights, strict=True))
    return fitted + ATTRIBUTION_WEIGHT * ev.attribution + CREDIT_OTHER * ev.credit_other
