"""Inside a pair the model verifies, only the sentences the other article holds enough words of are embedded first
(``gate.matchable``); a pair whose verdict is then reuse is verified again with every sentence embedded."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retold.corpus import Corpus
from retold.embed import Encoder, get_encoder
from retold.embed.base import dequantise, quantise, unit_rows
from retold.ingest import article_from_text
from retold.provenance import gate
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Settings
from retold.provenance.scan import Verifier
from retold.store.sqlite import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("a", "b", "in_a", "in_b"), gate.MATCHABLE)
def test_every_example_of_the_rule(a: str, b: str, in_a: tuple[bool, ...], in_b: tuple[bool, ...]) -> None:
    ma, mb = gate.matchable(article_from_text(a, id="a"), article_from_text(b, id="b"))
    assert (tuple(ma.tolist()), tuple(mb.tolist())) == (in_a, in_b)


def test_across_languages_every_sentence_is_matchable() -> None:
    a, b, _, _ = gate.MATCHABLE[2]
    ma, mb = gate.matchable(article_from_text(a, id="a"), replace(article_from_text(b, id="b"), language="de"))
    assert ma.all() and mb.all()


class Hashed(Encoder):
    """A vector per text from its hash (the same in any batch); remembers what it was given."""

    name, dim = "hashed-test", 16

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += texts
        seeds = [int(hashlib.sha256(t.encode()).hexdigest()[:8], 16) for t in texts]
        rows = [np.random.default_rng(seed).random(self.dim) - 0.5 for seed in seeds]
        return unit_rows(np.array(rows, dtype=np.float32).reshape(-1, self.dim))


def test_an_article_embedded_in_part_is_kept_and_stored_once_whole(tmp_path: Path) -> None:
    Corpus(tmp_path / "s.db").add([str(EXAMPLES)])
    enc = Hashed()
    with Store(tmp_path / "s.db", write=True) as store:
        arts = store.articles_by_row(store.all_rows())
        r, art = max(arts.items(), key=lambda x: len(x[1].sentences))
        n = len(art.sentences)
        first = np.arange(n) < n // 2
        v = Verifier(store, False, enc, Boilerplate())
        v.prepare({r: art}, {r: first})
        alone = dequantise(quantise(Hashed().encode([s.norm for s in art.sentences])), enc.dim)
        assert np.array_equal(v.cache[r][first], alone[first])
        assert not v.cache[r][~first].any()  # not embedded: zero, a cosine of 0 with everything
        assert store.model_vectors([r], enc.name, enc.dim) == {}  # a part is never stored
        v.cache = {}  # the next batch: the part is kept, only the rest is embedded
        v.prepare({r: art})
        assert len(enc.texts) == len({s.norm for s in art.sentences})
        assert np.array_equal(v.cache[r], alone) and r not in v.partial
        assert np.array_equal(store.model_vectors([r], enc.name, enc.dim)[r], alone)


class Counting(Encoder):
    def __init__(self, inner: Encoder) -> None:
        self.inner, self.name, self.dim, self.n = inner, inner.name, inner.dim, 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.n += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    benchmarks = str(Path(__file__).resolve().parents[2] / "benchmarks")
    if benchmarks not in sys.path:  # the real-length corpus builder (benchmarks/corpus_data.py)
        sys.path.insert(0, benchmarks)
    import corpus_data

    folder = tmp_path_factory.mktemp("sentence_gate_corpus")
    corpus_data.build(80, folder, seed=1)
    return folder / "corpus.jsonl"


def _scan(db: Path, corpus: Path, settings: Settings) -> tuple[Any, int, list[dict[str, Any]], dict[int, np.ndarray]]:
    """The scan, the sentences it embedded, its edges' evidence, and the vectors it stored."""
    c = Corpus(db, settings=settings)
    c.add([str(corpus)])
    enc = Counting(get_encoder(None))
    res, _, _ = c.scan(workers=1, encoder=enc)
    with Store(db) as st:
        evidence = [e.evidence for e in st.edges(res.mode)]
        rows = [r for (r,) in st.con.execute("SELECT article FROM model_vectors")]
        stored = st.model_vectors(rows, enc.name, enc.dim)
    return res, enc.n, evidence, stored


def test_a_model_scan_settles_pairs_on_fewer_sentences_and_finds_the_same_reuse_edges(
    corpus: Path, tmp_path: Path
) -> None:
    gated, n, evidence, stored = _scan(tmp_path / "gated.db", corpus, Settings())
    full, n_full, full_evidence, full_stored = _scan(tmp_path / "full.db", corpus, Settings(sentence_gate=False))
    # pairs settled on their matchable sentences alone (unrelated there); on these 80 articles every article is also
    # in a pair verified again whole, so the scan embeds no fewer sentences in all (at 10,000 articles it embeds fewer)
    assert n <= n_full
    assert any("embedded" in ev for ev in evidence) and not any("embedded" in ev for ev in full_evidence)
    assert gated.edges == full.edges and any(gated.edges)  # every field of every reuse edge
    assert gated.stories == full.stories and gated.compared == full.compared
    # the articles embedded whole are stored with the vectors the scan without the rule stored
    assert stored and set(stored) <= set(full_stored)
    assert all(np.array_equal(v, full_stored[r]) for r, v in stored.items())
