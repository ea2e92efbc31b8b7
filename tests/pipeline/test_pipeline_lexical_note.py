"""What ``--lexical`` says it can see is what it labels: a rewording that keeps many of its words may be a
``paraphrase`` there (the paraphrase model reads the words alone); one in other words is not found."""

from __future__ import annotations

from pathlib import Path

import retold
from retold.ingest import read_article
from retold.pipeline import LEXICAL_NOTE


def test_the_lexical_note_allows_the_paraphrase_labels_it_gives(examples_dir: Path) -> None:
    a = read_article(str(examples_dir / "01_wire_original.txt"))
    b = read_article(str(examples_dir / "02_light_edit.txt"))
    c = retold.compare(a, b, lexical=True)
    assert "paraphrase" in {m.label for m in c.matches}  # the reworded headline, its words mostly kept
    assert LEXICAL_NOTE in c.notes
    assert "keeps many of its words" in LEXICAL_NOTE and "paraphrase" in LEXICAL_NOTE
    assert "are not found" not in LEXICAL_NOTE  # it said paraphrase was never found, beside a paraphrase label
