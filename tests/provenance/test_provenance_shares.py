"""Excluding a source recomputes the article's reused share and passes its sentences to the next source."""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.corpus import Corpus
from retold.provenance.shares import source_shares


@pytest.fixture(scope="module")
def corpus(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    c = Corpus(tmp_path_factory.mktemp("shares") / "s.db")
    c.add([str(examples_dir / n) for n in ("01_wire_original.txt", "02_light_edit.txt", "05_unrelated.txt")])
    return c


@pytest.fixture(scope="module")
def found(examples_dir: Path, corpus: Corpus) -> list:
    """The heavy rewrite's sources: the wire original and its light edit, both named its source."""
    return corpus.sources(retold.read_article(str(examples_dir / "03_heavy_rewrite.txt")), lexical=True)


def test_parts_add_up_and_the_best_source_takes_shared_sentences(found: list) -> None:
    assert [f.edge.b for f in found] == ["02_light_edit", "01_wire_original"]
    assert [f.edge.direction for f in found] == ["b_to_a", "b_to_a"]
    s = source_shares(found)
    light, wire = s.sources
    assert s.excluded == [] and not light.excluded and not wire.excluded
    assert light.own == light.share > 0.3 and wire.share > 0.3
    assert wire.own < wire.share  # what the wire carries, the light edit (ranked first) carries too
    assert s.reused == pytest.approx(light.own + wire.own, abs=2e-4)


def test_excluding_the_best_source_recomputes_the_figures(found: list) -> None:
    before = source_shares(found)
    after = source_shares(found, exclude={"02_light_edit", "not-a-source"})
    light, wire = after.sources
    assert after.excluded == ["02_light_edit"] and light.excluded and light.own == 0.0
    assert light.share == before.sources[0].share  # still shown, with what it would carry
    assert wire.own == wire.share == before.sources[1].share > before.sources[1].own
    assert after.reused == wire.share
    assert source_shares(found, exclude={"02_light_edit", "01_wire_original"}).reused == 0.0
    assert source_shares([]).reused == 0.0


def test_a_later_copy_is_listed_but_credited_nothing(examples_dir: Path, tmp_path: Path) -> None:
    """The wire original's "sources" in a store of its retellings are its copies: "39% of this article is
    reused from 4 sources" counted articles the direction names as taking from it."""
    c = Corpus(tmp_path / "copies.db")
    c.add([str(examples_dir / n) for n in ("03_heavy_rewrite.txt", "05_unrelated.txt")])
    found = c.sources(retold.read_article(str(examples_dir / "01_wire_original.txt")), lexical=True)
    assert [(f.edge.b, f.edge.direction) for f in found] == [("03_heavy_rewrite", "a_to_b")]
    s = source_shares(found)
    assert s.sources[0].retells_it and s.sources[0].share > 0.3 and s.sources[0].own == 0.0 and s.reused == 0.0
