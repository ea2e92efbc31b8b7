"""Any sentence-transformers / Hugging Face model by name or path, for users with the internet."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from retold.embed.base import Encoder, unit_rows
from retold.errors import ModelError


class SentenceTransformerEncoder(Encoder):
    """Wraps ``sentence_transformers.SentenceTransformer``; imported only when asked for."""

    def __init__(self, name_or_path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(
                f"loading {name_or_path!r} needs sentence-transformers: pip install 'retold[hf]' "
                "(or use the default model, or --lexical)"
            ) from None
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu")
        except Exception as e:  # hub, network and file errors come in many types
            raise ModelError(f"cannot load model {name_or_path!r}: {type(e).__name__}: {e}") from None
        self.name = name_or_path
        dim = self._model.get_sentence_embedding_dimension()
        self.dim = int(dim) if dim else 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vecs = self._model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False)
        return unit_rows(np.asarray(vecs, dtype=np.float32))
