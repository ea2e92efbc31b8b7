"""A model scan embeds each distinct sentence of a batch's articles once, and every article gets the vectors it would
get embedded alone."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from retold.corpus import Corpus
from retold.embed.base import Encoder, dequantise, quantise, unit_rows
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.scan import Verifier
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Seen(Encoder):
    """A vector per text from its hash (the same text, the same vector, in any batch); remembers what it was given."""

    name, dim = "seen-test", 16

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += texts
        seeds = [int(hashlib.sha256(t.encode()).hexdigest()[:8], 16) for t in texts]
        rows = [np.random.default_rng(seed).random(self.dim) for seed in seeds]
        return unit_rows(np.array(rows, dtype=np.float32).reshape(-1, self.dim))


def test_a_batch_of_articles_that_share_sentences_embeds_each_sentence_once(tmp_path: Path) -> None:
    # the wire story and its light edit share sentences word for word: the old scan embedded them once per article
    Corpus(tmp_path / "s.db").add([str(EXAMPLES)])
    enc = Seen()
    with Store(tmp_path / "s.db", write=True) as store:
        arts = store.articles_by_row(store.all_rows())
        every = [s.norm for a in arts.values() for s in a.sentences]
        assert len(set(every)) < len(every)  # the examples do share sentences
        v = Verifier(store, False, enc, Boilerplate())
        v.prepare(arts)
        assert sorted(enc.texts) == sorted(set(every))
        for r, a in arts.items():
            alone = dequantise(quantise(Seen().encode([s.norm for s in a.sentences])), enc.dim)
            assert np.array_equal(v.cache[r], alone)
        stored = store.model_vectors(list(arts), enc.name, enc.dim)
        assert all(np.array_equal(stored[r], v.cache[r]) for r in arts)
