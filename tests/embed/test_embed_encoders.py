"""Encoders: the offline default, an ONNX folder given by path, and clear errors for the rest."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from retold.embed import get_encoder
from retold.embed.onnx import DEFAULT_NAME, _sha256, default_encoder, default_files, directory_encoder
from retold.errors import ModelError

PARAPHRASE = ("The minister resigned on Friday.", "On Friday the minister stepped down.")
UNRELATED = "Heavy rain flooded the valley's vineyards."


def test_default_encoder_gives_unit_vectors_that_separate_meaning() -> None:
    enc = get_encoder()
    assert enc.name == DEFAULT_NAME and enc.dim == 384
    v = enc.encode([*PARAPHRASE, UNRELATED])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > 0.7 > float(v[0] @ v[2]) + 0.3
    assert enc.encode([]).shape == (0, 384)


def test_batching_does_not_change_vectors() -> None:
    enc = get_encoder()
    texts = [*PARAPHRASE, UNRELATED, "Short.", "A much longer sentence " * 10]
    together = enc.encode(texts)
    alone = np.vstack([enc.encode([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-4


def test_pinned_files_are_verified() -> None:
    model, tok = default_files()
    assert model.name == "model.onnx" and tok.name == "tokenizer.json"
    assert len(_sha256(model)) == 64


def test_onnx_folder_by_path(tmp_path: Path) -> None:
    model, tok = default_files()
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "model.onnx").symlink_to(model)
    shutil.copy(tok, folder / "tokenizer.json")
    enc = directory_encoder(folder)
    assert enc.name == "my-model"
    ref = get_encoder().encode([PARAPHRASE[0]])
    assert np.abs(enc.encode([PARAPHRASE[0]]) - ref).max() < 1e-5
    assert get_encoder(str(folder)).dim == 384


def test_onnx_folder_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.onnx and tokenizer\.json"):
        directory_encoder(tmp_path)


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None, reason="sentence-transformers is installed"
)
def test_named_model_without_sentence_transformers_has_install_hint() -> None:
    with pytest.raises(ModelError, match=r"pip install 'retold\[hf\]'"):
        get_encoder("sentence-transformers/all-mpnet-base-v2")


def test_a_broken_onnx_folder_fails_when_named_not_at_first_use(tmp_path: Path) -> None:
    _, tok = default_files()
    (tmp_path / "model.onnx").write_bytes(b"not an onnx graph")
    shutil.copy(tok, tmp_path / "tokenizer.json")
    with pytest.raises(ModelError, match="cannot load ONNX model"):
        directory_encoder(tmp_path)


def test_the_default_model_is_loaded_on_first_encode() -> None:
    # a scan names its model before the candidate stage and needs it only after: the sessions (hundreds
    # of MB) must not be held through the candidate stage
    enc = default_encoder()
    assert enc._sessions == []
    enc.encode([PARAPHRASE[0]])
    assert len(enc._sessions) >= 1


def test_threads_asking_for_the_first_encode_at_once_share_one_set_of_sessions() -> None:
    from concurrent.futures import ThreadPoolExecutor

    enc = default_encoder()
    made = []
    make = enc._session

    def counted() -> object:
        made.append(1)
        return make()

    enc._session = counted  # type: ignore[method-assign]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: enc.encode([PARAPHRASE[0]]), range(4)))
    assert len(made) == len(enc._sessions) == enc._n_sessions  # loading takes long enough to race without a lock
    assert all(np.abs(g - got[0]).max() < 1e-5 for g in got)


def test_a_model_folder_that_cannot_be_used_says_why(tmp_path: Path) -> None:
    """A folder named as the model is checked as a folder (exit 4 with its reason), never handed to the hub loader
    nor read as an internal error: a tokenizer that does not parse, an empty folder, a path that is not there."""
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "model.onnx").write_bytes(b"x")
    (tmp_path / "bad" / "tokenizer.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    cases = [("bad", "cannot read the tokenizer"), ("empty", r"needs model\.onnx"), ("gone", "no such model folder")]
    for name, reason in cases:
        get_encoder.cache_clear()
        with pytest.raises(ModelError, match=reason):
            get_encoder(str(tmp_path / name))


def test_batches_are_made_by_token_count_and_padded_no_further() -> None:
    # a name of few characters can be many word pieces, a plain sentence of more characters few: sorted by
    # characters, batches of 4 padded these to more tokens than sorted by token count (``embed_speed.py``)
    texts = [
        "Szczepański, Wróblewski, Przybylski.",
        "It was a very good day for all of us here.",
        "Kołobrzeg-Świnoujście-Szczecin.",
        "He said that it was over, and he went home to rest.",
        "Tsipras, Varoufakis, Dijsselbloem.",
        "Rain stops.",
        "Łódź, Bydgoszcz, Częstochowa, Gdańsk.",
        "She and I went to the shop to buy some milk and bread.",
    ]
    enc = default_encoder()
    counts = [len(e.ids) for e in enc._tok.encode_batch(texts)]
    seen: list[list[int]] = []
    run = enc._run

    def spy(tokens: list[list[int]], session: int = 0) -> np.ndarray:
        seen.append([len(t) for t in tokens])
        return run(tokens, session)

    enc._run = spy  # type: ignore[method-assign]
    got = enc.encode(texts)

    def padded(lengths: list[list[int]]) -> int:
        return sum(max(b) * len(b) for b in lengths)

    by_chars = [counts[k] for k in sorted(range(len(texts)), key=lambda k: len(texts[k]))]
    by_tokens = sorted(counts)
    assert sorted(n for b in seen for n in b) == by_tokens
    assert padded(seen) == padded([by_tokens[k : k + 4] for k in range(0, 8, 4)])
    assert padded(seen) < padded([by_chars[k : k + 4] for k in range(0, 8, 4)])  # these texts tell the two apart
    assert np.array_equal(got, np.vstack([enc.encode([t]) for t in texts]))  # padding changes no vector's bits
