"""Excluding a source recomputes the article's reused share and passes its sentences to the next source."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.corpus import Corpus
from retold.provenance.shares import source_shares


@pytest.fixture(scope="module")
def found(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list:
    corpus = Corpus(tmp_path_factory.mktemp("shares") / "s.db")
    corpus.add([str(examples_dir / n) for n in ("02_light_edit.txt", "03_heavy_rewrite.txt", "05_unrelated.txt")])
    query = retold.read_article(str(examples_dir / "01_wire_original.txt"))
    return corpus.sources(query, lexical=True)


def test_parts_add_up_and_the_best_source_takes_shared_sentences(found: list) -> None:
    assert [f.edge.b for f in found] == ["02_light_edit", "03_heavy_rewrite"]
    s = source_shares(found)
    light, heavy = s.sources
    assert s.excluded == [] and not light.excluded and not heavy.excluded
    assert light.own == light.share > 0.9 and heavy.share > 0.3
    assert heavy.own < heavy.share  # what the rewrite kept, the light edit (ranked first) carries too
    assert s.reused == pytest.approx(light.own + heavy.own, abs=2e-4)


def test_excluding_the_best_source_recomputes_the_figures(found: list) -> None:
    before = source_shares(found)
    after = source_shares(found, exclude={"02_light_edit", "not-a-source"})
    light, heavy = after.sources
    assert after.excluded == ["02_light_edit"] and light.excluded and light.own == 0.0
    assert light.share == before.sources[0].share  # still shown, with what it would carry
    assert heavy.own == heavy.share == before.sources[1].share > before.sources[1].own
    assert after.reused == heavy.share < before.reused
    assert source_shares(found, exclude={"02_light_edit", "03_heavy_rewrite"}).reused == 0.0
    assert source_shares([]).reused == 0.0
