"""Results print short: ids, relation, coverage and counts, never whole texts (equality is unchanged)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import retold
from retold.corpus import Corpus

EX = Path(__file__).parents[2] / "examples"


def test_reprs_are_short_and_say_what_matters(tmp_path: Path) -> None:
    """``repr(compare(...))`` was about 26,000 characters for 3.8 KB of text: both texts, every Sentence
    with its text and normalised text, every diff op."""
    a, b = EX / "01_wire_original.txt", EX / "03_heavy_rewrite.txt"
    c = retold.compare(a, b, lexical=True)
    r = repr(c)
    # coverage_b 0.61 before session 32: the rewrite splits two lines in two (B1 + B2, B7 + B8) and each
    # second half now joins its related pair
    assert len(r) < 400, len(r)
    for part in ("a='01_wire_original'", "b='03_heavy_rewrite'", "relation='partial_reuse'", "coverage_b=0.67"):
        assert part in r
    assert f"{len(c.matches)} matches" in r and f"{len(c.flags)} flags" in r
    assert len(repr(c.a)) < 250 and f"{len(c.a.sentences)} sentences" in repr(c.a)
    assert all(len(repr(m)) < 150 and m.label in repr(m) for m in c.matches)
    assert c.a.text[100:140] not in r + repr(c.a) + "".join(map(repr, c.matches))
    # equality is still the dataclass's, field by field
    again = retold.compare(a, b, lexical=True)
    assert again == c and again.a == c.a and again.matches == c.matches
    assert replace(c.a, text=c.a.text + " ") != c.a and replace(c, mode="model") != c
    corpus = Corpus(tmp_path / "c.db")
    corpus.add(str(EX))
    found = corpus.sources(a, lexical=True)
    assert found and all(len(repr(f)) < 300 and f"b={f.edge.b!r}" in repr(f) for f in found)
