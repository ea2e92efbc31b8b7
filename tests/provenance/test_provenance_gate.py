"""The model's gate: which candidate pairs a model scan aligns with the sentence model, and what the rest get."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from retold.corpus import Corpus
from retold.ingest import article_from_text
from retold.model import Article
from retold.provenance import gate
from retold.provenance.boilerplate import Boilerplate
from retold.provenance.evidence import Settings
from retold.provenance.jobs import REUSE, make_job, settle
from retold.store.sqlite import Store

SOURCE = (
    "The harbour authority of Calder approved a new ferry terminal on Tuesday after two years of debate. "
    "The terminal will cost about 40 million euros and open in the spring of 2028. "
    "Fishing crews had opposed the plan because the new quay takes part of their moorings. "
    "The authority promised them a second pier on the north side of the bay. "
    "Tourism officials expect the number of summer visitors to double within five years."
)
# the same story told in other words: most sentences keep many of their words
REWORDED = (
    "On Tuesday the Calder harbour authority approved a new ferry terminal following two years of debate. "
    "The terminal should cost around 40 million euros and open in spring 2028. "
    "Fishing crews opposed the plan since the new quay takes part of their moorings. "
    "The authority has promised a second pier on the bay's north side. "
    "Tourism officials expect summer visitor numbers to double in five years."
)
OTHER = (
    "A choir from the mountain town of Vessel won the national singing contest on Saturday night. "
    "Its forty members rehearsed every evening in the old school gym for half a year. "
    "The conductor, a retired music teacher, said the prize money would buy new robes. "
    "The final round was broadcast live and drew the largest audience of the season. "
    "Next year the contest moves to the capital for the first time."
)
SHORT = "Rain again. Roads closed. Schools shut. Buses late. Shops empty."


def _art(text: str, id: str, language: str | None = None) -> Article:
    art = article_from_text(text, id=id)
    return art if language is None else replace(art, language=language)


def test_a_retelling_in_other_words_needs_the_model() -> None:
    assert gate.needs_model(_art(SOURCE, "a"), _art(REWORDED, "b"), Settings())


def test_articles_on_different_subjects_do_not() -> None:
    assert not gate.needs_model(_art(SOURCE, "a"), _art(OTHER, "b"), Settings())


def test_articles_in_different_languages_always_do() -> None:
    assert gate.needs_model(_art(SOURCE, "a", "en"), _art(OTHER, "b", "de"), Settings())


def test_articles_of_too_short_sentences_say_nothing_to_the_gate() -> None:
    assert len(gate.hashed(_art(SHORT, "a"))) == 0
    assert not gate.needs_model(_art(SHORT, "a"), _art(SHORT, "b"), Settings())


def test_settle_with_the_gate_off_leaves_every_pair_to_the_model() -> None:
    job = make_job(Boilerplate(), _art(SOURCE, "a"), None, _art(OTHER, "b"), None)
    assert job is not None and settle(job, Settings(model_gate=False)) is None


def test_the_gate_is_the_vector_channels_admission_rule() -> None:
    strict = Settings(min_cos=0.99, close_cos=0.995, single_cos=0.999)
    assert not gate.needs_model(_art(SOURCE, "a"), _art(REWORDED, "b"), strict)


def test_settle_keeps_the_lexical_verdict_of_a_pair_the_model_need_not_see() -> None:
    job = make_job(Boilerplate(), _art(SOURCE, "a"), None, _art(OTHER, "b"), None)
    assert job is not None
    got = settle(job, Settings())
    assert got is not None
    edge, evidence = got
    assert edge.relation not in REUSE
    assert evidence["settled"].startswith("lexical")


def test_settle_leaves_reuse_to_the_model_even_without_close_sentences() -> None:
    # identical articles of four-word sentences: nothing is indexable, but the words are reuse
    job = make_job(Boilerplate(), _art(SHORT, "a"), None, _art(SHORT, "b"), None)
    assert job is not None and not gate.needs_model(job.a, job.b, Settings())
    assert settle(job, Settings()) is None


def test_settle_leaves_a_pair_the_model_could_pair_to_the_model() -> None:
    job = make_job(Boilerplate(), _art(SOURCE, "a"), None, _art(REWORDED, "b"), None)
    assert job is not None and settle(job, Settings()) is None


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    benchmarks = str(Path(__file__).resolve().parents[2] / "benchmarks")
    if benchmarks not in sys.path:  # the real-length corpus builder (benchmarks/corpus_data.py)
        sys.path.insert(0, benchmarks)
    import corpus_data

    folder = tmp_path_factory.mktemp("gate_corpus")
    corpus_data.build(80, folder, seed=1)
    return folder / "corpus.jsonl"


def _scan(
    db: Path, corpus: Path, settings: Settings
) -> tuple[Any, set[int], list[dict[str, Any]], list[list[tuple[str, str]]]]:
    """The scan, the rows whose vectors it embedded, its edges' evidence, and ``sources`` of the copies found."""
    c = Corpus(db, settings=settings)
    c.add([str(corpus)])
    res, _, _ = c.scan(workers=1)
    with Store(db) as st:
        embedded = {r for (r,) in st.con.execute("SELECT article FROM model_vectors")}
        evidence = [e.evidence for e in st.edges(res.mode)]
    queries = sorted({e.b for e in res.edges})[:12]
    found = [[(f.edge.b, f.edge.relation) for f in c.sources(f"{corpus}#{q}")] for q in queries]
    return res, embedded, evidence, found


def test_a_model_scan_embeds_fewer_articles_and_finds_the_same_edges(corpus: Path, tmp_path: Path) -> None:
    # every sentence of a pair the model verifies embedded (``sentence_gate`` off): the articles stored are embedded
    gated, embedded, evidence, found = _scan(tmp_path / "gated.db", corpus, Settings(sentence_gate=False))
    assert any("settled" in ev for ev in evidence)
    full_settings = Settings(model_gate=False, sentence_gate=False)
    full, all_embedded, full_evidence, full_found = _scan(tmp_path / "full.db", corpus, full_settings)
    assert not any("settled" in ev for ev in full_evidence)
    assert embedded < all_embedded
    assert [(e.a, e.b, e.relation, e.direction) for e in gated.edges] == [
        (e.a, e.b, e.relation, e.direction) for e in full.edges
    ]
    assert gated.stories == full.stories
    assert gated.compared == full.compared
    assert found == full_found and any(found)  # ``sources`` settles the same pairs: the same answers
