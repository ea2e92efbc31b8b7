"""An encoder wrapper that caches sentence vectors in /tmp between runs.

The evaluation embeds the same sentences again and again (every pair of a corpus, every run);
vectors are keyed by the SHA-1 of the text and stored per model in one ``.npz`` file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retold.embed import Encoder, get_encoder

CACHE_DIR = Path(os.environ.get("RETOLD_EVAL_CACHE", Path(tempfile.gettempdir()) / "retold-eval-cache"))


def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


class CachedEncoder(Encoder):
    """Delegates to a real encoder (loaded only when a vector is missing) and remembers every vector."""

    def __init__(self, model: str | None = None, persist: bool = True) -> None:
        self._model = model
        self.persist = persist
        self._inner: Encoder | None = None
        self.name = model or "all-MiniLM-L6-v2-int8"
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self.name)
        self.path = CACHE_DIR / f"{safe}.npz"
        self._vecs: dict[bytes, np.ndarray] = {}
        self._dirty = False
        self.dim = 0
        if persist and self.path.is_file():
            with np.load(self.path) as z:
                keys, vecs = z["keys"], z["vecs"]
            self._vecs = {bytes(k): v for k, v in zip(keys, vecs, strict=True)}
            self.dim = int(vecs.shape[1]) if len(vecs) else 0
        self.computed = 0

    def _encoder(self) -> Encoder:
        if self._inner is None:
            self._inner = get_encoder(self._model)
            self.name = self._inner.name
            self.dim = self._inner.dim
        return self._inner

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [_key(t) for t in texts]
        missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vecs}.items())
        if missing:
            vecs = self._encoder().encode([t for _, t in missing])
            for (k, _), v in zip(missing, vecs, strict=True):
                self._vecs[k] = v
            self.computed += len(missing)
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dim or self._encoder().dim), dtype=np.float32)
        return np.stack([self._vecs[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        """Write the cache when something new was embedded (atomically, so a killed run leaves no half file)."""
        if not self.persist or not self._dirty or not self._vecs:
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vecs), dtype="S20")
        vecs = np.stack(list(self._vecs.values())).astype(np.float32)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vecs=vecs)
        tmp.replace(self.path)
        self._dirty = False
