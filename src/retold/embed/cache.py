"""Sentence vectors kept by text, for a process that sees the same sentences again (``retold serve``).

A server is asked about the same articles again and again: one article against several, a sources
lookup and then the pair's report, a report re-posted. Encoding is nine tenths of a comparison's
work with the default model, and a kept vector is the one the model would give again: the cache is
used only when the encoder's vectors do not depend on the other sentences in a batch (checked once,
on a probe, when the cache is built; the default int8 MiniLM passes), so results are the same with it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from retold.embed.base import Encoder

PROBE = (
    "Dock workers in Calden voted on Tuesday to end a strike.",
    "The port said cargo would move again from Wednesday, after nine days in which no ship was loaded.",
    "Talks resume.",
    "The union thanked its members for their patience during the long and often bitter dispute over pay.",
)


def batch_free(encoder: Encoder) -> bool:
    """Whether the encoder gives each sentence the same vector alone as in any batch (exactly)."""
    together = encoder.encode(list(PROBE))
    alone = np.vstack([encoder.encode([t]) for t in PROBE])
    mixed = encoder.encode([PROBE[2], PROBE[0]])
    return bool(np.array_equal(together, alone) and np.array_equal(mixed, together[[2, 0]]))


class CachedEncoder(Encoder):
    """``inner`` with the vectors of its last ``max_items`` distinct sentences kept (thread-safe); a
    pass-through when ``inner`` fails :func:`batch_free`, so no result ever changes."""

    def __init__(self, inner: Encoder, max_items: int = 20_000) -> None:
        self.inner, self.max_items = inner, max_items
        self.name, self.dim = inner.name, inner.dim
        self.active = batch_free(inner)
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not self.active or not texts:
            return self.inner.encode(texts)
        with self._lock:
            kept = {t: v for t in dict.fromkeys(texts) if (v := self._kept.get(t)) is not None}
            for t in kept:
                self._kept.move_to_end(t)
        missing = [t for t in dict.fromkeys(texts) if t not in kept]
        if missing:
            new = {t: np.array(v) for t, v in zip(missing, self.inner.encode(missing), strict=True)}  # copies: a
            with self._lock:  # kept row must not hold its whole batch alive
                self._kept.update(new)
                while len(self._kept) > self.max_items:
                    self._kept.popitem(last=False)
            kept.update(new)
        self.hits += len(kept) - len(missing)
        self.misses += len(missing)
        return np.vstack([kept[t] for t in texts]).astype(np.float32, copy=False)
