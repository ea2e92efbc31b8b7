"""What the candidate channels saw for a pair of articles, and the rule that admits and ranks it.

The knobs (``Settings``) and one pair's evidence (``Evidence``) are shared by every engine that finds
candidates: the bulk stage over columns (:mod:`retold.provenance.candidates`, which reads the same rule
vectorised), a ``sources`` query (:mod:`retold.provenance.query`), the vector channel
(:mod:`retold.provenance.vector_channel`), the model gate and the Spark engine. One home keeps them judging a
pair alike.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from retold.fingerprint import BANDS
from retold.store.sqlite import Info

DAY = 86_400.0


@dataclass(frozen=True)
class Settings:
    """Knobs of the candidate stage (defaults measured in ``benchmarks/corpus_scan.py``)."""

    neighbours: int = 10
    min_cos: float = 0.45
    single_cos: float = 0.8
    min_vec: int = 2
    min_vec_share: float = 0.2
    close_cos: float = 0.7  # a neighbour this close is the same sentence lightly edited
    min_close: int = 3  # sentences with such a neighbour: an edited passage, whatever its share
    bucket_cap: int = 200
    per_article: int = 20
    per_query: int = 10
    window_days: float | None = None
    model_gate: bool = True  # the model verifies only the pairs it could add to (``provenance.gate``)
    sentence_gate: bool = True  # and embeds only their sentences it could pair (``gate.matchable``) first


@dataclass
class Evidence:
    """What the channels saw for one pair; ``*_lo``/``*_hi`` count sentences of the lower/higher row."""

    lsh: int = 0
    sentences: int = 0
    quotes: int = 0
    numbers: int = 0
    vec_lo: int = 0
    vec_hi: int = 0
    vec_sum: float = 0.0
    vec_best: float = 0.0
    vec_close: int = 0

    def merge(self, other: Evidence) -> None:
        """Keep the stronger reading of each channel (the pair was seen from both sides)."""
        self.lsh = max(self.lsh, other.lsh)
        self.sentences = max(self.sentences, other.sentences)
        self.quotes = max(self.quotes, other.quotes)
        self.numbers = max(self.numbers, other.numbers)
        self.vec_lo = max(self.vec_lo, other.vec_lo)
        self.vec_hi = max(self.vec_hi, other.vec_hi)
        self.vec_sum = max(self.vec_sum, other.vec_sum)
        self.vec_best = max(self.vec_best, other.vec_best)
        self.vec_close = max(self.vec_close, other.vec_close)

    def channels(self) -> dict[str, float]:
        """The channels that saw the pair, in field order (a scan stores them with each edge; read without
        ``asdict``'s deep copy: 38 -> 9 ms of CPU for the 4,744 pairs of 10,000 real articles)."""
        values = ((f.name, getattr(self, f.name)) for f in fields(self))
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in values if v}


def admit(ev: Evidence, n_lo: int, n_hi: int, s: Settings) -> bool:
    """Whether the channels' evidence is enough to align the pair."""
    if ev.lsh or ev.sentences or ev.quotes or ev.numbers >= 2:
        return True
    return admit_vectors(ev.vec_best, ev.vec_lo, ev.vec_hi, ev.vec_close, n_lo, n_hi, s)


def admit_vectors(best: float, lo: int, hi: int, close: int, n_lo: int, n_hi: int, s: Settings) -> bool:
    """The vector channel's rule: ``lo``/``hi`` sentences of each side have a neighbour at ``min_cos`` on the
    other (``close`` of one side at ``close_cos``; ``best`` the closest) out of ``n_lo``/``n_hi``."""
    if min(n_lo, n_hi) <= 1:
        return best >= s.single_cos
    if close >= s.min_close:
        return True
    share = max(lo / max(n_lo, 1), hi / max(n_hi, 1))
    return min(lo, hi) >= s.min_vec and share >= s.min_vec_share


def strength(ev: Evidence, n_lo: int, n_hi: int) -> float:
    """One number to rank candidates: the strongest channel's share of the shorter article."""
    small = max(1, min(n_lo, n_hi))
    return max(min(1.0, ev.lsh / BANDS), min(1.0, (ev.sentences + ev.quotes) / small), min(1.0, ev.vec_sum / small))


def in_window(t1: float | None, t2: float | None, s: Settings) -> bool:
    """Whether two publication times lie within the settings' date window (always, when either is unknown)."""
    return s.window_days is None or t1 is None or t2 is None or abs(t1 - t2) <= s.window_days * DAY


def rank(e: Evidence, a: Info, b: Info, s: Settings) -> float | None:
    """The pair's ``strength`` when it is admitted and inside the date window, else None."""
    if not in_window(a.published_ts, b.published_ts, s) or not admit(e, a.n_vec, b.n_vec, s):
        return None
    return strength(e, a.n_vec, b.n_vec)
